/**
 * The older sets' part of KNOWN_MISSES (realPostmortemMisses.ts): the 27 older postmortems and held-out-3 to
 * held-out-12, each miss listed with the importer's value. Split off so each file stays under 400 lines.
 */
import type { Reading } from './markdownRealPostmortems.test';

/** Misses of the older sets as of this commit: [field, what the import gives]. */
export const OLDER_KNOWN_MISSES: Record<string, Array<[keyof Reading, string | number | null]>> = {
  // The 27 older ones are all right since the lead-up, pair and test-environment rules (chosen on them alone):
  // before, binder-2017-09-29-504 (start), binder-2018-01-11-ssl-outdated (start, end), dfds-2025-03-17-traefik-rule
  // (end), optimism-2022-05-31-drop-1 (start) and persistence-2023-09-20-v9-halt (end) were misses.
  // The fresh set (held-out-3), read and committed before the importer ran on it (commit 6738ca0), was measured at 0/12
  // fully right (5 wrong facts, commit ef01434); round 2 then tuned on it (general rules only): all 12 right since.
  // Held-out-4 (PostHog, Mezo, Liquid Labs), read and committed before the importer ran on it (commit 9c20a0c), measured
  // once with the round-2 reader (commit eb1643d): 0/9 fully right, 5 wrong facts. Two plain bugs it showed were then
  // fixed (an upper-case PM in a sentence; a range's end on the day the sentence gives it): 4 wrong facts, and the set
  // counts as seen for those two rules. No other rule was chosen on these.
  // Round 3 tuned on held-out-4 (general rules only: lead-up marked "pre-attack" or funding, an attack or exploit is
  // the incident, the team halting the attacked pool or the chain resuming is the end, a Day column beside the times,
  // a Duration label's figure, "lasting …", "for six days", "… hours after the incident began", a full recovery after
  // a stated window, a day-only end in prose, a Date label's range of days, a title from the first sentence of a
  // document without a heading, the year from the file name when the text names the same day): 8/9 right since, no
  // wrong fact. The one left: the end of a security incident said as "By 9:30 AM UTC, we had identified the malicious
  // packages, deleted them, and revoked the tokens" is not read (containment is not a word the reader takes as an end).
  'posthog-2025-11-24-shai-hulud-attack': [['end', null]],
  // Held-out-5 (Kroma, EDGI, Avail, Yearn), read and committed before the importer ran on it (commit 2df8023), measured
  // once with the round-3 reader (commit acf40f3): 0/8 fully right, 9 wrong facts. It became tuning material in round 4
  // (general rules and two policies: two sources that disagree leave the fact empty; a time in prose takes only the day
  // of its own paragraph): 7/8 fully right since, no wrong fact; that is not a held-out figure. The one left:
  // Its summary says "at 15:16:25 UTC, a wrong block was generated", its UTC timeline "0616: wrong block generated":
  // the document disagrees with itself, so the start stays empty (round 4's policy; the reading takes the timeline).
  'kroma-2024-03-12-zktrie-halt': [['start', null]],
  // Held-out-6 (openSUSE OBS ×4, PyPI ×3, cloud.gov, Wire ×2, Flutter ×2), read and committed before the importer ran on it
  // (76021eb), measured once with the round-4 reader (e204bdc): 0/12 fully right, 8 wrong facts (flutter-2023 start from
  // the Summary's contradicting day; openSUSE 2020-09 start at a deployment before the outage; openSUSE 2025 start and
  // '84 minutes' from a later phase; PyPI 08:42 against the reading's 08:44; Wire's and cloud.gov's less precise than the
  // reading). It became tuning material in round 5 (general rules only: sources that agree or disagree, `<br>`-joined and
  // `\\`-separated entries, italic times, PST/PDT, ends said as 'no longer down', 'available again', 'errors stopped',
  // 'close the incident', '<END OF OUTAGE>', 'resolved in' as a time to resolution): 8/12 fully right since, no wrong fact; that is not a held-out figure.
  // Flutter 2023: its Summary's 'Date/time: 2023-08-26 21:14 PDT' and its timeline's '<START OF OUTAGE>' on 25 August
  // disagree: left empty (the reading takes the timeline).
  'flutter-2023-08-25-flutter-dev-outage': [['start', null]],
  // 'went offline for a period of 84 minutes' and 'impacted … during roughly 10.5 hours': two durations, neither kept.
  'opensuse-2025-10-15-unreliable-unavailable': [['duration', null]],
  // Entries under day headings as '* 06:20: text' separated by paragraphs, in 'Eastern Time (UTC-4)': not read.
  'pypi-2024-03-31-account-access': [['timeline', 0]],
  // The provider's 'restored' and 'available again' are followed by our own DNS revert (the reading's end): no end.
  'wire-2022-05-23-website-outage': [['end', null]],
  // Held-out-7 (Hachyderm ×5, conda-forge ×2, Homebrew ×2, Berkeley DataHub ×3, go-ethereum, n0), read and committed
  // before the importer ran on it (2fb562a…8ca1f85), measured once with the round-5 reader: 1/14 fully right, 7 wrong
  // facts. It became tuning material in round 6 (general rules only; markdownRound6.test.ts): 12/14 fully right and no
  // wrong fact since, and that is not a held-out figure. The misses left:
  // Its prose dates the first report 'December 17th, 2022 at roughly 12:43 UTC', its timeline 'Dec 16th 12:43': the
  // document disagrees with itself, so the start stays empty (the policy; the reading takes the timeline).
  'hachyderm-2022-12-16-media-caching-queue-latency': [['start', null]],
  // Its only date is the front matter's (the publication's), never taken for the incident's day: its entries stay
  // times of day, and the start and end stay empty (the reading takes that day).
  'hachyderm-2022-12-20-queues-down-in-queueville': [
    ['start', null],
    ['end', null],
  ],
  // Held-out-8 (Cosmos Hub ×5, Chia Network ×4, Fosstodon ×2, Jenkins infra ×2, Hex), read and committed before the importer
  // ran on it (a87f19b…d479975), measured once with the round-6 reader: 2/14 fully right, 9 wrong facts. It became
  // tuning material in round 7 (general rules only; markdownRound7.test.ts): no wrong fact since, and that is not a
  // held-out figure. The misses left:
  'chia-2021-05-10-wiki-attack': [['end', null]],
  'chia-2024-01-10-mainnet-stall': [
    ['start', null],
    ['end', null],
    ['timeline', 3],
  ],
  'chia-2025-02-14-fast-forward-mempool': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  'cosmos-2025-02-08-v22-patch-apphash': [['end', null]],
  // Its Impact says 'None because we didn't deploy it': no outage, so no start or end is taken (the reading, a judgement,
  // takes the flawed release's publication and the fix's).
  'cosmos-2025-03-14-v23-executable-stack': [
    ['start', null],
    ['end', null],
  ],
  'jenkins-2021-05-29-aci-agents': [['timeline', 14]],
  'jenkins-2023-03-28-ci-vm-agents': [['timeline', 0]],
  // Held-out-9 (US Digital Response ×5, Equinor Radix ×4, cheqd ×3, GDS ×2, Pathfinder), read and committed before the
  // importer ran on it (c408345…3430f43), measured once with the round-7 reader: 4/15 fully right, 6 wrong facts. It
  // became tuning material in round 8 (general rules only; markdownRound8.test.ts): no wrong fact since, and that is
  // not a held-out figure. The misses left:
  // 'At roughly 09:30 GMT, the network halted' is in a paragraph that names no day: by round 4's policy it takes none.
  'cheqd-2023-01-30-v1-upgrade-halt': [['start', null]],
  // Its timeline table's last row '[+2 Business Days Later]' is an offset in words: not read.
  'cheqd-2025-05-28-v4-testnet-halt': [['timeline', 10]],
  // 'Date: July 2 2025, 9:30 AM UTC - July 2 2025, 12:30 AM UTC' ends before it starts: no end is taken from it (the
  // reading takes 12:30 AM as a slip for PM, a judgement); its timeline's 'block production resumes' is followed by
  // 'AP node fails again', so that is no end either.
  'cheqd-2025-07-02-v4-testnet-retrial': [['end', null]],
  // 'Both moving TLS certificates and migrating applications is successful': no rule reads it as an end.
  'radix-2019-01-30-kubernetes-objects-missing': [['end', null]],
  // Its last three headings say 2021-06-11 (a slip for 06-28, the reading's judgement): entries two days or more before
  // the title's day are lead-up (round 4), so none of them is the end.
  'usdr-2021-06-28-external-id-migration': [['end', null]],
  // Held-out-10 (Mozilla Taskcluster ×4, Replit ×3, TorBox ×3, Envoy ×2, ESLint, Terra Rebels, Titan relay), read and
  // committed before the importer ran on it (9276241…66f5e9c), measured once with the round-8 reader: 1/15 fully right,
  // 9 wrong facts (5 starts, 3 ends, 1 duration). It became tuning material in round 9 (general rules only;
  // markdownRound9.test.ts): no wrong fact since, and that is not a held-out figure. The misses left:
  // The end is a judgement (npm revoking the tokens); two entries without a time ('Before the incident', 'Early morning
  // July 12th, 2018') are not read.
  'eslint-2018-07-12-malicious-packages': [
    ['end', null],
    ['timeline', 8],
  ],
  // Items without a time ('In 2021, we changed…', 'On May 16, 2023,we introduced…', 'By this point…') are not entries.
  'replit-2023-05-18-downtime': [['timeline', 9]],
  // Its end is said in an item without a time of its own ('… By 16:30 there were no faulty builds…'), and 'a period of
  // about 2.5h from 14:00 to 16:30' is tied to the outage only by the clause after the next comma; five items without a
  // time, 'At 17:30 we…' and a lead-up day alone are not entries.
  'replit-2023-09-29-read-only-repls': [
    ['end', null],
    ['duration', null],
    ['timeline', 6],
  ],
  'taskcluster-2018-08-27-dns-outage': [
    ['end', null],
    ['duration', null],
    ['timeline', 10],
  ],
  'taskcluster-2022-01-08-google-incident': [
    ['end', null],
    ['timeline', 22],
  ],
  // Its first row (2021-11-25) is 139 days before the next: background, no start taken; the reading's 2022-05-07 is a
  // judgement no rule makes.
  'terrarebels-2022-05-07-ust-depeg': [['start', null]],
  // The first entry is a detection ('Terrence flagged…') and its table of missed slots gives earlier times that day: no
  // start taken (the reading takes the first slot); its end ('Builder was shutdown') is said in words no rule reads.
  'titan-2024-11-28-missed-blocks': [
    ['start', null],
    ['end', null],
  ],
  // No day anywhere ('In early June', 'Around mid-June'): its four incidents have no time to be entries at.
  'torbox-2026-06-23-june-outages': [['timeline', 0]],
  // A month's report (its title names August 2026 and no day): its days alone are incidents of their own, no start or
  // end; the 'Incident | Brief' table's four rows are not read.
  'torbox-2026-08-03-august-outages': [
    ['start', null],
    ['end', null],
    ['timeline', 6],
  ],
  // Held-out-11 (Python Discord ×4, Cumulo ×3, freistil IT ×3, Rotko Network ×2, Node.js, Deno, ECAD Infra), read and
  // committed before the importer ran on it (ceb2030…d6ee203), measured once with the round-9 reader: 2/15 fully
  // right, 12 wrong facts (11 starts or ends, 1 duration; 7 of them less precise: a day alone, a minute off, no "~").
  // It became tuning material in round 10 (general rules only; markdownRound10.test.ts): 12/15 fully right and no wrong
  // fact since, and that is not a held-out figure. The misses left:
  // Two incidents under numbered headings, the later told first: no start, end or duration from within them (the
  // reading takes the first incident's start and the second's end, a judgement across both).
  'ecad-2025-08-18-celestia-validator': [
    ['start', null],
    ['end', null],
  ],
  // The end is a judgement ('Self-heal finished successfully', the last repair before the closing entry).
  'freistil-2013-02-06-network-issues': [['end', null]],
  // Prose only: 'Starting on March 15th and going through to March 17th' and 'not resolved until midnight UTC on the
  // 17th' are not read (taking the last day alone would be less precise than the midnight the document gives).
  'nodejs-2023-03-15-website-404s': [
    ['start', null],
    ['end', null],
  ],
  // Held-out-12 (Financial Times Origami ×4, VA.gov ×3, bentasker.co.uk ×3, IFCA ×2, turboflakes, LeapDAO, Firezone),
  // read and committed before the importer ran on it (7f74997), measured once with the round-10 reader (10fc346):
  // 1/15 fully right, 1 wrong fact (Firezone's start at the first exposed email, the reading's alternative, not the
  // stated window). Tuning material in round 11 (general rules only; markdownRound11.test.ts): 8/15 fully right and no
  // wrong fact since, not a held-out figure. Left: 'AM ET' times (VA.gov), bentasker's entries, turboflakes' prose.
  'bentasker-2021-06-22-bunnycdn-dns': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  'bentasker-2021-07-28-cdn-50x': [
    ['start', null],
    ['end', null],
    ['duration', null],
  ],
  // Its text says 'at 5:00 am' (no zone) and its front matter's date is 15:23 UTC: not the same moment in any whole-hour
  // zone, so the start stays empty (the reading takes the text's 05:00, zone not stated).
  'ifca-2021-11-27-electrical-failure': [['start', null]],
  'turboflakes-2022-03-21-kusama-node-migration': [
    ['start', null],
    ['duration', null],
  ],
  'va-2020-06-16-ppms-community-provider-outage': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  'va-2020-09-11-mobile-map-not-rendering': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  'va-2023-08-15-online-check-in-failures': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
};
