import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../retrieval/search.js';
import { extractiveAnswer } from './extractive.js';
import { queryIntent, questionProper } from '../retrieval/intent.js';
import { aboutWhat, askedFor, CREDIT_UNIT, CVE_ASKED, DEADLINE_UNIT, expected, hingeVerb, namesIn, polarTopic, SOMEONE_UNIT, subjectOfWho } from './question.js';
import { acronymHeads, missingSpecifics, namesAKind, states, support } from './support.js';
import { contentTerms, inCommonForm, namesHeld, saysOffice, spelledOut, stem, wordsOf } from './words.js';

let n = 0;
/** A retrieved passage as search returns it; scores fall with rank. */
function hit(text: string, over: Partial<SearchHit> = {}): SearchHit {
  n++;
  return {
    citation_id: `c${n}`,
    story_id: 'ICSA-24-001-01',
    story_title: 'Acme Widget Controller',
    kind: 'body',
    field: 'body',
    ordinal: n,
    text,
    span: { start: 0, end: text.length },
    date: null,
    source: null,
    context: 'Acme Widget Controller',
    score: 1 / n,
    similarity: 0.3,
    keyword_rank: n,
    route: null,
    ...over,
  };
}

/** A passage of a news story (not a CISA advisory), as the bundled story's are. */
const storyHit = (text: string, over: Partial<SearchHit> = {}): SearchHit => hit(text, { story_id: '327dc94408c08ac5', ...over });

const order = () => [
  storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21', context: '2026-05-21 White House paused plans to sign the order' }),
  storyHit('On 2026-06-02, the President signed the order. It creates a review board to decide when a model qualifies for review.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-02', context: '2026-06-02 President signed the order' }),
  storyHit('The order funds a review board with staff from three agencies. He said the board will address model testing.'),
];

describe('extractiveAnswer', () => {
  it('asks for a date only when the question asks when, and reads durations from dates', () => {
    const decide = extractiveAnswer('How will the review board decide when a model qualifies?', order());
    expect(decide.found).toBe(true);
    expect(decide.answer).toMatch(/decide when a model qualifies/);
    const long = extractiveAnswer('How many days after the pause was the order signed?', order());
    expect(long.found).toBe(true);
    expect(long.answer).toMatch(/2026-05-21/);
  });

  it('declines an amount when no sentence states one of the thing counted', () => {
    // "three agencies" is a number, but not of the salaries the board pays.
    const salaries = extractiveAnswer('How many salaries does the review board pay?', [...order(), hit('The review board pays salaries from its own funds.')]);
    expect(salaries).toMatchObject({ found: false });
    expect(salaries.declined_because).toMatch(/number of "salari"/);
    expect(extractiveAnswer('How many agencies staff the review board?', order()).found).toBe(true);
  });

  it('answers which advisory covers named products with a score line of theirs, titled by its advisory', () => {
    const scores = [1, 2].map((i) => hit(`CVE-2024-000${i}: CVSS v3.0 base score 7.5 (HIGH), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H. weakness Uncontrolled Resource Consumption (CWE-400). Known affected: Acme Widget WiFi module of the pumps <= D25; Acme Widget Link+ <= 3.0.`, { kind: 'vulnerability', field: `facts[${i}]`, similarity: 0.6 }));
    const covers = extractiveAnswer('Which advisory covers the Acme Widget Link+ and pump WiFi module problems?', scores);
    expect(covers.found).toBe(true);
    expect(covers.answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\)/u);
    // A day asked for is answered by the day's events.
    const published = hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2024-01-09', context: '2024-01-09 Initial Publication', similarity: 0.4 });
    expect(extractiveAnswer('Which Acme advisory was published on 2024-01-09?', [...scores, published]).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): 2024-01-09: Initial Publication/u);
    // A score line names no researcher.
    expect(extractiveAnswer('Which researcher reported the Acme Widget Link+ and pump WiFi module problems?', scores).found).toBe(false);
  });

  it('answers which models a flaw is in with the Products line', () => {
    const fact = (text: string, i: number) => hit(text, { kind: 'entity', field: `facts[${i}]`, similarity: undefined, keyword_rank: i + 1 });
    const advisory = [
      fact('CVEs: CVE-2023-2505; CVE-2023-2504', 0),
      hit('Successful exploitation of these vulnerabilities could allow an attacker to remotely execute code.'),
      hit('CVE-2023-2505 has been assigned to this vulnerability. A CVSS v3 base score of 7.7 has been assigned.'),
      fact('Weaknesses: CWE-352 (also Cross-Site Request Forgery (CSRF)); CWE-798 (also Use of Hard-coded Credentials)', 1),
      fact('Vendors: Acme. Headquarters: Australia', 2),
      fact('Products: 4K QUAD; MINI; STUDIO R3', 3),
    ];
    const q = 'Which Acme camera models are listed as affected by the CSRF and hard-coded credential bugs?';
    expect(queryIntent(q).listsFlaws).toBe('flaws');
    expect(extractiveAnswer(q, advisory).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): Products: 4K QUAD; MINI; STUDIO R3 \[1\]/u);
    // What the flaws are is still answered by the CVEs line.
    expect(extractiveAnswer('What are the Acme CSRF and hard-coded credential bugs?', advisory).answer).not.toMatch(/Products:/u);
  });

  it('asks "how often" for a frequency, a prison term for a span of time and a cost estimate for money', () => {
    expect(expected('How often must the review board revisit its benchmarks?')).toEqual({ type: 'quantity', unit: 'frequency' });
    expect(expected("What's the maximum prison term for using AI to break into a system?")).toEqual({ type: 'quantity', unit: 'duration' });
    expect(expected('Does the order set prison terms?')).toBeNull();
    expect(expected('OMB cost estimate for the review board?')).toEqual({ type: 'quantity', unit: 'money' });
    // "three agencies" is a number, not how often.
    expect(extractiveAnswer('How often does the review board meet?', order()).found).toBe(false);
    expect(extractiveAnswer('How often does the review board meet?', [...order(), storyHit('The review board meets twice a year to revisit its benchmarks.')]).answer).toMatch(/^The review board meets twice a year/u);
  });

  it('declines a keyword question whose first word names something no passage mentions', () => {
    expect(extractiveAnswer('Peloton review board order', order())).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "Peloton"' });
  });

  it('lets the lead passage go on with the sentence that holds what the first one lacks', () => {
    const a = extractiveAnswer('What will the review board address?', [hit('The order funds a review board with staff from three agencies. He said the board will address model testing.')]);
    expect(a.answer).toMatch(/funds a review board .* address model testing/);
    expect(a.quotes.every((q) => q.verified)).toBe(true);
  });

  it('names the advisory when the question asks for one', () => {
    const hits = [hit('CVE-2024-0001: Missing Authentication for Critical Function (CWE-306).', { route: 'identifier' })];
    expect(extractiveAnswer('Which advisory covers CVE-2024-0001?', hits).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): CVE-2024-0001/);
    // The question names the CVE, not the product: the advisory's title says which product it is.
    expect(extractiveAnswer('What weakness is CVE-2024-0001?', hits).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): CVE-2024-0001/);
    // A keyword query over one story's passages does not repeat the story's name.
    expect(extractiveAnswer('review board staff', order()).answer).toMatch(/^The order funds/);
  });
  it('answers "which companies ..." only with a sentence that names one', () => {
    const board = [hit('The review board works with technology companies and grid operators on model testing.'), hit('Acme and Globex agreed to share models with the review board.')];
    const named = extractiveAnswer('Which companies are working with the review board?', board);
    expect(named.found).toBe(true);
    expect(named.answer).toMatch(/Acme and Globex/);
    const unnamed = extractiveAnswer('Which companies are working with the review board?', board.slice(0, 1));
    expect(unnamed).toMatchObject({ found: false, declined_because: 'no retrieved passage names what it asks for' });
  });

  it('answers a vulnerability question that names no CVE with a sentence that names one', () => {
    const a = extractiveAnswer('Acme Widget Controller vulnerability', [
      hit('ICSA-24-001-01 Acme Widget Controller', { field: 'title' }),
      hit('Acme Widget Controller versions before 2.1 are affected.'),
      hit('CVE-2024-0001: Improper Input Validation (CWE-20).'),
    ]);
    expect(a.answer).toMatch(/CVE-2024-0001/);
    // So is one that asks for the CVE of a flaw it describes.
    const telnet = [
      hit('In the Acme Widget Controller, the hidden telnet function is enabled by default when shipped from the factory.'),
      hit('Acme recommends users disable the telnet function.', { kind: 'remediation' }),
      hit('CVE-2024-0002: Missing Authentication for Critical Function (CWE-306).', { kind: 'vulnerability', field: 'facts[4]' }),
    ];
    expect(extractiveAnswer("Acme Widget Controller with a hidden telnet function enabled by default - what's the CVE?", telnet).answer).toMatch(/CVE-2024-0002/);
    // "Which CVE is that" of a flaw the story's passages describe together: its CVE line names it; not of a flaw they do not.
    expect(extractiveAnswer('safety controller with the hidden telnet function enabled by default when shipped - which CVE is it?', telnet).answer).toMatch(/CVE-2024-0002/);
    expect(extractiveAnswer('Acme controller with a hidden SSH backdoor enabled by default - which CVE is that?', telnet).found).toBe(false);
    // The CVE is the lead advisory's: another advisory's, picked after the lead's description, does not name its flaw.
    const pumps = [
      hit('The Acme insulin pump radio protocol does not implement authentication.', { story_id: 'ICSMA-20-001-01', story_title: 'Acme Pump', context: 'Acme Pump', similarity: 0.8 }),
      hit('The Acme pump radio protocol sends data in cleartext.', { story_id: 'ICSMA-20-001-01', story_title: 'Acme Pump', context: 'Acme Pump', similarity: 0.7 }),
      hit('CVE-2019-0009: the Beta pump radio protocol does not implement authentication.', { story_id: 'ICSMA-19-001-01', story_title: 'Beta Pump', context: 'Beta Pump', similarity: 0.7 }),
      hit('CVE-2020-0001: Missing Authentication for Critical Function (CWE-306).', { story_id: 'ICSMA-20-001-01', story_title: 'Acme Pump', context: 'Acme Pump', kind: 'vulnerability', field: 'facts[4]', similarity: null }),
    ];
    expect(extractiveAnswer('insulin pump radio protocol that does not implement authentication', pumps).answer).toMatch(/CVE-2020-0001/u);
  });

  it('answers a fix question about one model with no fix for another', () => {
    const fixes = [
      hit('Acme recommends AB-2250 users update to firmware 1.12.0.19.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('CD-2125 users can contact Acme for workaround advice.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details' }),
    ];
    expect(extractiveAnswer('Is there a fixed firmware version for the Acme CD-2125?', fixes).answer).not.toMatch(/1\.12\.0\.19/);
    expect(extractiveAnswer('Is there a fixed firmware version for the Acme AB-2250?', fixes).answer).toMatch(/1\.12\.0\.19/);
  });

  it('answers a second question joined to the first without the first one\'s verb', () => {
    const kev = [hit('CISA added CVE-2018-0001 (Acme Driver) to the KEV catalog on 2022-10-24; remediation due 2022-11-14. Known to be used in ransomware campaigns.', { story_id: 'kev-CVE-2018-0001', kind: 'timeline', field: 'timeline[0].text', date: '2022-10-24', route: 'identifier' })];
    expect(extractiveAnswer('When did CISA add CVE-2018-0001 to the KEV catalog, and is it known to be used in ransomware campaigns?', kev).answer).toMatch(/2022-10-24.*Known to be used in ransomware/su);
  });

  it('answers each of two questions: a second one no picked sentence speaks to is answered on its own, of the lead story', () => {
    const mxview = [
      hit('Acme recommends users upgrade the Widget Controller to v3.2.4 or higher.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('Acme released v3.2.4 of the Widget Controller on 2021-10-05.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details' }),
      hit('Widget Controller 3.2.2 and earlier are affected. Version 3.2.4 adds checks.'),
      hit('Users of the multiple-site function should block port 8883 at the firewall.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[2].details' }),
      hit('Other Corp recommends users block port 502.', { story_id: 'ICSA-24-002-02', story_title: 'Other Corp Gateway', context: 'Other Corp Gateway', kind: 'remediation' }),
    ];
    const both = extractiveAnswer('Acme Widget Controller: what version should we upgrade to, and which port should we block if we use the multiple-site function?', mxview);
    expect(both.answer).toMatch(/v3\.2\.4/u);
    expect(both.answer).toMatch(/8883/u);
    expect(both.answer).not.toMatch(/502/u);
  });

  it('answers a question about one CVE with no sentence about another', () => {
    const ports = [hit('CVE-2020-0002 Restrict network connections to trusted servers (TCP Port 5457).', { kind: 'remediation', route: 'identifier' }), hit('CVE-2020-0001: Improper Input Validation (CWE-20).', { kind: 'vulnerability', route: 'identifier' })];
    expect(extractiveAnswer('What TCP port does the Acme server listen on for CVE-2020-0001?', ports).answer).not.toMatch(/5457/);
    expect(extractiveAnswer('What TCP port does the Acme server listen on for CVE-2020-0002?', ports).answer).toMatch(/5457/);
  });

  it('finds the advisory a search phrase describes in other words; a question in those words must match them', () => {
    // "substation gateway" and "sending" are the searcher's words, not the advisory's.
    const advisory = [hit('An open redirect, and cleartext transmission of sensitive data.', { story_id: 'ICSA-24-002-01' })];
    expect(extractiveAnswer('substation gateway sending sensitive data in cleartext with an open redirect', advisory).found).toBe(true);
    expect(extractiveAnswer('Does the substation gateway leak sensitive data in cleartext with an open redirect?', advisory)).toMatchObject({ found: false });
  });

  it('declines when no passage holds any word of the thing asked for, however much else it holds', () => {
    // "budget" is what is asked; the board, staff and agencies are only its setting.
    expect(extractiveAnswer('What budget does the review board get from the agencies?', order())).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "budget"' });
    expect(extractiveAnswer('Which banks fund the review board?', order())).toMatchObject({ found: false });
    // A word that begins another is a trace of it ("fund" in "funds").
    expect(extractiveAnswer('What funding does the review board get?', order()).found).toBe(true);
  });

  it('answers "what did X say" only with X saying it, or with what X published', () => {
    const said = [storyHit('The review board will test models. Acme said the board is too slow.'), storyHit('Globex builds models for the review board.')];
    expect(extractiveAnswer('What did Acme say about the review board?', said).answer).toMatch(/^Acme said the board is too slow/);
    expect(extractiveAnswer('What did Globex say about the review board?', said)).toMatchObject({ found: false });
    // "What does the order tell X to do" asks what it directs.
    const directs = [storyHit('The order directs the review board to test frontier models before release.', { similarity: 0.6 })];
    expect(extractiveAnswer('What does the order tell the review board to do?', directs).answer).toMatch(/^The order directs the review board/);
  });

  it('does not date an event by the day it was only planned', () => {
    const planned = [hit('On 2026-06-04, the agency said it plans to issue a directive by the end of the week.', { kind: 'timeline', date: '2026-06-04' })];
    expect(extractiveAnswer('On what date was the directive issued?', planned)).toMatchObject({ found: false });
    expect(extractiveAnswer('When was the directive announced?', planned).found).toBe(true);
    // The plan the question names of its subject is not what it asks: when it was done.
    const scheduled = [hit('Acme has created an update for the Widget Controller, which was scheduled for release in October 2017.', { kind: 'remediation', similarity: 0.7 })];
    expect(extractiveAnswer('On what date did Acme actually release the Widget Controller update that had been scheduled for October 2017?', scheduled).found).toBe(false);
    expect(extractiveAnswer('When was the Widget Controller update scheduled for release?', scheduled).found).toBe(true);
  });

  it('answers a name question from a sentence about what was asked, and a two-letter acronym names nothing', () => {
    const board = [
      hit('It also creates an AI review board alongside a classified testing process.'),
      hit('The order tasks CISA, NSA and other agencies with deadlines.', { similarity: 0.6 }),
    ];
    expect(extractiveAnswer('Which agency will run the classified testing process?', board)).toMatchObject({ found: false });
    expect(extractiveAnswer('Which agencies does the order task with deadlines?', board).answer).toMatch(/CISA, NSA/);
  });

  it('lists every supported passage for a list question, and quotes a title when asked for one', () => {
    const sources = ['Order review board announced', 'Review board order explained', 'What the order review board means', 'Order board review analysis'].map((t, i) =>
      storyHit(t, { kind: 'source', field: `sources[${i}].title`, source: { publisher: `outlet${i}.example`, title: t }, similarity: 0.6 }),
    );
    expect(extractiveAnswer('Which outlets reported on the review board order?', sources).sentences).toHaveLength(4);
    const titled = [storyHit('The board met on Monday.', { similarity: 0.6 }), storyHit('The President signed the order "Promoting Careful Model Review" today.', { similarity: 0.6 })];
    expect(extractiveAnswer('What is the full title of the order?', titled).answer).toMatch(/^The President signed the order "Promoting Careful Model Review"/);
  });

  it('goes on to the version when a fix sentence names none', () => {
    const fix = [hit('Acme recommends users update to the latest patch. This vulnerability was fixed in Version 9.1.4.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' })];
    expect(extractiveAnswer('Is there a patch for CVE-2024-0001?', fix).answer).toMatch(/latest patch\. .*Version 9\.1\.4/);
    // A version is what the sentence calls one, however it is numbered.
    const named = [hit('Acme released firmware Version 02F.6 that eliminates this vulnerability.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 })];
    expect(extractiveAnswer('Which Acme firmware version gets rid of the Widget Controller flaw?', named).answer).toMatch(/02F\.6/);
  });

  it('reads "how much did it cost" as money, and a remediation as the fix or workaround asked for', () => {
    const fix = [hit('Update to version 2.1 or later.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 })];
    expect(extractiveAnswer('How much did the Acme Widget Controller patch cost?', fix)).toMatchObject({ found: false, declined_because: 'no retrieved passage states an amount of money for it' });
    expect(extractiveAnswer('What is the workaround for the Acme Widget Controller?', fix).answer).toMatch(/^Update to version 2\.1/);
  });

  it('reads the verb a question hinges on, and declines when no passage says it', () => {
    expect(hingeVerb('Who in the administration opposed the stronger review proposals?')).toBe('oppos');
    expect(hingeVerb('When did the AI cybersecurity clearinghouse begin operating?')).toBe('begin');
    expect(hingeVerb('What did the order direct the attorney general to do?')).toBe('direct');
    // A relation to a flaw is stated in lists and in the advisory's own words.
    expect(hingeVerb('Which Niagara releases are affected by the QNX procfs privilege escalation?')).toBeNull();
    expect(hingeVerb('What is CVE-2022-41648 about and what machine is involved?')).toBeNull();
    expect(hingeVerb('Acme Widget advisory: what CVE was assigned?')).toBeNull();
    // A noun by its ending is no verb, though "first" follows it.
    expect(hingeVerb('When did the Acme Widget advisory first come out?')).toBeNull();
    expect(hingeVerb('Who was arrested for exploiting the flaw?')).toBe('arrest');
    // A participle that ends otherwise ("withdrawn"), but not an idiom's ("built from").
    expect(hingeVerb('On what exact day was the earlier draft order withdrawn?')).toBe(stem('withdrawn'));
    expect(hingeVerb('How many articles is this story built from?')).toBeNull();
    const undated = [storyHit('A draft order was reportedly withdrawn shortly before signing.', { kind: 'timeline', similarity: 0.6 }), storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', date: '2026-05-21', similarity: 0.6 })];
    expect(extractiveAnswer('On what exact day was the draft order withdrawn?', undated).found).toBe(false);
    // "When" ends as a participle does, and is none.
    expect(hingeVerb('The pump was recalled. What was it, and when?')).toBeNull();
    expect(hingeVerb('When did SAUTER release moduWeb firmware 3.1.3?')).toBeNull();
    // "who" as the object, a plan or a right, a verb of saying, a copula: no hinge of their own.
    expect(hingeVerb('Who will the clearinghouse work with?')).toBeNull();
    expect(hingeVerb('Who can receive models before release?')).toBeNull();
    expect(hingeVerb('When did CISA announce the directive?')).toBeNull();
    expect(hingeVerb("How does the story sum up the final order's oversight approach?")).toBeNull();
    // A phrasal verb is read in the passages' words: "pare back" is "scale back", and "pare" alone is none of it.
    const scaled = [storyHit('Reporting indicates the administration scaled back stronger review proposals after internal debate.', { similarity: 0.6 })];
    expect(extractiveAnswer('What did the administration pare back after the internal debate?', scaled).answer).toMatch(/^Reporting indicates the administration scaled back/u);
    expect(extractiveAnswer('Why did the administration water down the stronger review proposals?', scaled).found).toBe(true);
    expect(hingeVerb('Who is the director of the office?')).toBeNull();
    // The last word of a place before an auxiliary is no verb ("govt" is not what the asked-for person does).
    expect(hingeVerb('Who in the federal govt is supposed to go after criminals that use AI?')).toBeNull();
    // "When will X start" hinges on its verb; "what did X do" asks for any deed; a participle
    // before its noun qualifies it ("insufficiently protected credentials advisory").
    expect(hingeVerb('When will the AI cybersecurity clearinghouse start operating?')).toBe('start');
    // "How will X be staffed" hinges on its participle, past the subject.
    expect(hingeVerb('How will the clearinghouse be staffed?')).toBe('staff');
    expect(extractiveAnswer('How will the clearinghouse be staffed?', [hit('The order creates an AI cybersecurity clearinghouse to coordinate scanning.', { similarity: 0.6 })])).toMatchObject({ found: false, declined_because: 'no retrieved passage says "staff" of it' });
    expect(hingeVerb('What did the White House do two weeks before the order was signed?')).toBeNull();
    expect(hingeVerb('What is the latest update to the Acme insufficiently protected credentials advisory?')).toBeNull();
    expect(hingeVerb('When was the revised order signed after the pause?')).toBe('sign');
    const board = [hit('The review board scaled back stronger model review proposals after internal debate.', { similarity: 0.6 })];
    expect(extractiveAnswer('Who scaled back the model review proposals?', board).found).toBe(true);
    expect(extractiveAnswer('Who opposed the model review proposals?', board)).toMatchObject({ found: false, declined_because: 'no retrieved passage says "oppos" of it' });
  });

  it('answers "who is X" only with a sentence about X, and a deadline only with a date something is due by', () => {
    const staff = [hit('The review board tasks Acme, Globex and the office of the Chief Reviewer with near-term deadlines.', { similarity: 0.6 })];
    expect(extractiveAnswer('Who is the Acme reviewer named in the order?', staff).found).toBe(false);
    expect(extractiveAnswer('What is the deadline for Acme to review models?', staff).found).toBe(false);
    const due = [hit('Acme must review models within 30 days of the order.', { similarity: 0.6 })];
    expect(extractiveAnswer('What is the deadline for Acme to review models?', due).answer).toMatch(/within 30 days/);
    // "By what date" asks for a date something is due by: the dated event that ordered it is no answer.
    const ordered = [storyHit('On 2026-06-02, the order directed Acme to develop benchmarks for model testing.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-02', similarity: 0.6 })];
    expect(extractiveAnswer('By what date does the order want the benchmarks finished?', ordered).found).toBe(false);
    expect(extractiveAnswer('When did the order direct Acme to develop benchmarks?', ordered).found).toBe(true);
  });

  it('answers who leads, heads or runs a body with the holder of its office, and only of the body asked about', () => {
    const office = [
      storyHit('On 2026-06-04, CISA Acting Director Nick Andersen said the agency plans to issue a directive.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.6 }),
      storyHit('The order tasks CISA, NSA and OMB with near-term deadlines.', { similarity: 0.5 }),
    ];
    for (const q of ['Who heads CISA?', 'Who is running CISA right now?', 'Who leads CISA at the moment?', 'Who is in charge of CISA?', "Who is CISA's acting chief?"]) {
      expect(extractiveAnswer(q, office).answer, q).toMatch(/^On 2026-06-04, CISA Acting Director Nick Andersen/u);
    }
    // Another body's, or one still to be led, is not said by CISA's Acting Director.
    for (const q of ['Who heads the NSA?', 'Who is in charge of OMB?', 'Who will lead the clearinghouse?', 'Who is the chief of the NSA?']) {
      expect(extractiveAnswer(q, office).found, q).toBe(false);
    }
    // A word of office is held by the holder's title wherever the question's words are weighed.
    expect(missingSpecifics("Did CISA's acting chief talk about weeks?", office.slice(0, 1))).toBeNull();
    expect(contentTerms('Who leads CISA at the moment?')).toEqual(['lead', 'cisa']);
    expect(hingeVerb('Who is running CISA right now?')).toBe('runn');
    expect(subjectOfWho('Who is running CISA right now?')).toEqual([]);
    expect(saysOffice('Jane Roe, the director of CISA, said', 'lead', 'Who leads CISA?')).toBe(true);
    expect(saysOffice("Jane Roe, CISA's chief, said", 'directo', 'Who is the CISA director?')).toBe(true);
    expect(saysOffice('The Office of the National Cyber Director lacks authority.', 'lead', 'Who leads ONCD?')).toBe(false);
    expect(saysOffice('CISA Deputy Director Jane Roe said', 'lead', 'Who leads CISA?')).toBe(false);
  });

  it('reads a well-known body a passage names by what it is ("OMB": the budget office), but not as an office it does not name', () => {
    const tasked = [storyHit('The order tasks CISA, NSA, OMB and Treasury with near-term deadlines.', { similarity: 0.6 })];
    expect(extractiveAnswer('Which budget office is tasked by the order?', tasked).found).toBe(true);
    expect(extractiveAnswer('Which intelligence agency is tasked under the order?', tasked).found).toBe(true);
    expect(extractiveAnswer('Does any finance department get deadlines under the order?', tasked).found).toBe(true);
    expect(extractiveAnswer('Which Treasury office handles the financial-sector work under the order?', tasked).found).toBe(false);
    const enforcement = [storyHit('The order also directs the attorney general to prioritize criminal enforcement against actors who use AI.', { similarity: 0.6 })];
    expect(wordsOf(enforcement[0]!.text).has('justic')).toBe(true);
    expect(namesHeld(enforcement[0]!).has('justice')).toBe(true);
  });

  it('reads "post-signing" as after the signing, a signing "delayed" as paused, what someone committed to as what they said, a pre-approval as preclearance, an ICSA as an advisory', () => {
    expect(inCommonForm('permits or pre-approval from Washington')).toBe('permits or preclearance from Washington');
    // An advisory called by its id's prefix is an advisory; an id stays an id.
    expect(questionProper('Philips Engage ICSMA - initial publication date?')).toBe('Philips Engage advisory - initial publication date?');
    expect(questionProper('which ICSAs cover it?')).toBe('which advisories cover it?');
    expect(questionProper('ICSA-22-006-01 fix?')).toBe('ICSA-22-006-01 fix?');
    expect(questionProper('That was how many days post-signing?')).toBe('That was how many days after signing?');
    expect(questionProper('The signing got delayed at one point in May - which day was that?')).toMatch(/got paused/u);
    // A delay that is no event (a device's) is left as it is.
    expect(questionProper('Is there a delay before the controller restarts?')).toMatch(/a delay before/u);
    const said = [storyHit('On 2026-06-04, CISA Acting Director Nick Andersen said the agency plans to issue a binding operational directive.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.6 })];
    expect(extractiveAnswer("What did CISA's acting chief commit the agency to?", said).found).toBe(true);
    expect(hingeVerb("What did CISA's acting chief commit the agency to?")).toBeNull();
  });

  it('dates an advisory released or published by its own events, not by what its vendor released', () => {
    const dover = [
      hit('In 2023, Acme announced end-of-life for Widget Controller 3 and released Widget Controller 4.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: null, story_similarity: 0.5 }),
      hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2023-09-07', context: '2023-09-07 Initial Publication', similarity: 0.2 }),
    ];
    expect(extractiveAnswer('What day was the Acme Widget Controller advisory released?', dover).answer).toBe('Acme Widget Controller (ICSA-24-001-01): 2023-09-07: Initial Publication [1]');
    // What the vendor released is dated by the sentence that says so.
    expect(extractiveAnswer('When did Acme release Widget Controller 4?', dover).answer).toMatch(/^In 2023, Acme announced/u);
  });

  it('answers who found a "DLL hijacking problem" with the credit of an uncontrolled search path flaw', () => {
    const credited = [
      hit('CVE-2017-0001: Uncontrolled Search Path Element (CWE-427).', { similarity: 0.6 }),
      hit('People: Jane Roe', { kind: 'entity', field: 'facts[6]', similarity: undefined, keyword_rank: 2 }),
    ];
    expect(extractiveAnswer('Who found the DLL hijacking problem in the Acme Widget Controller?', credited).answer).toMatch(/People: Jane Roe/);
  });

  it('reads "how was it scored" as a score asked for, and every line of a CVE\'s passage as about that CVE', () => {
    const described = [hit('CVE-2018-0001: Buffer overflow in ETWS processing module allows a remote attacker to execute code.', { similarity: 0.6 })];
    expect(extractiveAnswer('An overflow in the code that processes ETWS messages: which CVE is that and how was it scored?', described).answer).toMatch(/CVE-2018-0001/);
    // A score line names the CVE it opens with.
    const line = [hit('CVE-2018-0002: CVSS v3.0 base score 5.3 (MEDIUM). weakness Heap-based Buffer Overflow (CWE-122). Known affected: Acme Widget <=4.42.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('Acme Widget 4.42 heap overflow - what CVE numbers?', line).answer).toMatch(/^CVE-2018-0002: CVSS/);
    const other = [hit('CVE-2021-0006: CVSS v3.0 base score 6.8 (MEDIUM).\nKnown affected: Acme Widget <= L81.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('CVE-2021-0007 in Acme Widget - what is it and how is it scored?', other).found).toBe(false);
  });

  it('answers when a vendor is planning to ship a fix only with a plan, not with a version that reads as a date', () => {
    const status = [hit('CVE-2021-0008: Known affected: Acme Widget Studio <= 2019-09-21.', { kind: 'vulnerability', field: 'facts[4]', similarity: 0.6 })];
    expect(expected('When is Acme planning to release a Widget Studio version that fixes CVE-2021-0008?')).toMatchObject({ type: 'date', future: true });
    expect(extractiveAnswer('When is Acme planning to release a Widget Studio version that fixes CVE-2021-0008?', status).found).toBe(false);
  });

  it('reads no version in the model a question names', () => {
    expect(states({ type: 'version', unit: null }, 'Acme has released new firmware for OnCell G3100-HSPA that is available via the following link:', 'Acme OnCell G3100-HSPA: what is the version number of the new firmware?')).toBe(false);
    expect(states({ type: 'version', unit: null }, 'Acme has released firmware 1.5 for OnCell G3100-HSPA.', 'Acme OnCell G3100-HSPA: what is the version number of the new firmware?')).toBe(true);
  });

  it('answers a detail asked for (a file, a password) only with a line that states one', () => {
    const weakness = [hit('Weaknesses: CWE-427 (also Uncontrolled Search Path Element)', { kind: 'entity', field: 'facts[1]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer("What's the file name of the DLL that gets hijacked in the Acme Widget search path bug?", weakness).found).toBe(false);
    const password = [hit('Weaknesses: CWE-798 (also Use of Hard-coded Credentials)', { kind: 'entity', field: 'facts[1]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('What is the actual hard-coded password in the Acme Widget?', password).found).toBe(false);
  });

  it('answers what the vendor wants users to do with its advice to do it', () => {
    const advice = [hit('Acme recommends that users update their software. Users are encouraged to upgrade to Widget 2016 R2 or later.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: null })];
    expect(extractiveAnswer('We are on Widget 2016. What does Acme want us to upgrade to?', advice).answer).toMatch(/encouraged to upgrade to Widget 2016 R2/);
    // What was done is not said by a plan to do it.
    const plan = [storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-05-21', similarity: 0.6 })];
    expect(extractiveAnswer('Who decided to sign the order?', plan).found).toBe(false);
  });

  it('supports each of two questions on its own words', () => {
    const events = [
      storyHit('On 2026-06-04, Acme Acting Director Jane Roe said the agency plans to issue a directive.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.3 }),
      storyHit('On 2026-06-02, the President signed the executive order.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-06-02', similarity: 0.2 }),
    ];
    const answer = extractiveAnswer("I need both dates to count the gap: when was the order signed and when did Acme's acting director talk about the follow-on directive?", events);
    expect(answer.answer).toMatch(/^On 2026-06-02, the President signed/);
  });

  it('reads the reference list as the sources', () => {
    const sources = ['Acme Order Tests the Office | Acme News', 'Acme Releases Order | Acme News'].map((t, i) =>
      storyHit(t, { kind: 'source', field: `sources[${i}].title`, source: { publisher: 'acmenews.example', title: t }, similarity: null }),
    );
    expect(extractiveAnswer('Acme News shows up in the reference list more than once, right? What were their headlines?', sources).answer).toMatch(/Tests the Office[^]*Releases Order/);
    expect(extractiveAnswer("Did Acme News publish anything that's cited here? What's the title?", sources).found).toBe(true);
    expect(contentTerms('How long was the gap between the pause and the signing?')).toEqual(['paus', 'sign']);
    // How the asker wants the answer put is not what they ask about; nor is "as well".
    expect(contentTerms('In plain English: did the order reach critical infrastructure as well? Yes or no, one word is fine')).toEqual(contentTerms('did the order reach critical infrastructure?'));
    expect(contentTerms('Bottom line, in short: who trashed the systems?')).toEqual(contentTerms('who damaged the systems?'));
  });

  it('reads finding bugs as scanning for vulnerabilities, and a fix as a patch', () => {
    const clearinghouse = [storyHit('It creates a clearinghouse to coordinate vulnerability scanning, validation, remediation, and patch distribution.', { similarity: 0.5 })];
    expect(extractiveAnswer('Does the clearinghouse stop at finding bugs, or is it also meant to help push the fixes out to people?', clearinghouse).found).toBe(true);
    expect(extractiveAnswer('Does the clearinghouse stop at finding bugs, or is it also meant to fund the research labs?', clearinghouse).found).toBe(false);
  });

  it('reads oversight made softer as narrower, an early look as access before release, and systems better defended as defenses strengthened', () => {
    const narrower = [storyHit('The final order adopts a narrower oversight approach than earlier drafts.', { similarity: 0.3 })];
    expect(extractiveAnswer('Did the signed order end up softer on oversight than the drafts?', narrower).found).toBe(true);
    const sharing = [storyHit('It preserves a voluntary framework for developers to share advanced models with the federal government before broader release.', { similarity: 0.2 })];
    expect(extractiveAnswer('So who gets an early look at a powerful new model before it goes out to everybody else?', sharing).found).toBe(true);
    const defenses = [storyHit('The order directs agencies to strengthen cyber defenses across national security, defense, and civilian systems.', { similarity: 0.3 })];
    expect(extractiveAnswer('Which kinds of government systems does the order want better defended?', defenses).found).toBe(true);
  });

  it('reads what kind of outlet a well-known publisher is: a think tank, a foreign-affairs magazine', () => {
    const source = (publisher: string, title: string) => storyHit(title, { kind: 'source', field: 'sources[0].title', source: { publisher, title }, similarity: null });
    expect(extractiveAnswer('Any think-tank analysis among the sources? Give me the title', [source('cfr.org', 'Assessing the Order on AI Oversight')]).answer).toMatch(/cfr\.org published Assessing the Order/u);
    expect(extractiveAnswer('Any think-tank analysis among the sources? Give me the title', [source('acmenews.example', 'Assessing the Order on AI Oversight')]).found).toBe(false);
    expect(extractiveAnswer('Which foreign-affairs magazine looked at the order from the geopolitical angle?', [source('www.thediplomat.com', 'The Order Raises the Stakes')]).found).toBe(true);
    // Whether a thing will be made public is not what an outlet's piece on it says; what an outlet published is.
    const pieces = [source('lawfaremedia.org', 'Order Seeks Voluntary Model Review Results'), source('acmenews.example', 'Review Results of the Order')];
    expect(extractiveAnswer('Will the review results be published?', pieces).found).toBe(false);
    expect(extractiveAnswer('Which outlet published a piece on the review results?', pieces).found).toBe(true);
  });

  it('reads "who is X aimed at - A, or B?" as whom X is for, and "the agencies with deadlines" as which agencies', () => {
    const directive = [storyHit('On 2026-06-04, Acme said it plans to issue a directive to federal agencies.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.6 })];
    expect(extractiveAnswer("who is Acme's directive aimed at - private companies, or federal agencies?", directive).found).toBe(true);
    expect(expected('Apart from cyber defense, what else are the agencies with near-term deadlines told to do?')).toBeNull();
    expect(expected('What are the near-term deadlines the agencies got?')).toMatchObject({ unit: 'deadline' });
  });

  it('answers "how long has X been" only with a span of time, and "how long from A to B" from two dates', () => {
    expect(expected('How long has Jane Roe been running Acme in an acting capacity?')).toEqual({ type: 'quantity', unit: 'duration' });
    expect(expected('Roughly how long was it from the pause to the signing? Give both dates.')).toMatchObject({ type: 'date', interval: true });
    const roe = [storyHit('On 2026-06-04, Acme Acting Director Jane Roe said a directive is coming.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.6 })];
    expect(extractiveAnswer('How long has Jane Roe been running Acme in an acting capacity?', roe).found).toBe(false);
    const tenure = [storyHit('Jane Roe has led Acme in an acting capacity for six months.', { similarity: 0.6 })];
    expect(extractiveAnswer('How long has Jane Roe been running Acme in an acting capacity?', tenure).found).toBe(true);
  });

  it('quotes the sentence before one that opens with a pronoun, and a version where a version is asked for', () => {
    const said = [storyHit('On 2026-06-04, Acme chief Jane Roe said a directive is coming. She said it will address patch management.', { similarity: 0.6 })];
    expect(extractiveAnswer('Who spoke about patch management?', said).answer).toMatch(/^On 2026-06-04, Acme chief Jane Roe said/);
    const versions = [
      storyHit('Two backdoor accounts exist in the Acme Widget Controller. A CVSS v3 base score of 8.1 has been calculated.', { similarity: 0.6 }),
      storyHit('Acme recommends users upgrade to Widget Controller version 4.0.517 or newer.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.3 }),
    ];
    expect(extractiveAnswer('What Acme Widget Controller version removes the backdoor accounts?', versions).answer).toMatch(/^Acme recommends users upgrade to Widget Controller version 4\.0\.517/);
  });

  it('reads no date in "may" as a verb or in the year of a CVE id', () => {
    const undated = [hit('In CVE-2024-32863, an attacker may be able to change settings of the Acme Widget Controller.', { similarity: 0.6 })];
    expect(extractiveAnswer('When was the Acme Widget Controller advisory released?', undated)).toMatchObject({ found: false, declined_because: 'no retrieved passage states a date for it' });
  });

  it('reads no participle in "between", nor a hinge in the asker\'s "flagged for"', () => {
    expect(hingeVerb('How is the missing authentication between the Acme pump and the server scored?')).toBe('scor');
    expect(hingeVerb('Which camera line was flagged for leaking user details?')).toBeNull();
  });

  it('needs the hinge verb used as a verb: "a draft order" does not say who drafted it', () => {
    const draft = [hit('A draft review order was withdrawn amid disagreement within the Acme board.', { similarity: 0.6 })];
    expect(extractiveAnswer('Who drafted the withdrawn review order?', draft)).toMatchObject({ found: false, declined_because: 'no retrieved sentence uses "draft" as a verb' });
    expect(extractiveAnswer('Who withdrew the draft review order?', [hit('The Acme board withdrew the draft review order.', { similarity: 0.6 })]).found).toBe(true);
    // Planned is not done.
    const planned = [hit('The Acme board plans to sign the review order next week.', { similarity: 0.6 })];
    expect(extractiveAnswer('Who signed the review order?', planned).found).toBe(false);
    expect(extractiveAnswer('Who signed the review order?', [hit('The Acme board signed the review order.', { similarity: 0.6 })]).found).toBe(true);
  });

  it('reads "start work on X" as hinging on "start", and "who will X" on its verb, a plan answering it', () => {
    expect(hingeVerb('When did Acme start work on the patch program?')).toBe('start');
    expect(hingeVerb('Who will run the review board?')).toBe('run');
    const works = [storyHit('Acme also works on the patch program and the review board.', { similarity: 0.6 })];
    expect(extractiveAnswer('When did Acme start work on the patch program?', works)).toMatchObject({ found: false, declined_because: 'no retrieved passage says "start" of it' });
    expect(extractiveAnswer('When did Acme start work on the patch program?', [storyHit('Acme started work on the patch program on 2024-03-01.', { similarity: 0.6 })]).found).toBe(true);
    const board = [storyHit('The order creates a review board for frontier models.', { similarity: 0.6 })];
    expect(extractiveAnswer('Who will run the review board?', board).found).toBe(false);
    expect(extractiveAnswer('Who will run the review board?', [storyHit('Globex will run the review board for frontier models.', { similarity: 0.6 })]).answer).toMatch(/^Globex will run/);
  });

  it('answers "how did X respond" only with X speaking or responding', () => {
    const tasked = [storyHit('The order tasks Acme, Globex and Initech with new model reviews.', { similarity: 0.6 })];
    expect(extractiveAnswer('How did Globex respond to the new model reviews?', tasked).found).toBe(false);
    const responded = [storyHit('Globex responded that it welcomes the new model reviews.', { similarity: 0.6 })];
    expect(extractiveAnswer('How did Globex respond to the new model reviews?', responded).answer).toMatch(/^Globex responded/);
  });

  it('needs what a source is said to have said in its title, not only its publisher', () => {
    const source = (t: string, publisher: string) => hit(t, { kind: 'source', field: 'sources[0].title', source: { publisher, title: t }, context: `Source published by ${publisher}`, similarity: 0.6 });
    const headline = [source('Globex Faces New Model Review Rules - Example Times', 'example-times.com')];
    expect(extractiveAnswer('What did Example Times say Globex would do in response?', headline).found).toBe(false);
    const released = [source('Review Board Releases New Model Rules', 'example-times.com')];
    expect(extractiveAnswer('What did example-times.com report the review board released?', released).answer).toMatch(/Review Board Releases New Model Rules/);
  });

  it('does not answer "which partners" with an entity line of agencies', () => {
    const agencies = [hit('Agencies: Acme; Globex; Initech', { kind: 'entity', field: 'facts[0]', similarity: 0.6 })];
    expect(extractiveAnswer('Which partners will get model access from Acme?', agencies).found).toBe(false);
    expect(extractiveAnswer('Which agencies does the order name?', agencies).answer).toMatch(/Agencies: Acme; Globex; Initech/);
  });

  it('declines a product whose names no one story holds: another model, a model number, a camel-case name', () => {
    const acme = (text: string, over: Partial<SearchHit> = {}) => hit(text, { story_title: 'Acme IDS 2102 Switch', context: 'Acme IDS 2102 Switch', similarity: 0.7, ...over });
    const hits = [
      acme('CVE-2024-1001: Use of Hard-coded Credentials (CWE-798). The Acme IDS 2102 switch has hard-coded credentials.'),
      acme('Acme recommends users update the switch to firmware 2.1.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('A remote attacker could bypass the router login.', { story_id: 'ICSA-24-002-02', story_title: 'Globex Router', context: 'Globex Router', similarity: 0.5 }),
    ];
    expect(extractiveAnswer('Acme IDS 2102 switch hard-coded credentials', hits).found).toBe(true);
    // Title Case: a function word is no name, and a capitalised word is held as a word.
    expect(extractiveAnswer('Which Credentials Are Hard-Coded in the Acme IDS 2102 Switch?', hits).declined_because ?? '').not.toMatch(/mentions/);
    expect(extractiveAnswer('Acme IDS 3300 switch hard-coded credentials', hits)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "3300"' });
    expect(extractiveAnswer('Acme IDS Router hard-coded credentials', hits)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "Router"' });
    expect(extractiveAnswer('Acme cnSwitch hard-coded credentials', hits)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "cnSwitch"' });
    expect(extractiveAnswer('Acme 5D-A3300 hard-coded credentials', hits)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "5D-A3300"' });
    // Names joined by "and" are of two things, each held by its own story.
    expect(extractiveAnswer('Do the Acme IDS 2102 and the Globex Router both have hard-coded credentials?', hits).found).toBe(true);
    // A stem is not the name ("control" is no "Controller"); a capitalised common word in another form is the word.
    const power = [hit('Perform regular risk analysis of networked control systems.', { story_title: 'Acme Power Manager', context: 'Acme Power Manager', similarity: 0.7 })];
    expect(extractiveAnswer('Acme Power Controller risk analysis', power).found).toBe(false);
    expect(extractiveAnswer('Who Performs Regular Risk Analysis for the Acme Power Manager?', power).declined_because ?? '').not.toMatch(/mentions/);
  });

  it('needs the names and the thing asked for of an identifier question in the passages it routes to', () => {
    const routed = (text: string) => hit(text, { route: 'identifier', story_id: 'kev-CVE-2024-0001', story_title: 'CVE-2024-0001: Acme Widget Controller Deserialization', context: 'CVE-2024-0001' });
    const kev = [routed('CISA added CVE-2024-0001 (Acme Widget Controller) to the KEV catalog on 2024-02-10; remediation due 2024-03-01.')];
    expect(extractiveAnswer('Which ransomware gang used CVE-2024-0001?', kev)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "ransomw"' });
    expect(extractiveAnswer('Which Acme ASTRO radios are affected by CVE-2024-0001?', kev)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "ASTRO"' });
    expect(extractiveAnswer('When was CVE-2024-0001 added to the KEV catalog?', kev).found).toBe(true);
    // What a CVE is or does, its passages say in their own words: only the kind of a name asked for must be there.
    expect(extractiveAnswer('What is the impact of CVE-2024-0001?', kev).found).toBe(true);
    const used = [routed('CISA added CVE-2024-0001 (Acme Widget Controller) to the KEV catalog on 2024-02-10. Known to be used in ransomware campaigns.')];
    expect(extractiveAnswer('Was CVE-2024-0001 used by ransomware?', used).found).toBe(true);
    // The catalog's "Unknown" answers whether it was; it names no gang.
    const unknown = [routed('CISA added CVE-2024-0001 (Acme Widget Controller) to the KEV catalog on 2024-02-10; remediation due 2024-03-01. Known ransomware campaign use: Unknown.')];
    expect(extractiveAnswer('Does KEV say CVE-2024-0001 has been used in ransomware campaigns?', unknown).answer).toMatch(/Known ransomware campaign use: Unknown\./);
    expect(extractiveAnswer('Which ransomware gang used CVE-2024-0001?', unknown).found).toBe(false);
  });

  it('does not answer whether a plan was carried out with the plan', () => {
    const planned = [storyHit('On 2026-06-04, Acme Acting Director Jane Roe said the agency plans to issue a directive by the end of the week.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.6 })];
    const done = extractiveAnswer('Did Acme actually issue the directive by the end of that week?', planned);
    expect(done).toMatchObject({ found: false });
    expect(done.declined_because).toMatch(/only of a plan/);
    // What was said of the plan, and when it was said against another event, the plan answers.
    expect(extractiveAnswer('Did Acme say it would issue a directive?', planned).found).toBe(true);
    // Asked when it was done: the plan's day is not it; the day it was said is.
    expect(extractiveAnswer('On what date did Acme actually issue the directive Jane Roe promised?', planned).declined_because).toMatch(/only of a plan/);
    expect(extractiveAnswer('On what date did Jane Roe actually say that Acme would issue a directive?', planned).found).toBe(true);
    const issued = [storyHit('On 2026-06-06, Acme issued the directive to federal agencies.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-06', similarity: 0.6 })];
    expect(extractiveAnswer('Did Acme actually issue the directive by the end of that week?', issued).found).toBe(true);
  });

  it('answers "when will X" only with a date it is planned for, and "in which country" with a name', () => {
    const revision = [hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2023-12-14', context: '2023-12-14: Revision 1', similarity: 0.6 })];
    expect(extractiveAnswer('When will Acme release a fix for the Widget Controller?', revision).found).toBe(false);
    const planned = [hit('Acme plans to release a fix for the Widget Controller in March 2025.', { similarity: 0.6 })];
    expect(extractiveAnswer('When will Acme release a fix for the Widget Controller?', planned).answer).toMatch(/March 2025/);
    const exploited = [hit('The Widget Controller flaw was first exploited in attacks on water utilities.', { similarity: 0.6 })];
    expect(extractiveAnswer('In which country was the Widget Controller flaw first exploited?', exploited).found).toBe(false);
    const where = [hit('The Widget Controller flaw was first exploited in Germany.', { similarity: 0.6 })];
    expect(extractiveAnswer('In which country was the Widget Controller flaw first exploited?', where).answer).toMatch(/Germany/);
  });

  it('leads with the advisory whose passages hold more of the question when template advisories say the same sentence', () => {
    const same = 'These devices use fixed codes that are reproducible by sniffing and re-transmission.';
    const hits = [
      hit(same, { story_id: 'ICSA-18-001-01', story_title: 'Globex F25 Series', context: 'Globex F25 Series', similarity: 0.6, score: 1 }),
      hit(same, { story_id: 'ICSA-19-001-01', story_title: 'Acme Nova', context: 'Acme Nova', similarity: 0.6, score: 0.97 }),
      hit('Acme recommends that users update their radio transmitters to firmware r161.', { story_id: 'ICSA-19-001-01', story_title: 'Acme Nova', context: 'Acme Nova', kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', score: 0.8 }),
    ];
    expect(extractiveAnswer('radio transmitters that use fixed codes an attacker can replay', hits).citations[0]?.story_id).toBe('ICSA-19-001-01');
  });

  it('hears a speaker by the head of their words or their name, not by a word they share with a headline', () => {
    const headline = [hit('Trump AI Order Seeks Voluntary Frontier Model Testing', { kind: 'source', field: 'sources[0].title', source: { publisher: 'darkreading.com', title: 'Trump AI Order Seeks Voluntary Frontier Model Testing' }, similarity: 0.6 })];
    headline.push(hit('The order preserves a voluntary framework for developers to share models before release.', { similarity: 0.6 }));
    expect(extractiveAnswer('In the coverage, how did AI developers react to the voluntary framework?', headline)).toMatchObject({ found: false, declined_because: 'no retrieved passage reports what ai develop said' });
    const piece = [hit('The Trump AI EO strikes a compromise | perspective | SC Media', { kind: 'source', field: 'sources[1].title', source: { publisher: 'scworld.com', title: 'The Trump AI EO strikes a compromise | perspective | SC Media' }, story_title: 'White House AI Order Expands Cyber Defenses', similarity: 0.6 })];
    expect(extractiveAnswer("What did SC Media's perspective piece say the order strikes?", piece).answer).toMatch(/strikes a compromise/);
    // Two words a passage writes as one are held, in any case ("dark reading": darkreading.com).
    const dark = [hit('Trump AI Order Seeks Voluntary Frontier Model Testing', { kind: 'source', field: 'sources[0].title', source: { publisher: 'darkreading.com', title: 'Trump AI Order Seeks Voluntary Frontier Model Testing' }, context: 'darkreading.com', similarity: 0.6 })];
    expect(extractiveAnswer('Is there a dark reading write-up among the sources? What is its headline', dark).answer).toMatch(/Voluntary Frontier Model Testing/);
    // ... so is a publisher that writes them so, as a speaker.
    expect(extractiveAnswer('What did Dark Reading title its write-up on the order?', dark).answer).toMatch(/Voluntary Frontier Model Testing/);
    // "Timeline" and "entry" name what an event is.
    const paused = [storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21', similarity: 0.6 })];
    expect(extractiveAnswer('timeline date for the White House pausing its plan to sign, YYYY-MM-DD', paused).answer).toMatch(/2026-05-21/);
  });

  it('answers with a headline only a question of what was published, where or by whom', () => {
    const title = 'CISA directive for AI executive order to be released this week, Andersen says | The Record from Recorded Future News';
    const headline = storyHit(title, { kind: 'source', field: 'sources[2].title', source: { publisher: 'therecord.media', title }, similarity: 0.6 });
    const event = storyHit('On 2026-06-04, Andersen said CISA plans to issue a binding operational directive to federal agencies.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.4 });
    // What the directive is aimed at is what the story says, which a headline does not.
    const aimed = extractiveAnswer('Is the directive Andersen described aimed at AI developers or at federal agencies?', [headline, event]);
    expect(aimed.answer).toMatch(/^On 2026-06-04/);
    expect(aimed.citations.map((c) => c.kind)).not.toContain('source');
    expect(extractiveAnswer('Is the directive Andersen described aimed at AI developers?', [headline]).found).toBe(false);
    // A question of the coverage, of an outlet named, or of what was published is answered by it.
    expect(extractiveAnswer('Which article says the directive will be released this week?', [headline]).answer).toMatch(/The Record/);
    expect(extractiveAnswer('According to The Record, will the directive be released this week?', [headline]).answer).toMatch(/The Record/);
    expect(extractiveAnswer('Will the directive be released this week?', [headline]).found).toBe(false);
    // What a directive will cover is what it deals with, not a piece's coverage.
    expect(extractiveAnswer('What will the directive Andersen described cover?', [headline]).found).toBe(false);
    // "Privately run" is not a piece run, nor is "cyber" the cyber press when the story speaks of cyber defense itself.
    const sc = 'The Trump AI EO strikes a compromise to balance innovation with accountability | perspective | SC Media';
    const perspective = storyHit(sc, { kind: 'source', field: 'sources[1].title', source: { publisher: 'scworld.com', title: sc }, similarity: 0.6 });
    const prose = storyHit('The order directs agencies to strengthen cyber defenses across government and critical infrastructure.', { similarity: 0.5 });
    const reach = extractiveAnswer('Is the cyber push limited to government networks, or does it reach privately run critical infrastructure?', [perspective, prose]);
    expect(reach.answer).toMatch(/^The order directs agencies/u);
    expect(reach.citations.map((c) => c.kind)).not.toContain('source');
  });

  it('reads a flaw told by its acronym ("CSRF") as told by a score line that names it', () => {
    const csrf = [hit('CVE-2017-7906: CVSS v3.0 base score 8.8 (HIGH). weakness Cross-Site Request Forgery (CSRF) (CWE-352). Known affected: Acme Gateway <= 3.39.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('Which versions of the Acme Gateway are hit by the unauthenticated config-file access and CSRF bugs?', csrf).answer).toMatch(/<= 3\.39/);
    // "Which releases are vulnerable" asks for versions too: the product status line states them, not the flaw's description.
    const described = [
      hit('CVE-2024-8422: Use After Free (CWE-416). Opening a specially crafted Acme Studio project file may exploit a use after free vulnerability, which may allow remote code execution.', { story_title: 'Acme Studio', similarity: 0.7 }),
      hit('CVE-2024-8422: Known affected: Acme Studio <5.4.2.2.', { story_title: 'Acme Studio', kind: 'vulnerability', field: 'facts[4]', similarity: 0.5 }),
    ];
    expect(extractiveAnswer('Which Acme Studio releases are vulnerable to the malicious project file bugs?', described).answer).toMatch(/^CVE-2024-8422: Known affected: Acme Studio <5\.4\.2\.2/);
  });

  it('counts the noun right after "how many" when no auxiliary ends it', () => {
    const line = [hit('CVE-2019-10962: Known affected: Acme Gateway Workstation 2.3.6 and below.', { kind: 'vulnerability', field: 'facts[4]', similarity: 0.6 })];
    expect(extractiveAnswer('How many hospitals run the Acme Gateway Workstation?', line)).toMatchObject({ found: false, declined_because: 'no retrieved passage states a number of "hospita" for it' });
  });

  it('dates an advisory by its events, each said with its date, and names the researchers it credits', () => {
    const revision = hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2024-05-30', context: 'Acme Widget Controller\n2024-05-30: Revision 1', similarity: 0.3 });
    expect(extractiveAnswer('When was the Acme Widget Controller advisory published?', [revision]).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): 2024-05-30: Initial Publication \[1\]/);
    // A year in a product's name ("Holter 2010 Plus") says no day: the event is still said with its date.
    const titled = hit('ICSMA-19-192-01 Acme Holter 2010 Plus', { kind: 'timeline', field: 'timeline[0].text', date: '2019-07-11', context: 'Acme Holter 2010 Plus', similarity: 0.6 });
    expect(extractiveAnswer('release date of the Acme Holter 2010 Plus advisory', [titled]).answer).toMatch(/2019-07-11: ICSMA-19-192-01 Acme Holter 2010 Plus \[1\]/);
    // CISA's events do not date the vendor's own advisory or bulletin, which CISA's cites.
    expect(extractiveAnswer('When did Acme publish its own advisory on the Widget Controller?', [revision])).toMatchObject({ found: false });
    expect(extractiveAnswer('When did Acme publish ACME-PSA-2024-07 on the Widget Controller?', [revision])).toMatchObject({ found: false });
    expect(extractiveAnswer('When did CISA publish its advisory on the Acme Widget Controller?', [revision]).found).toBe(true);
    // Nor the vendor's release of a version; which the year of a release's name ("2017 R2") does not date, nor another version's date.
    const updated = hit('Update B - Updated the mitigations for the Widget Controller', { kind: 'timeline', field: 'timeline[1].text', date: '2024-07-01', context: 'Acme Widget Controller', similarity: 0.6 });
    expect(extractiveAnswer('On what date did Acme release Widget Controller firmware 20122?', [updated])).toMatchObject({ found: false });
    expect(extractiveAnswer('On what date was the Acme Widget Controller advisory updated?', [updated]).found).toBe(true);
    const upgrade = (text: string) => [hit(text, { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.7 })];
    expect(extractiveAnswer('On what date did Acme release Widget Server 2017 R2?', upgrade('Widget Server 2017 R2 and earlier are affected. Acme recommends that users upgrade to Widget Server 2017.'))).toMatchObject({ found: false });
    expect(extractiveAnswer('On what date did Acme release Widget Server 2017 R2?', upgrade('Acme released Widget Server 2017 R2 on March 3, 2018.')).answer).toMatch(/March 3, 2018/);
    const fixedBy = upgrade('Widget Server versions 1.0.10 and prior are affected. Acme states that this Widget Server issue was fixed by version 1.0.11 released in December 2023.');
    expect(extractiveAnswer('When did Acme release Widget Server v1.0.10?', fixedBy)).toMatchObject({ found: false });
    expect(extractiveAnswer('When did Acme release Widget Server v1.0.11?', fixedBy).found).toBe(true);
    const credit = [
      hit('Weaknesses: CWE-345 (also Insufficient Verification of Data Authenticity)', { kind: 'entity', field: 'facts[1]', similarity: undefined, keyword_rank: 1 }),
      hit('People: Daniel dos Santos; Jos Wetzels', { kind: 'entity', field: 'facts[6]', similarity: undefined, keyword_rank: 2 }),
      hit('The affected product lacks a function to check the integrity of uploaded logic.', { similarity: 0.6 }),
    ];
    const who = extractiveAnswer('Who reported the Acme Widget Controller logic upload flaw?', credit);
    expect(who.answer).toMatch(/People: Daniel dos Santos/);
    expect(who.answer).not.toMatch(/Weaknesses|lacks a function/);
  });

  it('answers a version question however many words name the product, and a score only for the flaw the question tells', () => {
    const fixed = [hit('Acme recommends updating the Widget Controller firmware to version 3.1.3 or later.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: undefined })];
    expect(extractiveAnswer('Which Acme Widget Controller classic line firmware version fixes the flaw?', [hit('Acme recommends operating the Widget Controller in closed networks.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', route: 'identifier' })]).found).toBe(false);
    expect(extractiveAnswer('Which Acme Widget Controller classic line firmware version fixes the flaw?', fixed).answer).toMatch(/3\.1\.3/);
    const score = [hit('CVE-2020-6972: CVSS v3.0 base score 9.3 (CRITICAL), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:N. weakness Authentication Bypass by Capture-replay (CWE-294).', { kind: 'vulnerability', field: 'facts[4]', similarity: undefined })];
    expect(extractiveAnswer('What is the CVSS score of the Acme Widget Controller cross-site request forgery?', score).found).toBe(false);
    expect(extractiveAnswer('What is the CVSS score of the Acme Widget Controller capture-replay flaw?', score).answer).toMatch(/9\.3/);
  });

  it('answers "which malware" with the sentence that names one as malware', () => {
    const hits = [
      hit('Detect and Respond: users of each Widget safety system installation should contact the Acme support portal.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: undefined }),
      hit('Defend: The HatMan malware requires unrestricted access to the safety network.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', similarity: undefined }),
    ];
    expect(extractiveAnswer('Which malware does Acme tell Widget users to check their safety systems for?', hits).answer).toMatch(/HatMan/);
  });

  it('reads "how long" as a span of time, "looks at what it means" as no words a passage must hold, and "which source" as a publisher', () => {
    const events = [
      storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21', route: 'timeline' }),
      storyHit('On 2026-06-02, the President signed the order.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-02', route: 'timeline' }),
    ];
    expect(extractiveAnswer('How long after the White House put the signing on hold did the order come out?', events).answer).toMatch(/2026-05-21[^]*2026-06-02/);
    // The span itself is counted from the two cited dates.
    expect(extractiveAnswer('How many days passed between the pause and the signing?', events).answer).toMatch(/^12 days from 2026-05-21 \[1\] to 2026-06-02 \[2\]\. On 2026-05-21/);
    expect(extractiveAnswer('When was the order signed?', events).answer).not.toMatch(/days from/);
    const diplomat = [storyHit('New AI Order Raises the Stakes in China-US Tech Competition', { kind: 'source', field: 'sources[7].title', source: { publisher: 'thediplomat.com', title: 'New AI Order Raises the Stakes in China-US Tech Competition' }, similarity: undefined })];
    expect(extractiveAnswer('Which source looks at what the order means for the tech rivalry with China?', diplomat).answer).toMatch(/^thediplomat\.com published/);
  });

  it('leads a "latest" question with the event the timeline put first', () => {
    const updates = ['Update C', 'Update B', 'Initial Publication'].map((t, i) =>
      hit(`ICSMA-17-017-02 Acme Pump ${t === 'Initial Publication' ? '' : `(${t}) `}insufficiently protected credentials`, { kind: 'timeline', field: `timeline[${2 - i}].text`, date: `20${21 - i * 2}-03-16`, route: 'timeline', similarity: 0.5 + i * 0.05 }),
    );
    expect(extractiveAnswer('What is the latest update to the Acme Pump insufficiently protected credentials advisory?', updates).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): 2021-03-16: .*Update C/);
  });

  it('leads with the revision a question names and the first publication it asks for too, in the timeline\'s order', () => {
    const events = [
      hit('Update B - Added modules that have been fixed', { kind: 'timeline', field: 'timeline[2].text', date: '2023-11-09', route: 'timeline' }),
      hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2021-11-30', route: 'timeline' }),
      hit('Update A - ICSA-24-001-01 Acme Widget Controller (Update A)', { kind: 'timeline', field: 'timeline[1].text', date: '2022-01-27', route: 'timeline' }),
    ];
    const answer = extractiveAnswer('Acme Widget Controller advisory: when was it first published, and when did Update B come out?', events).answer;
    expect(answer).toMatch(/2023-11-09: Update B .*\[1\] 2021-11-30: Initial Publication \[2\]/);
    // A flaw's acronym ("DoS") is no model's name the events must hold.
    expect(extractiveAnswer('When was the Acme Widget Controller DoS advisory first published, and when did Update B follow?', events).found).toBe(true);
  });

  it('declines a change of role no passage tells of, though one names the role', () => {
    const said = [storyHit('On 2026-06-04, CISA Acting Director Nick Andersen said the agency plans to issue a directive.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.7 })];
    expect(extractiveAnswer("What job did Nick Andersen hold before he became CISA's acting director?", said)).toMatchObject({ found: false, declined_because: 'no retrieved passage tells of the change of role it asks about' });
    expect(extractiveAnswer('Since when has Nick Andersen been acting director? When did he step into the role?', said).found).toBe(false);
    // Asked "since when" or "what date did he take over", alone.
    expect(extractiveAnswer("Since when has Nick Andersen been CISA's acting director, and who led the agency before him?", said)).toMatchObject({ found: false, declined_because: 'no retrieved passage tells of the change of role it asks about' });
    expect(extractiveAnswer('What date did Nick Andersen take over?', said)).toMatchObject({ found: false, declined_because: 'no retrieved passage tells of the change of role it asks about' });
    // Taking over a thing is no change of role.
    expect(extractiveAnswer('Did CISA take over the directive?', said).declined_because).not.toBe('no retrieved passage tells of the change of role it asks about');
    const named = [storyHit('On 2026-05-01, Nick Andersen was appointed acting director of CISA.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-01', similarity: 0.7 })];
    expect(extractiveAnswer('When was Nick Andersen appointed acting director of CISA?', named).found).toBe(true);
  });

  it('holds a camel-case name by its parts, and checks a model named in a temporal question', () => {
    const ev = [hit('Schneider Electric recommends a firewall to restrict remote access to the charging stations.', { story_title: 'Schneider Electric EVLink Parking', context: 'Schneider Electric EVLink Parking', kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 })];
    expect(extractiveAnswer('Schneider Electric EV charging station vulnerabilities', ev).found).toBe(true);
    const update = [hit('Update A - Mitigations updated', { story_title: 'Chirp Systems Chirp Access', context: 'Chirp Systems Chirp Access', kind: 'timeline', field: 'timeline[1].text', date: '2024-04-23', route: 'timeline' })];
    expect(extractiveAnswer('What did Update A of the Sequi PortBloque S advisory change?', update)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "PortBloque"' });
    expect(extractiveAnswer('When did CISA release Update A of the Chirp Access advisory?', update).found).toBe(true);
  });

  it('gives the version that fixes a flaw from a fix or a fixed status, and no actor from a score line', () => {
    const routed = { route: 'identifier' as const, story_id: 'ICSA-24-170-01' };
    const eol = [
      hit('Acme reports that SecFlow-2 is end-of-life and recommends moving to the SecFlow-1p product line.', { ...routed, kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('Acme SecFlow-2 devices with Firmware 4.1.01.63 allow URIs beginning with /.. for path traversal. CVE-2019-6268 has been assigned.', { ...routed }),
    ];
    expect(extractiveAnswer('Which SecFlow-2 firmware release fixes CVE-2019-6268?', eol).found).toBe(false);
    const fixed = [hit('CVE-2019-6268: Known affected: Acme SecFlow-2 4.1.01.63. Fixed: Acme SecFlow-2 4.1.02.', { ...routed, kind: 'vulnerability', field: 'facts[4]' })];
    expect(extractiveAnswer('Which SecFlow-2 firmware release fixes CVE-2019-6268?', fixed).answer).toMatch(/Fixed: Acme SecFlow-2 4\.1\.02/);
    const score = [hit('CVE-2016-8375: CVSS v3.0 base score 4.9 (MEDIUM). weakness Insufficiently Protected Credentials (CWE-522). Known affected: Acme Pump 9.7.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('Which threat actor exploited the Acme Pump credential weakness?', score).found).toBe(false);
    expect(extractiveAnswer('Which Acme Pump models are affected?', score).answer).toMatch(/Known affected: Acme Pump 9\.7/);
  });

  it('reads "how can owners protect against" as a question a mitigation answers', () => {
    expect(queryIntent('How can Stratix 5200 owners protect against the web UI exploitation?').kindBoost.remediation).toBeGreaterThan(0);
    // A version that fixes is asked for; the versions a flaw affects are not.
    expect(queryIntent('Which PMSoft version addresses the out-of-bounds read?').fixVersion).toBe(true);
    expect(queryIntent('Which TS-550 EVO firmware versions are exposed to CVE-2024-8497?').fixVersion).toBe(false);
    // ... in a search phrase too, where the versions a flaw affects ("Known affected: ... <=24.1f0") answer nothing.
    expect(queryIntent('exact Acme LabVIEW release number that fixes CVE-2024-4079').fixVersion).toBe(true);
    const affected = hit('CVE-2024-4079: Known affected: Acme LabVIEW <=24.1f0.', { kind: 'vulnerability', field: 'facts[6]', route: 'identifier' });
    expect(extractiveAnswer('exact Acme LabVIEW release number that fixes CVE-2024-4079', [affected])).toMatchObject({ found: false });
    // A release, a hotfix or a patch level asked for is a version; the day a patch came out is not.
    expect(queryIntent('Which Acme Studio release from Acme actually patches CVE-2021-22289?').fixVersion).toBe(true);
    expect(expected('Which hotfix level of Acme Drive V4.7 resolves the webserver DoS?')).toMatchObject({ type: 'version' });
    expect(expected('How do I check whether Acme Terminal is exposed, and which service pack fixes it?')).toMatchObject({ type: 'version' });
    expect(expected('Which Acme Studio V3.16 patch fixes CVE-2021-20093?')).toMatchObject({ type: 'version' });
    expect(expected('What date did Acme actually release the security patch for the switches?')).toMatchObject({ type: 'date' });
    // Without a version stated, a fix does not answer which release patches it.
    const fixes = [hit('Do not run Acme Studio with elevated user privileges.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', story_title: 'Acme Studio', context: 'Acme Studio CVE-2021-22289' })];
    expect(extractiveAnswer('Which Acme Studio release from Acme actually patches CVE-2021-22289?', fixes).found).toBe(false);
  });

  it('names the advisory a product question asks for, and a threat only as one', () => {
    const receiver = [hit('The device enables an unauthorized attacker to execute system commands with elevated privileges.', { story_title: 'Acme AM 520 HD Satellite Receiver', context: 'Acme AM 520 HD Satellite Receiver', similarity: 0.6 })];
    expect(extractiveAnswer('Which satellite receiver lets an unauthenticated attacker run system commands as root?', receiver).answer).toMatch(/^Acme AM 520 HD Satellite Receiver \(ICSA-24-001-01\): The device enables/);
    const kev = [hit('CISA added CVE-2023-49897 (Acme AE1021: OS Command Injection Vulnerability) to the KEV catalog on 2023-12-21.', { kind: 'timeline', field: 'timeline[1].text', date: '2023-12-21', route: 'identifier', similarity: 0.6 })];
    expect(extractiveAnswer('Which botnet has been exploiting the Acme AE1021 command injection CVE-2023-49897?', kev).found).toBe(false);
    const mirai = [hit('A Mirai botnet variant has been exploiting CVE-2023-49897 in Acme AE1021 routers.', { route: 'identifier', similarity: 0.6 })];
    expect(extractiveAnswer('Which botnet has been exploiting the Acme AE1021 command injection CVE-2023-49897?', mirai).answer).toMatch(/Mirai/);
    // "A threat actor", a group of users, or "ransomware campaigns" name no threat; a name before what it is does.
    const unnamed = [
      hit('A remote, unauthenticated threat actor with access to an affected Acme AE1021 may gain root-level access.', { route: 'identifier', similarity: 0.6 }),
      hit('An actor with AD permissions can re-create the configured AD group after it was deleted. Known to be used in ransomware campaigns.', { route: 'identifier', similarity: 0.6 }),
    ];
    expect(extractiveAnswer('Which threat group has exploited the Acme AE1021 flaw CVE-2023-49897 in the wild?', unnamed).found).toBe(false);
    expect(extractiveAnswer('name the ransomware gangs that used CVE-2023-49897', unnamed).found).toBe(false);
    // A named actor asked for in a yes-or-no question, or who was behind the exploitation, is a threat asked for by its name.
    expect(extractiveAnswer('Has any named threat actor been seen exploiting CVE-2023-49897 in Acme AE1021 routers?', unnamed).found).toBe(false);
    expect(extractiveAnswer('Who was behind the exploitation of the Acme AE1021 flaw CVE-2023-49897?', unnamed).found).toBe(false);
    expect(extractiveAnswer('threat actors exploiting the Acme AE1021 flaw CVE-2023-49897 in the wild', unnamed).found).toBe(false);
    const lockbit = [hit('Threat actors deploying LockBit ransomware have been exploiting CVE-2023-49897 in Acme AE1021 routers.', { route: 'identifier', similarity: 0.6 })];
    expect(extractiveAnswer('Which ransomware gang has been exploiting CVE-2023-49897?', lockbit).answer).toMatch(/LockBit/);
    expect(extractiveAnswer('Has any named threat actor been seen exploiting CVE-2023-49897 in Acme AE1021 routers?', lockbit).found).toBe(true);
  });

  it('names a hospital, a utility or a customer only beside what it is', () => {
    const utilities = [hit('Many electric utilities have deployed Acme MU320E merging units in accordance with the NERC-CIP requirements.', { similarity: 0.6, story_title: 'Acme MU320E' })];
    expect(extractiveAnswer('Which electric utilities have Acme MU320E merging units deployed?', utilities).found).toBe(false);
    const named = [hit('Glenfield Electric and other utilities have deployed Acme MU320E merging units, as has Northvale Utility.', { similarity: 0.6, story_title: 'Acme MU320E' })];
    expect(extractiveAnswer('Which electric utilities have Acme MU320E merging units deployed?', named).answer).toMatch(/Northvale Utility/u);
  });

  it('declines an update the advisory never had, a flaw\'s exposure it never counts, and reads "a flaw" as no missing word', () => {
    const updateA = [hit('Update A - Mitigations updated', { kind: 'timeline', field: 'timeline[1].text', date: '2021-11-02', context: 'Acme PI Studio\n2021-11-02: Revision 2', route: 'timeline' })];
    expect(extractiveAnswer('What did Update B of the Acme PI Studio advisory change?', updateA)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "Update B"' });
    expect(extractiveAnswer('What did Update A of the Acme PI Studio advisory change?', updateA).found).toBe(true);
    const line = [hit('CVE-2021-38450: CVSS v3.0 base score 9.9 (CRITICAL). Known affected: Acme Tracer SC controllers 4.2.', { kind: 'vulnerability', field: 'facts[6]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('How many Acme Tracer SC controllers are exposed on the internet?', line)).toMatchObject({ found: false, declined_because: 'no retrieved passage says "expos" of it' });
    const kevGoAhead = [hit('CISA added CVE-2017-17562 (Embedthis GoAhead: Remote Code Execution Vulnerability) to the Known Exploited Vulnerabilities catalog on 2021-12-10.', { kind: 'timeline', field: 'timeline[1].text', date: '2021-12-10', story_title: 'Acme MDS Radios', context: 'Acme MDS Radios', similarity: 0.6 })];
    expect(extractiveAnswer('Has the GoAhead web server flaw in the Acme MDS radios been exploited in the wild?', kevGoAhead).found).toBe(true);
  });

  it('reads the version, the date and the maker a question asks for, and the highest score among several', () => {
    const fix = (text: string) => hit(text, { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: undefined, keyword_rank: 1 });
    // A version the question names is not the answer; one that begins with it is.
    expect(extractiveAnswer('Which PostgreSQL version ships with Acme DMS600 4.6?', [fix('Acme DMS600: Update to 4.6.')]).found).toBe(false);
    expect(extractiveAnswer('Which Acme Ignition 8.1 version fixes the flaw?', [fix('Acme Ignition: Version 8.1.9 or later')]).answer).toMatch(/8\.1\.9/);
    expect(extractiveAnswer('What firmware should Acme GW6 owners move to?', [fix('Upgrade the Acme GW6 to firmware 2.0.87 or newer.')]).answer).toMatch(/2\.0\.87/);
    // The date of a version is in a passage that names it; an identifier route is no date.
    const published = hit('ICSA-19-339-01 Acme License Manager Runtime', { kind: 'timeline', field: 'timeline[0].text', date: '2019-12-05', similarity: 0.6 });
    expect(extractiveAnswer('When did Acme release License Manager 7.101?', [published, fix('Acme recommends upgrading License Manager to Version 7.101 or later.')]).found).toBe(false);
    const status = hit('CVE-2024-7029: Known affected: Acme AVM1203 <=firmware 1023.', { kind: 'vulnerability', field: 'facts[7]', route: 'identifier', story_title: 'Acme IP camera' });
    expect(extractiveAnswer('When will Acme release a fix for CVE-2024-7029 on the AVM1203?', [status]).found).toBe(false);
    expect(extractiveAnswer('CVE-2024-7029 - whose camera is it in?', [status]).answer).toMatch(/^Acme IP camera \(ICSA-24-001-01\): /);
    const scores = [7.5, 9.8].map((n, i) => hit(`CVE-2021-3297${i}: CVSS v3.0 base score ${n} (HIGH). weakness Classic Buffer Overflow (CWE-120).`, { kind: 'vulnerability', field: `facts[${i + 7}]`, similarity: undefined, keyword_rank: i + 1 }));
    expect(extractiveAnswer("What's the highest CVSS score among the Acme Widget Controller buffer overflows?", scores).answer).toMatch(/^CVE-2021-32971: CVSS v3\.0 base score 9\.8/);
  });

  it('goes on with the sentence that says what the lead lacks, though both are fixes, and hinges on "breached through"', () => {
    const moxa = [hit('Acme has developed solutions to address these vulnerabilities. Please contact Acme Technical Support for a security patch.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('How do Acme Widget Controller owners get a patch for the buffer overflows?', moxa).answer).toMatch(/Technical Support for a security patch/);
    expect(hingeVerb('Which water utility was breached through the Acme default password?')).toBe('breach');
  });

  it('reads names without diacritics and sentence openers as no names, and numbers in model names or versions as no counts', () => {
    const draeger = [hit('Dräger released fixes for these vulnerabilities in December 2018.', { story_title: 'Dräger Infinity Delta', context: 'Dräger Infinity Delta', kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 })];
    expect(extractiveAnswer('When did Drager put out fixes for the Infinity Delta monitor flaws?', draeger).answer).toMatch(/December 2018/);
    const review = [hit('The order preserves a voluntary framework for developers to share models with the government and trusted partners.', { similarity: 0.6 })];
    expect(extractiveAnswer('Apart from the government, who may developers share models with?', review).declined_because ?? '').not.toMatch(/Apart/);
    const gateway = [hit('CVE-2018-14826: Known affected: Acme EMG12 Ethernet Modbus Gateway <=2.57.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('How many EMG12 gateways are reachable from the internet?', gateway).found).toBe(false);
  });

  it('answers "who is behind CVE-X" with the vendor, and needs a version the question names in the passage that answers', () => {
    const routed = { route: 'identifier' as const, story_id: 'ICSA-23-096-01' };
    const lines = [
      hit('CVE-2022-25359: External Control of File Name or Path (CWE-73).', { ...routed, kind: 'vulnerability', field: 'facts[6]' }),
      hit('Vendors: Industrial Control Links', { ...routed, kind: 'entity', field: 'facts[2]' }),
    ];
    expect(extractiveAnswer('Who is behind CVE-2022-25359, and what do they make?', lines).answer).toMatch(/Vendors: Industrial Control Links/);
    const score = [hit('CVE-2017-13995: CVSS v3.0 base score 10.0 (CRITICAL), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H.', { ...routed, kind: 'vulnerability', field: 'facts[6]' })];
    expect(extractiveAnswer('Has CVE-2017-13995 been assigned a CVSS 4.0 vector?', score).found).toBe(false);
    expect(extractiveAnswer('Has CVE-2017-13995 been assigned a CVSS 3.0 vector?', score).found).toBe(true);
    const kev = [hit('CISA added CVE-2024-11680 (Acme ProjectSend: Improper Authentication Vulnerability) to the KEV catalog on 2024-12-03.', { ...routed, kind: 'timeline', field: 'timeline[0].text', date: '2024-12-03' })];
    expect(extractiveAnswer('Which ProjectSend release fixes CVE-2024-11680?', kev).found).toBe(false);
    const library = [hit('A vulnerability exists in a specific library included in these products.', { similarity: 0.7 })];
    expect(extractiveAnswer('Which third-party library in the Acme Widget Controller contains the flaw?', library).found).toBe(false);
  });

  it('reads the question after a topic put first, what is wanted, a workaround, port numbers and a place', () => {
    expect(expected('CVE-2024-0002 — what product is hit?')).toMatchObject({ type: 'name', unit: 'product' });
    expect(expected('Acme Widget 12.1.2: which build fixes the overflow?')).toMatchObject({ type: 'version' });
    expect(expected('Up to which Widget version is the overflow present?')).toMatchObject({ type: 'version' });
    expect(expected('What is the release date of the Acme advisory?')).toMatchObject({ type: 'date' });
    expect(expected('Where will the clearinghouse be based?')).toMatchObject({ type: 'name', unit: 'place' });
    expect(expected('Which CVE number covers it?')?.type).not.toBe('quantity');
    expect(hingeVerb('What does Acme want Widget customers to upgrade to?')).toBe('upgrad');
    expect(hingeVerb('How do you work around CVE-2024-0001 on Acme PLCs?')).toBeNull();
    expect(queryIntent('How do you work around CVE-2024-0001 on Acme PLCs?').kindBoost.remediation).toBeGreaterThan(0);
    const routed = { route: 'identifier' as const };
    const block = [hit('Acme recommends users block network access to the Widget TFTP and HTTPS ports.', { ...routed, kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' })];
    expect(extractiveAnswer('Which TFTP and HTTPS port numbers should be blocked to mitigate CVE-2024-0001?', block)).toMatchObject({ found: false });
    const clearinghouse = [hit('The order creates an AI cybersecurity clearinghouse to coordinate vulnerability scanning with AI companies.', { similarity: 0.7 })];
    expect(extractiveAnswer('Where will the clearinghouse be based?', clearinghouse).found).toBe(false);
  });

  it('weighs absent words by how rare they are, an opening word English writes in lower case as no name, and two names as one word', () => {
    // Everyday words the passages lack ("getting", "ready", "early") are how the asker put it.
    expect(missingSpecifics('As of early June, what was the review board getting ready to put out?', order())).toBeNull();
    expect(missingSpecifics('Which salaries, pensions and bonuses does the clearinghouse negotiate?', order())).toMatch(/mentions/);
    const leak = [hit('The Acme health records exchange sends LDAP credentials in cleartext when the domain controller returns referrals.', { similarity: 0.6 })];
    expect(missingSpecifics('Healthcare records exchange that leaks LDAP credentials in cleartext', leak)).toBeNull();
    expect(missingSpecifics('Peloton records exchange that leaks LDAP credentials in cleartext', leak)).toBe('no retrieved passage mentions "Peloton"');
    // A remark before a colon is how the question is put; a bare day of the month is a date.
    expect(missingSpecifics('Compliance memo for the pensions subcommittee: which agencies staff the review board?', order())).toBeNull();
    expect(missingSpecifics('Salaries team memo: which pensions and bonuses does the board negotiate?', order())).toMatch(/mentions/);
    expect(missingSpecifics('Per the May 21 timeline item, which board does the reworked order create?', order())).toBeNull();
    const source = [hit('Trump AI Order Seeks Voluntary Frontier Model Testing', { kind: 'source', field: 'sources[0].title', context: 'Source published by darkreading.com', source: { publisher: 'darkreading.com', title: 'Trump AI Order Seeks Voluntary Frontier Model Testing' } })];
    expect(missingSpecifics('Did Dark Reading cover the order?', source)).toBeNull();
    expect(extractiveAnswer('Does the order say anything about weapons systems?', order())).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "weapon", "system"' });
  });

  it('declines a yes-or-no question whether a thing is done when two of its own words are held by no passage', () => {
    // "require" and "incident" are the claim; the order and the companies are only its topic.
    expect(missingSpecifics('Does the order require the review board to report security incidents?', order())).toBe('no retrieved passage mentions "requir", "inciden"');
    expect(missingSpecifics('Is there a sunset or expiration date on the review board?', order())).toMatch(/"sunset", "expirat"/);
    // A search for an advisory describes its flaw in the asker's words.
    const syn = [hit('Acme serial device servers do not limit resource allocation: a remote attacker can send TCP SYN packets to make the device unavailable.', { context: 'Acme NPort serial device servers' })];
    expect(missingSpecifics('Is there an advisory about serial device servers that never cap resources, so an attacker can topple them?', syn)).toBeNull();
    // One absent word is a paraphrase; a second alternative ("or ...") may hold all it says.
    expect(missingSpecifics('Does the order require the review board to decide when a model qualifies?', order())).toBeNull();
    expect(missingSpecifics('Does the order abolish and dissolve the review board, or fund it?', order())).toBeNull();
    // The clause ends at a restatement; a fix asked for is told in the advisory's own words.
    expect(missingSpecifics('The board has staff. Does the order fund the review board, i.e. do auditors vet it?', order())).toBeNull();
    const block = [hit('Acme recommends users block remote hosts from port 502 at the firewall to stop a denial of service.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' })];
    expect(missingSpecifics('Is there a config workaround to stop remote hosts from toppling the Acme Widget Controller?', block)).toBeNull();
    // What kind of piece a source is, its outlet says.
    const source = hit('Assessing the Executive Order on AI Oversight', { kind: 'source', field: 'sources[0].title', context: 'Source published by cfr.org', source: { publisher: 'cfr.org', title: 'Assessing the Executive Order on AI Oversight' } });
    expect(missingSpecifics('Is there any think-tank analysis among the cited sources?', [...order(), source])).toBeNull();
  });

  it('holds an impact\'s acronym, "Wi-Fi" as advisories write it, an advisory as a publication and a KEV entry as binding FCEB agencies', () => {
    const score = [hit('CVE-2019-19707: CVSS v3.0 base score 7.5 (HIGH). weakness Uncontrolled Resource Consumption (CWE-400).', { kind: 'vulnerability', field: 'facts[4]', context: 'Moxa EDS Ethernet Switches' })];
    expect(missingSpecifics('Moxa EDS DoS advisory from December 2019 - what is the CVE and its base score?', score)).toBeNull();
    const wireless = [hit('An unauthorized user with physical access may be able to obtain unencrypted wireless network authentication credentials.', { context: 'Acme Pump' })];
    expect(missingSpecifics('Does the Acme Pump give away unencrypted Wi-Fi credentials?', wireless)).toBeNull();
    expect(missingSpecifics('publication date of the Acme Widget Controller advisory', [hit('ICSA-24-001-01 Acme Widget Controller', { kind: 'timeline', field: 'timeline[0].text', date: '2024-01-02' })])).toBeNull();
    const kev = [hit('CISA added CVE-2023-4966 (Citrix NetScaler ADC) to the KEV catalog on 2023-10-18; remediation due 2023-11-08.', { story_id: 'kev-CVE-2023-4966', kind: 'timeline', field: 'timeline[0].text', date: '2023-10-18', route: 'identifier' })];
    expect(missingSpecifics('CVE-2023-4966 from KEV: the day CISA added it, and the due date FCEB agencies had to meet?', kev)).toBeNull();
    // "Which CVE covers that": the verb is no thing asked for.
    expect(askedFor('A web server hands out short session IDs. Which CVE covers that?')).toEqual([]);
  });

  it('reads words put otherwise in one form: a "tougher" review is a "stronger" one, "prosecuting" is "enforcement"', () => {
    expect(contentTerms('Were tougher reviews dropped?')).toContain(stem('stronger'));
    expect(wordsOf('The order prioritizes criminal enforcement against attackers.').has(contentTerms('Who handles prosecutions?').at(-1)!)).toBe(true);
    const enforcement = [storyHit('The order also directs the attorney general to prioritize criminal enforcement against actors who use AI to break into computer systems.', { similarity: 0.3 })];
    expect(extractiveAnswer('Is there anything in the order about prosecuting people who use AI to break into computer systems?', enforcement).found).toBe(true);
  });

  it('reads names in the words passages use: "the Justice Department" is the attorney general\'s', () => {
    const ag = [storyHit('The order also directs the attorney general to prioritize criminal enforcement against actors who use AI to break into computer systems.', { similarity: 0.3 })];
    expect(missingSpecifics("Does the order give the Justice Department's prosecutors any work?", ag)).toBeNull();
    expect(missingSpecifics("Does the order give the Commerce Department's prosecutors any work?", ag)).toBe('no retrieved passage mentions "Commerce"');
  });

  it('reads "anything in the order about X?" as asking whether the story speaks of X, and breaking into a system as illegally accessing it', () => {
    expect(polarTopic('anything in the EO on deepfakes or AI-generated disinformation?')).toEqual(['deepfak', 'ai-gen', 'disinfo']);
    expect(extractiveAnswer('Anything in the order about cyber insurance for the review board?', order())).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "cyber", "insuran"' });
    const ag = [storyHit('The order also directs the attorney general to prioritize criminal enforcement against actors who use AI to illegally access, damage, or exploit computer systems and data.', { similarity: 0.3 })];
    expect(extractiveAnswer('Anything in the order about those who use AI to break into or wreck computer systems?', ag).found).toBe(true);
  });

  it('reads a capital as its country\'s government: "Beijing" is held by "China-US", "Washington" by "the federal government"', () => {
    const diplomat = [storyHit('New AI Order Raises the Stakes in China-US Tech Rivalry', { kind: 'source', field: 'sources[7].title', source: { publisher: 'thediplomat.com', title: 'New AI Order Raises the Stakes in China-US Tech Rivalry' }, context: 'Source published by thediplomat.com', similarity: undefined })];
    expect(extractiveAnswer('Which reference frames the order in terms of the tech rivalry between Washington and Beijing?', diplomat).answer).toMatch(/^thediplomat\.com published/);
    const shared = [storyHit('The order preserves a voluntary framework for developers to share advanced models with the federal government before release.', { similarity: 0.3 })];
    expect(extractiveAnswer('Can developers share advanced models with Washington before release?', shared).found).toBe(true);
    expect(extractiveAnswer('Can developers share advanced models with Moscow before release?', shared).found).toBe(false);
  });

  it('leads with the fix for the version the question runs, and gives an announced workaround step by step', () => {
    const fix = (text: string, i: number) => hit(text, { route: 'identifier', kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details`, context: 'Acme Widget Server PLC >= 11.0.0 | <= 12.1.3' });
    const fixes = [fix('Version 13.0.0: Update to Version 13.00.01', 0), fix('Versions 11.0.0 through 11.0.4: Update to Version 11.00.05', 1), fix('Versions 12.1.0 through 12.1.3: Update to Version 12.01.04', 2)];
    expect(extractiveAnswer('We run Widget Server 12.1.2 on CVE-2024-0001 — which build fixes it?', fixes).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): Versions 12\.1\.0 through 12\.1\.3: Update to Version 12\.01\.04/);
    const steps = ['Acme recommends users apply the following workaround:', 'Open the link parameter screen.', 'Open the Timers section.', 'Set “Non-Reception timer” to “Enable”.'].map((t, i) => fix(t, i));
    const answer = extractiveAnswer('How do you work around CVE-2024-0001 on Widget PLCs?', [steps[2]!, steps[0]!, steps[3]!, steps[1]!]).answer;
    expect(answer.indexOf('following workaround')).toBeLessThan(answer.indexOf('link parameter'));
    expect(answer.indexOf('Timers section')).toBeLessThan(answer.indexOf('Non-Reception'));
  });

  it('holds a flaw acronym as advisories spell it and a hyphenated name by its parts; declines a threat no passage names', () => {
    const xss = [hit('CVE-2024-0003: CVSS v3.1 base score 7.5 (HIGH). weakness Improper Neutralization of Input During Web Page Generation (\'Cross-site Scripting\') (CWE-79).', { story_title: 'Acme Relay', context: 'Acme Relay', kind: 'vulnerability', field: 'facts[6]', similarity: undefined, keyword_rank: 1 })];
    expect(missingSpecifics('What CVSS score did the Acme relay XSS get?', xss)).toBeNull();
    expect(missingSpecifics('What CVSS score did the Acme relay CSRF get?', xss)).toBe('no retrieved passage mentions "CSRF"');
    const diplomat = [hit('What the Order Means for China-US Tech Competition', { kind: 'source', field: 'sources[0].title', source: { publisher: 'thediplomat.com', title: 'What the Order Means for China-US Tech Competition' }, context: 'Source published by thediplomat.com', similarity: 0.6 })];
    expect(missingSpecifics('How did the source frame the order for the US-China contest?', diplomat)).toBeNull();
    expect(missingSpecifics('How did the source frame the order for the US-India contest?', diplomat)).toBe('no retrieved passage mentions "US-India"');
    const cardio = [hit('The Acme Cardio software accepts any Active Directory account when single sign-on is on.', { similarity: 0.6 })];
    expect(missingSpecifics('Cardiology software that accepts any Active Directory account', cardio)).toBeNull();
    const kev = [hit('CISA added CVE-2024-0004 (Acme Graph API: Information Disclosure Vulnerability) to the KEV catalog on 2024-11-30.', { route: 'identifier', kind: 'timeline', field: 'timeline[0].text', date: '2024-11-30' })];
    expect(extractiveAnswer('Has CVE-2024-0004 been used in ransomware campaigns?', kev)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "ransomw"' });
  });

  it('reads flaws, credits and deadlines in other words', () => {
    const flaws = [hit('CVE-2024-0005: Known affected: Acme Cardio <= 1.1.1.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 1, story_title: 'Acme Cardio Products', context: 'Acme Cardio Products' })];
    expect(missingSpecifics('What security issues were reported in Acme Cardio software?', flaws)).toBeNull();
    expect(queryIntent('Who discovered the Acme CPU module denial of service?').credit).toBe(true);
    expect(expected('How long does the attorney general have to report on enforcement?')).toMatchObject({ type: 'date', unit: 'deadline' });
    expect(extractiveAnswer('How long does the attorney general have to report on enforcement?', [hit('The order directs the attorney general to prioritize enforcement against AI-enabled hacking.', { similarity: 0.7 })]).found).toBe(false);
  });

  it('asks what a subject did, where, and when it was done (not planned), and reads a release number as a version', () => {
    expect(hingeVerb('Which Widget release first introduced the overflow?')).not.toBeNull();
    expect(hingeVerb('Which version fixed the overflow?')).toBeNull();
    expect(hingeVerb('Which affected products need an update?')).toBeNull();
    const release = [hit('In a later release, targeted for September 2019, Acme will modify the protection scheme to include a second password.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.7 })];
    expect(expected('Which Widget release number adds the second password?')).toMatchObject({ type: 'version' });
    expect(extractiveAnswer('Which Widget release number adds the second password?', release).found).toBe(false);
    expect(extractiveAnswer('Where did the President sign the order?', order()).found).toBe(false);
    expect(extractiveAnswer('Where did the President sign the order?', [hit('The President signed the order at the White House on June 2.', { similarity: 0.7 })]).answer).toMatch(/White House/);
    const plan = [hit('Acme is scheduled to release Widget version 2.0 for Q1 of 2019.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.7 })];
    expect(extractiveAnswer('On what date did Acme actually ship Widget 2.0?', plan).found).toBe(false);
    expect(extractiveAnswer('When is Acme scheduled to release Widget 2.0?', plan).answer).toMatch(/Q1 of 2019/);
  });

  it('reads a second question joined by "and", CVE and headline questions, security holes, and a fix version that is no affected bound', () => {
    expect(expected('What is CVE-2024-0006 and which product does it hit?')).toMatchObject({ type: 'name', unit: 'product' });
    expect(queryIntent('Which CVEs were published for the Acme gateway?').kindBoost.entity).toBeGreaterThan(0);
    expect(hingeVerb('Did the acting head talk about the directive before the signing?')).toBeNull();
    expect(hingeVerb('In which Widget firmware version was the weak password encoding introduced?')).not.toBeNull();
    const alice = [hit('Users of the Acme Alice 6 should contact their local Acme service team.', { story_title: 'Acme Alice 6 Vulnerabilities', context: 'Acme Alice 6 Vulnerabilities', similarity: 0.6 })];
    expect(missingSpecifics('Has Acme put out anything on security holes in the Alice 6?', alice)).toBeNull();
    expect(missingSpecifics('Has Acme put out anything on ransomware in the Alice 6?', alice)).toMatch(/mentions/);
    const eol = [hit('The end of life HMI editor overflows a stack buffer on font strings.', { similarity: 0.6 })];
    expect(missingSpecifics('End-of-life HMI editor whose project files overflow a stack buffer', eol)).toBeNull();
    const bound = (text: string) => hit(text, { route: 'identifier', kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' });
    expect(extractiveAnswer('Which Acme release number fixes CVE-2024-0007?', [bound('Acme 1794-AENTR Series A: Versions 2.011 and prior.')]).found).toBe(false);
    expect(extractiveAnswer('Which Acme release number fixes CVE-2024-0007?', [bound('Acme 1794-AENTR Series A: update to Version 2.012.')]).answer).toMatch(/2\.012/);
  });

  it('needs a detail in its own form (a file name, an algorithm, an id), a revision that says what changed, and no version the question names', () => {
    const leak = [hit('Acme Tank Gauge versions prior to 2.26 possess a file that can be read arbitrarily and holds the administrator credentials.', { similarity: 0.7 })];
    expect(expected('Which file on the Acme Tank Gauge leaks the administrator credentials?')).toMatchObject({ type: 'name', unit: 'fil' });
    expect(extractiveAnswer('Which file on the Acme Tank Gauge leaks the administrator credentials?', leak).found).toBe(false);
    const named = [hit('Acme Tank Gauge versions prior to 2.26 expose the file /etc/acme/users.cfg, which holds the administrator credentials.', { similarity: 0.7 })];
    expect(extractiveAnswer('Which file on the Acme Tank Gauge leaks the administrator credentials?', named).answer).toMatch(/users\.cfg/);
    const hash = [hit('Acme Widget versions prior to 3.2.23 use a weak hash algorithm (MD5) for privileged user credentials.', { similarity: 0.7 })];
    expect(extractiveAnswer('Which hash algorithm replaced MD5 in Acme Widget 3.2.23?', hash).found).toBe(false);
    expect(expected('What is CVE-2024-0008 about?')).toBeNull();
    const update = (text: string) => hit(text, { story_title: 'Acme Widget (Update B)', context: 'Acme Widget (Update B)', kind: 'timeline', field: 'timeline[2].text', date: '2024-02-01', route: 'timeline' });
    expect(extractiveAnswer('What changed in Update B of the Acme Widget advisory?', [update('ICSA-24-001-01B Acme Widget (Update B)')]).found).toBe(false);
    expect(extractiveAnswer('What changed in Update B of the Acme Widget advisory?', [update('Update B: Added mitigations for the Widget Pro')]).answer).toMatch(/Added mitigations/);
    const fix = [hit('Acme DMS600: Update to v4.6.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.7 })];
    expect(extractiveAnswer('Which PostgreSQL version ships with Acme DMS600 4.6?', fix).found).toBe(false);
  });

  it('answers a question about an advisory\'s flaws with its CVEs line first', () => {
    expect(queryIntent('Acme Smart Manager vulnerabilities').listsFlaws).toBe('described');
    expect(queryIntent('Which CVEs were published for the Acme Smart Manager?').listsFlaws).toBe('cves');
    expect(queryIntent('What does CVE-2024-0009 affect?').listsFlaws).toBeNull();
    const flaws = [
      hit('2017-02-09: ICSA-17-040-01 Acme Smart Manager', { kind: 'timeline', field: 'timeline[0].text', date: '2017-02-09', similarity: 0.8 }),
      hit('CVE-2017-5169: Known affected: Acme Smart Manager <= 1.5.', { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, keyword_rank: 2 }),
      hit('CVEs: CVE-2017-5168; CVE-2017-5169', { kind: 'entity', field: 'facts[0]', similarity: undefined, keyword_rank: 3 }),
    ];
    expect(extractiveAnswer('Acme Smart Manager vulnerabilities', flaws).answer).toMatch(/^(?:[^[]*: )?CVEs: CVE-2017-5168; CVE-2017-5169 \[\d\]/);
    // "Anything published on X?" asks for the advisory, named, and what its flaws are.
    expect(extractiveAnswer('anything published on the Acme Widget Controller?', flaws).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): CVEs: CVE-2017-5168; CVE-2017-5169 \[\d\]/);
    // A fix asked for the flaws is answered by the fix: the CVE ids would take its place.
    const fixes = [...flaws, hit('Acme will not release a fix; users should migrate to the Smart Manager 2.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: undefined, keyword_rank: 1 })];
    const fixAnswer = extractiveAnswer('Is any fix coming for the Acme Smart Manager bugs?', fixes).answer;
    expect(fixAnswer).toMatch(/migrate to the Smart Manager 2/u);
    expect(fixAnswer).not.toMatch(/CVEs:/u);
  });

  it('spells an acronym out from any line that gives it, and reads "land in" and "stand for" as no deeds', () => {
    const offices = [hit('Offices: Office of the National Cyber Director (also ONCD); White House', { kind: 'entity', field: 'facts[1]', similarity: undefined, keyword_rank: 1 }), ...order()];
    expect(extractiveAnswer('What does ONCD stand for?', offices).answer).toMatch(/Office of the National Cyber Director/);
    expect(extractiveAnswer('What does NSA stand for?', [...order(), hit('The order tasks CISA, NSA and OMB.', { similarity: 0.6 })]).found).toBe(false);
    expect(hingeVerb('When did the Acme bug land in KEV?')).toBeNull();
    expect(hingeVerb('Acme Widget advisory: when did Update A and Update B land?')).toBeNull();
  });

  it('needs an extension, a password, someone or a date in its own form, and dates only the advisory by its publication', () => {
    const files = [hit('An out-of-bounds read can be executed when processing project files.CVE-2024-0010 has been assigned.', { similarity: 0.7 })];
    expect(extractiveAnswer('Which Acme project file extension triggers the out-of-bounds read?', files).found).toBe(false);
    expect(extractiveAnswer('Which Acme project file extension triggers the out-of-bounds read?', [hit('An out-of-bounds read is triggered by crafted .pwx project files.', { similarity: 0.7 })]).answer).toMatch(/\.pwx/);
    const sip = (text: string) => [hit(text, { similarity: 0.7 })];
    expect(extractiveAnswer('What is the hard-coded SIP password in Acme Widget?', sip('The Acme Widget SIP component uses a hard-coded password.')).found).toBe(false);
    expect(extractiveAnswer('What is the hard-coded SIP password in Acme Widget?', sip('The Acme Widget SIP component uses the hard-coded password "acme1234".')).answer).toMatch(/acme1234/);
    const leak = (text: string) => [hit(text, { similarity: 0.7 })];
    expect(extractiveAnswer('Who published the proof-of-concept exploit for the Acme InfoScan leak?', leak('Acme InfoScan leaks information through the rendered JavaScript before login.')).found).toBe(false);
    expect(extractiveAnswer('Who published the proof-of-concept exploit for the Acme InfoScan leak?', leak('Jens Regel published a proof-of-concept exploit for the Acme InfoScan leak.')).answer).toMatch(/Jens Regel/);
    const published = [hit('ICSA-19-029-01 Acme License Manager', { story_title: 'Acme License Manager', context: '2019-01-29 Initial Publication', kind: 'timeline', field: 'timeline[0].text', date: '2019-01-29', similarity: 0.7 })];
    expect(extractiveAnswer('When did Acme publish its own report on the License Manager upload flaw?', published).found).toBe(false);
    expect(extractiveAnswer('When was the Acme License Manager advisory published?', published).answer).toMatch(/2019-01-29/);
    expect(extractiveAnswer('When did Acme fix the InTouch flaw?', [hit('Acme InTouch versions 2020 R2 and older are vulnerable.', { similarity: 0.7 })]).found).toBe(false);
  });

  it('reads attribute search phrases, a DLL, credentials, a headline as no one, and affected versions apart from fixes', () => {
    expect(expected('publication date of the Acme advisory')).toMatchObject({ type: 'date' });
    expect(expected('author of the Acme assessment')).toMatchObject({ type: 'name', unit: 'someone' });
    const headline = [hit('Assessing Trump’s Executive Order on AI Oversight', { kind: 'source', field: 'sources[4].title', source: { publisher: 'cfr.org', title: 'Assessing Trump’s Executive Order on AI Oversight' }, context: 'Source published by cfr.org', similarity: 0.6 })];
    expect(extractiveAnswer('author of the cfr.org assessment of the order', headline).found).toBe(false);
    const dll = (text: string) => [hit(text, { similarity: 0.7 })];
    expect(extractiveAnswer('Which DLL does the Acme Configurator load from the untrusted search path?', dll('The Acme Configurator searches an untrusted search path that could execute a malicious .dll file.')).found).toBe(false);
    expect(extractiveAnswer('Which DLL does the Acme Configurator load from the untrusted search path?', dll('The Acme Configurator loads version.dll from an untrusted search path.')).answer).toMatch(/version\.dll/);
    expect(expected('What are the hard-coded credentials in Acme FeverWarn devices?')).toMatchObject({ type: 'name', unit: 'passwor' });
    // A driver is named by its file, a registry key by its hive, a community string as a password is.
    const driver = (text: string) => [hit(text, { similarity: 0.7 })];
    expect(extractiveAnswer('Which .sys driver installed by the Acme runtime is the vulnerable one?', driver('A driver installed by the Acme runtime allows privilege escalation.')).found).toBe(false);
    expect(extractiveAnswer('Which .sys driver installed by the Acme runtime is the vulnerable one?', driver('The acmeio.sys driver installed by the Acme runtime allows privilege escalation.')).answer).toMatch(/acmeio\.sys/);
    expect(extractiveAnswer('Which registry keys can low-privileged users modify in the Acme runtime?', driver('Low-privileged users can modify registry settings used by the Acme runtime.')).found).toBe(false);
    expect(extractiveAnswer('Which registry keys can low-privileged users modify in the Acme runtime?', driver('Low-privileged users can modify the registry key HKLM\\SOFTWARE\\Acme\\Runtime, used by the Acme runtime.')).found).toBe(true);
    expect(expected('What is the default SNMP community string on the Acme runtime?')).toMatchObject({ type: 'name', unit: 'passwor' });
    const fixed = [hit('Acme has released MicroServer firmware Version 2.7.9973 that addresses the vulnerabilities.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.7 })];
    expect(extractiveAnswer('Which Acme MicroServer firmware versions are vulnerable?', fixed).found).toBe(false);
    expect(extractiveAnswer('Which Acme MicroServer firmware version fixes the flaws?', fixed).answer).toMatch(/2\.7\.9973/);
  });

  it('holds an acronym the passages spell out, and a passage that names its head noun speaks of it', () => {
    const directive = () => [
      storyHit('On 2026-06-04, the director said the agency plans to issue a binding operational directive by the end of the week.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', similarity: 0.3 }),
      storyHit('The directive will cover vulnerability management.', { similarity: 0.2 }),
    ];
    expect(missingSpecifics('When did the director first speak about the BOD?', directive())).toBeNull();
    expect(missingSpecifics('When did the director first speak about the SEC?', directive())).toBe('no retrieved passage mentions "SEC"');
    expect(extractiveAnswer('What will the BOD cover?', directive()).answer).toMatch(/^The directive will cover vulnerability management/);
    expect(spelledOut('the order directs the attorney general to act', 'AG')).toEqual(['attorney', 'general']);
    expect(spelledOut('Office of the National Cyber Director', 'ONCD')).toEqual(['office', 'national', 'cyber', 'director']);
    expect(spelledOut('by the end of the week, to implement the executive order', 'EO', 'lower')).toEqual(['executive', 'order']);
    expect(spelledOut('the agency plans', 'BOD')).toBeNull();
    // Two initials match by chance: only words in lower case spell a two-letter acronym.
    expect(spelledOut('Improper Neutralization of Input During Web Page Generation', 'ID', 'lower')).toBeNull();
    expect(spelledOut('the office of the national cyber director', 'ONCD', 'capital')).toBeNull();
  });

  it('reads a request as the question it asks, a topic before a comma, an aim by its verb, and CISA as the publisher of its advisories', () => {
    expect(expected('Name the file on the Acme web server that leaks passwords')).toMatchObject({ type: 'name', unit: 'fil' });
    expect(expected('CVE-2024-0001 plaintext passwords, which device is that in?')).toMatchObject({ type: 'name' });
    expect(hingeVerb('What does the order set out to promote?')).toBe('promot');
    expect(contentTerms('Besides stronger defenses, what does it promote?')).not.toContain('besid');
    const advisory = [hit('2024-09-05: ICSA-24-249-01 Acme Widget Controller', { story_id: 'ICSA-24-249-01', kind: 'timeline', field: 'timeline[0].text', date: '2024-09-05' })];
    expect(missingSpecifics('When did CISA publish the Acme Widget Controller advisory?', advisory)).toBeNull();
    // Before 2018 CISA published as NCCIC and its ICS-CERT; an ICSA advisory is an ICS one.
    expect(missingSpecifics('When did the ICS-CERT/NCCIC advisory on the Acme Widget Controller come out?', advisory)).toBeNull();
    expect(missingSpecifics('Which ICS advisory covers the Acme Widget Controller?', advisory)).toBeNull();
    expect(missingSpecifics('I need the advisory about a controller whose web server leaks passwords.', [hit('The Acme Widget Controller web server leaks passwords.', { story_id: 'ICSA-24-249-01' })])).toBeNull();
    expect(contentTerms('Is a software update coming?')).toEqual(['softwar', 'updat']);
    expect(contentTerms('Did Acme ever patch it?')).toEqual(['acm', 'patch']);
    expect(contentTerms('Did Acme talk about the upcoming recall before the vote or only afterwards?')).toEqual(['acm', 'talk', 'recall', 'vot']);
    // A number's letters name what it numbers: "KB939382" is a KB article.
    expect(missingSpecifics('Which Acme KB article explains the workaround?', [hit('Users should read Knowledgebase Article KB939382.', { kind: 'remediation' })])).toBeNull();
    // A name with an umlaut is held spelled with "ue" too.
    const cameras = [hit('Geutebrück recommends users update to firmware 1.12.0.19.', { kind: 'remediation', story_title: 'Geutebrück IP Cameras', context: 'Geutebrück IP Cameras' })];
    expect(missingSpecifics('What firmware does Geutebrueck want us on?', cameras)).toBeNull();
    expect(missingSpecifics('When did ENISA publish the Acme Widget Controller advisory?', advisory)).toBe('no retrieved passage mentions "ENISA"');
  });

  it('dates nothing by a date inside a link, and reads "which release adds X" as asking for a version', () => {
    const blog = [hit('Acme has released a security advisory that can be found at https://example.com/blog/2017/04/25/acme-fixed', { similarity: 0.6 })];
    expect(extractiveAnswer('On what date did Acme first tell the vendor about the flaws?', blog).found).toBe(false);
    expect(expected('Which Acme release adds TLS encryption for the treatment data?')).toMatchObject({ type: 'version' });
  });

  it('holds a word of a name of several as written, and asks for a person when it asks which reporter', () => {
    const center = [hit('The concerns centered on AI threats to critical infrastructure, and the National Security Agency gets new tasks.', { similarity: 0.6 })];
    expect(missingSpecifics("Does the order give the NSA's AI Security Center a role?", center)).toBe('no retrieved passage mentions "Center"');
    expect(missingSpecifics('Were the concerns Centered on critical infrastructure?', center)).toBeNull();
    expect(expected('Which Recorded Future News reporter wrote the story?')).toMatchObject({ type: 'name', unit: 'someone' });
  });

  it('declines a search phrase whose head no passage holds, but not a question typed without its mark', () => {
    const order = [hit('The order creates a clearinghouse to coordinate vulnerability scanning with critical infrastructure operators.', { similarity: 0.6 })];
    expect(missingSpecifics('deepfakes provisions in the clearinghouse order', order)).toBe('no retrieved passage mentions "deepfak", "provisi"');
    expect(missingSpecifics('clearinghouse scanning for critical infrastructure operators', order)).toBeNull();
    expect(missingSpecifics('by what date must operators join the clearinghouse', order) ?? '').not.toMatch(/"operat"/);
  });

  it('reads "what is X called" as asking for a name, and "end up signing" as signing', () => {
    expect(expected('What is the classified benchmark actually called?')).toEqual({ type: 'name', unit: null });
    expect(hingeVerb('What is the classified benchmark actually called?')).toBeNull();
    expect(contentTerms('When did Trump end up signing it?')).toEqual(['trump', 'sign']);
    // A signature is a signing: "the day the president's signature went on the order" is the day it was signed.
    expect(contentTerms("The day the president's signature went on the order?")).toEqual(['day', 'presid', 'sign', 'order']);
    // What something is aimed at is asked as "aim" is: the word says nothing of its own.
    expect(contentTerms("Is CISA's coming directive aimed at private companies?")).toEqual(['cisa', 'directi', 'privat', 'compani']);
    // "Called" frames the question; the thing is named by the phrase the story brings it in with, in lower case, for what it is for.
    expect(contentTerms("What's the new hub called that coordinates scanning?")).toEqual(['new', 'hub', 'coordin', 'scann']);
    const created = [storyHit('It also creates an AI cybersecurity clearinghouse to coordinate voluntary vulnerability scanning and patch distribution, alongside a classified benchmarking process to determine when a system qualifies as a covered frontier model.', { similarity: 0.3 })];
    expect(extractiveAnswer("What's the new AI outfit called that is supposed to coordinate scanning and patching with industry?", created).answer).toMatch(/clearinghouse/);
    expect(extractiveAnswer('What is the classified benchmark for flagging covered frontier models called?', created).found).toBe(false);
  });

  it('reads "what did X change when it revised the advisory" by the revision, and "what was the original X date" as a date', () => {
    const revision = [hit('Update A - Updated affected products and mitigations.', { kind: 'timeline', field: 'timeline[1].text', date: '2022-11-14', context: 'Acme Widget Controller (Update A)', similarity: 0.5 })];
    expect(extractiveAnswer('What did CISA change when it revised the Acme Widget Controller advisory?', revision).answer).toMatch(/Updated affected products/);
    expect(expected('What was the original mitigation date for CVE-2024-0001?')).toEqual({ type: 'date', unit: null });
    // "The name of the file", "which page": a detail a sentence states in its own form (a file name, a path).
    expect(expected('What is the name of the file on the Acme controller that stores passwords?')).toEqual({ type: 'name', unit: 'fil' });
    expect(expected('What is the name of the threat actor that exploited the Acme controller?')).toEqual({ type: 'name', unit: 'actor' });
    const page = [hit('The Acme Widget Controller web configuration is vulnerable to stored cross-site scripting.', { similarity: 0.7 })];
    expect(extractiveAnswer('Which web configuration page of the Acme Widget Controller holds the stored XSS?', page).found).toBe(false);
    expect(extractiveAnswer('Which web configuration page of the Acme Widget Controller holds the stored XSS?', [hit('The page /cgi-bin/setup.cgi of the Acme Widget Controller web configuration stores cross-site scripting payloads.', { similarity: 0.7 })]).found).toBe(true);
  });

  it('reads a short acronym by its spelling even where a headline holds it as written; a longer one, or one in a name, as written', () => {
    const order = [hit('Trump AI EO strikes a compromise', { kind: 'source', field: 'sources[0].title' }), hit('On 2026-06-02, the President signed the executive order.', { kind: 'timeline', date: '2026-06-02' })];
    expect(acronymHeads('trump EO signing date?', order)).toEqual(new Map([['eo', 'order']]));
    expect(expected('trump EO signing date?')).toEqual({ type: 'date', unit: null });
    const product = [hit('Cisco IOS XE web UI', { kind: 'source', field: 'sources[0].title' }), hit('Restrict access to the exposed element of the web server.')];
    expect(acronymHeads('How do Cisco IOS XE owners protect the web UI?', product).has('xe')).toBe(false);
    // An institution's name after "the" spells two letters too; a weakness's capitalised name does not.
    const pause = [hit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', date: '2026-05-21' })];
    expect(acronymHeads('when did the WH pause the signing?', pause)).toEqual(new Map([['wh', 'hous']]));
    const cwe = [hit('Improper Neutralization of Input During Web Page Generation (CWE-79).')];
    expect(acronymHeads('Which ID does the Acme controller use?', cwe).has('id')).toBe(false);
  });

  it('scores the flaw its prose describes, and asks for a maker by name whatever words tell its products', () => {
    const scores = [
      hit('CVE-2019-0001: CVSS v3.0 base score 7.5 (HIGH), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H. weakness Uncontrolled Resource Consumption (CWE-400).', { kind: 'vulnerability', field: 'facts[7]', similarity: null, story_similarity: 0.7 }),
      hit('CVE-2019-0002: CVSS v3.0 base score 9.8 (CRITICAL), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H. weakness Improper Access Control (CWE-284).', { kind: 'vulnerability', field: 'facts[8]', similarity: null, story_similarity: 0.7 }),
      hit('CVE-2019-0002: Improper Access Control (CWE-284). The reader runs a telnet service that accepts unauthenticated logins.', { similarity: 0.7 }),
    ];
    const score = extractiveAnswer('CVSS v3 score for the unauthenticated telnet issue on the Acme Widget Controller', scores).answer;
    expect(score).toMatch(/base score 9\.8/);
    expect(score).not.toMatch(/7\.5/);
    expect(askedFor('which industrial label printer maker had a passcode leak')).toEqual([]);
  });

  it('answers "is there a patch" with the fix that says there is none', () => {
    const fixes = [
      hit('Installers can answer specific questions about the configuration of these devices.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', similarity: 0.6 }),
      hit('This product is end-of-life and is no longer supported.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 }),
    ];
    expect(extractiveAnswer('Is Acme going to patch the Widget Controller flaw?', fixes).answer).toMatch(/^This product is end-of-life/);
    expect(extractiveAnswer('What should Acme Widget Controller installers ask about the configuration?', fixes).answer).toMatch(/^Installers can answer/);
  });

  it('dates a KEV record by its catalog event when the flaw is told by another passage of the entry', () => {
    const entry = [
      hit('CISA added CVE-2021-0001 (Acme Exchange: Acme Exchange Remote Code Execution Vulnerability) to the KEV catalog on 2021-11-17; remediation due 2021-12-01.', { story_id: 'kev-CVE-2021-0001', kind: 'timeline', field: 'timeline[0].text', date: '2021-11-17', similarity: null }),
      hit('An authenticated attacker could leverage improper validation in cmdlet arguments within Acme Exchange and perform remote code execution.', { story_id: 'kev-CVE-2021-0001', similarity: null }),
    ];
    expect(extractiveAnswer('Acme Exchange cmdlet argument validation flaw in KEV - what was the due date to fix it?', entry).answer).toMatch(/remediation due 2021-12-01/);
    expect(extractiveAnswer('When did Acme release the cmdlet argument validation fix for Exchange?', entry).found).toBe(false);
  });

  it('tells what the flaws are by the passages that describe them, and when an advisory was revised by its revisions', () => {
    const flaws = [
      hit('CVEs: CVE-2024-0001; CVE-2024-0002', { kind: 'entity', field: 'facts[0]', similarity: null }),
      hit('Acme recommends users of the Widget Controller update to version 2.2.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 }),
      hit('CVE-2024-0001: Use of Hard-coded Credentials (CWE-798). Hard-coded credentials in the Widget Controller let attackers with physical access log in.', { similarity: 0.4 }),
    ];
    expect(queryIntent('What security problems were found in the Acme Widget Controller?').listsFlaws).toBe('described');
    expect(queryIntent('Is there a fix for the Acme Widget Controller vulnerabilities?').listsFlaws).toBe('flaws');
    expect(extractiveAnswer('What security problems were found in the Acme Widget Controller?', flaws).answer).toMatch(/physical access/);
    const revisions = [
      hit('Acme Widget Controller (Update B)', { kind: 'timeline', field: 'timeline[2].text', date: '2022-12-01', route: 'timeline', similarity: 0.5 }),
      hit('Acme Widget Controller (Update A)', { kind: 'timeline', field: 'timeline[1].text', date: '2022-11-14', route: 'timeline', similarity: 0.5 }),
    ];
    expect(extractiveAnswer('How many times was the Acme Widget Controller advisory revised, and when?', revisions).answer).toMatch(/2022-12-01.*2022-11-14/);
  });

  it('reads the thing a question asks for by its head, and names a maker or an advisory by its title', () => {
    expect(askedFor('Which DICOM tag triggers the out-of-bounds read?')).toEqual(['dicom', 'tag']);
    expect(askedFor('What security requirements, if any, does the order put on data centers?')).toEqual(['securit', 'requir']);
    expect(askedFor('What connection rate, in connections per second, does it take to crash the server?')).toEqual(['connect', 'rat']);
    expect(askedFor('Which Acme releases on the X400 are affected?')).toEqual(['acm']);
    expect(askedFor('Which security camera line was flagged for leaking user details?')).toEqual(['securit']);
    const udp = [hit('A threat actor can send a specially formatted UDP request that crashes the Widget Controller.', { similarity: 0.6 })];
    // A port is a detail stated by its number: "UDP" held is no port.
    expect(extractiveAnswer('What UDP port does the request that crashes the Acme Widget Controller go to?', udp)).toMatchObject({ found: false, declined_because: 'no retrieved passage names what it asks for' });
    expect(missingSpecifics('What UDP request crashes the Acme Widget Controller?', udp)).toBeNull();
    const maker = [hit('Specially crafted packets make the printer hand back its front panel passcode. CVE-2019-0001 has been assigned.', { story_title: 'Acme Industrial Printers', context: 'Acme Industrial Printers', similarity: 0.6 })];
    expect(extractiveAnswer('Which label printer maker had a bug where crafted packets make the printer hand back its front panel passcode?', maker).answer).toMatch(/^Acme Industrial Printers \(ICSA-24-001-01\)/);
  });

  it('reads the verb of a question past a place named in several words, and not in a participle that qualifies a noun', () => {
    expect(hingeVerb('Who at the White House opposed the stronger review?')).toBe('oppos');
    expect(hingeVerb('Widget Controller: which CVE is the malformed UDP request that crashes the device?')).toBeNull();
    expect(hingeVerb('Which Widget versions are listed as affected by the pointer validation issue?')).not.toBe('list');
    expect(queryIntent('Who found the Acme shell escape and reported it to CISA?').credit).toBe(true);
    expect(queryIntent('The recall vs. the lawsuit - which one is earlier').temporal).toEqual({ type: 'order', first: true, anchors: ['the recall', 'the lawsuit'] });
  });

  it('answers "how bad is the flaw that ..., CVSS-wise" with the score line of the flaw the question describes', () => {
    const advisory = [
      hit('CVE-2024-0001: Cleartext Transmission of Sensitive Information (CWE-319). Acme Widget firmware 5.05 passes authentication secrets in cleartext with every request.', { similarity: 0.5 }),
      hit('CVE-2024-0002: CVSS v3.0 base score 7.5 (HIGH), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N. weakness Exposure of Sensitive Information (CWE-200).', { kind: 'vulnerability', field: 'facts[8]', similarity: null }),
      hit('CVE-2024-0001: CVSS v3.0 base score 6.8 (MEDIUM), vector CVSS:3.0/AV:A/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:L. weakness Cleartext Transmission of Sensitive Information (CWE-319).', { kind: 'vulnerability', field: 'facts[7]', similarity: null }),
      hit('CVE-2024-0002: Exposure of Sensitive Information (CWE-200). The web server discloses its configuration to anyone who asks.', { similarity: 0.4 }),
    ];
    expect(extractiveAnswer('how bad is the Acme issue where authentication secrets go over the wire in cleartext, CVSS-wise', advisory).answer).toMatch(/^Acme Widget Controller \(ICSA-24-001-01\): CVE-2024-0001: CVSS v3\.0 base score 6\.8/);
    // "How is it rated": the score line states the rating without the verb.
    expect(extractiveAnswer('How is the Acme issue where authentication secrets go over the wire in cleartext rated under CVSS v3?', advisory).answer).toMatch(/CVE-2024-0001: CVSS v3\.0 base score 6\.8/);
  });

  it('reads whether an agency got deadlines, whom X works with, and a date the asker checks', () => {
    expect(expected('is NSA one of the agencies the order hands near-term deadlines to, or is it all on CISA?')).toBeNull();
    expect(expected('Is there a deadline for the directive?')).toMatchObject({ type: 'date', unit: 'deadline' });
    const order = [
      storyHit('The order tasks CISA, NSA, OMB and other agencies with near-term deadlines to prioritize cyber defense.'),
      storyHit('It creates a clearinghouse to coordinate vulnerability scanning with AI companies and critical infrastructure operators.'),
      storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-05-21' }),
    ];
    expect(extractiveAnswer('quick one: is NSA one of the agencies the order hands near-term deadlines to, or is it all on CISA?', order).answer).toMatch(/^The order tasks CISA, NSA/);
    expect(extractiveAnswer('who is the clearinghouse meant to coordinate scanning with? government only, or outside players too?', order).answer).toMatch(/AI companies and critical infrastructure operators/);
    // The date named is the claim to check: the event's own date answers.
    expect(extractiveAnswer('my notes say the White House put the signing on hold on May 19 -- or was it the 21st? whats the right date', order).answer).toMatch(/2026-05-21/);
  });

  it('declines a time of day no passage states, and a kind of thing asked for "inside" another', () => {
    const signed = [storyHit('On 2026-06-02, President Trump signed the order. CISA said it will draft a binding directive.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-02' })];
    expect(extractiveAnswer('At what time on June 2 did Trump sign the order?', signed).found).toBe(false);
    expect(extractiveAnswer('At what time on June 2 did Trump sign the order?', [storyHit('Trump signed the order at 2:30 p.m. on June 2.')]).found).toBe(true);
    expect(askedFor('Which division inside CISA is drafting the binding directive?')).toEqual([stem('division')]);
  });

  it("answers a question naming a CVE from that CVE's stories only, with a KEV entry's required action when asked", () => {
    const kev = (id: string, route: 'identifier' | null) => [
      hit(`CISA added ${id} (Acme Widget: Acme Widget SQL Injection Vulnerability) to the KEV catalog on 2022-03-28; remediation due 2022-04-18.`, { story_id: `kev-${id}`, story_title: `${id}: Acme Widget SQL Injection Vulnerability`, kind: 'timeline', field: 'timeline[0].text', date: '2022-03-28', route, similarity: null }),
      hit('A SQL injection vulnerability exists in Acme Widget.\n\nRequired action: The impacted product is end-of-life and should be disconnected if still in use.', { story_id: `kev-${id}`, story_title: `${id}: Acme Widget SQL Injection Vulnerability`, route, similarity: null }),
    ];
    const a = extractiveAnswer('When was CVE-2021-20028 added to the catalog, and what action does CISA require?', [...kev('CVE-2021-20028', 'identifier'), ...kev('CVE-2023-49103', null)]);
    expect(a.answer).toMatch(/2022-03-28/);
    expect(a.answer).toMatch(/Required action: The impacted product is end-of-life/);
    expect(a.answer).not.toMatch(/CVE-2023-49103/);
  });

  it("goes on with the lead's next sentence about the same one where the answer has room", () => {
    const said = [storyHit('On 2026-06-04, CISA said it will issue a binding directive by the end of the week. He said the directive will address vulnerability alleviation and vulnerability management.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04' })];
    expect(extractiveAnswer("Which two areas is CISA's binding directive supposed to cover?", said).answer).toMatch(/vulnerability alleviation and vulnerability management/);
  });

  it('names the advisory or product a long description tells, held by its passages together', () => {
    const advisory = [
      hit('Successful exploitation of these vulnerabilities could let an attacker decrypt captured network traffic.', { story_id: 'ICSA-19-227-01', story_title: 'Acme Metasys', context: 'Acme Metasys', similarity: 0.3 }),
      hit('Acme servers and engines use a shared RSA key pair for Site Management Portal communication.', { story_id: 'ICSA-19-227-01', story_title: 'Acme Metasys', context: 'Acme Metasys', similarity: 0.3 }),
    ];
    const asked = 'Building automation servers and engines that share one RSA key pair for Site Management Portal traffic, so anyone holding it can decrypt captured sessions - what product is this?';
    expect(extractiveAnswer(asked, advisory).answer).toMatch(/^Acme Metasys \(ICSA-19-227-01\)/);
    // So does the kind asked for after the copula: "what was the product (called)?", "what were the products?".
    for (const ask of ['what was the product?', 'What were the products?', "what's the product called?"]) {
      expect(extractiveAnswer(asked.replace('what product is this?', ask), advisory).answer).toMatch(/^Acme Metasys \(ICSA-19-227-01\)/);
    }
  });

  it('holds a compound the question writes with hyphens where the advisory writes it apart ("use-after-free": "Use After Free")', () => {
    const line = hit('CVE-2024-0001: CVSS v3.0 base score 5.5 (MEDIUM). weakness Use After Free (CWE-416). Known affected: Acme Widget Studio <= 15.10.00.', { kind: 'vulnerability', field: 'facts[7]', story_title: 'Acme Widget Studio', context: 'Acme Widget Studio', similarity: null });
    expect(extractiveAnswer('Up to which Widget Studio version is the use-after-free present?', [line]).answer).toMatch(/Known affected: Acme Widget Studio <= 15\.10\.00/u);
  });

  it("does not take the question's own identifier for a name a sentence gives", () => {
    const component = [hit('An attacker could exploit an integer overflow (CVE-2024-0001) in a third-party component of the Acme Widget Controller.', { similarity: 0.7 })];
    expect(extractiveAnswer('Which third-party library inside the Acme Widget Controller contains the integer overflow behind CVE-2024-0001?', component).found).toBe(false);
    expect(extractiveAnswer('Which third-party library inside the Acme Widget Controller contains the integer overflow behind CVE-2024-0001?', [hit('CVE-2024-0001: An integer overflow in the third-party library libpng of the Acme Widget Controller.', { similarity: 0.7 })]).found).toBe(true);
  });

  it("answers which CVE IDs an advisory has with its line of them all, first", () => {
    const advisory = [
      hit('CVE-2024-0001: Improper Neutralization of Input During Web Page Generation (Cross-site Scripting) (CWE-79).', { story_id: 'ICSA-22-326-02', story_title: 'Acme DASDEC', context: 'Acme DASDEC', similarity: 0.6 }),
      hit('CVE-2024-0001: CVSS v3.0 base score 4.7 (MEDIUM). weakness Cross-site Scripting (CWE-79).', { story_id: 'ICSA-22-326-02', story_title: 'Acme DASDEC', kind: 'vulnerability', field: 'facts[6]', context: 'Acme DASDEC', similarity: 0.6 }),
      ...['Acme recommends users update to the latest version.', 'The injected content is stored in logs.', 'Acme DASDEC has been patched as of Version 4.1.'].map((t) => hit(t, { story_id: 'ICSA-22-326-02', story_title: 'Acme DASDEC', context: 'Acme DASDEC', similarity: 0.5 })),
      hit('CVEs: CVE-2024-0001; CVE-2024-0002', { story_id: 'ICSA-22-326-02', story_title: 'Acme DASDEC', kind: 'entity', field: 'facts[0]', context: 'Acme DASDEC', similarity: null }),
    ];
    expect(extractiveAnswer('Acme DASDEC cross-site scripting advisory, which CVE IDs are in it', advisory).answer).toMatch(/^Acme DASDEC \(ICSA-22-326-02\): CVEs: CVE-2024-0001; CVE-2024-0002 \[1\]/u);
  });

  it('reads "... and by which group?" as asking for a group, and "the specific URL" for one stated', () => {
    const advisory = [
      hit('CVE-2024-0001: CVSS v3.0 base score 7.8 (HIGH). weakness Out-of-bounds Read (CWE-125).', { kind: 'vulnerability', field: 'facts[6]', route: 'identifier', similarity: null }),
      hit('Any user is able to disclose a password by accessing a specific URL.', { route: 'identifier', similarity: null }),
    ];
    expect(extractiveAnswer('Has CVE-2024-0001 been exploited in the wild, and by which threat group?', advisory).found).toBe(false);
    expect(extractiveAnswer('What is the specific URL a user hits to disclose the password (CVE-2024-0001)?', advisory).found).toBe(false);
    expect(extractiveAnswer('What is the specific URL a user hits to disclose the password (CVE-2024-0001)?', [...advisory, hit('Any user can read the password at /cgi-bin/passwd.cgi.', { route: 'identifier', similarity: null })]).found).toBe(true);
  });

  it('reads two names a source writes as one word ("Dark Reading": darkreading.com) as held by it', () => {
    const source = (publisher: string) => [hit('Acme Recalls Its Widget Controller', { story_id: 'acme-recall', story_title: 'Acme recall', kind: 'source', field: 'sources[0].title', context: `Acme recall\nSource published by ${publisher}`, source: { publisher, title: 'Acme Recalls Its Widget Controller' }, similarity: null })];
    expect(extractiveAnswer('Did Dark Reading cover the recall?', source('darkreading.com')).answer).toMatch(/^darkreading\.com published Acme Recalls Its Widget Controller \[1\]/);
    expect(extractiveAnswer('Did Dark Reading cover the recall?', source('securityweek.com')).found).toBe(false);
    // The joined word whole: "darkreadingnews" is another name.
    expect(extractiveAnswer('Did Dark Reading cover the recall?', source('darkreadingnews.example')).found).toBe(false);
    // A source's title is its name, when the question asks what a piece is called.
    expect(extractiveAnswer('Is there a SecurityWeek piece among the sources, and what is it called?', source('securityweek.com')).answer).toMatch(/Acme Recalls Its Widget Controller/);
    // "Lawfare appears twice in the sources: what are the two headlines?": the sources of the outlet it names, by publisher or by headline.
    const lawfare = (title: string, publisher = 'lawfaremedia.org') => ({ ...source(publisher)[0]!, text: title, field: `sources[${title.length}].title`, context: `Acme recall\nSource published by ${publisher}`, source: { publisher, title } });
    const reading = [lawfare('Acme Recall Explained | Lawfare'), lawfare('What the Acme Recall Means - Lawfare', 'example.org'), lawfare('Acme Widget Recall Is Voluntary', 'darkreading.com')];
    const twice = extractiveAnswer('Lawfare appears twice in the reading list for this story. What are the two headlines?', reading).answer;
    expect(twice).toMatch(/Acme Recall Explained \| Lawfare \[1\].*What the Acme Recall Means - Lawfare \[2\]/u);
    expect(twice).not.toMatch(/darkreading/u);
    // "Which publishers covered it more than once?": each outlet's sources, for every outlet cited twice or more.
    const cited = [lawfare('Acme Recall Explained | Lawfare'), lawfare('Acme Widget Recall Is Voluntary', 'darkreading.com'), lawfare('What the Acme Recall Means | Lawfare'), lawfare('Acme Recall, Day One | SC Media', 'scworld.com'), lawfare('Acme Recall, Day Two | SC Media', 'scworld.com')];
    const repeated = extractiveAnswer('Which publishers covered the recall more than once?', cited).answer;
    expect(repeated).toMatch(/Acme Recall Explained \| Lawfare \[1\].*What the Acme Recall Means \| Lawfare \[2\].*Day One \| SC Media \[3\].*Day Two \| SC Media \[4\]/u);
    expect(repeated).not.toMatch(/darkreading/u);
    // ... but for the one the question sets aside.
    expect(extractiveAnswer("Lawfare isn't the only publisher cited twice - which other site has two articles?", cited).answer).toMatch(/^scworld\.com published Acme Recall, Day One \| SC Media \[1\] scworld\.com published Acme Recall, Day Two \| SC Media \[2\]$/u);
    // "How many SC Media articles does the story cite?": the outlet's sources counted, not the story's count of all of them.
    const tracked = hit('References tracked: 17 (the story lists 5 sources)', { ...source('lawfaremedia.org')[0]!, field: 'facts[3]', text: 'References tracked: 17 (the story lists 5 sources)', source: null });
    const counted = extractiveAnswer('How many SC Media articles does the story cite?', [tracked, ...cited]).answer;
    expect(counted).toMatch(/^2 of the story's sources are from scworld\.com: scworld\.com published Acme Recall, Day One \| SC Media \[1\] scworld\.com published Acme Recall, Day Two \| SC Media \[2\]$/u);
    expect(extractiveAnswer('How many pieces did Dark Reading run?', cited).answer).toMatch(/^1 of the story's sources is from darkreading\.com: /u);
    // The count line answers how many articles the story is built from, and names none of them.
    expect(extractiveAnswer('How many articles is this story built from?', [tracked, ...cited]).answer).toMatch(/^References tracked: 17 \(the story lists 5 sources\) \[1\]$/u);
    expect(extractiveAnswer('Which outlet was the first to cover the recall?', [tracked]).found).toBe(false);
    // "What was the darkreading.com headline?": its own source, not the others gathered with it.
    expect(extractiveAnswer('What was the darkreading.com headline?', cited).answer).toMatch(/^darkreading\.com published Acme Widget Recall Is Voluntary \[1\]$/u);
    // However the question goes on after the name.
    expect(extractiveAnswer("Dark Reading's headline - does it call the recall voluntary or mandatory?", [hit('Acme Widget Recall Is Voluntary', { ...source('darkreading.com')[0]!, text: 'Acme Widget Recall Is Voluntary' })]).found).toBe(true);
  });

  it('puts sources in order of publication only by their own dates', () => {
    const sources = (dates: (string | null)[]) =>
      dates.map((date, i) => hit(`Acme Widget Recall Report ${i + 1} | Lawfare`, { story_id: 'acme-recall', story_title: 'Acme recall', kind: 'source', field: `sources[${i}].title`, date, context: 'Acme recall\nSource published by lawfaremedia.org', source: { publisher: 'lawfaremedia.org', title: `Acme Widget Recall Report ${i + 1} | Lawfare` }, similarity: null }));
    const timeline = hit('On 2026-05-21, Acme recalled the widget.', { story_id: 'acme-recall', kind: 'timeline', field: 'timeline[0].text', date: '2026-05-21', route: 'timeline' });
    expect(extractiveAnswer('Which of the two Lawfare articles on the recall was published first?', [timeline, ...sources([null, null])]).found).toBe(false);
    expect(extractiveAnswer('Of the pieces cited on the recall, which one was published earliest?', [timeline, ...sources([null, null])]).found).toBe(false);
    expect(extractiveAnswer('Which of the two Lawfare articles on the recall was published first?', sources(['2026-05-22', '2026-05-20'])).found).toBe(true);
    // When an outlet published its piece is the piece's own date, not the date of what it reports.
    expect(extractiveAnswer("On what date did Lawfare publish its 'Acme Widget Recall Report 1' piece?", [timeline, ...sources([null])]).found).toBe(false);
    expect(extractiveAnswer("On what date did Lawfare publish its 'Acme Widget Recall Report 1' piece?", [timeline, ...sources(['2026-05-22'])]).answer).toMatch(/2026-05-22/u);
    expect(extractiveAnswer('When did Acme recall the widget?', [timeline, ...sources([null])]).answer).toMatch(/^On 2026-05-21, Acme recalled the widget/u);
  });

  it('reads a later sentence\'s first word, "ISO", "Dec", "IDs" and a category word ("which areas") as no name the passages must hold', () => {
    const recall = [
      hit('On 2026-05-21, Acme paused the recall of the widget controller.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-05-21' }),
      hit('On 2026-06-02, Acme resumed the recall of the widget controller.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-06-02' }),
      hit('CVE-2024-0001 and CVE-2024-0002 affect the Acme widget controller, which covers pumps and valves.'),
    ];
    expect(missingSpecifics('How long was the recall paused? Count from the pause to the day Acme resumed it.', recall)).toBeNull();
    expect(extractiveAnswer('I need the ISO date on which Acme paused the recall.', recall).declined_because ?? '').not.toMatch(/ISO/);
    expect(namesIn('Acme widget controller (Dec 2021 advisory): which CVEs?')).toEqual(['Acme', 'CVEs']);
    expect(missingSpecifics('Anything on the Acme widget controller? Need the CVE IDs.', recall)).toBeNull();
    expect(missingSpecifics('Which two areas does the Acme widget controller cover?', recall)).toBeNull();
    // A name no passage holds is still missing.
    expect(missingSpecifics('Anything on the Acme widget controller? Need the Globex IDs.', recall)).toMatch(/Globex/);
  });

  it('holds a version the question names by a range a passage states ("R6.05": "R6.01.00 - R6.07.00")', () => {
    const fix = [hit('For Acme Centum R6.01.00 - R6.07.00, apply patch R6.07.11', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' })];
    expect(missingSpecifics('Our plant runs Acme Centum R6.05. What patch should we apply?', fix)).toBeNull();
    expect(missingSpecifics('Our plant runs Acme Centum R7.05. What patch should we apply?', fix)).toMatch(/R7\.05/);
  });

  it('reads "a Bleichenbacher-like leak" as one the passages name after Bleichenbacher, and an HMI as a kind of device', () => {
    const flaw = [hit('CVE-2024-0001: Observable Timing Discrepancy (CWE-208). An attacker could decrypt ciphertext by performing a Bleichenbacher style attack on the Acme Widget.')];
    expect(extractiveAnswer('What could an attacker do with the Bleichenbacher-like timing leak in the Acme Widget?', flaw).found).toBe(true);
    // "Netherlands-based" is held by where the vendor is based.
    const based = [hit('Vendors: Acme. Headquarters: Netherlands', { kind: 'entity', field: 'facts[2]', similarity: undefined, keyword_rank: 1 }), hit('A local attacker could change the Widget configuration and export patient data.', { similarity: 0.6 })];
    expect(missingSpecifics('Which Netherlands-based vendor makes the Widget where a local attacker could export patient data?', based)).toBeNull();
    expect(missingSpecifics('Which Finland-based vendor makes the Widget where a local attacker could export patient data?', based)).toBe('no retrieved passage mentions "Finland-based"');
    expect(extractiveAnswer('What could an attacker do with the Vaudenay-like timing leak in the Acme Widget?', flaw)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "Vaudenay-like"' });
    // A kind of device put as an acronym describes, as "controller" would; a protocol's is a name.
    expect(extractiveAnswer('What could an attacker do with the timing leak in the Acme Widget HMI?', flaw).found).toBe(true);
    expect(extractiveAnswer('What could an attacker do with the SNMP timing leak in the Acme Widget?', flaw)).toMatchObject({ found: false, declined_because: 'no retrieved passage mentions "SNMP"' });
  });

  it('reads "a Finnish maker" as a vendor based in Finland, and a demonym no passage holds as a descriptor', () => {
    const monitor = [
      hit('HL7 injection vulnerabilities allow attackers with a connected barcode reader to inject HL7 segments into the Acme VC150 monitor.'),
      hit('Vendors: Acme Oy. Headquarters: Finland', { kind: 'entity', field: 'facts[2]', similarity: null }),
    ];
    expect(extractiveAnswer('Which monitor from a Finnish maker lets a barcode reader inject HL7 segments?', monitor).answer).toMatch(/VC150/);
    // Where a maker is based is seldom said beside its flaw: a demonym no passage holds describes, as "controller" would.
    expect(extractiveAnswer('Which monitor from a Swedish maker lets a barcode reader inject HL7 segments?', monitor.slice(0, 1)).answer).toMatch(/VC150/);
  });

  it('answers "will X patch it" with a fix that says there is none, however few of the question\'s words it holds', () => {
    const fixes = [
      hit('Acme plans to notify all known users of the issue. They recommend a PIN pad be added.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', similarity: null }),
      hit('According to Acme, the Widget Controller products are end-of-life and no longer supported.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: null }),
      hit('A malicious actor can clone access cards used to open cabinets secured with Widget Controller locks.', { similarity: 0.4 }),
    ];
    expect(extractiveAnswer('Is Acme going to patch the Widget Controller card cloning issue? If not, what do they suggest instead?', fixes).answer).toMatch(/^According to Acme, the Widget Controller products are end-of-life/);
  });

  it('names the CVE whose description a sentence belongs to, dates an advisory its id names, and reads "closes" as a fix', () => {
    const described = [hit('CVE-2024-0001: Command Injection (CWE-77).\nCVE-2024-0002: Missing Authentication (CWE-306). The Widget Controller ships with authentication turned off.', { similarity: 0.6 })];
    const cve = extractiveAnswer('Acme Widget Controller shipped with authentication turned off - which CVE is that?', described).answer;
    expect(cve).toMatch(/CVE-2024-0002/);
    expect(cve).not.toMatch(/CVE-2024-0001/);
    const published = [hit('ICSA-24-001-01 Acme Widget Controller', { kind: 'timeline', field: 'timeline[0].text', date: '2024-01-01', route: 'identifier', similarity: null })];
    expect(extractiveAnswer('initial release date of ICSA-24-001-01', published).answer).toMatch(/2024-01-01/);
    expect(queryIntent('Which Acme Widget firmware closes the command injection hole?').fixVersion).toBe(true);
    expect(hingeVerb('Which release is the fuller fix, as opposed to the initial mitigation?')).toBeNull();
  });

  it('reads "does it say how X" as asking whether the story speaks of X, a request for the date as a date question, and a quarter as a date', () => {
    expect(polarTopic('Does the order say how the board will decide which flaws get fixed first?')).toEqual(['board', 'determi', 'flaw', 'fix', 'first']);
    expect(expected('I need the date Acme shipped the fix')).toEqual({ type: 'date', unit: null });
    // "Trying to find the CVE where ...", "looking for the CVE": the CVE is asked for.
    expect(CVE_ASKED.test('Trying to find the CVE where anyone with network access to port 23/tcp can extract data. Which one is it?')).toBe(true);
    expect(CVE_ASKED.test('Looking for the CVE where the web HMI lets a user run OS commands')).toBe(true);
    // ... after what the asker read first, and as the exact date to confirm.
    expect(expected("One entry says the fix was 'shipped on June 2'. Give me the date Acme shipped it.")).toEqual({ type: 'date', unit: null });
    expect(expected('A colleague says Acme shipped the fix on June 2. Can you confirm the exact date?')).toEqual({ type: 'date', unit: null });
    expect(polarTopic('Did the SC Media piece quote any lab executives?')).toEqual(['lab', 'executi']);
    // A capital is its country's government: "Washington" is held by "the federal government".
    const share = [storyHit('The order preserves a voluntary framework for developers to share advanced models with the federal government before release.', { similarity: 0.6 })];
    expect(missingSpecifics('How will Washington decide which developers share advanced models?', share)).toBeNull();
    expect(missingSpecifics('How will Beijing decide which developers share advanced models?', share)).toBe('no retrieved passage mentions "Beijing"');
    expect(expected('CISA and NSA aside, who else got near-term deadlines?')).toBeNull();
    expect(hingeVerb('CISA and NSA aside, who else got near-term deadlines?')).toBeNull();
    expect(hingeVerb('Which advisory covered the sequencer software that runs uploaded code?')).toBeNull();
    // A search phrase with a question mark is about its head, which no passage holds here.
    const hub = [storyHit('It also creates an AI cybersecurity clearinghouse to coordinate vulnerability scanning.', { similarity: 0.6 })];
    expect(missingSpecifics('acronym for the new AI cybersecurity clearinghouse?', hub)).toBe('no retrieved passage mentions "acronym"');
    // An undated event answers no date question, wherever the timeline placed it.
    const undated = [storyHit('A draft order was withdrawn shortly before signing.', { kind: 'timeline', field: 'timeline[3].text', date: null, route: 'timeline', similarity: 0.4 })];
    expect(extractiveAnswer('Before the pause, what date had the White House planned for the signing?', undated).found).toBe(false);
    expect(expected('On what date did Acme release version 19.03?')).toEqual({ type: 'date', unit: null });
    expect(expected('exact Acme firmware build that removes the hard-coded key')).toEqual({ type: 'version', unit: null });
    expect(expected('Which vendor and software does CVE-2019-10971 concern?')?.type).toBe('name');
    expect(expected('Which Acme release did the vendor ship to fix CVE-2016-2542?')).toEqual({ type: 'version', unit: null });
    expect(expected('From the recall to the lawsuit, how many days went by? Give me both dates.')).toEqual({ type: 'date', unit: null, interval: true });
    // "Aim", "goal", "purpose" name what is asked for, in the story's words or none.
    expect(contentTerms('what other aim is the recall meant to serve')).not.toContain('aim');
    expect(expected('exact Acme release number that fixes CVE-2024-4079')).toEqual({ type: 'version', unit: null });
    // A port is stated by its number; a year after "since" is no version.
    expect(expected('Which TCP port do the crafted packets target?')).toEqual({ type: 'name', unit: stem('port') });
    expect(states({ type: 'name', unit: stem('port') }, 'The service listens on TCP port 8883.')).toBe(true);
    // Someone is named by a name, or by an office prose writes in lower case that the question does not name.
    const someone = { type: 'name' as const, unit: SOMEONE_UNIT };
    expect(states(someone, 'The order directs the attorney general to prioritize enforcement.', 'Who is to go after criminals that use AI?')).toBe(true);
    expect(states(someone, 'The order directs the attorney general to prioritize enforcement.', 'Who did the attorney general name to lead it?')).toBe(false);
    expect(states(someone, 'The order directs agencies to prioritize enforcement.', 'Who is to go after criminals that use AI?')).toBe(false);
    expect(states({ type: 'name', unit: stem('port') }, 'A malformed packet may stop the data link.')).toBe(false);
    expect(states({ type: 'version', unit: null }, 'The product has not been sold since 2020.', 'version number of the Acme firmware that fixes it')).toBe(false);
    // A passage routed by the CVE answers a version question only with a version.
    const routedLine = [hit('CVE-2020-25173: CVSS v3.0 base score 7.7 (HIGH), vector CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N. weakness Use of Hard-coded Cryptographic Key (CWE-321).', { kind: 'vulnerability', field: 'facts[6]', route: 'identifier', similarity: 0.6 })];
    expect(extractiveAnswer('exact Acme firmware build that removes the hard-coded key (CVE-2020-25173)', routedLine).found).toBe(false);
    expect(hingeVerb('Which release first introduced the flaw?')).toBe('introdu');
    expect(states({ type: 'version', unit: null }, 'Acme plans to make a new release by the end of Q4 2021.', 'What version number fixes it?')).toBe(false);
    expect(states({ type: 'version', unit: null }, 'Acme released InTouch 2020 R2.', 'What version fixes it?')).toBe(true);
  });

  it('does not take a government body or a titled person for a company or a lab asked for', () => {
    const labs = { type: 'name' as const, unit: stem('labs') };
    const said = 'On 2026-06-04, CISA Acting Director Jane Roe said the agency will brief the Acme administration on the order.';
    expect(states(labs, said, 'Which AI labs got a briefing?')).toBe(false);
    expect(states(labs, 'President Roe met the White House staff.', 'Which AI labs got a briefing?')).toBe(false);
    expect(states(labs, 'CISA briefed Globex Labs and Initech on the order.', 'Which AI labs got a briefing?')).toBe(true);
    expect(states({ type: 'name', unit: stem('agencies') }, said, 'Which agencies got a briefing?')).toBe(true);
  });

  it('asks for a person where the holder of an office or an official of a named body is asked for', () => {
    const someone = { type: 'name' as const, unit: SOMEONE_UNIT };
    expect(expected("whats the name of the National Cyber Director whose office's authority is in question?")).toEqual(someone);
    expect(expected('who is the attorney general that is supposed to prioritize these prosecutions? name please')).toEqual(someone);
    expect(expected('Which NSA official is leading the agency part of the work?')).toEqual(someone);
    expect(expected('Which White House officials argued for it?')).toEqual(someone);
    expect(expected('Who currently heads the review board?')).toEqual(someone);
    // The question before a dash asks; the one after only checks.
    expect(expected('Who wrote the Lawfare piece on the order - is a reporter named?')).toEqual(someone);
    // An official not of a named body may be an office prose names ("the attorney general"); a thing's name is no person.
    expect(expected('Which official is told to prioritize enforcement?')).toEqual({ type: 'name', unit: stem('official'), list: false });
    expect(expected('What is the name of the review board?')).toEqual({ type: 'name', unit: null });
    // "When officials argued ..., which areas ...": a clause that sets the scene is no question before a dash.
    expect(expected('When officials argued about the review - which areas worried them?')).toBeNull();
    const board = [...order(), storyHit('Entities: NSA; OMB; Treasury', { kind: 'entity', field: 'facts[0]' }), storyHit('The order directs the attorney general to prioritize enforcement.')];
    expect(extractiveAnswer('Which NSA official leads the review board?', board).found).toBe(false);
    expect(extractiveAnswer('Who is the attorney general that is to prioritize enforcement? name please', board).found).toBe(false);
  });

  it('holds a major version asked ("v14") by a passage naming it, not by a dotted version holding its digit', () => {
    const fixes = [hit('Update SCT version 14 with patch 14.2.3', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' })];
    expect(missingSpecifics('Acme SCT and CVE-2022-21940 - below which patch level for v14 are we vulnerable?', fixes)).toBeNull();
    const other = [hit('Acme has released Runtime Toolkit v2.3.9.66 to fix it.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' })];
    expect(missingSpecifics('Which Acme Control V3 runtime version fixes CVE-2021-30195?', other)).toBe('no retrieved passage mentions "V3"');
    // What a question asks said ends where a second question joins.
    expect(aboutWhat('Acme Widget: what did CISA report in it, and is there a release that fixes everything?')).toEqual([]);
  });

  it('reads what is said of the things a which-question asks for, and declines where no passage says it', () => {
    expect(aboutWhat('Which agencies did the President say would be exempt from the review board?')).toEqual(['exempt', 'review', 'board']);
    expect(aboutWhat('Which agencies did the President name?')).toEqual([]);
    expect(extractiveAnswer('Which agencies did the President say would be exempt from the review board?', order())).toMatchObject({ found: false, declined_because: 'no retrieved passage says "exempt", "review", "board" of it' });
  });

  it('reads "which budget/finance-side agencies" as asking for agencies, and a category by the name of its members', () => {
    expect(askedFor('Apart from CISA, which budget/finance-side agencies got near-term deadlines?')).toEqual([]);
    expect(expected('Apart from CISA, which budget/finance-side agencies got near-term deadlines?')?.unit).not.toBe(DEADLINE_UNIT);
    expect(expected('Which deadlines did the recall set?')).toEqual({ type: 'date', unit: DEADLINE_UNIT });
    expect(askedFor('When the testing decides a model qualifies, what official category does it go into?')).toEqual([]);
    expect(askedFor('Which banks raised the alarm?')).toEqual([stem('banks')]);
  });

  it('names the advisory whose passages hold half of a product described in the asker\'s words', () => {
    // Together its passages hold half the question's words; neither holds half alone.
    const generator = { story_id: 'ICSMA-23-001-01', story_title: 'Acme Generator', context: 'Acme Generator', similarity: undefined };
    const rfid = [hit('The device does not validate the RFID tag it reads from an attached tool.', generator), hit('Non-genuine instruments may be used.', generator)];
    expect(extractiveAnswer('Which product has an RFID check on attached instruments that can be bypassed?', rfid).answer).toMatch(/^Acme Generator \(ICSMA-23-001-01\)/);
  });

  it('answers with a headline what a piece is about, but not the verdict it came to', () => {
    const cfr = [storyHit('Assessing Trump’s Executive Order on AI Oversight | Council on Foreign Relations', { kind: 'source', field: 'sources[4].title', source: { publisher: 'cfr.org', title: 'Assessing Trump’s Executive Order on AI Oversight | Council on Foreign Relations' }, context: 'Source published by cfr.org', similarity: undefined })];
    expect(extractiveAnswer("What was the Council on Foreign Relations' bottom-line verdict on the order - did its assessment come out for or against it?", cfr).found).toBe(false);
    expect(extractiveAnswer('Which Council on Foreign Relations piece assesses the order?', cfr).found).toBe(true);
  });

  it('declines a CVSS version no score line gives, and a KEV question of a CVE the catalog does not record', () => {
    const scored = [hit('CVE-2023-0811: CVSS v3.0 base score 9.1 (CRITICAL), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H.', { kind: 'vulnerability', field: 'facts[5]', route: 'identifier' })];
    expect(extractiveAnswer('What is the CVSS v4 score for CVE-2023-0811?', scored)).toMatchObject({ found: false, declined_because: 'no retrieved passage gives a CVSS v4 score' });
    expect(extractiveAnswer('For a tracker that only takes CVSS 2.0: what v2 number does CVE-2023-0811 carry?', scored).found).toBe(false);
    expect(extractiveAnswer('What is the CVSS v3 base score of CVE-2023-0811?', scored).found).toBe(true);
    expect(extractiveAnswer('Did CVE-2023-0811 ever land on the Known Exploited Vulnerabilities list?', scored)).toMatchObject({ found: false, declined_because: 'no retrieved passage records CVE-2023-0811 in the KEV catalog' });
    const kev = [hit('CISA added CVE-2023-0811 (Omron CJ1M) to the KEV catalog on 2024-01-02; remediation due 2024-01-23.', { kind: 'timeline', field: 'timeline[1].text', date: '2024-01-02', route: 'identifier' })];
    expect(extractiveAnswer('When was CVE-2023-0811 added to KEV?', kev).found).toBe(true);
  });

  it('asks a field or a command in its own form, after a purpose put first, and no one for a credit without a name', () => {
    expect(expected(questionProper('For a detection rule: exactly which request field in Acme 8.25 carries the command for CVE-2022-0999?'))).toEqual({ type: 'name', unit: stem('parameter') });
    expect(expected('Which FTP command crashes the Acme FTP server?')).toEqual({ type: 'name', unit: stem('command') });
    expect(states({ type: 'name', unit: stem('command') }, 'A specially crafted command crashes the FTP server.', 'Which FTP command crashes it?')).toBe(false);
    expect(states({ type: 'name', unit: stem('command') }, 'Sending the RETR command with a long path crashes it.', 'Which FTP command crashes it?')).toBe(true);
    // A product in code's case ("mySCADA") is no parameter; "sessionId" is.
    expect(states({ type: 'name', unit: stem('parameter') }, 'mySCADA recommends users upgrade to Version 8.26 or higher.', 'Which field is it?')).toBe(false);
    expect(states({ type: 'name', unit: stem('parameter') }, 'The sessionId value is not checked.', 'Which field is it?')).toBe(true);
    expect(expected('Which oil and gas company actually reported the Acme port 403 flaw?')?.unit).toBe(CREDIT_UNIT);
    const unnamed = [hit('A major Oil and Gas company reported this vulnerability to ICS-CERT.', { similarity: 0.7 }), hit('Organizations: A major Oil and Gas company', { kind: 'entity', field: 'facts[2]', similarity: 0.7 })];
    expect(extractiveAnswer('Which company reported the Acme Widget Controller flaw?', unnamed).found).toBe(false);
    expect(extractiveAnswer('Which company reported the Acme Widget Controller flaw?', [hit('Organizations: Globex Research', { kind: 'entity', field: 'facts[2]', similarity: 0.7 })]).found).toBe(true);
  });

  it('names an advisory the question describes in words rather than by its name', () => {
    const tracker = [hit('The API server lets devices log in with a hard-coded master password.', { story_title: 'Acme MV720 GPS Tracker', context: 'Acme MV720 GPS Tracker', similarity: 0.7 })];
    expect(extractiveAnswer('Which vehicle GPS tracker has an API server that takes a hard-coded master password?', tracker).answer).toMatch(/^Acme MV720 GPS Tracker \(ICSA-24-001-01\): The API server/);
    expect(extractiveAnswer('Does the Acme MV720 tracker API server take a hard-coded master password?', tracker).answer).toMatch(/^The API server/);
  });

  it('describes "what is CVE-X" by the paragraph of prose that opens with it, and reads a date\'s year as no version', () => {
    const described = [
      hit('CVE-2024-0001: CVSS v3.0 base score 9.8 (CRITICAL). weakness Improper Input Validation (CWE-20).', { kind: 'vulnerability', field: 'facts[6]', route: 'identifier', similarity: null }),
      hit('Successful exploitation could compromise the device.\n\nCVE-2024-0001: Improper Input Validation (CWE-20). Improper parsing of URL arguments could overflow an internal buffer.', { route: 'identifier', similarity: null }),
    ];
    expect(extractiveAnswer('What is CVE-2024-0001?', described).answer).toMatch(/CVE-2024-0001: Improper Input Validation \(CWE-20\)\. \[1\] Improper parsing of URL arguments could overflow an internal buffer\. \[1\]/);
    // So is "CVE-X - what product, and what's the problem?"; not when it asks for more of it (a fix, a score).
    expect(extractiveAnswer("CVE-2024-0001 - what product, and what's the problem?", described).answer).toMatch(/Improper parsing of URL arguments/);
    expect(queryIntent('Got CVE-2024-0001 on a scan report. Product affected and the nature of the weakness?').describes).toBe('CVE-2024-0001');
    expect(queryIntent("CVE-2024-0001 - what's the problem, and which version fixes it?").describes).toBeNull();
    expect(states({ type: 'version', unit: null }, 'This advisory follows the original advisory published September 20, 2022.', 'Which firmware builds are vulnerable?')).toBe(false);
  });

  it('answers "is the X flaw tied to ransomware" with the KEV entry\'s record of it, not only with the flaw', () => {
    const entry = [
      hit('Acme Widget remote support software contains a path traversal that lets remote attackers download arbitrary files.', { story_id: 'kev-CVE-2024-0009', story_title: 'CVE-2024-0009: Acme Widget Path Traversal Vulnerability', similarity: 0.7 }),
      hit('CISA added CVE-2024-0009 (Acme Widget: Acme Widget Path Traversal Vulnerability) to the KEV catalog on 2025-02-13; remediation due 2025-03-06. Known to be used in ransomware campaigns.', { story_id: 'kev-CVE-2024-0009', story_title: 'CVE-2024-0009: Acme Widget Path Traversal Vulnerability', kind: 'timeline', field: 'timeline[0].text', date: '2025-02-13', similarity: null }),
    ];
    expect(extractiveAnswer('Is the Acme Widget remote support file download flaw tied to ransomware campaigns?', entry).answer).toMatch(/Known to be used in ransomware campaigns\./);
  });

  it('reads "which firmware versions are vulnerable" from the product-status lines, whatever their flaw, and a version after an underscore', () => {
    const lines = [
      hit('CVE-2018-0001: CVSS v3.0 base score 9.8 (CRITICAL). weakness Improper Authentication (CWE-287). Known affected: Acme Widget Controller <= MS_2.6.9900.', { kind: 'vulnerability', field: 'facts[6]', similarity: null }),
    ];
    expect(extractiveAnswer('Which Acme Widget Controller firmware versions are vulnerable?', lines).answer).toMatch(/MS_2\.6\.9900/);
    expect(states({ type: 'version', unit: null }, 'Acme released firmware MS_2.7.9973.', 'Which version fixes it?')).toBe(true);
  });

  it('answers "what action is required and what is the due date" of a KEV entry with both', () => {
    const kev = { story_id: 'kev-CVE-2018-0002', story_title: 'CVE-2018-0002: Acme Widget SQL Injection Vulnerability', route: 'identifier' as const };
    const entry = [
      hit('CISA added CVE-2018-0002 (Acme Widget: Acme Widget SQL Injection Vulnerability) to the KEV catalog on 2022-04-15; remediation due 2022-05-06. Known ransomware campaign use: Unknown.', { ...kev, kind: 'timeline', field: 'timeline[0].text', date: '2022-04-15', similarity: null }),
      hit('A SQL injection in Acme Widget could cause code execution.\n\nRequired action: The impacted product is end-of-life and should be disconnected if still in use.', { ...kev, similarity: 0.6 }),
    ];
    const both = extractiveAnswer("Acme Widget SQL injection, CVE-2018-0002: what action is required and what's the due date?", entry);
    expect(both.answer).toMatch(/remediation due 2022-05-06\..*Required action: The impacted product is end-of-life/s);
    // The ransomware record asked first is the event's own sentence; "what does CISA want agencies to do" asks for the action.
    const flagged = entry.map((h) => ({ ...h, text: h.text.replace('Known ransomware campaign use: Unknown.', 'Known to be used in ransomware campaigns.') }));
    const ransom = extractiveAnswer('Acme Widget SQL injection - is it flagged for ransomware use in KEV, and what is the deadline for agencies?', flagged);
    expect(ransom.answer).toMatch(/remediation due 2022-05-06\..*Known to be used in ransomware campaigns\./s);
    const wanted = extractiveAnswer('Is CVE-2018-0002 known to be used by ransomware crews? And what does CISA want agencies to do about it', flagged);
    expect(wanted.answer).toMatch(/Known to be used in ransomware campaigns\..*Required action: The impacted product is end-of-life/s);
    expect(extractiveAnswer('When was CVE-2018-0002 added to KEV, and what does CISA want agencies to do about it?', entry).answer).toMatch(/Required action: The impacted product is end-of-life/);
  });

  it('reads the ask of a question as it is put: a day of a month it names, a detail, a version, a lifecycle date', () => {
    // The asker names the month: a sentence that gives only the month does not say which day.
    const month = [hit('Acme Widget Controller 11.0, released January 2020, contains mitigation for this flaw.', { similarity: 0.7 })];
    expect(extractiveAnswer('Acme says Widget Controller 11.0 came out in January 2020 - what day exactly?', month).found).toBe(false);
    expect(extractiveAnswer('When did Acme release Widget Controller 11.0?', month).found).toBe(true);
    expect(expected('Which request parameters in the Acme web server are injectable?')).toEqual({ type: 'name', unit: stem('parameter') });
    expect(states({ type: 'name', unit: stem('parameter') }, 'The web server has parameters that are vulnerable to SQL injection.', 'Which request parameters are injectable?')).toBe(false);
    expect(states({ type: 'name', unit: stem('parameter') }, 'The "sessionId" parameter is not sanitized.', 'Which request parameters are injectable?')).toBe(true);
    expect(expected('What username and password are hard-coded in the Acme firmware?')).toEqual({ type: 'name', unit: stem('password') });
    expect(expected('What is the specific credential string that bypasses the login?')).toEqual({ type: 'name', unit: stem('password') });
    expect(expected('What does the password entry flaw expose?')).toBeNull();
    expect(expected('Which Acme release finally fixes the DLL hijack?')).toEqual({ type: 'version', unit: null });
    expect(expected("What's the actual firmware version number Acme released to fix it?")).toEqual({ type: 'version', unit: null });
    // "What's the CVE and which version fixes it" asks for a CVE first: its fix is no version question alone.
    expect(queryIntent("Acme Widget XSS - what's the CVE and which version fixes it?").fixVersion).toBe(false);
    expect(expected('On which date did the fight over how much to regulate make Acme hold off?')).toEqual({ type: 'date', unit: null });
    expect(expected("what's the official end-of-life / end-of-support date for the Acme Widget?")).toEqual({ type: 'date', unit: null });
    // An advisory's revision history dates the advisory, not the product's end of life.
    const history = [hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2024-09-26', similarity: 0.5 }), hit('Acme Widget is being phased out; Acme recommends upgrading.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' })];
    expect(extractiveAnswer("what's the official end-of-life date for the Acme Widget Controller?", history).found).toBe(false);
  });

  it('reads verbs of saying and framing as saying, and a hyphenated word as the word written whole', () => {
    expect(hingeVerb('Who at Acme promised a recall?')).toBeNull();
    expect(hingeVerb('Which of the outlets framed the recall as a win?')).toBeNull();
    expect(wordsOf('re-creating the group')).toContain(stem('recreating'));
  });

  it('reads a bracketed remark, "which one", a box, a shortened word and a version with a letter inside as they are meant', () => {
    // The verb of a remark in brackets is not what is asked.
    expect(hingeVerb('When was the Acme advisory (the one that eventually reached Update G) first published?')).not.toBe(stem('reached'));
    expect(expected('CVE-2022-0003 - what box is this on, and who makes it?')).toMatchObject({ type: 'name', unit: stem('box') });
    expect(missingSpecifics('Looking for the CVE on some power meters where users cannot change passwords. Which one is it?', [hit('Users of the power meters cannot change their passwords: CVE-2017-0004.', { similarity: 0.6 })])).toBeNull();
    // "creds", "admin" are what advisories spell out, in the question and the passage alike.
    expect(contentTerms('the base64 creds')).toContain(stem('credentials'));
    expect(wordsOf('the admin web interface')).toContain(stem('administrator'));
    expect(states({ type: 'version', unit: null }, 'GE recommends users upgrade to firmware v04A00.1 or higher.', 'What firmware do we need?')).toBe(true);
  });

  it('leads "what could an attacker do" with what exploitation allows', () => {
    const impact = [
      hit('Successful exploitation of this vulnerability could result in an attacker disabling the device or bypassing payment. If misconfigured, the devices can expose a web interface protected by authentication. If the default credentials are not changed, an attacker can use public knowledge to access the device as an administrator.', { similarity: 0.7 }),
    ];
    expect(extractiveAnswer("Acme Widget: what could an attacker actually do once into the admin web interface?", impact).answer).toMatch(/^Successful exploitation of this vulnerability could result in/);
    // "What does an attacker get out of it" asks the same, of a CVE whose paragraph opens with its weakness.
    const described = [hit('CVE-2016-0001: Improper Input Validation (CWE-20). Specially crafted packets sent to Port 80/TCP could cause the affected device to go into defect mode.', { similarity: 0.6 })];
    expect(extractiveAnswer('CVE-2016-0001 - what does an attacker get out of it?', described).answer).toMatch(/defect mode/);
  });

  it('reads "tied to ransomware", "get rid of", "which later build of X fixes", "FW27" and "what date did X make Y available" as they are meant', () => {
    expect(hingeVerb('What was the remediation due date, and is it tied to ransomware?')).toBeNull();
    expect(expected('Which later build of Acme Editor fixes the project file overflow?')).toEqual({ type: 'version', unit: null });
    expect(queryIntent(questionProper('what firmware gets rid of the web server heap overflow?')).fixVersion).toBe(true);
    expect(states({ type: 'version', unit: null }, 'Update to the latest firmware (FW27) according to the table.', 'Which firmware fixes it?')).toBe(true);
    expect(expected('What date did Acme make Widget version 2.2.5 available for download?')).toEqual({ type: 'date', unit: null });
    expect(queryIntent('Release date of the Acme Widget advisory about firmware 3.36b?').published).toBe(true);
    // A version asked for is one step of a fix list, not its procedure.
    const fixes = [
      hit('As general security measures Acme recommends:', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' }),
      hit('Use general security best practices to protect systems.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', route: 'identifier' }),
      hit('Do not allow direct access to the device from untrusted networks.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[2].details', route: 'identifier' }),
      hit('Update to the latest firmware (FW27) according to the table.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[3].details', route: 'identifier' }),
    ];
    expect(extractiveAnswer('Acme controllers file inclusion (CVE-2023-0005): which firmware fixes it?', fixes).answer).toMatch(/^(?:[^[]*: )?Update to the latest firmware \(FW27\)/);
  });

  it('counts a span from one event to another however it is asked, when both ends are dated', () => {
    expect(expected('How many days separate the signing of the order from the board\'s comments?')).toEqual({ type: 'date', unit: null, interval: true });
    const events = [
      storyHit('On 2026-05-21, the White House paused plans to sign the order amid debate.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21', context: '2026-05-21 White House paused plans' }),
      storyHit('On 2026-06-04, the agency said its directive would be issued by the end of the week.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04', context: '2026-06-04 agency directive' }),
    ];
    const span = extractiveAnswer('Counting from the day the White House froze its signing plans, how long was it until the agency said its directive would land that week?', events);
    expect(span.answer).toMatch(/^14 days from 2026-05-21 \[1\] to 2026-06-04 \[2\]\./);
    // One end no event dates ("the board's first audit of staff") leaves nothing to count.
    expect(extractiveAnswer('Counting from the day the White House froze its signing plans, how long was it until the review board finished its first audit of staff?', events).answer).not.toMatch(/days from/);
    // A day of the month the asker gives ("June 3rd") is no word a passage must hold; nor is the job asked about.
    expect(missingSpecifics('our notes say the order was signed June 3rd. is that right?', order())).toBeNull();
    expect(contentTerms("what's his job title?")).not.toContain(stem('job'));
    expect(contentTerms('does any source frame the order around the tech race?')).not.toContain(stem('around'));
  });

  it('reads codes, reference numbers, sizes and credentials asked for, and a quoted name the question gives as no answer', () => {
    expect(expected('Which Modbus function code triggers the denial of service?')).toEqual({ type: 'name', unit: stem('code') });
    expect(states({ type: 'name', unit: stem('code') }, 'CVE-2017-6017: Uncontrolled Resource Consumption (CWE-400).', 'Which Modbus function code triggers it?')).toBe(false);
    expect(states({ type: 'name', unit: stem('code') }, 'A request with function code 0x5A crashes the device.', 'Which Modbus function code triggers it?')).toBe(true);
    expect(expected("What's Acme's own security bulletin number for the Widget vulnerabilities?")).toEqual({ type: 'name', unit: stem('id') });
    expect(expected("How long can the name field be before it overflows - what's the buffer size?")).toEqual({ type: 'quantity', unit: null });
    expect(expected('what are the default telnet username and password on an Acme controller?')).toEqual({ type: 'name', unit: stem('password') });
    // A user name and a file's path are details stated in their own form, not by naming their kind.
    expect(expected('What is the username of the hidden admin account in the Acme controller?')).toEqual({ type: 'name', unit: stem('username') });
    expect(expected('Full file path of the file the Acme controller writes its logs to?')).toEqual({ type: 'name', unit: stem('file') });
    const account = [hit('The Acme controller has a hidden administrator account with a hard-coded password.', { similarity: 0.7 })];
    expect(extractiveAnswer('What is the username of the hidden admin account in the Acme controller?', account).found).toBe(false);
    expect(extractiveAnswer('What is the username of the hidden admin account in the Acme controller?', [hit('The Acme controller has a hidden admin account with the username "acmeroot" and a hard-coded password.', { similarity: 0.7 })]).found).toBe(true);
    expect(states({ type: 'name', unit: stem('password') }, 'In the firmware package, in "image.bin", the username root and its password are hard-coded.', 'What is the actual hard-coded root password in the Acme image.bin?')).toBe(false);
  });

  it('reads a version named after "versions:" ("A17"), an industrial PC, "which build is vulnerable" and "what is the vendor\'s advice"', () => {
    expect(states({ type: 'version', unit: null }, 'Acme recommends upgrading to the following firmware versions: Widget EM A11_U05 for EM, and Widget PV A17 for PV.', 'Which firmware closes the hole?')).toBe(true);
    expect(states({ type: 'version', unit: null }, 'The A17 motorway gantry uses the controller.', 'Which firmware closes the hole?')).toBe(false);
    expect(queryIntent("Acme RME1 authentication bypass - is a firmware update coming, or what's the vendor's advice?").asksForFix).toBe(true);
    const ipc = [hit('Acme recommends updating the BIOS of the Industrial PC; as a workaround, only use RSA keys not generated by the TPM.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: null })];
    expect(missingSpecifics("We can't reflash the BIOS on our Acme IPCs. Any workaround for the TPM RSA key issue?", ipc)).toBeNull();
  });

  it('asks for a place where a thing will sit, an author by "the author\'s name", and labs by name', () => {
    expect(expected('Where will the review board actually sit organizationally?')).toEqual({ type: 'name', unit: 'place' });
    expect(expected("Who wrote the Acme article - what's the author's name?")).toEqual({ type: 'name', unit: 'someone' });
    expect(expected('Which AI labs got a preview briefing?')).toMatchObject({ type: 'name', unit: stem('lab') });
  });

  it('reads an advisory by its own id, a leak as a disclosure, "takes care of" as a fix, "TCP/771" as a port, "AV" as antivirus and "the 2018 advisory" as no flaw told', () => {
    const dated = [
      hit('ICSA-24-001-01 Acme Widget Controller', { kind: 'timeline', field: 'timeline[0].text', date: '2024-01-04', route: 'timeline' }),
      hit('ICSA-24-001-01 Acme Widget Controller (Update A)', { kind: 'timeline', field: 'timeline[1].text', date: '2024-02-08', route: 'timeline' }),
      // The id routed these too: they need not say it.
      hit('Restrict network access to the controller.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' }),
    ];
    expect(extractiveAnswer('When was the Acme Widget Controller advisory (ICSA-24-001-01) first published, and when did it get its update?', dated).answer).toMatch(/2024-01-04[^]*2024-02-08/);
    // "The advisory" weighs as its title does: every passage of an advisory is of it.
    expect(support(hit('Hard-coded password in the firmware.'), contentTerms('Acme advisory on the hard-coded password'))).toBeCloseTo(5 / 6);
    const leak = [hit('CVE-2024-0001: Exposure of Sensitive Information (CWE-200). The controller can inadvertently reveal the session token in its HTTP headers.', { route: 'identifier' })];
    expect(extractiveAnswer('What does CVE-2024-0001 leak?', leak).found).toBe(true);
    const fixes = [hit('Acme Widget Controller 2015 R2 hotfix build 77.6181', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' })];
    expect(extractiveAnswer('Running Acme Widget Controller 2015 R2. Which hotfix build takes care of the crash?', fixes).answer).toMatch(/77\.6181/);
    const ports = [hit('Restrict access to Acme Widget Controller devices on TCP/771 or TCP/1027 to prevent replay attacks.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details' })];
    expect(extractiveAnswer('Which network ports should we restrict on the Acme Widget Controller against the replay attack?', ports).answer).toMatch(/TCP\/771/);
    const scan = [hit('Scan files for the Acme Widget Controller with up-to-date antivirus software.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[2].details' })];
    expect(extractiveAnswer('Is AV scanning of Acme Widget Controller files recommended?', scan).found).toBe(true);
    const scored = [hit('CVE-2018-0001: CVSS v3.0 base score 7.0 (HIGH). weakness Improper Input Validation (CWE-20).', { kind: 'vulnerability', field: 'facts[7]', similarity: null, story_title: 'Acme Panel Builder 800', context: 'Acme Panel Builder 800' })];
    expect(extractiveAnswer('Acme Panel Builder 800 advisory from 2018 - which CVE is it, and what base score did it get?', scored).answer).toMatch(/CVE-2018-0001/);
    // "Which is the nastier one" compares the flaws: it describes none of them.
    const line = { kind: 'vulnerability', field: 'facts[7]', similarity: null } as const;
    const two = [hit('CVE-2024-0001: CVSS v3.1 base score 7.8 (HIGH). weakness Use After Free (CWE-416).', line), hit('CVE-2024-0002: CVSS v3.1 base score 3.3 (LOW). weakness Out-of-bounds Read (CWE-125).', line)];
    expect(extractiveAnswer('Acme Widget Controller has two CVEs: which is the nastier one by CVSS, and what is its score?', two).answer).toMatch(/CVE-2024-0001: CVSS v3\.1 base score 7\.8/);
  });

  it('declines what an advisory\'s first publication, a score line or no threat answers: a vendor\'s own release date, "over which port", a threat group', () => {
    const published = [hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2024-06-11' }), hit('Acme recommends users upgrade to Widget Controller 2023 SP1.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' })];
    expect(extractiveAnswer('On what date did Acme release Widget Controller 2023 SP1?', published)).toMatchObject({ found: false });
    expect(extractiveAnswer('On what date did Acme release Widget Controller 2023 SP1? I need the release date, not the advisory date.', published)).toMatchObject({ found: false });
    expect(extractiveAnswer('On what date was the Acme Widget Controller advisory published?', published).answer).toMatch(/2024-06-11/);
    expect(expected('Over which TCP port does the controller send its password in cleartext?')).toEqual({ type: 'name', unit: stem('port') });
    const scored = [hit('CVE-2024-0001: CVSS v3.1 base score 7.2 (HIGH). weakness Path Traversal (CWE-22).', { kind: 'vulnerability', field: 'facts[7]', route: 'identifier', similarity: null })];
    expect(extractiveAnswer('Has any threat group been seen exploiting CVE-2024-0001 in the wild?', scored)).toMatchObject({ found: false });
  });

  it('reads a yardstick as a benchmark, shoring up as strengthening, shipping as releasing, and "when is X due" as a deadline no event\'s date gives', () => {
    const order = [storyHit('The order strengthens the defenses of national security and civilian systems and sets benchmarks for AI cyber capabilities.')];
    expect(extractiveAnswer('What yardstick for AI hacking skills did the order ask for?', order).found).toBe(true);
    expect(extractiveAnswer('Which systems is the order meant to shore up?', order).found).toBe(true);
    const release = [storyHit('The order keeps sharing models before broader release voluntary and rejects mandatory licensing or permitting.')];
    expect(extractiveAnswer('Does a developer need a permit before it ships a model?', release).found).toBe(true);
    const signed = [storyHit('On 2026-06-02, the President signed the order on frontier-model benchmarking.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-06-02', similarity: 0.6 })];
    expect(extractiveAnswer('When is the first report on frontier-model benchmarking due?', signed)).toMatchObject({ found: false });
    expect(expected('When is the KEV due date for CVE-2024-0001?')).toMatchObject({ type: 'date', unit: null });
  });

  it('names a source by its title when the title of a piece is asked for', () => {
    const sources = [storyHit('Assessing the Executive Order on AI Oversight | Council on Foreign Relations', { kind: 'source', field: 'sources[4].title', source: { publisher: 'cfr.org', title: 'Assessing the Executive Order on AI Oversight' } })];
    expect(extractiveAnswer("I see the Council on Foreign Relations among the sources. What's the title of their piece?", sources).answer).toMatch(/Assessing the Executive Order on AI Oversight/);
  });

  it('asks "who at X" for a person there, knows the DOJ by its attorney general, and reads "among" as no content', () => {
    const agencies = () => [storyHit('The order tasks CISA, OMB and Treasury with deadlines.'), storyHit('Agencies: CISA; OMB; Treasury', { kind: 'entity', field: 'facts[0]' })];
    expect(extractiveAnswer("Who at Treasury is in charge of the order's deadlines?", agencies())).toMatchObject({ found: false });
    expect(extractiveAnswer('Who at Treasury leads the review board?', [...agencies(), storyHit('At Treasury, Jane Roe leads the review board.')]).answer).toMatch(/^At Treasury, Jane Roe/);
    // "Who inside X did Y" too: the body doing it names no one in it.
    const paused = [storyHit('On 2026-05-21, the White House paused plans to sign the order.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21', similarity: 0.6 })];
    expect(extractiveAnswer('Who at the White House made the call to pause the signing?', paused)).toMatchObject({ found: false });
    expect(extractiveAnswer('Who inside the White House paused the signing?', paused)).toMatchObject({ found: false });
    const named = [storyHit('On 2026-05-21, White House chief of staff Jane Roe paused plans to sign the order.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21', similarity: 0.6 })];
    expect(extractiveAnswer('Who inside the White House paused the signing?', named).answer).toMatch(/Jane Roe/);
    const doj = [storyHit('The order directs the attorney general to prioritize criminal enforcement against model misuse.')];
    expect(extractiveAnswer('Is DOJ told to prioritize enforcement against model misuse?', doj).found).toBe(true);
    expect(extractiveAnswer('Is OMB among the agencies put on a short clock?', [storyHit('The order gives CISA, OMB and other agencies near-term deadlines.')]).found).toBe(true);
  });

  it('reads a question after what it sets aside, catalog numbers, "mainly", "install" and "the OpenSSL flaw" as they are meant', () => {
    expect(expected('Apart from CISA and the NSA, is Treasury among the agencies the order hands near-term deadlines to?')).toBeNull();
    expect(expected('which 1763 catalog numbers of MicroLogix 1100 are listed as affected by CVE-2017-7924?')).toBeNull();
    expect(askedFor('During the internal fight, what were people mainly worried would get hit?')).toEqual([]);
    expect(hingeVerb('We run InTouch 2020 R2. What do we need to install to fix CVE-2021-32942?')).toBeNull();
    expect(hingeVerb('When did the Siemens advisory on the OpenSSL flaw in industrial products first come out?')).not.toBe('flaw');
    // What a yes-or-no question asks about ends at its question mark.
    expect(polarTopic("Has CISA published anything on ABB's M2M ETHERNET module? Which CVE was it?")).toEqual(['abb', 'm2m', 'ethern', 'modul']);
  });

  it('holds a product by its name whatever kind the asker calls it, a version range and a month', () => {
    const abb = [hit('CVE-2018-17926: Improper Authentication (CWE-287). An attacker can upload a malicious language file.', { story_title: 'ABB M2M ETHERNET', context: 'ABB M2M ETHERNET' }), hit('Products: M2M ETHERNET', { story_title: 'ABB M2M ETHERNET', context: 'ABB M2M ETHERNET', kind: 'entity', field: 'facts[3]' })];
    expect(missingSpecifics("Has CISA published anything on ABB's M2M ETHERNET module? Which CVE was it?", abb)).toBeNull();
    expect(missingSpecifics("Has CISA published anything on ABB's M2M ETHERNET module's password reset?", abb)).toMatch(/mentions/);
    const fatek = [hit('FATEK Automation is aware of the issue and is currently developing a solution.', { story_title: 'FATEK FvDesigner', context: 'FATEK FvDesigner', kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }), hit('CVE-2021-22662: Known affected: FATEK Automation FvDesigner <= 1.5.76. Project file parsing bugs.', { story_title: 'FATEK FvDesigner', context: 'FATEK FvDesigner', kind: 'vulnerability', field: 'facts[6]' })];
    expect(missingSpecifics('FATEK FvDesigner 1.5.76 and earlier (the Feb 2021 project-file bugs): is there a patched version yet?', fatek)).toBeNull();
  });

  it('answers "how severe in CVSS terms" and "how is the flaw that ... scored" with the score line of the flaw described', () => {
    const xxe = [hit('CVE-2021-32972: CVSS v3.0 base score 5.9 (MEDIUM), vector CVSS:3.0/AV:L/AC:L/PR:L/UI:R/S:C/C:H/I:N/A:N. weakness Improper Restriction of XML External Entity Reference (CWE-611).', { story_title: 'Panasonic FPWIN Pro', context: 'Panasonic FPWIN Pro', kind: 'vulnerability', field: 'facts[6]', similarity: null })];
    expect(extractiveAnswer('how severe is the FPWIN Pro XXE bug in CVSS terms?', xxe).answer).toMatch(/base score 5\.9/);
    const baxter = [
      hit('CVE-2022-26393: CVSS v3.0 base score 5.0 (MEDIUM), vector CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:L. weakness Use of Externally-Controlled Format String (CWE-134). Known affected: Baxter Spectrum IQ wireless battery module and gateway server.', { story_title: 'Baxter Sigma Spectrum', context: 'Baxter Sigma Spectrum', kind: 'vulnerability', field: 'facts[9]', similarity: null }),
      hit('CVE-2022-26394: CVSS v3.0 base score 7.5 (HIGH), vector CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:C/C:L/I:H/A:L. weakness Missing Authentication for Critical Function (CWE-306). Known affected: Baxter Spectrum IQ wireless battery module and gateway server.', { story_title: 'Baxter Sigma Spectrum', context: 'Baxter Sigma Spectrum', kind: 'vulnerability', field: 'facts[10]', similarity: null }),
      hit('CVE-2022-26394: Missing Authentication for Critical Function (CWE-306). The wireless battery module does not perform mutual authentication with the gateway server.', { story_title: 'Baxter Sigma Spectrum', context: 'Baxter Sigma Spectrum' }),
    ];
    expect(extractiveAnswer("How is the missing mutual authentication between Baxter's Spectrum wireless battery module and the gateway server scored?", baxter).answer).toMatch(/^[^[]*CVE-2022-26394: CVSS v3\.0 base score 7\.5/);
  });

  it('reads the flaw a fix or a workaround is asked for as the advisory\'s to tell, not its fixes\'', () => {
    const fixes = (texts: string[]) => texts.map((t, i) => hit(t, { story_title: 'Hitachi Energy XMC20 and FOX61x', context: 'Hitachi Energy XMC20 and FOX61x', kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details` }));
    const xmc = fixes(['XMC20: Upgrade to Version R15A', 'FOX61x: Upgrade to Version R15A', 'Do not directly connect to the Internet.']);
    expect(extractiveAnswer('Which firmware release should XMC20 and FOX61x owners upgrade to for the port 26 default credential and port 5558 problems?', xmc).answer).toMatch(/R15A/);
    const cnm = fixes(['Harden the workstation running ConneXium Network Manager (CNM) Software.', 'Do not load .cxn files received from untrusted sources.']).map((h) => ({ ...h, story_title: 'Schneider Electric CNM', context: 'Schneider Electric CNM' }));
    expect(extractiveAnswer("Schneider's ConneXium Network Manager has no fixed release for the crafted event actions issue - what's the workaround they suggest?", cnm).answer).toMatch(/Harden the workstation/);
    // Whether a workaround "like X" is offered is a claim to check.
    expect(extractiveAnswer('For ConneXium Network Manager sites that cannot upgrade, does Schneider offer a config workaround like disabling the event listener?', cnm).found).toBe(false);
    // What is meant to happen is dated by a plan, not by the day it was ordered.
    expect(expected('By when is the clearinghouse supposed to be up and running?')).toMatchObject({ type: 'date', future: true });
    expect(extractiveAnswer('By when is the review board supposed to be up and running?', order()).found).toBe(false);
  });

  it('dates an ICS advisory by its id ("the May 2021 advisory"), and reads names in the flaw a fix is asked for as the prose\'s to tell', () => {
    const xstream = { story_id: 'ICSA-21-138-01', story_title: 'Emerson Rosemount X-STREAM', context: 'Emerson Rosemount X-STREAM' };
    const score = hit("CVE-2021-27461: CVSS v3.0 base score 7.5 (HIGH), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N. weakness Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal') (CWE-22).", { ...xstream, kind: 'vulnerability', field: 'facts[7]', similarity: null });
    expect(extractiveAnswer('Emerson Rosemount X-STREAM gas analyzers, the May 2021 advisory: which CVE is the path traversal one?', [score]).answer).toMatch(/CVE-2021-27461/);
    const anywhere = { story_title: 'Schneider Electric Wonderware InTouch Access Anywhere', context: 'Schneider Electric Wonderware InTouch Access Anywhere', kind: 'remediation' as const, field: 'vulnerabilities[0].remediations[0].details' };
    const fix = [hit('Schneider Electric recommends that users upgrade to Wonderware InTouch Access Anywhere Version 17.0.0.', anywhere)];
    expect(extractiveAnswer('We run Wonderware InTouch Access Anywhere. What release does Schneider want us to upgrade to for the CSRF / credential exposure / TLS issues?', fix).answer).toMatch(/17\.0\.0/);
    // A name of the product itself is still to be held.
    expect(extractiveAnswer('What release of the Wonderware InTouch Access Anywhere Gateway fixes the TLS issues?', fix).found).toBe(false);
  });

  it('reads a rivalry as a competition, a compound name by its parts, pre-release vetting as pre-deployment review, and natsec as national security', () => {
    const diplomat = [storyHit('thediplomat.com published Trump’s New AI Order Raises the Stakes in China-US Tech Competition - The Diplomat', { kind: 'source', field: 'sources[7].title', similarity: null })];
    expect(extractiveAnswer('Which of the cited outlets looked at the order through the lens of the US-China tech rivalry?', diplomat).answer).toMatch(/The Diplomat/);
    expect(extractiveAnswer('Which magazine in the reading list wrote about the China-US competition?', diplomat).answer).toMatch(/The Diplomat/);
    const scaled = [storyHit('Reporting indicates the administration scaled back stronger pre-deployment review proposals after internal debate.')];
    expect(extractiveAnswer('Did the administration end up watering down the tougher pre-release vetting ideas?', scaled).answer).toMatch(/scaled back/);
    expect(wordsOf('natsec systems')).toEqual(wordsOf('national security systems'));
  });

  it('reads "the dollar figure" and "the price tag" as money, and "what was X titled" as a title quoted', () => {
    expect(expected("What's the dollar figure attached to standing up the review board?")).toEqual({ type: 'quantity', unit: 'money' });
    expect(expected('What is the price tag of the review board?')).toEqual({ type: 'quantity', unit: 'money' });
    expect(expected('What was the draft order actually titled?')).toEqual({ type: 'name', unit: 'title' });
    const signed = [storyHit('On 2026-06-02, the President signed the order "Promoting Careful Review," creating a review board.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-02' })];
    expect(extractiveAnswer('What was the order the President signed titled?', signed).answer).toMatch(/Promoting Careful Review/);
    expect(extractiveAnswer('What was the withdrawn draft titled?', [storyHit('A draft order on review was withdrawn before signing.')]).found).toBe(false);
  });

  it('reads "what version do we need to move to" without a participle, and "what does CISA say we must do about X" as the action asked, not what it says', () => {
    const fix = [hit('Update to version 3.2.1.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' })];
    expect(hingeVerb('Which advisory is it from and what version do we need to move to?')).toBeNull();
    expect(extractiveAnswer('Our scanner flagged CVE-2020-7591. Which advisory is it from and what version do we need to move to?', fix).answer).toMatch(/3\.2\.1/);
    const id = 'CVE-2013-3993';
    const kev = [
      hit(`CISA added ${id} (Acme Widget: Acme Widget Invalid Input Vulnerability) to the KEV catalog on 2022-05-25; remediation due 2022-06-15.`, { story_id: `kev-${id}`, story_title: `${id}: Acme Widget Invalid Input Vulnerability`, kind: 'timeline', field: 'timeline[0].text', date: '2022-05-25', route: 'identifier', similarity: null }),
      hit('Acme Widget accepts invalid input.\n\nRequired action: The impacted product is end-of-life and should be disconnected if still in use.', { story_id: `kev-${id}`, story_title: `${id}: Acme Widget Invalid Input Vulnerability`, route: 'identifier', similarity: null }),
    ];
    expect(aboutWhat(`${id} is in KEV - what does CISA say we must do about it?`)).toEqual([]);
    expect(extractiveAnswer(`${id} is in KEV - what does CISA say we must do about it?`, kev).answer).toMatch(/Required action: The impacted product is end-of-life/);
    // An out-of-bounds write is a flaw, not a writing.
    expect(aboutWhat("What does CISA's KEV entry tell agencies to do about the Acme Widget out-of-bound write?")).toEqual([]);
  });

  it("reads the asker's constraint (\"can't upgrade X right now\") as no fact to find", () => {
    const sim = { story_title: 'Acme Control Expert', context: 'Acme Control Expert', kind: 'remediation' as const, field: 'vulnerabilities[0].remediations[0].details' };
    const fixes = [hit('In the option dialog box of the Acme Control Expert simulator, set the listening IP address to 127.0.0.1.', sim), hit('Acme has released version 15.0 of Acme Control Expert, which blocks remote hosts.', sim)];
    const question = "Can't upgrade Acme Control Expert right now. Is there a config workaround to stop remote hosts from crashing the simulator?";
    expect(missingSpecifics(question, fixes)).toBeNull();
  });

  it('reads a worry as a concern, and dealing with something as addressing it', () => {
    const said = [storyHit('On 2026-06-04, Andersen said the agency plans to issue a directive this week. He said the directive will address patch management.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04' }), storyHit('therecord.media published Agency directive for AI order to be released this week', { kind: 'source', field: 'sources[2].title', similarity: null })];
    expect(extractiveAnswer("According to Andersen, what is the agency's upcoming directive going to deal with?", said).answer).toMatch(/patch management/);
    const debate = [storyHit('After internal debate over cyber risks, concerns centered on threats to critical infrastructure and the financial system.')];
    expect(extractiveAnswer('During the internal debate over cyber risk, what were officials most worried about?', debate).answer).toMatch(/financial system/);
    expect(wordsOf('worries')).toEqual(wordsOf('concerns'));
    expect(wordsOf('it deals with patching')).toEqual(wordsOf('it addresses patching'));
  });

  it('counts no number the question names itself', () => {
    const question = 'Roughly how many Acme Widget devices are reachable from the internet with port 10005 open?';
    expect(states({ type: 'quantity', unit: stem('devices') }, 'An attacker with access to port 10005/tcp of the device could read its passwords.', question)).toBe(false);
    expect(states({ type: 'quantity', unit: stem('devices') }, 'A scan found 2,300 devices with port 10005 open.', question)).toBe(true);
  });

  it('reads "what should be installed" as the thing asked for, and "tracked as" as naming', () => {
    expect(hingeVerb('For Acme Widget shops, what exactly should be installed to close CVE-2017-13997?')).toBeNull();
    expect(hingeVerb('Acme Widget controllers with the XXE problem - which CVE is it tracked as?')).toBeNull();
    const fix = [hit('Acme recommends users of Acme Widget v8.0 SP2 or prior upgrade and apply Acme Widget v8.0 SP2 Patch 1.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' })];
    expect(extractiveAnswer('For Acme Widget shops, what exactly should be installed to close CVE-2017-13997?', fix).answer).toMatch(/SP2 Patch 1/);
  });

  it("answers a workaround asked for instead of the upgrade the asker cannot make yet with no upgrade", () => {
    const fix = { kind: 'remediation' as const, route: 'identifier' as const, context: 'Acme Logix 1400 Controllers CVE-2017-16740' };
    const fixes = [
      hit('Acme encourages affected users to upgrade to the latest version of available firmware, FRN 21.003.', { ...fix, field: 'vulnerabilities[0].remediations[0].details' }),
      hit('Acme also suggests that Modbus TCP can be disabled if it is not necessary.', { ...fix, field: 'vulnerabilities[0].remediations[1].details' }),
    ];
    const a = extractiveAnswer("We can't flash the Acme Logix 1400s to FRN 21.003 yet. Any interim workaround for CVE-2017-16740?", fixes);
    expect(a.answer).toMatch(/Modbus TCP can be disabled/);
    expect(a.answer).not.toMatch(/upgrade to the latest/);
    // "Reflash" is flashing again: no fact to find. "Lock down" is restricting, a "stopgap" a workaround.
    expect(extractiveAnswer("We can't reflash the Acme Logix 1400s anytime soon. Any interim workaround for CVE-2017-16740?", fixes).answer).toMatch(/Modbus TCP can be disabled/);
    expect([...wordsOf('lock down port 502, a stopgap, switch off FTP')]).toEqual(expect.arrayContaining([...wordsOf('restrict port 502, a workaround, disable FTP')]));
    const wago = [
      hit('If updating the firmware is not feasible Acme recommends that users disable the Acme Service Communication or limit the access to Ports 6626 and 2455/TCP to trusted devices.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details' }),
      hit('A remote attack may take advantage of an improper implementation of the 3 way handshake during a TCP connection affecting the Acme Logix couplers.'),
    ];
    expect(missingSpecifics("We can't reflash our Acme Logix couplers anytime soon. What's Acme's fallback for the TCP handshake denial of service?", wago)).toBeNull();
    // The fixed version asked for too is an upgrade, whatever else the question asks for meanwhile.
    expect(extractiveAnswer("Which Acme Logix 1400 firmware fixes CVE-2017-16740, and what do we do in the meantime if we can't upgrade?", fixes).answer).toMatch(/FRN 21\.003/);
    // Asked without the word: what to switch off in the meantime is the workaround, disabling is switching off.
    const meantime = extractiveAnswer("We can't patch the Acme Logix 1400s right away. What can we switch off in the meantime?", fixes);
    expect(meantime.answer).toMatch(/Modbus TCP can be disabled/);
    expect(meantime.answer).not.toMatch(/upgrade to the latest/);
  });

  it("names the models a product question asks for by the lead advisory's Products line, after its sentences", () => {
    const ws = { story_id: 'ICSA-24-030-03', story_title: 'Acme WS Series Ethernet Interface Module', context: 'Acme WS Series Ethernet Interface Module' };
    const hits = [
      hit('An authentication bypass vulnerability exists in the WS Series Ethernet Interface Modules, by replaying captured authentication traffic.', { ...ws, similarity: 0.6 }),
      hit('A replay of captured traffic lets an attacker log in to the module.', { story_id: 'ICSA-19-001-01', story_title: 'Other Gateway', context: 'Other Gateway', similarity: 0.5 }),
      hit('Products: WS0-GETH00200', { ...ws, kind: 'entity', field: 'facts[3]', similarity: null }),
    ];
    const a = extractiveAnswer('Looking for the advisory where an Ethernet interface module could be logged into by replaying captured authentication traffic. Which module?', hits).answer;
    expect(a).toMatch(/Interface Modules, by replaying captured authentication traffic\. \[1\] Products: WS0-GETH00200 \[2\]/);
    // Not when no product is asked for.
    expect(extractiveAnswer('How could an attacker log into the Ethernet interface module by replaying captured authentication traffic?', hits).answer).not.toMatch(/WS0-GETH00200/);
  });

  it('reads a release of the fix and an upgrade to a product\'s versions as no workaround, and a constraint put with another verb as one', () => {
    const fix = { kind: 'remediation' as const, context: 'Acme Gecko switch', story_title: 'Acme Gecko', similarity: 0.6 };
    const fixes = [
      hit('Acme has released a software version, Version 02.0.01, to address the identified vulnerabilities.', { ...fix, field: 'vulnerabilities[0].remediations[0].details' }),
      hit('As an interim compensating control, Acme specifies that users can reboot affected devices after each configuration download.', { ...fix, field: 'vulnerabilities[0].remediations[1].details' }),
      hit('Acme recommends users upgrade to Gecko Center versions 2020 Update 17 or later.', { ...fix, field: 'vulnerabilities[0].remediations[2].details' }),
    ];
    const stopgap = extractiveAnswer("Acme Gecko: is there a stopgap if we can't upgrade yet?", fixes).answer;
    expect(stopgap).toMatch(/reboot affected devices/);
    expect(stopgap).not.toMatch(/02\.0\.01|Update 17/);
    // The asker's constraint put with another verb ("can't schedule the upgrade") is one too.
    expect(extractiveAnswer("Acme Gecko: what's the stopgap if we can't schedule the 02.0.01 upgrade yet?", fixes).answer).toMatch(/reboot affected devices/);
    // The fix asked for first is answered, and the stopgap asked for second on its own.
    const both = extractiveAnswer("Acme Gecko switch: fixed software version, and is there a stopgap if we can't upgrade yet?", fixes).answer;
    expect(both).toMatch(/02\.0\.01/);
    expect(both).toMatch(/reboot affected devices/);
  });

  it('takes a kind of device the question names ("a small PLC") and the CVE it asks for as no name the advisory must hold', () => {
    const plc = { story_title: 'Acme MicroLogix 1100', context: 'Acme MicroLogix 1100', similarity: 0.6 };
    const hits = [
      hit('CVE-2017-7898: Improper Restriction of Excessive Authentication Attempts (CWE-307). There are no penalties for repeated failed password attempts on the web server.', plc),
      hit('CVE-2017-7903: Weak Password Requirements (CWE-521). The affected products use a numeric password with a small maximum character size.', plc),
    ];
    const a = extractiveAnswer('Looking for a 2017 advisory about a small PLC whose web server never penalizes repeated wrong password guesses and only allows short numeric passwords. What product is it?', hits);
    expect(a).toMatchObject({ found: true });
    expect(a.answer).toMatch(/Acme MicroLogix 1100/);
    // Asked whether, "API access" is what the question is about: a passage that never says it does not answer.
    const framework = [storyHit('The final order preserves a voluntary framework for developers to share advanced models with the federal government before release.', { similarity: 0.6 })];
    expect(extractiveAnswer('Under the voluntary framework, do developers hand over the actual model weights, or just give the government API access?', framework).found).toBe(false);
  });

  it('answers "what kind of bug" with the sentence naming its weakness', () => {
    const cnc = { route: 'identifier' as const, story_title: 'Acme CNCSoft', context: 'Acme CNCSoft CVE-2021-43982' };
    const hits = [
      hit('Refer to Avoiding Social Engineering and Phishing Attacks for more information on social engineering attacks.', { ...cnc, kind: 'remediation', field: 'vulnerabilities[0].remediations[6].details' }),
      hit('Refer to Recognizing and Avoiding Email Scams for more information on avoiding email scams.', { ...cnc, kind: 'remediation', field: 'vulnerabilities[0].remediations[5].details' }),
      hit('Acme has released an updated version of CNCSoft and recommends users install it on engineering workstations.', { ...cnc, kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('Successful exploitation of this vulnerability could allow for arbitrary code execution.\n\nCVE-2021-43982: Stack-based Buffer Overflow (CWE-121). The affected product lacks proper validation of user-supplied data.', cnc),
    ];
    expect(extractiveAnswer('scanner flagged cve-2021-43982 on one of our engineering workstations. which advisory is that and what kind of bug', hits, { maxSentences: 2 }).answer).toMatch(/Stack-based Buffer Overflow/);
  });

  it('reads an office written in lower case ("the attorney general") as naming the official asked for', () => {
    const body = [storyHit('The order also directs the attorney general to prioritize criminal enforcement against actors who use AI to damage computer systems.'), storyHit('It also creates a clearinghouse to coordinate scanning with operators.')];
    expect(extractiveAnswer('Under the order, which official is supposed to make criminal cases against people who use AI to damage computer systems a priority?', body).answer).toMatch(/attorney general/);
    expect(extractiveAnswer('Which official will run the clearinghouse?', body).found).toBe(false);
  });
});

describe('extractiveAnswer: the day a question names and the day it asks for', () => {
  it('leads a "what day did X get signed" answer with the sentence that uses its verb', () => {
    // Both events retrieved about as well, the pause a little ahead.
    const a = extractiveAnswer('What day did the order get signed?', order().map((h, i) => ({ ...h, score: 1 - 0.1 * i })));
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/^On 2026-06-02, the President signed/);
  });

  it('spells "the AI EO" as an executive order, though a headline writes "EO"', () => {
    const hits = [
      storyHit('The AI EO strikes a compromise', { kind: 'source', field: 'sources[0].title' }),
      storyHit('On 2026-06-02, the President signed the AI executive order.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-02' }),
    ];
    expect(acronymHeads('Which day did the AI EO get signed?', hits).get('eo')).toBe('order');
    expect(acronymHeads('Does Cisco IOS XE fix it?', [hit('Cisco IOS XE is affected. An extra example.')]).has('xe')).toBe(false);
  });

  it('does not answer "before the May 21 pause, what date ..." with the May 21 event', () => {
    const before = extractiveAnswer('Before the May 21 pause, what date had the White House planned for the signing?', order());
    expect(before.answer).not.toMatch(/2026-05-21/);
    // The anchor's event is the anchor, though its text goes on to date what came later.
    const later = storyHit('On 2026-05-21, the White House paused plans to sign the order. The later revised order was released on June 2.', { kind: 'timeline', field: 'timeline[1].text', date: '2026-05-21' });
    expect(extractiveAnswer('After the May 21 pause, on what date did the White House signal that signing was back on?', [later]).found).toBe(false);
    // The day a question asks to confirm is the answer, not an anchor.
    expect(extractiveAnswer('Was the order signed on June 2? What date exactly?', order()).answer).toMatch(/2026-06-02/);
  });
});

describe('extractiveAnswer: a lead that goes on', () => {
  it('gives the sentence that goes on from the lead ("He said the directive will address ...") before a weaker one of another passage', () => {
    const hits = [
      storyHit('On 2026-06-04, the acting director said the agency plans to issue a directive to agencies. He said the directive will address patch management.', { kind: 'timeline', field: 'timeline[0].text', date: '2026-06-04' }),
      storyHit('The order tasks agencies with deadlines and directives where appropriate.'),
      storyHit('The directive is the first of its kind for the agency.'),
      storyHit('Agency directive to be released this week', { kind: 'source', field: 'sources[0].title' }),
    ];
    const a = extractiveAnswer('What will the directive focus on?', hits);
    expect(a.sentences).toHaveLength(3);
    expect(a.answer).toMatch(/^On 2026-06-04.*\[1\] He said the directive will address patch management\. \[1\]/u);
  });
});

describe('extractiveAnswer: what a score line states', () => {
  const score = hit('CVE-2020-1938: CVSS v3.0 base score 9.8 (CRITICAL), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H. weakness Improper Privilege Management (CWE-269).', { kind: 'vulnerability', field: 'facts[6]', route: 'identifier' });
  it('does not answer a product or a version asked of a CVE with its score line', () => {
    expect(extractiveAnswer('Which Apache Tomcat version does the Acme Widget Controller ship that is exposed to CVE-2020-1938?', [score]).found).toBe(false);
    expect(extractiveAnswer('Which camera brands ship the SDK affected by CVE-2020-1938?', [score]).found).toBe(false);
  });
  it('answers the score, the weakness and the CVE with it', () => {
    expect(extractiveAnswer('What is the CVSS score of CVE-2020-1938?', [score]).answer).toMatch(/9\.8/u);
    expect(extractiveAnswer('What kind of weakness is CVE-2020-1938?', [score]).answer).toMatch(/Improper Privilege Management/u);
    expect(extractiveAnswer('What is CVE-2020-1938 and which Acme devices does it concern?', [score]).answer).toMatch(/Improper Privilege Management/u);
  });
});

describe('extractiveAnswer: a date asked after a remark', () => {
  it('asks for a date with "on which day" after a remark, and answers it', () => {
    expect(expected('quick check before I send this out: on which exact day did Trump sign it?')).toEqual({ type: 'date', unit: null });
    expect(expected('I need the day the president signed the order.')).toEqual({ type: 'date', unit: null });
    expect(extractiveAnswer("quick check for my memo: on which exact day did the President's signature go on the order?", order()).answer).toMatch(/^On 2026-06-02, the President signed the order\./u);
  });
});

describe('extractiveAnswer: words put otherwise', () => {
  const voluntary = [
    storyHit('The final order preserves a voluntary framework for developers to share advanced models with the federal government for review before release.'),
    storyHit('The order directs agencies to strengthen cyber defenses across national security, defense and civilian federal systems.'),
  ];
  it('reads "optional" and "opt-in" as voluntary, hardened networks as strengthened systems, and "purely" as asking', () => {
    expect(extractiveAnswer('Is taking part in the model reviews optional for developers?', voluntary).answer).toMatch(/voluntary framework/u);
    expect(extractiveAnswer('Is sharing models with the government purely opt-in?', voluntary).answer).toMatch(/voluntary framework/u);
    expect(extractiveAnswer('Which federal networks does the order want hardened — just defense, or civilian ones too?', voluntary).answer).toMatch(/civilian federal systems/u);
    expect(contentTerms('Is the order purely about defense?')).toEqual(['order', 'defens']);
    expect(contentTerms('Is sharing opt-in, or are models hardened?')).toEqual(['shar', 'volunta', 'model', 'strengt']);
  });
  it('reads an op-ed as a perspective, DOJ as the attorney general, clout as authority, fear as concern, and figuring out what counts as determining what qualifies', () => {
    expect(contentTerms('Is there an opinion piece or op-ed?')).toEqual(['perspec', 'piec']);
    expect(contentTerms('Has DOJ been pointed at AI-assisted intrusions?')).toEqual(['attorn', 'general', 'point', 'ai-enab', 'intrusi']);
    expect(contentTerms('Does the Justice Department have the clout?')).toEqual(['attorn', 'general', 'authori']);
    expect(contentTerms('What were they afraid the models could threaten?')).toEqual(['concern', 'model', 'threat']);
    expect(contentTerms('How does it figure out what counts as a covered model?')).toEqual(['determi', 'qualifi', 'cover', 'model']);
  });
  it('reads a secret process as a classified one, a scrapped draft as withdrawn, and a proposal watered down as scaled back', () => {
    expect(contentTerms('Is it kept secret or done behind closed doors?')).toEqual(['kept', 'classif', 'don']);
    expect(contentTerms('What did the scrapped draft focus on?')).toEqual(['withdra', 'draft', 'focu']);
    expect(contentTerms('Was it watered down or dialed back?')).toEqual(['scal', 'back']);
    expect(contentTerms('Does the govt scan for vulns?')).toEqual(['governm', 'scan', 'vulnera']);
    expect(contentTerms('What was the argument or infighting about?')).toEqual(['debat']);
  });
  it('reads an argument as a debate, a permit, sign-off or veto as preclearance or permitting, opting in as voluntary and being forced as mandatory', () => {
    expect(contentTerms('What did officials argue and clash over?')).toEqual(['officia', 'debat']);
    expect(contentTerms('Who will the clearinghouse work with?')).toEqual(['clearin', 'coordin']);
    expect(contentTerms('Do labs need a permit, a sign-off or a green light?')).toEqual(['lab', 'permitt', 'preclea']);
    // ("Permit" the verb is not a permit: "could the flaw permit an attacker to ...".)
    expect(contentTerms('Could the flaw permit an attacker to log in?')).toEqual(['flaw', 'permit', 'attack', 'log']);
    expect(contentTerms('Do labs opt in, or are they forced to?')).toEqual(['lab', 'volunta', 'mandato']);
    expect(contentTerms('Can outsiders or private players take part?')).toEqual(['partner', 'compani', 'part']);
  });
  it('reads a gauge or test suite as a benchmark, boosting as promoting, ruling out as rejecting, and an official name as a name', () => {
    expect(contentTerms('Is there a test suite to gauge capability?')).toEqual(['benchma', 'capabil']);
    expect(contentTerms('Does it boost AI?')).toEqual(['promot', 'ai']);
    expect(contentTerms('What did it rule out or say no to?')).toEqual(['reject']);
    expect(contentTerms('official name of the order, and its subject matter')).toEqual(['order']);
  });
  it('reads plans shelved, put on hold or on ice as paused, and a draft yanked as withdrawn', () => {
    expect(contentTerms('When were the signing plans shelved?')).toEqual(['sign', 'plan', 'paus']);
    expect(contentTerms('Why was the signing put on hold, or on ice?')).toEqual(['sign', 'paus']);
    expect(contentTerms('Why was the draft yanked?')).toEqual(['draft', 'withdra']);
    // A device that halts or freezes is not paused.
    expect(contentTerms('Which flaw halts the controller?')).toEqual(['flaw', 'halt', 'control']);
  });
  it('answers "who is responsible for X" by whoever does X, not by someone called X', () => {
    expect(subjectOfWho('Who is responsible for going after criminals?')).toEqual([]);
    expect(subjectOfWho('Who is the director of the office?')).toEqual(['directo', 'offic']);
    const ag = [storyHit('The order also directs the attorney general to prioritize criminal enforcement against actors who use AI to illegally access computer systems.')];
    expect(extractiveAnswer('Under the order, who is responsible for going after criminals that use AI to break into computer systems?', ag).answer).toMatch(/attorney general/u);
  });
});

describe('extractiveAnswer: the version of a fix', () => {
  it('answers what the vendor tells users to do with a sentence that advises, not one of what the flaw allows', () => {
    const fix = { kind: 'remediation' as const, field: 'vulnerabilities[0].remediations[0].details', similarity: null };
    const hits = [
      hit('Acme no longer sells or maintains the RX1 gateway and considers it to be an end-of-life product. Acme recommends replacing it with the supported RX2 gateway.', { ...fix, score: 1 }),
      hit('Successful exploitation of this vulnerability could allow an attacker with network access to bypass authentication on the RX1 gateway.', { score: 0.9, similarity: 0.5 }),
    ];
    const told = extractiveAnswer('RX1 gateway auth bypass: what does Acme tell owners to do?', hits);
    expect(told.answer).toMatch(/Acme recommends replacing it with the supported RX2 gateway/u);
    expect(told.answer).not.toMatch(/end-of-life/u);
  });
  it('hinges a fix\'s version on no verb of fixing: a fix says it in its own words ("upgraded ... to resolve")', () => {
    expect(hingeVerb('The Zip path traversal in Acme ToolBox (CVE-2018-16202) - from which ToolBox version is it resolved?')).toBeNull();
    expect(extractiveAnswer('The Zip path traversal in Acme ToolBox (CVE-2018-16202) - from which ToolBox version is it resolved?', [hit('Acme upgraded the Zip library in ToolBox Version 7.8.0 to resolve CVE-2018-16202', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' })]).answer).toMatch(/7\.8\.0/u);
  });
});

describe('extractiveAnswer: the outlet of a piece', () => {
  const sources = [
    storyHit('The order strikes a compromise to balance innovation with accountability | perspective | SC Media', { kind: 'source', field: 'sources[0].title', source: { publisher: 'scworld.com', title: 'The order strikes a compromise to balance innovation with accountability | perspective | SC Media' }, context: 'Source published by scworld.com' }),
    storyHit('The New AI Order Raises the Stakes in China-US Tech Competition', { kind: 'source', field: 'sources[1].title', source: { publisher: 'thediplomat.com', title: 'The New AI Order Raises the Stakes in China-US Tech Competition' }, context: 'Source published by thediplomat.com' }),
  ];
  it('answers "who published it" of a piece the question describes, and a tech race as the competition', () => {
    expect(expected('One of the cited pieces is an opinion column on the order. who published it')).toEqual({ type: 'name', unit: stem('publisher') });
    expect(expected('who published "The New AI Order Raises the Stakes"')).toEqual({ type: 'name', unit: stem('publisher') });
    expect(extractiveAnswer('One of the cited pieces argues the order balances innovation against accountability. who ran it?', sources).answer).toMatch(/^scworld\.com published/u);
    expect(extractiveAnswer('One of the references frames the order in terms of the US-China tech race. Which publication ran that?', sources).answer).toMatch(/^thediplomat\.com published/u);
    expect(contentTerms('the US-China tech race')).toEqual(['us-chin', 'tech', 'competi']);
  });
});

describe('missingSpecifics: what a product runs on', () => {
  it('weighs a platform the question names (Bluetooth, Android) among its words, not as a name the passages must hold', () => {
    const scale = [hit('The Acme BS-440 bathroom scale sends user data to the cloud service without encryption.', { story_id: 'ICSMA-20-001-01', similarity: 0.6 })];
    expect(missingSpecifics('Which Bluetooth bathroom scale sends its data unencrypted?', scale)).toBeNull();
    expect(missingSpecifics('Which bathroom scale for Android sends its data unencrypted?', scale)).toBeNull();
    expect(missingSpecifics('Which Zorblax bathroom scale sends its data unencrypted?', scale)).toBe('no retrieved passage mentions "Zorblax"');
  });
});


describe('expected: the sentence that asks, and the words for a version', () => {
  it('reads the question after a sentence that sets the scene, and releases on a model', () => {
    expect(expected('We run Acme PT-7828 switches. Up to which firmware version are they listed as vulnerable?')).toMatchObject({ type: 'version' });
    expect(expected('Which Acme releases on the OCR400 are affected by the FTP server bugs?')).toMatchObject({ type: 'version' });
    // A sentence that only tells is no question.
    expect(expected('We run Acme PT-7828 switches. They were listed as vulnerable.')).toBeNull();
  });

  it('reads a family or a variant as a kind of product, unless the question speaks of a threat', () => {
    expect(expected('Which Acme controller families are hit by the FTP login brute-forcing weakness CVE-2019-18261?')).toMatchObject({ type: 'name', unit: stem('product') });
    expect(expected('which EN100 firmware variants are affected?')).toMatchObject({ type: 'name', unit: stem('product') });
    expect(expected('Which ransomware family abused CVE-2015-2291?')).toMatchObject({ type: 'name', unit: stem('family') });
    expect(expected('KEV marks ransomware use of it as known - which gang or strain was it, though?')).toMatchObject({ type: 'name', unit: stem('strain') });
    const affected = [hit('CVE-2019-18261: Known affected: Acme PLC NJ series vers:all/*; Acme PLC CJ series vers:all/*.', { kind: 'vulnerability', field: 'facts[4]', route: 'identifier', story_title: 'Acme PLC CJ and NJ Series', context: 'Acme PLC CJ and NJ Series FTP login brute force' })];
    expect(extractiveAnswer('Which Acme controller families are hit by the FTP login brute-forcing weakness CVE-2019-18261?', affected).answer).toMatch(/NJ series/u);
  });

  it('takes a service pack level or a patch number for a version, which a fix states as one', () => {
    expect(askedFor("We're on Acme 9000 2.70 - which service pack level do we need to apply for the insecure auto update issue?")).toEqual([]);
    // What it is a version of is asked for: "Windows" must be held.
    expect(askedFor('Which Windows version do the Acme consoles run?')).toEqual([stem('windows')]);
    const fix = [hit('Apply 2.60 Service Pack 2 CU07 or later or 2.70 Service Pack 2 CU01 or later, respectively.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', story_title: 'Acme 9000', context: 'Acme 9000 insecure auto update' })];
    expect(missingSpecifics('Acme 9000 insecure auto update - what patch numbers do we need for 2.70?', fix)).toBeNull();
  });
});

describe('extractiveAnswer: the kinds of an advisory\'s flaws', () => {
  it("leads with the advisory's Weaknesses line, which names each, and takes its score lines as no other flaw's", () => {
    const x320 = { story_title: 'Acme X-320M', context: 'Acme X-320M', similarity: 0.6 };
    const hits = [
      hit('2019-01-17: ICSA-19-017-03 Acme X-320M', { ...x320, kind: 'timeline', field: 'timeline[0].text', date: '2019-01-17' }),
      hit('Acme has released a firmware update to address the vulnerabilities found on the X-320M.', { ...x320, kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('CVE-2018-18881: CVSS v3.0 base score 7.5 (HIGH), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H. weakness Improper Authentication (CWE-287). Known affected: Acme X-320M <= 1.05.', { ...x320, kind: 'vulnerability', field: 'facts[7]' }),
      hit("Weaknesses: CWE-287 (also Improper Authentication); CWE-79 (also Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting'))", { ...x320, kind: 'entity', field: 'facts[1]' }),
    ];
    expect(extractiveAnswer('Which two weakness types does CISA list for the Acme X-320M?', hits).answer).toMatch(/^Weaknesses: CWE-287 .*Cross-site Scripting/u);
    // A question that tells the flaw by no words of its own ("cellular gateways", "list") asks what they are.
    expect(extractiveAnswer('What weaknesses did CISA list for the Acme X-320M cellular gateways?', hits.slice(2, 3)).answer).toMatch(/Improper Authentication/u);
  });
});

describe('extractiveAnswer: a line that announces a list', () => {
  it('gives its room after the lead to a sentence that says something', () => {
    const fix = { kind: 'remediation' as const, route: 'identifier' as const };
    const hits = [
      hit('Acme recommends users update the Widget web server to version 3.7.100.', { ...fix, field: 'vulnerabilities[0].remediations[0].details' }),
      hit('Acme recommends the following general defensive measures for the Widget web server:', { ...fix, field: 'vulnerabilities[0].remediations[4].details' }),
      hit('Restrict network access to the web server port 5413 to trusted hosts.', { ...fix, field: 'vulnerabilities[0].remediations[7].details' }),
    ];
    const a = extractiveAnswer('What does Acme recommend for the Widget web server flaw CVE-2024-7113?', hits);
    expect(a.answer).toMatch(/^Acme recommends users update/u);
    expect(a.answer).not.toMatch(/following general defensive measures/u);
    expect(a.answer).toMatch(/port 5413/u);
  });
});

describe('extractiveAnswer: a CVE asked beside a version', () => {
  it('names the CVE from a passage of the lead advisory whose sentences answer nothing else asked', () => {
    const logo = { story_title: 'Acme Soft Comfort', context: 'Acme Soft Comfort engineering software for logic modules: deserialization of untrusted data in a manipulated project', similarity: 0.9 };
    const hits = [
      hit('Updated to V8.3 - Download: https://support.example.com/logo/', { ...logo, kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details' }),
      hit('CVE-2019-10924: Deserialization of Untrusted Data (CWE-502). A manipulated project opened in Soft Comfort V8.2 runs code.', { ...logo }),
    ];
    expect(CVE_ASKED.test('Acme engineering software where a manipulated project runs code. CVE and the version that fixes it?')).toBe(true);
    const a = extractiveAnswer('Acme engineering software for logic modules where a manipulated project runs code via deserialization. CVE and the version that fixes it?', hits);
    expect(a.answer).toMatch(/Updated to V8\.3/u);
    expect(a.answer).toMatch(/CVE-2019-10924/u);
  });
});

describe('extractiveAnswer: which countries', () => {
  it('answers with a sentence naming a country, and a "foreign" one not the U.S.', () => {
    const partners = storyHit('The order preserves a voluntary framework for developers to share advanced models with the U.S. government and selected trusted partners before release.');
    const drafts = storyHit('A draft order was withdrawn shortly before the signing in Washington.');
    const q = "Which foreign governments are the 'selected trusted partners' that can see models before release?";
    expect(extractiveAnswer(q, [partners, drafts])).toMatchObject({ found: false });
    expect(extractiveAnswer('Which countries can see the models before release?', [partners]).found).toBe(true);
    const japan = storyHit('The selected trusted partners include the governments of Japan and the United Kingdom, which see models before release.');
    expect(extractiveAnswer(q, [partners, japan]).answer).toMatch(/^The selected trusted partners include the governments of Japan/u);
  });
});

describe('expected: who inside a body did it', () => {
  it('asks for a person, with an adverb before the verb too', () => {
    expect(expected('Who in the White House actually wrote the withdrawn draft?')).toMatchObject({ type: 'name', unit: 'someone' });
    expect(expected('Who at the Council on Foreign Relations wrote the assessment?')).toMatchObject({ type: 'name', unit: 'someone' });
  });
});

describe('expected: who holds an office', () => {
  it('asks for a person, named by a name the office\'s own name is not', () => {
    expect(expected('Who currently serves as National Cyber Director?')).toEqual({ type: 'name', unit: 'someone' });
    expect(expected("Who is CISA's acting director?")).toEqual({ type: 'name', unit: 'someone' });
    const office = storyHit('Reporting questioned whether the Office of the National Cyber Director has the authority to coordinate the response.', { similarity: 0.5 });
    expect(extractiveAnswer('Who currently serves as National Cyber Director?', [office]).found).toBe(false);
    const andersen = storyHit('On 2026-06-04, CISA Acting Director Nick Andersen said the agency plans to issue a directive.', { similarity: 0.5 });
    expect(extractiveAnswer("Who is CISA's acting director?", [office, andersen]).answer).toMatch(/^On 2026-06-04, CISA Acting Director Nick Andersen/u);
  });
});

describe('missingSpecifics: a kind of device put as an acronym', () => {
  it('weighs "IEDs" among the question\'s words, as "PLC" is', () => {
    const relion = [hit('Block TCP port 102 at the perimeter until the update is applied.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', story_title: 'Acme Relion 670', context: 'Acme Relion 670 crafted message reboot' })];
    expect(missingSpecifics("We can't update our Acme Relion 670 IEDs yet. Is there anything we can do about the crafted-message reboot in the meantime?", relion)).toBeNull();
    expect(missingSpecifics("We can't update our Acme Relion 670 Zorblax units yet. Is there anything we can do about the crafted-message reboot in the meantime?", relion)).toBe('no retrieved passage mentions "Zorblax"');
  });

  it('chooses the story a name is about by the names, not by a kind or the CVE asked for', () => {
    const hits = [
      hit('CVE-2024-38280: Cleartext Storage in a File (CWE-313). The SCADA client keeps user passwords in clear text in its configuration file.', { story_id: 'ICSA-24-165-19', story_title: 'Globex SCADA Client' }),
      hit('CVE-2017-9969: IGSS Mobile app passwords are stored in clear-text in the configuration file.', { story_id: 'ICSA-18-046-03', story_title: 'Schneider Electric IGSS Mobile' }),
    ];
    expect(missingSpecifics("Which CVE is the one where Schneider's mobile SCADA app keeps user passwords in clear text inside its configuration file?", hits)).toBeNull();
    // A kind inside a name is that name's: "the EZ PLC Editor" is not the EZ Touch Editor's story.
    const editors = [
      hit('Products: EZ PLC Editor. The EZ PLC Editor has a memory corruption bug.', { story_id: 'ICSA-19-246-02', story_title: 'EZAutomation EZ PLC Editor' }),
      hit('Products: EZ Touch Editor.', { story_id: 'ICSA-19-246-01', story_title: 'EZAutomation EZ Touch Editor' }),
    ];
    expect(missingSpecifics("Does the EZ PLC Editor memory corruption bug also affect EZAutomation's EZ Touch Editor?", editors)).toBe('no retrieved passage mentions "Touch"');
    // ... but one after it ("the Acme DNS-320 NAS") says what the named thing is.
    const nas = [
      hit('Acme NAS appliances resold by Globex have a command injection known to be used in ransomware campaigns.', { story_id: 'ICSA-24-002-01', story_title: 'Globex Storage' }),
      hit('Acme DNS-320 devices have a command injection known to be used in ransomware campaigns.', { story_id: 'ICSA-24-003-01', story_title: 'Acme DNS-320' }),
    ];
    expect(missingSpecifics('Has the Acme DNS-320 NAS command injection been used in ransomware campaigns?', nas)).toBeNull();
  });
});

describe('states: a version', () => {
  it("takes a manual's numbered section for no version", () => {
    const version = { type: 'version', unit: null } as const;
    expect(states(version, "See MELSEC iQ-R Ethernet User's Manual (Application) 1.13 Security \"IP filter\" for more information.")).toBe(false);
    expect(states(version, 'MELSEC iQ-F FX5 OPC UA Module User\'s Manual "4.4 IP Filter"')).toBe(false);
    expect(states(version, 'Update the module to firmware version 1.13 or later, as the manual describes.')).toBe(true);
  });

  it("takes a vendor advisory's revision for no version", () => {
    const version = { type: 'version', unit: null } as const;
    expect(states(version, 'For more detailed mitigation instructions, please see Acme Product Security Advisory ACME-PSA-2021-15 v1')).toBe(false);
    expect(states(version, 'See Acme Product Security Advisory ACME-PSA-2021-18v1 and update to 10.2.')).toBe(true);
  });

  it('takes a build of the version the question names for a version', () => {
    const version = { type: 'version', unit: null } as const;
    const asked = 'We run the Acme HMI on V8.10 firmware. Which firmware revision should we apply?';
    expect(states(version, 'V8.10: Apply V8.10-20151026 or later', asked)).toBe(true);
    expect(states(version, 'V8.10: see the support site', asked)).toBe(false);
  });

  it('takes a version of a component asked about only from a sentence that names the component', () => {
    const version = { type: 'version', unit: null } as const;
    const asked = 'Which Redis version ships inside Acme Security Manager 1.5?';
    expect(states(version, 'Acme has released a patch for v1.4 and v1.5.', asked)).toBe(false);
    expect(states(version, 'Acme Security Manager 1.5 bundles Redis 5.0.7.', asked)).toBe(true);
    expect(states(version, 'Acme has released a patch for v1.4 and v1.5.', 'Which firmware version is included in the Acme 1.5 patch?')).toBe(true);
  });

  it('takes the number a product is to be updated to for a version, but not a span of days', () => {
    const version = { type: 'version', unit: null } as const;
    expect(states(version, 'Acme recommends users update the Micro ELD to 360.')).toBe(true);
    expect(states(version, 'Users should update within 30 days, moving to 14 days for critical sites.')).toBe(false);
  });
});

describe('extractiveAnswer: the product the question names, its fixes and its status', () => {
  it('answers with the fix labelled with the product the question names, not another product of the advisory', () => {
    const yoko = { kind: 'remediation' as const, route: 'identifier' as const, story_title: 'Acme iDefine, STARDOM, ASTPLANNER, and TriFellows', context: 'Acme iDefine, STARDOM, ASTPLANNER, and TriFellows CVE-2018-0651' };
    const hits = [
      hit('TriFellows: Update to Version 5.10 or contact support for the patch.', { ...yoko, field: 'vulnerabilities[0].remediations[3].details' }),
      hit('iDefine for ProSafe-RS: Update to R1.16.4, or contact support for the patch.', { ...yoko, field: 'vulnerabilities[0].remediations[1].details' }),
      hit('STARDOM: Update to VDS R8.10 or contact support for the patch.', { ...yoko, field: 'vulnerabilities[0].remediations[2].details' }),
    ];
    const a = extractiveAnswer('Which STARDOM version should we move to in order to get rid of the license management buffer overflow (CVE-2018-0651)?', hits);
    expect(a.answer).toMatch(/STARDOM: Update to VDS R8\.10/u);
    expect(a.answer).not.toMatch(/TriFellows: Update/u);
  });

  it('answers whether a product is affected from a status line, not a score line', () => {
    const wago = { kind: 'vulnerability' as const, route: 'identifier' as const, story_title: 'Acme PFC Controllers', context: 'Acme PFC Controllers CVE-2019-10712' };
    const hits = [
      hit('CVE-2019-10712: CVSS v3.0 base score 9.8 (CRITICAL), vector CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H. weakness Use of Hard-coded Credentials (CWE-798).', { ...wago, field: 'facts[5]' }),
      hit('CVE-2019-10712: Known affected: Acme 750-880 < FW14; Acme 750-872 < FW07.', { ...wago, field: 'facts[6]' }),
    ];
    const a = extractiveAnswer('Is the Acme 750-872 in scope for CVE-2019-10712?', hits);
    expect(a.answer).toMatch(/Known affected: Acme 750-880 < FW14; Acme 750-872 < FW07/u);
    expect(a.answer).not.toMatch(/base score/u);
  });

  it('declines a fix labelled with another model in one word ("PC10PE:"), and answers with the one asked for', () => {
    const jtekt = { kind: 'remediation' as const, route: 'identifier' as const, story_title: 'Acme TOYOPUC PLC', context: 'Acme TOYOPUC PLC CVE-2021-27477' };
    const hits = [hit('PC10PE: Versions 1.02 or later', { ...jtekt, field: 'vulnerabilities[0].remediations[6].details' }), hit('PC10E: Versions 1.12 or later', { ...jtekt, field: 'vulnerabilities[0].remediations[8].details' })];
    expect(extractiveAnswer('Which TOYOPUC-PC3JX firmware version fixes the FL-net buffer issue CVE-2021-27477?', hits).found).toBe(false);
    const asked = [...hits, hit('PC3JX: Versions 1.40 or later', { ...jtekt, field: 'vulnerabilities[0].remediations[9].details' })];
    expect(extractiveAnswer('Which TOYOPUC-PC3JX firmware version fixes the FL-net buffer issue CVE-2021-27477?', asked).answer).toMatch(/^Acme TOYOPUC PLC \(ICSA-24-001-01\): PC3JX: Versions 1\.40 or later \[1\]$/u);
  });

  it('answers from the advisory an identifier routed to that names the product asked for, not another that names the CVE', () => {
    const cve = 'CVE-2022-1737';
    const pyramid = { route: 'identifier' as const, story_id: 'ICSA-22-174-04', story_title: 'Pyramid Solutions EtherNet/IP Adapter Source Code', context: `Pyramid Solutions EtherNet/IP Adapter Source Code ${cve}` };
    const rockwell = { route: 'identifier' as const, story_id: 'ICSA-23-236-06', story_title: 'Rockwell Automation Select Distributed I/O Communication Modules', context: `Rockwell Automation Select Distributed I/O Communication Modules ${cve}` };
    const hits = [
      hit('1794-AENTR Series A: Versions 2.011 and prior. Upgrade to 2.012', { ...rockwell, kind: 'remediation', field: 'vulnerabilities[0].remediations[4].details' }),
      hit(`${cve}: Out-of-bounds Write (CWE-787). The affected products are vulnerable to an out-of-bounds write.`, { ...pyramid, field: 'body' }),
      hit('Vendors: Pyramid Solutions, Inc.. Headquarters: United States', { ...pyramid, kind: 'entity', field: 'facts[2]' }),
    ];
    expect(extractiveAnswer(`Which Pyramid Solutions release number fixes ${cve}?`, hits).found).toBe(false);
    expect(extractiveAnswer(`Which Rockwell 1794-AENTR firmware fixes ${cve}?`, hits).answer).toMatch(/Upgrade to 2\.012/u);
    // Another advisory whose passages name the product asked for (a library's advisory listing it) speaks of it, whatever it is titled.
    const sinema = { route: 'identifier' as const, story_id: 'ICSA-19-099-04', story_title: 'Acme SINEMA Remote Connect' };
    const libcurl = { route: 'identifier' as const, story_id: 'ICSA-21-068-10', story_title: 'Acme SCALANCE and SIMATIC libcurl', context: 'Acme SINEMA Remote Connect Server CVE-2019-6570' };
    const both = [
      hit('An attacker with a low privileged account could access URLs that need special authorization. CVE-2019-6570.', { ...sinema }),
      hit('SINEMA Remote Connect Server: Update to V2.0 - Download', { ...libcurl, kind: 'remediation', field: 'vulnerabilities[4].remediations[2].details' }),
    ];
    expect(extractiveAnswer('Our SINEMA Remote Connect Server lets low-privileged accounts reach URLs that need special authorization (CVE-2019-6570). Which server version fixes that?', both).answer).toMatch(/Update to V2\.0/u);
  });
});

describe('extractiveAnswer: a fix that links its download', () => {
  it("reads no model in the web address's path, and answers with the fix", () => {
    const fix = [
      hit('Install V6.00.320 or a later version - Download: https://support.industry.siemens.com/cs/document/109772802', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details', similarity: 0.6 }),
      hit('Products: Acme Widget Controller PXC00-E.D, PXC100-E.D', { kind: 'entity', field: 'facts[3]', similarity: undefined, keyword_rank: 2 }),
    ];
    expect(extractiveAnswer('Acme Widget Controller PXC100-E.D with the web server denial of service: which firmware should we install?', fix).answer).toMatch(/^Install V6\.00\.320/);
  });
});

describe('extractiveAnswer: the asker\'s own words about a flaw', () => {
  it('takes words no passage of the advisory holds ("we run", "listed") as telling none of its flaws apart', () => {
    const line = [hit('CVE-2020-6989: CVSS v3.0 base score 10.0 (CRITICAL). weakness Stack-based Buffer Overflow (CWE-121). Known affected: Acme PT-7528 series <= 4.0; Acme PT-7828 series <= 3.9.', { kind: 'vulnerability', field: 'facts[7]', story_title: 'Acme PT-7528 and PT-7828 Series Ethernet Switches', context: 'Acme PT-7528 and PT-7828 Series Ethernet Switches', similarity: undefined, keyword_rank: 1 })];
    expect(extractiveAnswer('We run Acme PT-7828 switches. Up to which firmware version are they listed as vulnerable?', line).answer).toMatch(/PT-7828 series <= 3\.9/);
    // Words another passage of the advisory holds tell its other flaw: the line scores this one.
    const other = hit('CVE-2020-6983: Use of Hard-coded Cryptographic Key (CWE-321). The switches use a hard-coded key to encrypt the configuration.', { story_title: 'Acme PT-7528 and PT-7828 Series Ethernet Switches', similarity: 0.4 });
    expect(extractiveAnswer('What CVSS score does the Acme PT-7828 hard-coded key flaw have?', [...line, other]).answer).not.toMatch(/10\.0/);
  });
});

describe('extractiveAnswer: who reported the flaws', () => {
  it('answers with the credit, however few of the question\'s words it holds, and not with the CVEs line', () => {
    const credit = [
      hit('CVEs: CVE-2020-16205', { kind: 'entity', field: 'facts[0]', similarity: undefined, keyword_rank: 1 }),
      hit('A CVSS v3 base score of 7.2 has been calculated.  Davy Douhine and Romain Luyer of RandoriSec reported these vulnerabilities to CISA.', { similarity: 0.5 }),
      hit('Organizations: RandoriSec', { kind: 'entity', field: 'facts[5]', similarity: undefined, keyword_rank: 2 }),
    ];
    const who = extractiveAnswer('Which researchers reported the Acme Widget Controller command injection bugs?', credit);
    expect(who.answer).toMatch(/Davy Douhine and Romain Luyer of RandoriSec reported/);
    expect(who.answer).not.toMatch(/^CVEs:/);
  });
});

describe('missingSpecifics: names no passage need hold', () => {
  it('holds a KEV entry as bound by BOD 22-01, and "CVEs" as any advisory\'s', () => {
    const kev = [hit('CISA added CVE-2019-7238 (Sonatype Nexus Repository Manager) to the KEV catalog on 2022-01-10; remediation due 2022-07-10.', { story_id: 'kev-CVE-2019-7238', kind: 'timeline', field: 'timeline[0].text', date: '2022-01-10', route: 'identifier' })];
    expect(missingSpecifics('By what date did federal agencies have to remediate CVE-2019-7238 under BOD 22-01 / KEV?', kev)).toBeNull();
    expect(missingSpecifics('Is CVE-2019-7238 covered by BOD 19-02?', kev)).toMatch(/19-02/);
    const products = [hit('Products: Acme EN100 Ethernet modules as optional for Reyrolle', { kind: 'entity', field: 'facts[3]', similarity: undefined, keyword_rank: 1 })];
    expect(missingSpecifics('Which CVEs hit the Acme EN100 Ethernet module used with Reyrolle relays, and is there new firmware?', products)).toBeNull();
  });
});

describe('the words an advisory relates a thing to its flaws by', () => {
  it('reads "covered" and "mapped to" as no verb the answer must say, and "what\'s the number" as any number', () => {
    expect(hingeVerb('What CWE is CVE-2022-25156 mapped to?')).toBeNull();
    expect(hingeVerb('Which Acme CAD programs are covered by the file parsing advisory?')).toBeNull();
    expect(expected("Of all the Acme bridge vulnerabilities, which is rated worst by CVSS, and what's the number?")).toEqual({ type: 'quantity', unit: null });
  });
});

describe('states: a version bound in a status line', () => {
  it('takes the bound of the versions affected for a version, but not for a fixed one', () => {
    const line = 'Known affected: Acme Wattbox WB-300-IP-3 <= WB10.9a17.';
    expect(states({ type: 'version', unit: null }, line, 'Which Acme WB-300-IP-3 firmware builds are affected?')).toBe(true);
    expect(states({ type: 'version', unit: null }, line, 'Which Acme WB-300-IP-3 firmware build fixes the flaw?')).toBe(false);
  });
});

describe('extractiveAnswer: a second question of another kind', () => {
  it('answers the version asked first and the firewall rule asked second, each from its own passage, when the first is answered', () => {
    const fix = (text: string, i: number, similarity: number) => hit(text, { kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details`, similarity, route: 'identifier' });
    const fixes = [
      fix('All impacted products and affected versions can be fixed by installing Acme Widget Controller v3.7.100.', 0, 0.6),
      fix('Acme recommends the following general defensive measures:', 1, 0.55),
      fix('Apply Host and/or Network firewall rules restricting the Widget Controller to accept traffic only from trusted source(s). By default, the Widget Controller listens on port 5413.', 2, 0.5),
    ];
    const both = extractiveAnswer('Which Acme Widget Controller release fixes CVE-2024-7113, and what port should we restrict with firewall rules until we upgrade?', fixes);
    expect(both.answer).toMatch(/v3\.7\.100/);
    expect(both.answer).toMatch(/firewall rules restricting/);
    // A remark after the question asks nothing: "I'd rather not ..." is no second question.
    expect(extractiveAnswer("Which Acme Widget Controller release fixes CVE-2024-7113? I'd rather not restrict traffic with firewall rules.", fixes).answer).not.toMatch(/firewall rules restricting/);
    // ... but one after a link ("If not, ...") asks.
    expect(extractiveAnswer('Which Acme Widget Controller release fixes CVE-2024-7113? If not, what port should we restrict with firewall rules?', fixes).answer).toMatch(/firewall rules restricting/);
    // What the second asks, alone, answers no question whose first part nothing answers.
    expect(extractiveAnswer('How much does the Acme Widget Controller upgrade cost, and what port should we restrict with firewall rules until we upgrade?', fixes).found).toBe(false);
  });
});

describe('extractiveAnswer: a stopgap asked for instead of the upgrade', () => {
  it('weighs the fixes that give one before those that do not, whatever their rank', () => {
    const fix = (text: string, i: number) => hit(text, { kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details`, similarity: 0.55 - 0.01 * i });
    const fixes = [
      fix('Acme has released FRN 4.019 for the Widget Controller, which addresses the reported vulnerabilities.', 0),
      fix('For more information on the Widget Controller, see the Acme Security Advisory.', 1),
      fix('Acme reports that CheckPoint has released IPS rules to detect attempts to exploit the Widget Controller.', 2),
      fix('For more information on the Widget Controller, Acme has released a security notification.', 3),
      fix('Acme encourages Widget Controller users to implement its suggested security best practices.', 4),
      fix('For more information on the Widget Controller, contact Acme support.', 5),
      fix('In the event a user can not apply the FRN 4.019 patch, Acme notes users can temporarily mitigate these vulnerabilities by disabling the FTP port.', 6),
    ];
    expect(extractiveAnswer("If we can't patch our Acme Widget Controller right away, what can we switch off in the meantime?", fixes).answer).toMatch(/^In the event a user can not apply/);
  });
});

describe('extractiveAnswer: the day an advisory on flaws came out', () => {
  it('reads "what day was the advisory on X vulnerabilities published" as a date asked of them, not what they are', () => {
    expect(queryIntent('What day was the advisory on Acme Widget Controller vulnerabilities published?').listsFlaws).toBe('flaws');
    const advisory = [
      hit('ICSA-18-228-01 Acme Widget Controller', { kind: 'timeline', field: 'timeline[0].text', date: '2018-08-16', similarity: 0.6 }),
      hit('CVE-2018-14797: Uncontrolled Search Path Element (CWE-427). A specially crafted DLL file may be placed in the search path.', { similarity: 0.5 }),
    ];
    expect(extractiveAnswer('What day was the advisory on Acme Widget Controller vulnerabilities published?', advisory).answer).toMatch(/2018-08-16/);
  });
});

describe('extractiveAnswer: the flaw that scores highest', () => {
  it('weighs the score lines highest first, however retrieval ranked them', () => {
    const line = (cve: string, score: string, weakness: string) => hit(`${cve}: CVSS v3.0 base score ${score}, vector CVSS:3.0/AV:N/AC:L. weakness ${weakness}.`, { kind: 'vulnerability', field: 'facts[7]', similarity: undefined, score: 0.03 });
    const lines = [
      line('CVE-2022-29826', '6.8 (MEDIUM)', 'Cleartext Storage of Sensitive Information (CWE-312)'),
      line('CVE-2022-25164', '8.6 (HIGH)', 'Cleartext Storage of Sensitive Information (CWE-312)'),
      line('CVE-2022-29825', '5.6 (MEDIUM)', 'Use of Hard-coded Password (CWE-259)'),
      line('CVE-2022-29831', '7.5 (HIGH)', 'Use of Hard-coded Password (CWE-259)'),
      line('CVE-2022-29827', '6.8 (MEDIUM)', 'Use of Hard-coded Password (CWE-259)'),
      line('CVE-2022-29830', '9.1 (CRITICAL)', 'Use of Hard-coded Cryptographic Key (CWE-321)'),
    ];
    expect(extractiveAnswer('In the Acme Widget Controller advisory, which CVE has the highest CVSS score and what is the score?', lines).sentences[0]?.text).toMatch(/^CVE-2022-29830: CVSS v3\.0 base score 9\.1/);
    expect(extractiveAnswer('Of the Acme Widget Controller bugs, which one gets the top CVSS score?', lines).sentences[0]?.text).toMatch(/^CVE-2022-29830/);
  });
});

describe('extractiveAnswer: the date of an advisory named by what its passages hold', () => {
  it('dates the advisory by its event, about the models its other passages name', () => {
    const advisory = [
      hit('ICSA-18-256-01 Acme Mobile Computers with Android Operating Systems', { kind: 'timeline', field: 'timeline[0].text', date: '2018-09-13', story_title: 'Acme Mobile Computers with Android Operating Systems', similarity: 0.6 }),
      hit('A vulnerability in a system service on CT60, CN80, CT40 and CK75 series mobile computers running Android allows privilege escalation.', { story_title: 'Acme Mobile Computers with Android Operating Systems', similarity: 0.5 }),
    ];
    expect(extractiveAnswer('When did CISA publish the Acme advisory on Android mobile computers (CT60, CN80, CT40 and others)?', advisory).answer).toMatch(/2018-09-13/);
  });
});

describe('missingSpecifics: a version asked of a dated question', () => {
  it('holds a version a passage names in its own form ("v.1.0.7") or a range of, when the timeline routed the question', () => {
    const advisory = [
      hit('Initial Publication', { kind: 'timeline', field: 'timeline[0].text', date: '2023-11-28', route: 'timeline' }),
      hit('CVE-2023-47279: Path Traversal (CWE-35). In Acme Widget Controller v.1.0.7, a vulnerability allows an attacker to read files.', { similarity: 0.5 }),
    ];
    expect(missingSpecifics('On what date was the advisory for Acme Widget Controller v1.0.7 first published?', advisory)).toBeNull();
    expect(missingSpecifics('On what date was the advisory for Acme Widget Controller v2.4.1 first published?', advisory)).toMatch(/v2\.4\.1/);
  });
});

describe('extractiveAnswer: whether a workaround is offered', () => {
  it('answers "is there anything we can do in the meantime" with the named product\'s fixes, in whatever words they give it', () => {
    const advisory = [
      hit('An attacker could send crafted messages to the Acme Widget Relay that make it reboot.', { similarity: 0.6 }),
      hit('Acme has not identified any workaround; however, firewall rules could be set to block incoming traffic to Port 7001/TCP that originate from outside the network.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.4 }),
    ];
    expect(extractiveAnswer("We can't update our Acme Widget Relay yet. Is there anything we can do about the crafted-message reboot issue in the meantime, like blocking a port?", advisory).answer).toMatch(/Port 7001/);
  });
});

describe('extractiveAnswer: what the vendor tells owners to do', () => {
  it('answers with the named product\'s fixes, whatever words of the question they hold', () => {
    const advisory = [
      hit('The affected product has an unsecured Telnet protocol that may allow a user to create an authenticated session using generic default credentials.', { similarity: 0.6 }),
      hit('Disable the Telnet service (it was enabled by default on earlier versions).', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.4 }),
    ];
    expect(extractiveAnswer('Acme Widget Controller Telnet / default credentials issue: no firmware fix is listed as far as I can see, so what does Acme tell owners to do?', advisory).answer).toMatch(/^Disable the Telnet service/);
  });
});

describe('extractiveAnswer: a CVE described across two passages', () => {
  it('reads the description from the passage that holds most of its paragraph, not one that ends after its opening', () => {
    const advisory = [
      hit('A CVSS v3 base score of 8.4 has been calculated.\n\nCVE-2020-10280: Failure to Handle Incomplete Element (CWE-239).', { similarity: 0.6 }),
      hit('CVE-2020-10280: Failure to Handle Incomplete Element (CWE-239). The web server on Port 80 is vulnerable to a denial-of-service condition when an attacker spams incomplete HTTP headers.', { similarity: 0.5 }),
    ];
    const { answer } = extractiveAnswer('What is CVE-2020-10280?', advisory);
    expect(answer).toMatch(/incomplete HTTP headers/);
    expect(answer.match(/Failure to Handle Incomplete Element/g)).toHaveLength(1);
  });
});

describe('extractiveAnswer: advice asked beside whether a fix is coming', () => {
  it('goes on from "X is an End-of-Life product" with the successor the vendor recommends, whose model is not the one asked of', () => {
    const fix = [
      hit('Acme reports that Widget UPS (WU-120K) is an End-of-Life product. Acme recommends using Widget UPS2 (WU2-S-XXX) instead. Widget UPS2 (WU2-S-XXX) is not affected by the above vulnerabilities.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.6 }),
    ];
    const { answer } = extractiveAnswer('Is Acme going to patch the web interface flaws in the Widget UPS WU-120K, or what are owners supposed to do?', fix);
    expect(answer).toMatch(/End-of-Life product\. \[1\] Acme recommends using Widget UPS2/);
  });
});

describe('extractiveAnswer: a workaround asked for instead of the patch', () => {
  it('does not read a patch\'s download list as the steps of a workaround', () => {
    const fix = (text: string, i: number, v = 0) => hit(text, { story_title: 'Acme Device Manager', context: 'Acme Device Manager', kind: 'remediation', field: `vulnerabilities[${v}].remediations[${i}].details`, similarity: 0.5 - 0.01 * i });
    const fixes = [
      hit('Non-administrative users are able to change executable and library files on the affected products.', { story_title: 'Acme Device Manager', context: 'Acme Device Manager', similarity: 0.6 }),
      fix('Acme Device Manager: v12.0 to v13.5 Software patches are available to users with access to the support portal at:', 0),
      fix('Please refer to the Knowledge Base Articles NK-1700-0324 and NK-1700-0252 for more information.', 1),
      fix('To limit exposure to these and other vulnerabilities, Acme recommends deploying Acme Device Manager as described in its Installation Guide.', 2),
      fix('Vulnerability CVE-2018-14808 cannot be exploited if application whitelisting is implemented since it would prevent files from being overwritten.', 2, 1),
    ];
    const { answer } = extractiveAnswer("In Acme Device Manager, non-admin users can swap out executables and libraries. Is there a compensating control that blocks that if we can't patch right away?", fixes);
    expect(answer).toMatch(/whitelisting/);
    expect(answer).not.toMatch(/patches are available/);
  });
});

describe('extractiveAnswer: a fix that points elsewhere', () => {
  const fix = (text: string, i: number) => hit(text, { route: 'identifier', kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details`, similarity: 0.6 - 0.05 * i });
  const fixes = [
    fix('For more information, please see the industrial security advisory.', 0),
    fix('If applying the mitigations noted above are not possible, please see the Knowledgebase article QA43240.', 1),
    fix('Configure firewalls to disallow network communication through HTTP/Port 80', 2),
  ];
  it('comes after one that says what to do', () => {
    expect(extractiveAnswer('Acme Widget Controller clickjacking CVE-2022-2179 - any workaround Acme suggests?', fixes).sentences[0]?.text).toMatch(/^Configure firewalls/);
  });
  it('leads where the question asks where to look', () => {
    expect(extractiveAnswer('Where should Widget Controller users look for the CVE-2022-2179 fix?', fixes).sentences[0]?.text).toMatch(/^For more information/);
  });
});

describe('extractiveAnswer: the fix of a flaw described in the question\'s words', () => {
  it('gives the version the advisory\'s fix states, however few of the question\'s words the fix holds', () => {
    const advisory = [
      hit('CVE-2018-20034: Improper Input Validation (CWE-20). A vulnerability in lmgrd and vendor daemon components of FlexNet Publisher could allow a remote attacker to shut down the vendor daemon.', { story_title: 'Flexera FlexNet Publisher', context: 'Flexera FlexNet Publisher', similarity: 0.6 }),
      hit('Flexera recommends all users upgrade to Version 2018 R4 or newer as soon as possible.', { story_title: 'Flexera FlexNet Publisher', context: 'Flexera FlexNet Publisher', kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', similarity: 0.4 }),
    ];
    const question = 'flexnet publisher lmgrd / vendor daemon shutdown bugs - what release should we move to?';
    expect(extractiveAnswer(question, advisory).answer).toMatch(/Version 2018 R4/);
    // (A fix of an advisory whose prose describes no flaw asked of states no version for it.)
    expect(extractiveAnswer(question, advisory.slice(1)).found).toBe(false);
  });
});

describe('extractiveAnswer: a list a fix points to', () => {
  it('reads the steps after "apply the risk mitigations from the list below", as after a colon', () => {
    const fix = (text: string, i: number, similarity: number) => hit(text, { story_title: 'Acme Widget Server', context: 'Acme Widget Server', route: 'identifier', kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details`, similarity, score: similarity });
    const fixes = [
      fix('Acme recommends users of the Widget Server to apply the risk mitigations from the list below. Users are also recommended to implement security best practices.', 0, 0.6),
      fix('Acme encourages users to follow its security best practices.', 8, 0.55),
      fix('Users should contact Acme support for further assistance.', 9, 0.5),
      fix('Update to the corrected software versions via the Downloads Site', 1, 0.45),
      fix('Security Best Practices', 3, 0.4),
      fix('Limit remote access for TCP Port 2031 to known thin clients and servers.', 2, 0.35),
    ];
    expect(extractiveAnswer("Can't patch Acme Widget Server right away for CVE-2024-5988. What network-level mitigation does Acme suggest in the meantime?", fixes).answer).toMatch(/Port 2031/);
  });
});

describe('what the blind splits holdout105 to holdout108 found', () => {
  const routed = (text: string, over: Partial<SearchHit> = {}) => hit(text, { route: 'identifier', ...over });

  it('declines "which X" when the passages speak of X only as some X, unsaid which', () => {
    const handlers = [routed('A remote, authenticated attacker may be able to utilize certain handlers to interact with the data on the remote endpoint since those handlers do not enforce appropriate permissions.')];
    expect(missingSpecifics('Which specific handlers fail to enforce permissions for CVE-2020-12028?', handlers)).toBe('no retrieved passage says which "handler"');
    // Asked exactly, a mention that names none does not say which either.
    const folders = [routed('Weak access control lists for system folders could allow low privileged users to modify system and application files.')];
    expect(missingSpecifics('For CVE-2020-8472, which system folders exactly have the weak access control lists?', folders)).toBe('no retrieved passage says which "folder"');
    // A name beside it says which.
    const named = [routed('Certain handlers, among them the RemoteTag handler, do not enforce appropriate permissions.')];
    expect(missingSpecifics('Which specific handlers fail to enforce permissions for CVE-2020-12028?', named) ?? '').not.toMatch(/says which/u);
    expect(missingSpecifics('Which system folders have weak access control lists for CVE-2020-8472?', folders) ?? '').not.toMatch(/says which/u);
  });

  it('reads "what do we upgrade to" as asking for a version, whatever verb the fix uses', () => {
    expect(expected('We have PowerFlex 6000T drives on 9.001. What do we upgrade to for the overload denial-of-service bug?')).toEqual({ type: 'version', unit: null });
    expect(expected('What should Acme Widget users move to?')).toEqual({ type: 'version', unit: null });
    expect(hingeVerb('What do we upgrade to for the overload bug?')).toBeNull();
    const fix = [hit('Update to version 10.001', { kind: 'remediation', field: 'vulnerabilities[0].remediations[1].details' })];
    expect(extractiveAnswer('What do we upgrade the Acme Widget to?', fix).answer).toMatch(/^[^[]*Update to version 10\.001 \[1\]/u);
  });

  it('reads a CPU as a kind of device, and ENIP as EtherNet/IP', () => {
    expect(namesAKind('CPU')).toBe(true);
    const fault = [hit('This vulnerability occurs when a malformed PCCC message is received, causing a fault in the controller.')];
    expect(missingSpecifics('controller denial of service where one bad PCCC message faults the CPU - which advisory?', fault) ?? '').not.toMatch(/CPU/u);
    expect([...namesHeld(hit('The new ENIP connections cannot be established.'))]).toEqual(expect.arrayContaining(['enip', 'ethernet', 'ip']));
  });

  it('answers from the story that holds the product named, not one that holds its vendor and the flaw words', () => {
    const chorus = { story_id: 'ICSMA-23-331-01', story_title: 'BD FACSChorus', context: 'BD FACSChorus' };
    const lyric = { story_id: 'ICSMA-19-029-02', story_title: 'BD FACSLyric', context: 'BD FACSLyric' };
    const hits = [
      hit('CVE-2023-29066: Incorrect Privilege Assignment (CWE-266). In BD FACSChorus the Windows workstation grants a privileged account to every user.', chorus),
      hit('CVE-2019-6517: Improper Access Control (CWE-284). The system does not properly enforce user access control to a privileged account.', lyric),
    ];
    const a = extractiveAnswer('BD FACSLyric workstation - the issue with the privileged Windows account. What CVE was assigned?', hits);
    expect(a.answer).toMatch(/CVE-2019-6517/u);
    expect(a.answer).not.toMatch(/CVE-2023-29066/u);
  });

  it('says a flaw described mid-passage with its CVE when the question asks for one after describing it', () => {
    const hits = [
      hit('CVE-2020-12032: Missing Encryption of Sensitive Data (CWE-311). Acme Widget systems store device data in an unencrypted database.'),
      hit('A CVSS v3 base score of 6.8 has been calculated.\n\nCVE-2020-12008: Cleartext Transmission of Sensitive Information (CWE-319). Acme Widget systems use cleartext messages to communicate order information with an order entry system.'),
    ];
    expect(extractiveAnswer('Acme Widget sending order info to the order entry system unencrypted - CVE id?', hits).answer).toMatch(/CVE-2020-12008: Acme Widget systems use cleartext messages/u);
  });

  it('reads the versions "in scope" as the affected ones, not the fix', () => {
    const hits = [
      hit('Acme recommends users update to Widget version 6.0 or greater.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details', route: 'identifier' }),
      hit('CVE-2024-6435: Known affected: Acme Widget >=5.15.00|<=5.20.00.', { kind: 'vulnerability', field: 'facts[6]', route: 'identifier' }),
    ];
    expect(queryIntent('Widget versions in scope for CVE-2024-6435?').kindBoost.vulnerability ?? 0).toBeGreaterThan(0);
    expect(extractiveAnswer('Widget versions in scope for CVE-2024-6435?', hits).answer).toMatch(/^[^[]*Known affected: Acme Widget >=5\.15\.00\|<=5\.20\.00\. \[1\]/u);
    // Asked for versions, the fix's version is none in scope.
    expect(extractiveAnswer('Which Widget versions are in scope for CVE-2024-6435?', hits).answer).not.toMatch(/6\.0 or greater/u);
  });

  it('counts no model number as a number of things', () => {
    const monitors = { type: 'quantity', unit: stem('monitor') } as const;
    expect(states(monitors, 'Products: 24952 MyCareLink Monitor; 24950 MyCareLink Monitor', 'How many MyCareLink monitors are in homes?')).toBe(false);
    expect(states(monitors, 'Medtronic 9790, 2090 CareLink, and 29901 Encore Monitors', 'How many monitors are in use?')).toBe(false);
    expect(states(monitors, 'About 5000 monitors and 24,950 more are in homes.', 'How many monitors are in homes?')).toBe(true);
  });

  it('adds the status line when the first of two questions asks which versions are affected and the fix answers the second', () => {
    const hits = [
      hit('Acme has fixed the vulnerability and recommends users update to Version 7.4.3 or later.', { kind: 'remediation', field: 'vulnerabilities[0].remediations[0].details' }),
      hit('CVE-2022-1068: CVSS v3.0 base score 5.5 (MEDIUM). Known affected: Acme Widget Slave <= 7.4.2.', { kind: 'vulnerability', field: 'facts[6]' }),
    ];
    const a = extractiveAnswer('Acme Widget Slave crashes with a long registration key - which versions are affected and what is the fixed release?', hits);
    expect(a.answer).toMatch(/7\.4\.3/u);
    expect(a.answer).toMatch(/Known affected: Acme Widget Slave <= 7\.4\.2/u);
  });

  it('adds what to do meanwhile when a second question asks for it and the first answer holds none', () => {
    const fix = (text: string, i: number, score: number) => routed(text, { kind: 'remediation', field: `vulnerabilities[0].remediations[${i}].details`, score, keyword_rank: i + 1 });
    const hits = [fix('Update to products to v36.011, v35.013, v34.014.', 1, 0.05), fix('Acme recommends the following actions:', 0, 0.06), fix('Restrict communication to CIP object 103 (0x67)', 2, 0.01)];
    // (The line that announces the fixes, found first, says none of them.)
    const a = extractiveAnswer('Acme Widget - which firmware releases resolve CVE-2024-7507, and is there something we can do on the network side until we can flash them?', hits);
    expect(a.answer).toMatch(/v36\.011/u);
    expect(a.answer).toMatch(/CIP object 103/u);
  });
});
