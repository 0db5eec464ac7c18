/**
 * Issue 31: 333 real published postmortems (test/fixtures/import/markdown-real,
 * sources in SOURCES.md) imported and compared with a person's reading of
 * each source, written before the importer ran on it. Rules were chosen on
 * the "tuned" ones and, once measured, on "held-out", "held-out-2",
 * "held-out-3" (round 2), "held-out-4" (round 3), "held-out-5" (round 4) and
 * "held-out-6" (round 5), "held-out-7" (round 6, after it was measured once
 * with the round-5 reader); "held-out-8" was measured once with the round-6
 * reader, then tuned on in round 7; "held-out-9" was measured once with the
 * round-7 reader, then tuned on in round 8; "held-out-10" was measured once
 * with the round-8 reader, then tuned on in round 9; "held-out-11" was
 * measured once with the round-9 reader, then tuned on in round 10; "held-out-12" and "held-out-13"
 * were measured once with the round-10 reader, then tuned on in round 11;
 * "held-out-14" was measured once with the round-11 reader, then tuned on in round 12; "held-out-15"
 * was measured once with the round-12 reader, then tuned on in round 13; "held-out-16" was measured
 * once with the round-13 reader, then tuned on in round 14; "held-out-17" was measured once with the
 * round-14 reader, then tuned on in round 15; "held-out-18" was measured once with the round-15
 * reader, then tuned on in round 16; "held-out-19" was measured once with the round-16 reader, then
 * tuned on in round 17; "held-out-20" was measured once with the round-17 reader, then tuned on in round 18;
 * "held-out-21" was measured once with the round-18 reader (3/11 fully right, 2 wrong facts), then tuned on in
 * round 19 (9/11, 0 wrong facts as a tuned figure); "held-out-22" was measured once with the round-19 reader
 * (1/12 fully right, 8 wrong facts), then tuned on in round 20 (3/12, 0 wrong facts as a tuned figure);
 * "held-out-23" was measured once with the round-20 reader (2/9 fully right, 4 wrong facts), then tuned on in
 * round 21 (6/9, 0 wrong facts as a tuned figure); "held-out-24" was measured once with the round-21 reader (0/9 fully
 * right, 8 wrong facts), then tuned on in round 22 (9/9, 0 wrong facts as a tuned figure); "held-out-25" was
 * measured once with the round-22 reader (1/9 fully right, 3 wrong facts), then tuned on in round 23 (6/9, 0 wrong
 * facts as a tuned figure); "held-out-26" was measured once with the round-23 reader (5/10 fully right, 6 wrong
 * facts), then tuned on in round 24 (7/10, 0 wrong facts as a tuned figure); "held-out-27" was measured once with
 * the round-24 reader (1/9 fully right, 4 wrong facts), then tuned on in round 25 (6/9, 0 wrong facts as a tuned
 * figure); "held-out-28" was measured once with the round-25 reader (2/9 fully right, 1 wrong fact), then tuned
 * on in round 26 (7/9, 0 wrong facts as a tuned figure); "held-out-29" was measured once with the round-26
 * reader (0/9 fully right, 4 wrong facts), then tuned on in round 27 (8/9, 0 wrong facts as a tuned figure);
 * "held-out-30" was measured once with the round-27 reader (1/8 fully right, 5 wrong facts), then tuned on in round 28
 * (2/8, 0 wrong facts as a tuned figure); "held-out-31" was measured once with the round-28 reader (2/8 fully right,
 * 1 wrong fact) and is not tuned on. Known
 * misses are listed with what the importer gives, so the table in docs/import.md stays
 * true and a fix (or a regression) shows here; KNOWN_SCORE keeps each set
 * from getting worse.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../support/workspace';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';
import { KNOWN_MISSES } from './realPostmortemMisses';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'import', 'markdown-real');

export interface Reading {
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
    | 'held-out-11'
    | 'held-out-12'
    | 'held-out-13'
    | 'held-out-14'
    | 'held-out-15'
    | 'held-out-16'
    | 'held-out-17'
    | 'held-out-18'
    | 'held-out-19'
    | 'held-out-20'
    | 'held-out-21'
    | 'held-out-22'
    | 'held-out-23'
    | 'held-out-24'
    | 'held-out-25'
    | 'held-out-26'
    | 'held-out-27'
    | 'held-out-28'
    | 'held-out-29'
    | 'held-out-30'
    | 'held-out-31';
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
  // Held out until measured once after round 10 (1/15, 1 wrong fact; 4/13, 1 wrong fact); tuning material in round 11.
  'held-out-12': { right: 8, of: 15, wrong: 0 },
  'held-out-13': { right: 8, of: 13, wrong: 0 },
  // Held out until measured once after round 11 (1/11, 6 wrong facts); tuning material in round 12.
  'held-out-14': { right: 7, of: 11, wrong: 0 },
  // Held out until measured once after round 12 (2/13, 4 wrong facts); tuning material in round 13.
  'held-out-15': { right: 13, of: 13, wrong: 0 },
  // Held out until measured once after round 13 (3/10, 3 wrong facts); tuning material in round 14.
  'held-out-16': { right: 6, of: 10, wrong: 0 },
  // Held out until measured once after round 14 (1/10, 3 wrong facts); tuning material in round 15.
  'held-out-17': { right: 9, of: 10, wrong: 0 },
  // Held out until measured once after round 15 (3/11, 7 wrong facts); tuning material in round 16.
  'held-out-18': { right: 9, of: 11, wrong: 0 },
  // Held out until measured once after round 16 (6/11, 7 wrong facts); tuning material in round 17.
  'held-out-19': { right: 11, of: 11, wrong: 0 },
  // Held out until measured once after round 17 (1/11, 1 wrong fact); tuning material in round 18.
  'held-out-20': { right: 11, of: 11, wrong: 0 },
  // Held out until measured once after round 18 (3/11, 2 wrong facts); tuning material in round 19.
  'held-out-21': { right: 9, of: 11, wrong: 0 },
  // Held out until measured once after round 19 (1/12, 8 wrong facts); tuning material in round 20.
  'held-out-22': { right: 3, of: 12, wrong: 0 },
  // Held out until measured once after round 20 (2/9, 4 wrong facts); tuning material in round 21.
  'held-out-23': { right: 6, of: 9, wrong: 0 },
  // Held out until measured once after round 21 (0/9, 8 wrong facts); tuning material in round 22.
  'held-out-24': { right: 9, of: 9, wrong: 0 },
  // Held out until measured once after round 22 (1/9, 3 wrong facts; read and committed first, 00f85b0); tuning material in round 23.
  'held-out-25': { right: 6, of: 9, wrong: 0 },
  // Held out until measured once after round 23 (5/10, 6 wrong facts; read and committed first, be2ace8); tuning material in round 24.
  'held-out-26': { right: 7, of: 10, wrong: 0 },
  // Held out until measured once after round 24 (1/9, 4 wrong facts; read and committed first, 8d914b5); tuning material in round 25.
  'held-out-27': { right: 6, of: 9, wrong: 0 },
  // Held out until measured once after round 25 (2/9, 1 wrong fact; read and committed first, 6fb90e1); tuning material in round 26.
  'held-out-28': { right: 7, of: 9, wrong: 0 },
  // Held out until measured once after round 26 (0/9, 4 wrong facts; read and committed first, 98069e9); tuning material in round 27.
  'held-out-29': { right: 8, of: 9, wrong: 0 },
  // Measured once with the round-27 reader (1/8, 5 wrong facts; read and committed first, b359feb); tuning material in round 28.
  'held-out-30': { right: 2, of: 8, wrong: 0 },
  // Measured once with the round-28 reader (2/8, 1 wrong fact; read and committed first, 2cb2779); not tuned on.
  'held-out-31': { right: 2, of: 8, wrong: 1 },
};

/** Sets measured once and not tuned on since: their wrong facts are the honest figure, not a regression. */
const MEASURED_NOT_TUNED: ReadonlyArray<Reading['set']> = ['held-out-31'];

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
