import { describe, expect, it } from 'vitest';
import { askingClause, datePrefix, NO_FIX, queryIntent, questionProper, temporalIntent, VERSION_QUESTION } from './intent.js';
import { anchorOverlap, datesNamed } from './temporal.js';

describe('temporalIntent: two events related', () => {
  it('reads a span between two events, or after one, as the pair of them', () => {
    expect(temporalIntent('How many weeks went by between the recall and the lawsuit?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('how long was it between the breach and its disclosure')).toEqual({ type: 'events', anchors: ['the breach', 'its disclosure'], side: 0 });
    expect(temporalIntent('How soon after the breach did the vendor ship a patch?')).toEqual({ type: 'events', anchors: ['the breach', 'the vendor ship a patch'], side: 1 });
    expect(temporalIntent('How many days before the audit was the report filed?')).toEqual({ type: 'events', anchors: ['the audit', 'the report filed'], side: -1 });
  });

  it('reads what separates two events, how long it had been since one when the other happened, how long one slipped after the other, and the date of one and the date of the other', () => {
    expect(temporalIntent('How many days separate the recall from the lawsuit? Please give both dates.')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('When the vendor shipped a patch, how many days had it been since the breach?')).toEqual({ type: 'events', anchors: ['the breach', 'the vendor shipped a patch'], side: 0 });
    expect(temporalIntent('How long had it been since the breach when the vendor shipped a patch?')).toEqual({ type: 'events', anchors: ['the breach', 'the vendor shipped a patch'], side: 0 });
    expect(temporalIntent('How many days did the patch slip after the breach? I need both dates.')).toEqual({ type: 'events', anchors: ['the breach', 'the patch'], side: 1 });
    expect(temporalIntent('How long was it? Give me the date the breach was found and the day the patch shipped, so I can count.')).toEqual({ type: 'events', anchors: ['the breach was found', 'the patch shipped'], side: 0 });
  });

  it('reads before-or-after, by-the-time and same-day questions as the pair, and cuts a second ask off the anchor', () => {
    expect(temporalIntent('Was the recall announced before or after the lawsuit, and by whom?')).toEqual({ type: 'events', anchors: ['the recall announced', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Had the patch shipped by the time the exploit was published?')).toEqual({ type: 'events', anchors: ['the patch shipped', 'the exploit was published'], side: 0 });
    expect(temporalIntent('Did the recall and the lawsuit happen in the same week?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Was the fix released on the same day as the advisory?')).toEqual({ type: 'events', anchors: ['the fix released', 'the advisory'], side: 0 });
  });

  it('reads what happened between two events, on the day of one, and the n-th event', () => {
    expect(temporalIntent('What happened between the recall and the lawsuit?')).toEqual({ type: 'between', anchors: ['the recall', 'the lawsuit'] });
    // The anchor ends at the question mark: what follows asks another thing.
    expect(temporalIntent('Was there any development between May 25 and June 3, 2026? If so what and on what day')).toEqual({ type: 'between', anchors: ['may 25', 'june 3, 2026'] });
    expect(temporalIntent('Counting from the day the recall was put on hold to the day the lawsuit was filed, how long was the delay?')).toEqual({ type: 'events', anchors: ['the day the recall was put on hold', 'the day the lawsuit was filed'], side: 0 });
    // A window "from A through B", and the days of one month ("the week of May 18-24, 2026").
    expect(temporalIntent('Anything happen in the window from May 20 through June 1, 2026? If so what and what day?')).toEqual({ type: 'between', anchors: ['may 20', 'june 1, 2026'] });
    expect(temporalIntent('Is there anything on the timeline from the week of May 18-24, 2026? If so, what was it?')).toEqual({ type: 'between', anchors: ['may 18, 2026', 'may 24, 2026'] });
    expect(temporalIntent('What else took place on the day the lawsuit was filed?')).toEqual({ type: 'on', anchor: 'the lawsuit was filed' });
    // Something else in the same week is the anchor's week, not two events related.
    expect(temporalIntent('Did anything else happen in the same week the lawsuit was filed? If so, what?')).toEqual({ type: 'on', anchor: 'the lawsuit was filed', week: true });
    expect(temporalIntent('How many days did it sit from the recall to the lawsuit?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('The recall vs. the lawsuit: give me both dates')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Two weeks ahead of the lawsuit, what happened?')).toEqual({ type: 'offset', days: -14, anchor: 'the lawsuit' });
    expect(temporalIntent('Which event came third?')).toEqual({ type: 'ordinal', n: 3 });
    expect(temporalIntent('what was the second event in the story')).toEqual({ type: 'ordinal', n: 2 });
    expect(temporalIntent('of the three dated entries, which one falls in the middle?')).toEqual({ type: 'middle' });
  });

  it('reads the dates of several events, and a question put after a clause that places it', () => {
    expect(temporalIntent('List the dates of the recall, the lawsuit and the settlement.')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit', 'the settlement'], side: 0 });
    expect(temporalIntent('When did the recall and the lawsuit happen?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Three days after the recall, what did the vendor publish?')).toEqual({ type: 'offset', days: 3, anchor: 'the recall' });
    expect(temporalIntent('Before the lawsuit, what had the vendor said?')).toEqual({ type: 'before', anchor: 'the lawsuit' });
  });

  it('reads counts in words, a list put in order with the one asked for, and dates as anchors', () => {
    expect(temporalIntent('Twelve days after the recall, what did the vendor say?')).toEqual({ type: 'offset', days: 12, anchor: 'the recall' });
    expect(temporalIntent('What happened twenty-one days after the recall?')).toEqual({ type: 'offset', days: 21, anchor: 'the recall' });
    // A bound: no further than the span, or at least as far; hours count as days begun.
    expect(temporalIntent('Did the vendor say anything within 48 hours of the recall?')).toEqual({ type: 'offset', days: 2, anchor: 'the recall', bound: 'within' });
    expect(temporalIntent('What was the last step more than a week before the lawsuit?')).toEqual({ type: 'offset', days: -7, anchor: 'the lawsuit', bound: 'beyond' });
    expect(temporalIntent('What happened 36 hours after the recall?')).toEqual({ type: 'offset', days: 2, anchor: 'the recall' });
    expect(temporalIntent('Go back 14 days from the recall. What was the vendor doing?')).toEqual({ type: 'offset', days: -14, anchor: 'the recall' });
    expect(temporalIntent('In the week leading up to the lawsuit, what happened?')).toEqual({ type: 'offset', days: -7, anchor: 'the lawsuit', bound: 'within' });
    expect(temporalIntent('walk me through the events from the recall up to the settlement')).toEqual({ type: 'between', anchors: ['the recall', 'the settlement'] });
    expect(temporalIntent('The recall versus the lawsuit: which one came earlier?')).toEqual({ type: 'order', first: true, anchors: ['the recall', 'the lawsuit'] });
    expect(temporalIntent("June '26 developments, with dates")).toEqual({ type: 'month', month: '2026-06' });
    expect(temporalIntent('Order these for me: the lawsuit, the recall and the settlement')).toEqual({ type: 'events', anchors: ['the lawsuit', 'the recall', 'the settlement'], side: 0 });
    expect(temporalIntent('recall, lawsuit, settlement: which came last?')).toEqual({ type: 'events', anchors: ['recall', 'lawsuit', 'settlement'], side: 0, pick: 3 });
    expect(temporalIntent('Is there anything dated after March 2026?')).toEqual({ type: 'after', anchor: 'march 2026' });
    expect(temporalIntent('List whatever is on the timeline from 1 June 2026 onwards, oldest first.')).toEqual({ type: 'after', anchor: '1 june 2026' });
    expect(temporalIntent('Everything from the recall on?')).toEqual({ type: 'after', anchor: 'the recall' });
    expect(temporalIntent('Where did the case stand as of mid-April?')).toEqual({ type: 'until', anchor: 'mid-april' });
  });

  it('reads an anchor put first ("X - what came next?", "after that"), a span counted forward, and what kicked things off', () => {
    expect(temporalIntent('The vendor recalled the pump on May 3 - what was the next development after that?')).toEqual({ type: 'after', anchor: 'the vendor recalled the pump on may 3' });
    expect(temporalIntent("Starting from the recall, what's the next thing that happened?")).toEqual({ type: 'after', anchor: 'the recall' });
    expect(temporalIntent('The lawsuit was filed on June 4. Earlier that same week, what had the vendor done?')).toEqual({ type: 'offset', days: -7, anchor: 'the lawsuit was filed on june 4', bound: 'within' });
    expect(temporalIntent('Count twelve days forward from the recall. What is on the timeline for that day?')).toEqual({ type: 'offset', days: 12, anchor: 'the recall' });
    expect(temporalIntent('Fast-forward two days from the recall: who spoke up?')).toEqual({ type: 'offset', days: 2, anchor: 'the recall' });
    expect(temporalIntent('did the recall come before the lawsuit, or after?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Between May 3 and June 4, what is the one dated event in the middle?')).toEqual({ type: 'between', anchors: ['may 3', 'june 4'] });
    expect(temporalIntent('Of everything on the timeline, what kicked the whole sequence off?')).toEqual({ type: 'earliest' });
    expect(temporalIntent('Acme Widget advisory - original release date')).toEqual({ type: 'earliest' });
    expect(temporalIntent('Rewind fourteen days from the lawsuit. Where did things stand?')).toEqual({ type: 'offset', days: -14, anchor: 'the lawsuit' });
    expect(temporalIntent('On the second day after the recall, what did the vendor promise?')).toEqual({ type: 'offset', days: 2, anchor: 'the recall' });
    expect(temporalIntent('Take the day the lawsuit was filed and go back two days. What happened then?')).toEqual({ type: 'offset', days: -2, anchor: 'the day the lawsuit was filed' });
    expect(temporalIntent('what happened in the window May 22 through June 3, 2026')).toEqual({ type: 'between', anchors: ['may 22', 'june 3, 2026'] });
    expect(temporalIntent('From the recall to the lawsuit, how many days went by?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Of all the dated events, which one comes first and on what day?')).toEqual({ type: 'earliest' });
    expect(temporalIntent('late-May 2026 status of the recall, per the timeline')).toEqual({ type: 'month', month: '2026-05' });
    expect(temporalIntent('Which two entries fall in the same week of June 2026?')).toEqual({ type: 'month', month: '2026-06' });
    expect(temporalIntent('What is the next step the vendor plans?')).toBeNull();
  });

  it('counts "a week and a half" in days, ends an anchor at a clause of its own, and reads "as of what date" as asking one', () => {
    expect(temporalIntent('About a week and a half before the recall, something happened with the pump. What was it?')).toEqual({ type: 'offset', days: -11, anchor: 'the recall' });
    // A span restated after the anchor is no word of it ("week" would name another event).
    expect(temporalIntent('did anything happen in the few days right after the recall, same week?')).toEqual({ type: 'after', anchor: 'the recall' });
    expect(temporalIntent('What happened one and a half weeks after the recall?')).toEqual({ type: 'offset', days: 11, anchor: 'the recall' });
    expect(temporalIntent('Going by the newest entry, where do things stand and as of what date?')).toEqual({ type: 'latest' });
    expect(temporalIntent('Where did things stand as of the recall?')).toEqual({ type: 'until', anchor: 'the recall' });
    // A lab's newest model is a thing, not the newest event.
    expect(temporalIntent('Can a lab hand its newest model to vetted outsiders before launch?')).toBeNull();
  });

  it('reads "the last dated thing that happened" as the latest event, as "the first thing" is the earliest', () => {
    expect(temporalIntent("what's the last dated thing that happened here, and on which day?")).toEqual({ type: 'latest' });
    expect(temporalIntent('What was the last development in the recall?')).toEqual({ type: 'latest' });
    expect(temporalIntent('What was the last step the vendor took?')).toEqual({ type: 'latest' });
    expect(temporalIntent('Of the developments that have a date, which is the last one, and who spoke?')).toEqual({ type: 'latest' });
    expect(temporalIntent('Of the dated entries, which was the first one?')).toEqual({ type: 'earliest' });
    // The last of something else is no event: a version, an item on a list.
    expect(temporalIntent('Which version was the last to ship?')).toBeNull();
    expect(temporalIntent("It coordinates scanning, validation and... what's the last item on that list?")).toBeNull();
  });

  it('relates two events asked after a topic put first, "or did that come afterwards", and "from A to B - what are the dates"', () => {
    expect(temporalIntent('For my summary: was the recall before or after the lawsuit? Date of the recall?')).toEqual({ type: 'events', anchors: ['the recall', 'the lawsuit'], side: 0 });
    expect(temporalIntent('Was the vendor already talking about a recall before the lawsuit was filed, or did that only come afterwards?')).toEqual({ type: 'events', anchors: ['the vendor already talking about a recall', 'the lawsuit was filed'], side: 0 });
    expect(temporalIntent('From the day of the recall to the day the lawsuit was filed - what are the two dates?')).toEqual({ type: 'events', anchors: ['the day of the recall', 'the day the lawsuit was filed'], side: 0 });
  });

  it('reads a first publication asked for beside a revision, and of an advisory alone', () => {
    expect(temporalIntent('Acme Widget advisory: when did CISA first publish it, and when did the Update A revision come out?')).toEqual({ type: 'update', names: ['update a'], first: true });
    expect(temporalIntent('Acme Widget advisory - original publication date and when was Update B posted?')).toEqual({ type: 'update', names: ['update b'], first: true });
    expect(temporalIntent('When did the Acme Widget advisory first come out, and when was it last revised?')).toEqual({ type: 'update', names: [], first: true });
    // "The dates of A and of B" are two events to look for, unless they are the advisory's first publication and its revision.
    expect(temporalIntent('Acme Widget advisory: date of the original release and of the follow-up revision?')).toEqual({ type: 'update', names: [], first: true });
    expect(temporalIntent('What changed in Update B of the Acme Widget advisory?')).toEqual({ type: 'update', names: ['update b'], first: false });
    expect(temporalIntent('Acme Widget advisory - on what dates did Update A and Update B come out?')).toEqual({ type: 'update', names: ['update a', 'update b'], first: false });
    expect(temporalIntent('What did Updates A, B and C of the Acme Widget advisory change?')).toEqual({ type: 'update', names: ['update a', 'update b', 'update c'], first: false });
    expect(temporalIntent('When was the Acme Widget advisory updated after its first release?')).toEqual({ type: 'update', names: [], first: false });
    // An advisory is named by its id too.
    expect(temporalIntent('When was ICSA-22-258-04 (Acme SAML) last revised?')).toEqual({ type: 'update', names: [], first: false });
    expect(temporalIntent('When did CISA first put out the advisory on the Acme Widget vulnerabilities?')).toEqual({ type: 'earliest' });
    // A product first released is no advisory's first publication.
    expect(temporalIntent('When was the Acme Widget 5.1 firmware first released?')).toBeNull();
  });

  it('reads "A vs. B. Both dates"', () => {
    expect(temporalIntent('the recall vs. the CEO promising a fix "by the end of the week". Both dates')).toEqual({ type: 'events', anchors: ['the recall', 'the ceo promising a fix "by the end of the week"'], side: 0 });
  });

  it('reads "before B, or only afterwards"', () => {
    expect(temporalIntent('Did the CEO talk up the deal before the board signed it, or only afterwards?')).toEqual({ type: 'events', anchors: ['the ceo talk up the deal', 'the board signed it'], side: 0 });
  });

  it('leaves questions that only mention a second thing or a span alone', () => {
    expect(temporalIntent('Which release added the second password?')).toBeNull();
    expect(temporalIntent('How many days do agencies have to comply?')).toBeNull();
    expect(temporalIntent('What is the difference between the two products?')).toBeNull();
    expect(temporalIntent('What are the dates of the advisory?')).toBeNull();
  });
});

describe('anchorOverlap', () => {
  it('counts a word the event did, not one it only plans or places itself by', () => {
    expect(anchorOverlap(['signing'], 'The White House paused plans to sign the order.')).toBe(0);
    expect(anchorOverlap(['signing'], 'A draft was withdrawn shortly before signing.')).toBe(0);
    expect(anchorOverlap(['signing'], 'The President signed the order.')).toBe(0.5);
    expect(anchorOverlap(['pause', 'signed'], 'The White House paused plans to sign; the order was signed later.')).toBe(1.5);
  });
});

describe('queryIntent: kinds of passage', () => {
  it('weighs the timeline as much as a fix when the question asks when an advisory came out', () => {
    expect(queryIntent('When did CISA put out the Acme Widget advisory?').kindBoost.timeline).toBe(0.35);
    expect(queryIntent("What's the release date of the Acme advisory for CVE-2024-0001?").kindBoost.timeline).toBe(0.35);
    // A fix's release is no advisory's publication; a bare "when" weighs the timeline less.
    expect(queryIntent('When will Acme release a patch?').kindBoost.timeline).toBe(0.15);
    // "What firmware does the vendor want us on" asks for the fix.
    expect(queryIntent('What firmware does the vendor want us on?').kindBoost.remediation).toBe(0.35);
    expect(queryIntent('Which release should we move to?').kindBoost.remediation).toBe(0.35);
    // A revision asked for as the one to update to, or after a semicolon, is a fix's version, not a revision of the advisory.
    for (const q of ['Acme Exaopc and the hard-coded credentials issue: which revision should we update to?', "We're on Exaopc R3.75.00. Which revision does Acme want us on?", 'Acme myPRO has a bunch of command injection CVEs; which version should we be on?']) {
      expect(VERSION_QUESTION.test(askingClause(q))).toBe(true);
      expect(queryIntent(q).kindBoost).toMatchObject({ remediation: 0.35 });
      expect(queryIntent(q).kindBoost.timeline).toBeUndefined();
    }
    expect(queryIntent('What changed in revision 2 of the Acme advisory?').kindBoost.timeline).toBe(0.35);
    // "Which controllers are listed": the affected products, which score lines list.
    expect(queryIntent('Which Acme controllers are listed in the advisory?').kindBoost.vulnerability).toBe(0.35);
    // A KEV entry's catalog event says whether ransomware campaigns use the flaw.
    expect(queryIntent('Has CVE-2019-3396 been used by ransomware crews?').kindBoost.timeline).toBe(0.35);
    // "Which vendor's gear": the Vendors line names it.
    expect(queryIntent("Which vendor's machinery protection gear does CVE-2021-0001 affect?").kindBoost.entity).toBe(0.2);
    // The devices an advisory covers are named by its Products line.
    expect(queryIntent('Which pump models does the Acme advisory list?').kindBoost.entity).toBe(0.2);
    // The Vendors line says which vendor; a list of agencies does not say which one runs a thing.
    expect(queryIntent('Which vendor made the reader configuration cards?').kindBoost.entity).toBe(0.2);
    expect(queryIntent('Which agency runs the classified benchmarking?').kindBoost.entity).toBe(-0.3);
    // A sentence before the question sets its topic: the question is what follows.
    expect(askingClause('There was a robot whose updates leaked credentials. Which product was that?')).toBe('Which product was that?');
    // What exploitation allows is said in an advisory's prose.
    expect(queryIntent('What could an attacker do once inside the Acme web interface?').kindBoost.body).toBe(0.35);
    expect(queryIntent('What is the impact of CVE-2024-0001?').kindBoost.body).toBe(0.35);
  });
});

describe('datesNamed', () => {
  it('reads a day, a month, part of a month and a year as the days they cover, a missing year from the story', () => {
    expect(datesNamed('2026-06-04', undefined)).toEqual({ from: '2026-06-04', to: '2026-06-04' });
    expect(datesNamed('May 21, 2026', undefined)).toEqual({ from: '2026-05-21', to: '2026-05-21' });
    expect(datesNamed('the 3rd of June', '2025')).toEqual({ from: '2025-06-03', to: '2025-06-03' });
    expect(datesNamed('February 2024', undefined)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(datesNamed('late June 2026', undefined)).toEqual({ from: '2026-06-21', to: '2026-06-30' });
    expect(datesNamed('2025', undefined)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(datesNamed('the signing', '2026')).toBeNull();
    expect(datesNamed('May 21', undefined)).toBeNull();
  });
});

describe('queryIntent: a fix asked for', () => {
  it('reads "will X patch it" and "will X ship a security update" as asking for a fix that may say there is none', () => {
    expect(queryIntent('Is Acme going to ship a security update for the Widget Controller?').asksForFix).toBe(true);
    expect(queryIntent('Will Acme patch the Widget Controller?').asksForFix).toBe(true);
    expect(queryIntent('Which version fixes the Widget Controller flaw?').asksForFix).toBe(false);
    expect(NO_FIX.test('Acme reports they will not be issuing a product security update.')).toBe(true);
    expect(NO_FIX.test('Acme has not developed a product fix.')).toBe(true);
  });

  it('reads "what is CVE-X" as asking for its description, and a fix not yet available as none', () => {
    expect(queryIntent('What is CVE-2020-6994?').describes).toBe('CVE-2020-6994');
    expect(queryIntent('what does cve-2020-6994 allow an attacker to do?').describes).toBe('CVE-2020-6994');
    expect(queryIntent('Which product does CVE-2020-6994 affect?').describes).toBeNull();
    expect(queryIntent('Acme Widget PLCs - what is the vulnerability CISA flagged?').listsFlaws).toBe('described');
    // The CVE ids themselves, asked for by their name: the advisory's line of its CVEs leads.
    expect(queryIntent('Acme Widget XSS advisory, which CVE IDs are in it').listsFlaws).toBe('cves');
    expect(queryIntent('Anything from CISA on the Acme Widget? Looking for the CVE numbers.').listsFlaws).toBe('cves');
    // Any advisory on a product asked for is about its flaws; what a text says, or its timeline holds, is not.
    expect(queryIntent('anything published on the Acme Widget Controller?').listsFlaws).toBe('described');
    expect(queryIntent('Any advisory on Acme widget controllers?').listsFlaws).toBe('described');
    expect(queryIntent('Did CISA put out anything on the Acme Widget? What can an attacker do?').listsFlaws).toBe('flaws');
    expect(queryIntent('Does the order say anything about AI in weapons systems?').listsFlaws).toBeNull();
    expect(queryIntent('anything on the timeline in the 72 hours after the signing').listsFlaws).toBeNull();
    expect(NO_FIX.test("Acme's mitigations for these vulnerabilities are not yet available.")).toBe(true);
  });

  it('reads a vendor that has not answered CISA, or is gone, or is still writing the fix, as offering none', () => {
    expect(NO_FIX.test('Acme has not responded to requests to work with CISA to mitigate this vulnerability.')).toBe(true);
    expect(NO_FIX.test("Acme did not respond to CISA's attempts at coordination.")).toBe(true);
    expect(NO_FIX.test('Acme has been unresponsive to NCCIC.')).toBe(true);
    expect(NO_FIX.test('The vendor, Acme, is no longer actively in business.')).toBe(true);
    expect(NO_FIX.test('Acme is currently developing a fix for this vulnerability.')).toBe(true);
    // ... or says in other words that there is none, or will be none.
    expect(NO_FIX.test('Acme does not currently have a fix for these vulnerabilities.')).toBe(true);
    expect(NO_FIX.test('Version 3.x has reached end of support, and no further firmware updates will be released.')).toBe(true);
    expect(NO_FIX.test('The Widget Setting Utility will not receive a patched version.')).toBe(true);
    expect(NO_FIX.test('Acme has not yet released an updated version.')).toBe(true);
    expect(NO_FIX.test('Acme will not issue a product update to address these vulnerabilities.')).toBe(true);
    expect(NO_FIX.test('Versions before 4.2 will not be hot-fixed.')).toBe(true);
    expect(NO_FIX.test('Currently no remediation is planned.')).toBe(true);
    expect(NO_FIX.test('The Widget 300 is obsolete.')).toBe(true);
    expect(NO_FIX.test('The Widget 700 series was discontinued in 2018 and cannot be updated.')).toBe(true);
    expect(NO_FIX.test('Acme reports that the insufficiently protected credentials vulnerability will not be addressed.')).toBe(true);
    expect(NO_FIX.test('Acme will not be developing mitigations for the vulnerabilities affecting the Widget 200.')).toBe(true);
    expect(NO_FIX.test('There is no need to update the Plus series.')).toBe(false);
    expect(NO_FIX.test('Acme offers an alternative mitigation that does not require patching.')).toBe(false);
    // A device that stops answering is a flaw's effect, not a vendor's silence.
    expect(NO_FIX.test('Exploitation may cause the device to become unresponsive.')).toBe(false);
    expect(NO_FIX.test('The controller is set to not respond to PING requests.')).toBe(false);
  });
});

describe('questionProper', () => {
  it("reads a question without the asker's instructions on the answer's form", () => {
    expect(questionProper('Quick check: is the NSA on the list? yes/no')).toBe('is the NSA on the list?');
    expect(questionProper('date the recall was announced, ISO format please')).toBe('date the recall was announced');
    expect(questionProper('In one line: what is the clearinghouse for?')).toBe('what is the clearinghouse for?');
    // What the asker is busy with, set off by a dash, and what their team wants to know, are no part of the question.
    expect(questionProper('Prepping a CISO brief - in one line, what is the clearinghouse for?')).toBe('what is the clearinghouse for?');
    expect(questionProper('Our legal team wants to know what the order rules out for developers.')).toBe('what the order rules out for developers.');
    expect(questionProper('does the order set up a permit regime? short answer')).toBe('does the order set up a permit regime?');
    // A colon that puts a topic or a list first is the question's own.
    expect(questionProper('recall, lawsuit, settlement: which came last?')).toBe('recall, lawsuit, settlement: which came last?');
    expect(questionProper('yes/no')).toBe('yes/no');
    expect(questionProper('Quick sanity check: the recall was voluntary, right?')).toBe('the recall was voluntary, right?');
    expect(questionProper('I need the day the recall was announced (YYYY-MM-DD).')).toBe('I need the day the recall was announced.');
    expect(questionProper('how bad is the cleartext password issue, CVSS-wise')).toBe('how bad is the cleartext password issue, CVSS');
    expect(questionProper('For the record, what is the YYYY-MM-DD date the recall was announced?')).toBe('what is the date the recall was announced?');
    expect(questionProper('date of the recall, yyyy-mm-dd')).toBe('date of the recall');
    expect(questionProper('who else got deadlines? acronyms ok')).toBe('who else got deadlines?');
    expect(questionProper('Bottom line for our team: is the recall voluntary? one word is fine')).toBe('is the recall voluntary?');
    expect(questionProper('true or false: the recall was voluntary')).toBe('the recall was voluntary');
    expect(questionProper('Which came later? ISO date please')).toBe('Which came later?');
    expect(questionProper('I need the ISO date on which the recall was announced.')).toBe('I need the date on which the recall was announced.');
    // Asking for the dates of what was asked, after it: the events are told with their dates.
    expect(questionProper("Which event is the newest? I need its date for the 'as of' line in my note.")).toBe('Which event is the newest?');
    expect(questionProper('Did the recall come before the lawsuit? Give me both dates.')).toBe('Did the recall come before the lawsuit?');
    expect(questionProper('Which came first? Give me the date of whichever was first.')).toBe('Which came first?');
    // A remark that tells its days by their events asks for them: it is the question.
    const days = 'How long was the recall on hold? I want the day the recall was paused and the day it resumed, so I can count the gap.';
    expect(questionProper(days)).toMatch(/I want the day the recall was paused and the day it resumed/u);
    expect(questionProper('How many days from the recall to the lawsuit? Pls include both dates so I can check.')).toBe('How many days from the recall to the lawsuit?');
    expect(questionProper('Plain English please: what did the recall rule out?')).toBe('what did the recall rule out?');
    // What the asker is trying to work out, after the question; a footnote they need, before it.
    expect(questionProper('Which operators does the recall cover? trying to figure out if utilities are in scope')).toBe('Which operators does the recall cover?');
    expect(questionProper("I need a proper footnote for the piece titled 'Recall Review'. Which outlet put it out?")).toBe("the piece titled 'Recall Review'. Which outlet put it out?");
    // "Push Update A" releases it; "the push for" is a noun.
    expect(questionProper('When did CISA push Update A to the Acme advisory?')).toBe('When did CISA release Update A to the Acme advisory?');
    expect(questionProper('Did the push for tougher vetting survive?')).toBe('Did the push for tougher vetting survive?');
    // "The signature" is the signing; "the signature check" is no event.
    expect(questionProper('A week before the signature, what happened?')).toBe('A week before the signing, what happened?');
    expect(questionProper('Can an attacker bypass the signature check?')).toBe('Can an attacker bypass the signature check?');
    // Why the asker asks is no part of what: a lead ("Our legal folks are asking:") and a purpose ("so I can ...", "for the footnote").
    expect(questionProper('Our legal folks are asking: is the recall voluntary?')).toBe('is the recall voluntary?');
    expect(questionProper('What are the two dates, so I can check that claim myself?')).toBe('What are the two dates?');
    expect(questionProper('I need the date the recall was announced for a slide')).toBe('I need the date the recall was announced');
    // ... nor what the asker is busy with, wants to do, remembers or has seen.
    expect(questionProper('Building a slide deck. When was the recall announced?')).toBe('When was the recall announced?');
    expect(questionProper('For the chronology section of my memo: when was the recall announced?')).toBe('when was the recall announced?');
    expect(questionProper('for a chronology i\'m building - when was the recall announced?')).toBe('when was the recall announced?');
    // ... but a topic put first is the question's own.
    expect(questionProper('For the Acme Widget advisory: which versions are affected?')).toBe('For the Acme Widget advisory: which versions are affected?');
    expect(questionProper('Walk me through what the board does.')).toBe('explain what the board does.');
    // What a colleague claims is the asker's to check, not the question; "the actual signature" is the signing; "centered on" is focused on.
    expect(questionProper('A colleague claims the recall came on June 2. Can you confirm the date?')).toBe('the recall came on June 2. Can you confirm the date?');
    expect(questionProper('How long from the pause to the actual signature?')).toBe('How long from the pause to the signing?');
    expect(questionProper('What was that draft centered on?')).toBe('What was that draft focused on?');
    expect(questionProper('I need both dates to count the gap: when was the recall announced?')).toBe('when was the recall announced?');
    // A draft that "got yanked" or "was pulled" was withdrawn.
    expect(questionProper('Why did the draft get yanked?')).toBe('Why did the draft get withdrawn?');
    expect(questionProper('What was in the draft that was pulled?')).toBe('What was in the draft that was withdrawn?');
    // "Any development" is any event.
    expect(questionProper('Any development on the recall since May?')).toBe('Any event on the recall since May?');
    // A signature dates the signing.
    expect(questionProper("Need the signature date - when did the president's signature land?")).toBe('Need the signing date - when did the signing land?');
    expect(questionProper('I want to work out how long the recall lasted.')).toBe('how long the recall lasted.');
    expect(questionProper('I remember Acme ran something on this - what angle did it take?')).toBe('Acme ran something on this - what angle did it take?');
    expect(questionProper("What does the recall cover? I've seen 'pumps' mentioned but I think the list is longer.")).toBe('What does the recall cover?');
    expect(questionProper("Which advisories name it? I think it's a license server thing.")).toMatch(/I think it's a license server thing/);
    expect(questionProper('Chronology check: was the recall first? ISO format pls')).toBe('was the recall first?');
    expect(questionProper('Quick sequencing check for a slide: was the recall first?')).toBe('was the recall first?');
    expect(questionProper("In plain english, what's the recall going to cover? two models I think")).toBe("what's the recall going to cover?");
    expect(questionProper('quick one: what is the recall called, word for word? everyone keeps shortening it')).toBe('what is the recall called?');
    // Idioms for a story's events read as the events: signing, pausing.
    expect(questionProper('When did the CEO put pen to paper on the deal?')).toBe('When did the CEO sign on the deal?');
    expect(questionProper('When did the board put the vote on ice?')).toBe('When did the board pause the vote?');
    expect(questionProper('Why did the board hold off on voting?')).toBe('Why did the board pause voting?');
    expect(questionProper('When did the board freeze the vote?')).toBe('When did the board pause the vote?');
    expect(questionProper('When did the board hit the brakes on the vote?')).toBe('When did the board pause the vote?');
    expect(questionProper('The vote got put on hold, then shelved. When was it halted?')).toBe('The vote got paused, then paused. When was it paused?');
    expect(questionProper('my notes just say the vote happened in late May')).toBe('the vote happened in late May');
    expect(questionProper('Did the CEO put his signature on the deal on June 2?')).toBe('Did the CEO sign the deal on June 2?');
    expect(questionProper('Which outlet ran that story?')).toBe('Which outlet published that story?');
    expect(questionProper('What day was it when the CEO told reporters?')).toBe('when the CEO told reporters?');
    expect(questionProper('our slide deck currently says the recall began June 3rd. is that right?')).toBe('the recall began June 3rd. is that right?');
    expect(questionProper('i remember reading that the recall covers pumps - which outlet ran that story?')).toBe('the recall covers pumps - which outlet published that story?');
    expect(questionProper('One headline is about the recall. Which publication ran that?')).toBe('One headline is about the recall. Which publication published that?');
    expect(questionProper('Put simply: is the recall about pumps?')).toBe('is the recall about pumps?');
    expect(questionProper('Counting days: how long after the recall did the CEO resign?')).toBe('how long after the recall did the CEO resign?');
    expect(questionProper('Did the CEO resign before the recall, or only afterwards? Dates for both, please.')).toBe('Did the CEO resign before the recall, or only afterwards?');
    expect(questionProper('Need the signature date on the deal in ISO format for a calendar.')).toBe('Need the signing date on the deal for a calendar.');
    expect(questionProper('Count the days for me: the recall vs. the resignation')).toBe('the recall vs. the resignation');
    // "Ran" of anything but a publication is no publishing.
    expect(questionProper('Which script ran that?')).toBe('Which script ran that?');
  });
});

describe('askingClause', () => {
  it('sets aside a clause that sets the scene ("When officials argued, what ..."), not a question of when', () => {
    expect(askingClause('When officials argued about the recall, besides cost what were they afraid of?')).toBe('besides cost what were they afraid of?');
    expect(askingClause('When did the recall start, and what did it cover?')).toBe('When did the recall start, and what did it cover?');
  });
});

describe('datePrefix', () => {
  it('reads a month shortened ("Dec 2021") and a year before the advisory it dates', () => {
    expect(datePrefix('Acme Widget (Dec 2021 CISA advisory): which CVE?')).toBe('2021-12');
    expect(datePrefix('the Sept. 2020 advisory')).toBe('2020-09');
    expect(datePrefix('The 2018 Acme e-Widget Unit advisory: which sector?')).toBe('2018');
    expect(datePrefix('What does CVE-2018-1234 do in the advisory?')).toBeNull();
  });

  it('asks when an advisory came out by its id, and with the release date asked after it', () => {
    expect(queryIntent('Release date of ICSA-24-177-01 (Acme Widget)').published).toBe(true);
    expect(queryIntent('Acme reader cards advisory - release date').published).toBe(true);
    expect(queryIntent('What is the release date of the fixed firmware?').published).toBe(false);
  });
});

describe('a remark before the question', () => {
  it('reads the question asked with a preposition after a remark, and the tracker an asker needs a day for', () => {
    expect(askingClause('quick check before I send this out: on which exact day did Trump sign it?')).toBe('on which exact day did Trump sign it?');
    expect(questionProper('For our tracker I need the day the order was signed.')).toBe('I need the day the order was signed.');
    // "Trump's signature went on the order": Trump signed it.
    expect(questionProper("On which day did Trump's signature go on the AI order?")).toBe('On which day did Trump sign the AI order?');
    expect(questionProper("I need the day the president's signature went on the AI order.")).toBe('I need the day the president signed the AI order.');
  });
});

describe('who ran a piece', () => {
  it('reads who ran or carried a piece as who published it, not who ran a board', () => {
    expect(questionProper('who ran "Acme Recall Widens"')).toBe('who published "Acme Recall Widens"');
    expect(questionProper('The op-ed on the recall: who ran it?')).toBe('The op-ed on the recall: who published it?');
    expect(questionProper('Which news outlet carried the interview?')).toBe('Which news outlet published the interview?');
    expect(questionProper('Who ran the review board?')).toBe('Who ran the review board?');
  });
});

describe('a scene set before a yes-or-no question', () => {
  it('asks what follows "so when X," but keeps the condition of "so if X,"', () => {
    expect(askingClause('So when developers hand models over, is that compulsory or opt-in?')).toBe('is that compulsory or opt-in?');
    expect(askingClause('When officials argued over the risk, were banks part of it?')).toBe('were banks part of it?');
    expect(askingClause('So if a lab keeps its model, is it in breach of the order?')).toBe('So if a lab keeps its model, is it in breach of the order?');
    expect(askingClause('If a lab finds a flaw, does the order make it tell anyone?')).toBe('If a lab finds a flaw, does the order make it tell anyone?');
  });
});

describe('a pause put otherwise', () => {
  it('reads "stalled" and "got held up" as paused', () => {
    expect(questionProper('What stalled the signing?')).toBe('What paused the signing?');
    expect(questionProper('The order got held up in late May - which day?')).toBe('The order got paused in late May - which day?');
  });
});

describe('queryIntent: a CVE id alone', () => {
  it('asks what the CVE is, as "what is CVE-X" does', () => {
    expect(queryIntent('CVE-2022-2003').describes).toBe('CVE-2022-2003');
    expect(queryIntent('  cve-2022-2003?').describes).toBe('CVE-2022-2003');
    expect(queryIntent('CVE-2022-2003 fixed version').describes).toBeNull();
  });
});

describe('queryIntent: what a CVE is, and which product', () => {
  it('asks for its description beside the product, not beside how serious it is', () => {
    expect(queryIntent('What is CVE-2023-39226 and which product does it hit?').describes).toBe('CVE-2023-39226');
    expect(queryIntent('CVE-2023-29155 what is it and which product').describes).toBe('CVE-2023-29155');
    expect(queryIntent('what is CVE-2020-13535 and how serious is it?').describes).toBeNull();
    expect(queryIntent('CVE-2019-18234 - what is it and how severe?').describes).toBeNull();
  });
});

describe('queryIntent: when an advisory went out', () => {
  it('reads "publish date of the X advisory" and "what day did the X advisory go out" as its publication', () => {
    expect(queryIntent('publish date of the Acme Modicon crafted-Modbus-frame DoS advisory (CVE-2019-6819)?').published).toBe(true);
    expect(queryIntent('What day did the CISA advisory for Acme Vision go out?').published).toBe(true);
    expect(queryIntent('What day did the Acme Vision update go out?').published).toBe(false);
  });
});
