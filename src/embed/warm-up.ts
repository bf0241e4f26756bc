/**
 * Questions of the kinds and lengths analysts ask, put to a server as it starts (the query
 * worker embeds them, the retriever searches them with a fixed vector) so that V8 has compiled
 * the code they take before a user's first question: a fresh process spends two to three times
 * the CPU on its first few dozen questions.
 */
export const WARM_UP_QUESTIONS: readonly string[] = [
  'Is there a fix?',
  'Which advisories name CVE-2021-44228?',
  'Which vendor makes the affected controller, and which firmware versions are affected?',
  'What is the CVSS score and vector of the command injection in the web interface?',
  'What happened two days after the advisory was first published?',
  'When did CISA add the flaw to the Known Exploited Vulnerabilities catalog, and what is the due date for agencies?',
  'Who reported the vulnerability to the vendor?',
  'Which products are affected by the buffer overflow described in the advisory, and what workaround does the vendor recommend until an update can be installed?',
];
