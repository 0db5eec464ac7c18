/**
 * Property-based tests (fast-check) of the three promises the core makes about
 * text it did not write: it round-trips what it writes, it edits without
 * touching anything else, and it never throws on anything it reads.
 * The number of cases run is printed at the end (CI log).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, parseDocument, type Pair, type Scalar } from 'yaml';
import { applyEdits, newRecordText, type EditOp } from '../../../../src/core/records/yamlEdit';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { ACTION_STATUSES, AI_CONNECTIONS, ENTRY_KINDS, MILESTONES, PRIORITIES, STATUSES } from '../../../../src/core/records/schema';
import { DEMO } from '../../../support/workspace';

/** Cases per property; CI runs the defaults (10,000+ in all), FC_SCALE=0.1 for a quick local pass. */
const SCALE = Number(process.env.FC_SCALE ?? '1');
const runs = (n: number) => Math.max(10, Math.round(n * SCALE));
let casesRun = 0;
const FIXED_SEED = 20_261_127;
function check<T>(prop: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number, seed?: number): void {
  const n = runs(numRuns);
  // CI runs a fixed seed (a red build must be reproducible, and every landing runs the same
  // 13,000 cases); FC_RANDOM=1 explores new ones; FC_SEED=<seed> FC_PATH=<path> replays a failure.
  const replay = process.env.FC_SEED
    ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH }
    : process.env.FC_RANDOM
      ? {}
      : { seed: seed ?? FIXED_SEED };
  fc.assert(prop as fc.IProperty<T>, { numRuns: n, ...replay });
  casesRun += n;
}

// ---------------------------------------------------------------- generators

/** Strings that YAML treats specially when written plain: every one must round-trip. */
const TRICKY = [
  'yes',
  'no',
  'on',
  'off',
  'true',
  'False',
  'null',
  '~',
  '',
  ' ',
  '123',
  '0x1F',
  '0o17',
  '1e3',
  '.inf',
  '-.5',
  '2025-03-18',
  '14:37',
  '14:37:05',
  '- a',
  'a: b',
  'a:b',
  '#x',
  'a #b',
  ' lead',
  'trail ',
  '"q"',
  "'s'",
  "it's",
  'multi\nline',
  'two\n\nparagraphs\n',
  'tab\there',
  '@at',
  '`tick`',
  '*star',
  '&amp',
  '!tag',
  '%pct',
  '[x]',
  '{y: 1}',
  '|',
  '>',
  '---',
  '...',
  '? q',
  'ünïcödé ✓',
  '日本語',
  '🔥 on fire',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '[run](command:workbench.action.terminal.new)',
  '\\back\\slash',
  'CR\r\nLF',
  '\u00a0nbsp',
  // Found by this test: a value that is only Unicode whitespace was written plain and read back trimmed.
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  ' \u00a0 ',
  '\u200b',
];
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...TRICKY), { maxLength: 4 }).map((a) => a.join(' ')) },
);
const nonEmpty = text.filter((s) => s.length > 0);
const offset = fc.constantFrom('Z', '+00:00', '+03:00', '-05:00', '+05:30');
const instant = fc.record({ d: fc.integer({ min: 0, max: 3000 }), m: fc.integer({ min: 0, max: 1439 }), o: offset }).map(({ d, m, o }) => {
  const day = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00${o}`;
});
const incidentId = fc.integer({ min: 1, max: 99_999 }).map((n) => `INC-${String(n).padStart(3, '0')}`);

const entry = fc.record(
  { at: instant, author: text, kind: fc.constantFrom(...ENTRY_KINDS), milestone: fc.constantFrom(...MILESTONES), text },
  { noNullPrototype: true, requiredKeys: ['at', 'text'] },
);
const link = fc.record(
  {
    path: fc.constantFrom('src/payments/stripeWebhook.ts', 'src/payments/**/*.ts', 'src/auth/', 'lib/a b/c.py'),
    symbol: fc.constantFrom('handleWebhook', 'Checkout.total', 'run'),
    lines: fc.constantFrom('12', '3-40'),
    note: text,
  },
  { noNullPrototype: true, requiredKeys: ['path'] },
);
const incident = fc.record(
  {
    id: incidentId,
    title: nonEmpty,
    status: fc.constantFrom(...STATUSES),
    priority: fc.constantFrom(...PRIORITIES),
    start: instant,
    impact: fc.record({ system: text, feature: text, business: text }, { noNullPrototype: true, requiredKeys: [] }),
    roles: fc.record({ incidentLead: text, onCall: text }, { noNullPrototype: true, requiredKeys: [] }),
    timeline: fc.array(entry, { maxLength: 6 }),
    actions: fc.array(fc.record({ text, owner: text, done: fc.boolean() }, { noNullPrototype: true, requiredKeys: ['text'] }), { maxLength: 4 }),
    rootCause: fc.record(
      { confirmed: text, aiConnection: fc.oneof(fc.constantFrom(...AI_CONNECTIONS), fc.uniqueArray(fc.constantFrom(...AI_CONNECTIONS), { minLength: 1 })) },
      { noNullPrototype: true, requiredKeys: [] },
    ),
    learning: fc.record({ lesson: text, promptTemplate: text }, { noNullPrototype: true, requiredKeys: [] }),
    links: fc.array(link, { maxLength: 3 }),
    keywords: fc.array(text, { maxLength: 4 }),
  },
  { noNullPrototype: true, requiredKeys: ['id', 'title', 'status', 'priority', 'start'] },
);
const actionRecord = fc.record(
  {
    id: fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 30 })).map(([i, k]) => `ACTION-INC${String(i).padStart(3, '0')}-${k}`),
    incident: incidentId,
    title: nonEmpty,
    owner: text,
    deadline: fc.oneof(instant, text),
    status: fc.constantFrom(...ACTION_STATUSES),
    links: fc.array(link, { maxLength: 2 }),
  },
  { noNullPrototype: true, requiredKeys: ['id', 'incident', 'title', 'status'] },
);

// ---------------------------------------------------------------- 1. round trip

describe('property: records the core writes read back unchanged', function () {
  // Thousands of generated cases: a budget, not a speed claim (CI machines are noisy).
  this.timeout(300_000);
  it('incident and action records survive serialize → parse', () => {
    check(
      fc.property(fc.oneof(incident, actionRecord), fc.boolean(), (data, crlf) => {
        let written = newRecordText(data as Record<string, unknown>, 'Generated by a property test');
        if (crlf) written = written.replace(/\n/g, '\r\n');
        const parsed = parseRecordText(`.incidents/${data.id}.yaml`, written);
        const errors = parsed.diagnostics.filter((d) => d.severity === 'error' && (d.code === 'yaml' || d.code === 'schema'));
        assert.deepEqual(errors, [], written);
        assert.ok(parsed.record, written);
        assert.deepEqual(parsed.record.record, data);
      }),
      3000,
    );
  });
});

// ---------------------------------------------------------------- 2. edits keep everything else

/** A record written with a comment above every top-level key and after every scalar line. */
function commented(data: Record<string, unknown>): { text: string; comments: string[] } {
  const plain = newRecordText(data);
  const comments: string[] = ['# file header: keep me'];
  let n = 0;
  /** Indentation of the key that opened a block scalar (|, >): deeper lines are its content, not YAML. */
  let blockIndent = -1;
  const lines = plain.split('\n').map((line) => {
    const indentOf = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line.trim() === '' || indentOf > blockIndent)) return line;
    // "key: |-" and "- |-" (a block scalar as a list item) both open one.
    blockIndent = /(?:^|\s)[|>][-+]?\d*$/.test(line) ? indentOf : -1;
    if (/^[A-Za-z]/.test(line)) {
      const c = `# about ${line.split(':')[0]} (${n++})`;
      comments.push(c);
      return `${c}\n${line}`;
    }
    // A trailing comment after simple `key: value` scalars (not inside block scalars or flow).
    if (/^\s+[A-Za-z]+: [A-Za-z0-9][\w .-]*$/.test(line)) {
      const c = `# trailing ${n++}`;
      comments.push(c);
      return `${line} ${c}`;
    }
    return line;
  });
  return { text: `${comments[0]}\n${lines.join('\n')}`, comments };
}

/** The source text of each top-level key's pair, by key. */
function topLevelBlocks(source: string): Map<string, string> {
  const doc = parseDocument(source);
  const out = new Map<string, string>();
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items as Pair<Scalar, { range?: [number, number, number] }>[]) {
    const key = String(pair.key.value);
    const start = pair.key.range![0];
    const end = pair.value?.range?.[1] ?? pair.key.range![1];
    out.set(key, source.slice(start, end));
  }
  return out;
}

const fieldValue = fc.oneof(text, fc.integer({ min: 0, max: 10_000 }), fc.boolean());
/** Edit operations as the commands issue them (paths the record ops use), plus raw set/delete. */
const op: fc.Arbitrary<EditOp> = fc.oneof(
  entry.map((value) => ({ kind: 'append', path: ['timeline'], value }) as EditOp),
  fc.record({ text: nonEmpty, owner: text }, { noNullPrototype: true }).map((value) => ({ kind: 'append', path: ['actions'], value }) as EditOp),
  fc.constantFrom(...STATUSES).map((value) => ({ kind: 'set', path: ['status'], value }) as EditOp),
  instant.map((value) => ({ kind: 'set', path: ['resolution'], value }) as EditOp),
  fc.record({ confirmed: text, note: text }, { noNullPrototype: true }).map((value) => ({ kind: 'set', path: ['rootCause'], value }) as EditOp),
  fc
    .record({ status: fc.constantFrom('pending', 'complete'), deadline: instant }, { noNullPrototype: true })
    .map((value) => ({ kind: 'set', path: ['postmortem'], value }) as EditOp),
  fc
    .tuple(fc.constantFrom('customerNotification', 'teamUpdates', 'statusPage'), fc.record({ at: instant, text }, { noNullPrototype: true }))
    .map(([channel, value]) => ({ kind: 'append', path: ['communications', channel], value }) as EditOp),
  fc
    .tuple(fc.constantFrom('impact', 'learning'), fc.constantFrom('system', 'lesson', 'promptTemplate'), fieldValue)
    .map(([a, b, value]) => ({ kind: 'set', path: [a, b], value }) as EditOp),
  fc.constantFrom('duration', 'keywords', 'detected').map((k) => ({ kind: 'delete', path: [k] }) as EditOp),
);
const TOUCHED = (o: EditOp) => String(o.path[0]);

describe('property: edit sequences keep every comment and untouched node', function () {
  // Thousands of generated cases: a budget, not a speed claim (CI machines are noisy).
  this.timeout(300_000);
  it('random sequences of edits on commented records', () => {
    check(
      fc.property(incident, fc.array(op, { minLength: 1, maxLength: 6 }), fc.boolean(), (data, ops, crlf) => {
        const { text: base, comments } = commented(data as Record<string, unknown>);
        const original = crlf ? base.replace(/\n/g, '\r\n') : base;
        let current = original;
        for (const o of ops) {
          const r = applyEdits(current, [o]);
          assert.ok(r.ok, `refused ${JSON.stringify(o)}: ${r.ok ? '' : r.error}\n${current}`);
          current = r.text;
        }
        assert.equal(current.includes('\r\n'), crlf, 'line endings kept');
        if (crlf) assert.ok(!/[^\r]\n/.test(current), 'no bare LF in a CRLF file');
        for (const c of comments) assert.ok(current.includes(c), `comment lost: ${c}\n${current}`);
        const lf = (s: string) => s.replace(/\r\n/g, '\n');
        const before = topLevelBlocks(lf(original));
        const after = topLevelBlocks(lf(current));
        const touched = new Set(ops.map(TOUCHED));
        for (const [key, source] of before) if (!touched.has(key)) assert.equal(after.get(key), source, `untouched ${key} changed`);
        const parsed = parseRecordText('.incidents/x.yaml', current);
        assert.ok(!parsed.yamlBroken, parsed.diagnostics.map((d) => d.message).join('; '));
      }),
      2500,
    );
  });
});

// ---------------------------------------------------------------- 3. never throws on anything

const SAMPLES = [
  ...readdirSync(join(DEMO, '.incidents'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(DEMO, '.incidents', f), 'utf8')),
  ...readdirSync(join(DEMO, '.incidents', 'actions')).map((f) => readFileSync(join(DEMO, '.incidents', 'actions', f), 'utf8')),
].filter((s) => s.length > 0);

type Mutation = (s: string, at: number, extra: string) => string;
const MUTATIONS: Record<string, Mutation> = {
  tabIndent: (s, at) => s.slice(0, lineStartOf(s, at)) + '\t' + s.slice(lineStartOf(s, at)),
  badIndent: (s, at) => s.slice(0, lineStartOf(s, at)) + '   ' + s.slice(lineStartOf(s, at)),
  dedent: (s, at) => s.slice(0, lineStartOf(s, at)) + s.slice(lineStartOf(s, at)).replace(/^ +/, ''),
  conflict: (s, at) => {
    const p = lineStartOf(s, at);
    return `${s.slice(0, p)}<<<<<<< HEAD\nstatus: active\n=======\nstatus: closed\n>>>>>>> fix/x\n${s.slice(p)}`;
  },
  bom: (s) => `\uFEFF${s}`,
  crlf: (s) => s.replace(/\n/g, '\r\n'),
  duplicateKey: (s, at) => {
    const p = lineStartOf(s, at);
    const line = s.slice(p, s.indexOf('\n', p) + 1 || undefined);
    return s.slice(0, p) + line + line + s.slice(p + line.length);
  },
  wrongType: (s) => s.replace(/^priority: .*$/m, 'priority: [P1, P2]').replace(/^title: .*$/m, 'title: {a: 1}'),
  deleteChar: (s, at) => s.slice(0, at) + s.slice(at + 1),
  insert: (s, at, extra) => s.slice(0, at) + extra + s.slice(at),
  truncate: (s, at) => s.slice(0, at),
  deepNesting: (s, at, extra) => `${s}\nextra: ${'['.repeat(200 + (at % 800))}${extra}`,
  aliasBomb: (s) =>
    `${s}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 9 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`,
  protoKeys: (s) => `${s}\n__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\nimpact:\n  __proto__: {isAdmin: true}\n`,
};
function lineStartOf(s: string, at: number): number {
  return s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
}

const YAMLISH = fc.string({
  unit: fc.constantFrom(
    ':',
    '-',
    ' ',
    '\n',
    '\t',
    '#',
    '&',
    '*',
    '!',
    '|',
    '>',
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    '%',
    '@',
    'a',
    'id',
    'INC-1',
    '\r',
    '\uFEFF',
    '?',
    ',',
  ),
  maxLength: 200,
});

let slowest = { ms: 0, source: '' };
function assertWellFormed(source: string): void {
  const t0 = performance.now();
  const parsed = parseRecordText('.incidents/INC-900.yaml', source);
  const ms = performance.now() - t0;
  if (ms > slowest.ms) {
    slowest = { ms, source };
    if (process.env.FC_DUMP_SLOWEST) writeFileSync(process.env.FC_DUMP_SLOWEST, source);
  }
  const lineCount = source.split(/\r\n|\n|\r/).length;
  for (const d of parsed.diagnostics) {
    assert.equal(typeof d.message, 'string');
    assert.ok(d.message.length > 0);
    assert.equal(typeof d.field, 'string');
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line <= lineCount, `line ${p.line} of ${lineCount}`);
      assert.ok(Number.isInteger(p.character) && p.character >= 0, `character ${p.character}`);
    }
  }
  if (!parsed.record)
    assert.ok(
      parsed.diagnostics.some((d) => d.severity === 'error'),
      'a file without a record says why',
    );
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype polluted');
}

describe('property: any input yields positioned diagnostics, never a throw', function () {
  // Thousands of generated cases: a budget, not a speed claim (CI machines are noisy).
  this.timeout(300_000);
  it('mutated real records (tabs, indentation, conflict markers, BOM, CRLF, duplicate keys, wrong types, bombs)', () => {
    check(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(), YAMLISH), { minLength: 1, maxLength: 4 }),
        (sample, steps) => {
          let s = sample;
          for (const [name, at, extra] of steps) s = MUTATIONS[name]!(s, s.length ? at % s.length : 0, extra);
          assertWellFormed(s);
        },
      ),
      4000,
    );
  });

  it('random YAML-ish text and random strings', () => {
    check(
      fc.property(fc.oneof(YAMLISH, fc.string({ unit: 'binary', maxLength: 300 })), (s) => assertWellFormed(s)),
      3000,
    );
  });

  it('edits never write into a file they could not parse', () => {
    check(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(), op, (sample, at, o) => {
        const broken = MUTATIONS.conflict!(sample, at % sample.length, '');
        const r = applyEdits(broken, [o]);
        assert.equal(r.ok, false);
      }),
      500,
    );
  });

  after(() => {
    // The slowest case timed again on its own (inside the run it may have met a GC pause).
    const again = [0, 1, 2].map(() => {
      const t0 = performance.now();
      parseRecordText('.incidents/INC-900.yaml', slowest.source);
      return performance.now() - t0;
    });
    const median = again.sort((a, b) => a - b)[1]!;
    console.log(
      `      properties: ${casesRun} generated cases checked; slowest input ${slowest.source.length} bytes, ${median.toFixed(1)} ms alone (${slowest.ms.toFixed(0)} ms in the run)`,
    );
  });
});
