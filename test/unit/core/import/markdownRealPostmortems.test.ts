/**
 * Issue 31: 141 real published postmortems (test/fixtures/import/markdown-real,
 * sources in SOURCES.md) imported and compared with a person's reading of
 * each source, written before the importer ran on it. Rules were chosen on
 * the "tuned" ones and, once measured, on "held-out", "held-out-2",
 * "held-out-3" (round 2), "held-out-4" (round 3), "held-out-5" (round 4) and
 * "held-out-6" (round 5), "held-out-7" (round 6, after it was measured once
 * with the round-5 reader); "held-out-8" was measured once with the round-6
 * reader, then tuned on in round 7; "held-out-9" was measured once with the
 * round-7 reader, then tuned on in round 8; "held-out-10" was measured once
 * with the round-8 reader, then tuned on in round 9; "held-out-11" was
 * measured once with the round-9 reader, then tuned on in round 10. Known misses are
 * listed with what the importer gives, so the table in docs/import.md stays
 * true and a fix (or a regression) shows here; KNOWN_SCORE keeps each set
 * from getting worse.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../support/workspace';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'import', 'markdown-real');

interface Reading {
  set:
    | 'tuned'
    | 'held-out'
    | 'held-out-2'
    | 'held-out-3'
    | 'held-out-4'
    | 'held-out-5'
    | 'held-out-6'
    | 'held-out-7'
    | 'held-out-8'
    | 'held-out-9'
    | 'held-out-10'
    | 'held-out-11';
  start: string | null;
  end: string | null;
  duration: string | null;
  timeline: number;
}

/** What the importer read, in the readings' shape: "2021-03-31T12:06+00:00", "2020-08-14T10:43" (no zone), "2018-01-11". */
function imported(name: string) {
  const file = `${name}.md`;
  const { drafts } = parseMarkdownPostmortem(readFileSync(join(DIR, file), 'utf8'), { file });
  const facts = new Map((drafts[0]?.facts ?? []).map((f) => [f.field, f.value]));
  const moment = (v: string | undefined) => (v === undefined ? null : v.replace(' (zone not stated)', '').replace(' ', ''));
  return {
    start: moment(facts.get('start')),
    end: moment(facts.get('end')),
    duration: facts.get('duration') ?? null,
    timeline: ((drafts[0]?.record.timeline as unknown[] | undefined) ?? []).length,
  };
}

/** Misses as of this commit: [field, what the import gives]. */
const KNOWN_MISSES: Record<string, Array<[keyof Reading, string | number | null]>> = {
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
};

/** Fully right and wrong facts per set as last measured: a set may get better, never worse. */
const KNOWN_SCORE: Record<Reading['set'], { right: number; of: number; wrong: number }> = {
  tuned: { right: 11, of: 11, wrong: 0 },
  'held-out': { right: 10, of: 10, wrong: 0 },
  'held-out-2': { right: 6, of: 6, wrong: 0 },
  'held-out-3': { right: 12, of: 12, wrong: 0 },
  'held-out-4': { right: 8, of: 9, wrong: 0 },
  // Held out until round 3 measured it (0/8, 9 wrong facts); tuning material in round 4: a seen set from here on.
  'held-out-5': { right: 7, of: 8, wrong: 0 },
  // Held out until measured once after round 4 (0/12, 8 wrong facts); tuning material in round 5: a seen set from here on.
  'held-out-6': { right: 8, of: 12, wrong: 0 },
  // Held out until measured once after round 5 (1/14, 7 wrong facts); tuning material in round 6: a seen set from here on.
  'held-out-7': { right: 12, of: 14, wrong: 0 },
  // Held out until measured once after round 6 (2/14, 9 wrong facts); tuning material in round 7: a seen set from here on.
  'held-out-8': { right: 7, of: 14, wrong: 0 },
  // Held out until measured once after round 7 (4/15, 6 wrong facts); tuning material in round 8: a seen set from here on.
  'held-out-9': { right: 10, of: 15, wrong: 0 },
  // Held out until measured once after round 8 (1/15, 9 wrong facts); tuning material in round 9: a seen set from here on.
  'held-out-10': { right: 6, of: 15, wrong: 0 },
  // Held out until measured once after round 9 (2/15, 12 wrong facts); tuning material in round 10: a seen set from here on.
  'held-out-11': { right: 12, of: 15, wrong: 0 },
};

/** Sets measured once and not tuned on since: their wrong facts are the honest figure, not a regression. */
const MEASURED_NOT_TUNED: ReadonlyArray<Reading['set']> = [];

/** IMPORT_SETS=tuned,held-out limits a run to those sets (tuning never runs the importer on a set kept aside). */
const only = process.env.IMPORT_SETS?.split(',');
const setOf = (name: string) => (JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Reading).set;
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.expected\.json$/, ''))
  .filter((name) => !only || only.includes(setOf(name)))
  // A set not in KNOWN_SCORE is kept aside: collected and read, never yet imported (the next round's fresh held-out set).
  .filter((name) => setOf(name) in KNOWN_SCORE)
  .sort();

describe('Markdown importer on real published postmortems (issue 31)', () => {
  const table: string[] = [];
  const sets = Object.keys(KNOWN_SCORE) as Array<Reading['set']>;
  const score = Object.fromEntries(sets.map((set) => [set, [0, 0]])) as Record<Reading['set'], [number, number]>;
  const wrong = Object.fromEntries(sets.map((set) => [set, 0])) as Record<Reading['set'], number>;
  for (const name of names) {
    it(name, () => {
      const want = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Reading;
      const got = imported(name);
      const fields = ['start', 'end', 'duration', 'timeline'] as const;
      // The row is kept before the checks, so IMPORT_TABLE=1 prints the whole table even while a check fails.
      const right = fields.every((f) => got[f] === want[f]);
      score[want.set][0] += right ? 1 : 0;
      score[want.set][1] += 1;
      // A wrong fact: a start, end or duration that is given but is not the reading's.
      wrong[want.set] += (['start', 'end', 'duration'] as const).filter((f) => got[f] !== null && got[f] !== want[f]).length;
      const cell = (f: keyof typeof got) => `${got[f] ?? '—'}${got[f] === want[f] ? '' : ` (expected ${want[f] ?? '—'})`}`;
      table.push(
        `| ${name} | ${want.set} | ${cell('start')} | ${cell('end')} | ${cell('duration')} | ${got.timeline}/${want.timeline} | ${right ? 'yes' : 'no'} |`,
      );
      const misses = KNOWN_MISSES[name] ?? [];
      for (const field of fields) {
        const known = misses.find(([f]) => f === field);
        if (known) assert.equal(got[field], known[1], `${field}: the known miss changed (update KNOWN_MISSES and the table in docs/import.md)`);
        else assert.equal(got[field], want[field], field);
        // Never a value where the reading has none (but for a known miss, counted in KNOWN_SCORE's wrong facts).
        if (want[field] === null && !known) assert.equal(got[field], null, `${field} invented`);
      }
    });
  }
  after(() => {
    // Printed before the checks, so a failing run still shows where it stands.
    if (process.env.IMPORT_TABLE) {
      console.log(
        ['| postmortem | set | start | end | duration | timeline found/expected | fully right |', '|---|---|---|---|---|---|---|', ...table].join('\n'),
      );
      console.log(sets.map((set) => `${set} ${score[set][0]}/${score[set][1]} fully right (${wrong[set]} wrong facts)`).join(', '));
    }
    // The product never invents a value: over every set the rules were chosen on, not one wrong start, end or duration.
    // A set measured once and not yet tuned on keeps its wrong facts as measured (bounded by KNOWN_SCORE below).
    const tunedOn = sets.filter((x) => (!only || only.includes(x)) && !MEASURED_NOT_TUNED.includes(x));
    assert.equal(
      tunedOn.reduce((n, set) => n + wrong[set], 0),
      0,
      `wrong facts over the tuned sets: ${tunedOn.map((set) => `${set} ${wrong[set]}`).join(', ')}`,
    );
    for (const set of sets.filter((x) => !only || only.includes(x))) {
      assert.equal(score[set][1], KNOWN_SCORE[set].of, `${set}: number of postmortems`);
      assert.ok(score[set][0] >= KNOWN_SCORE[set].right, `${set}: ${score[set][0]} fully right, was ${KNOWN_SCORE[set].right}`);
      assert.ok(wrong[set] <= KNOWN_SCORE[set].wrong, `${set}: ${wrong[set]} wrong facts, was ${KNOWN_SCORE[set].wrong}`);
    }
  });
});
