import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, type EditOp } from '../../../../src/core/records/yamlEdit';
import { mergeRecord } from '../../../../src/core/records/recordMerge';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { DEMO, REPO_ROOT } from '../../../support/workspace';
import type { IncidentRecord } from '../../../../src/core/records/schema';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const BASE = readFileSync(join(DEMO, '.incidents', 'INC-031.yaml'), 'utf8');

function edit(text: string, ...ops: EditOp[]): string {
  const r = applyEdits(text, ops);
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

/** The record as written (not the interpreted model). */
function recordOf(text: string): IncidentRecord {
  const parsed = parseRecordText('.incidents/INC-031.yaml', text).record;
  assert.ok(parsed && parsed.kind === 'incident', text);
  return parsed.record;
}

const entry = (at: string, author: string, text: string) => ({ at, author, kind: 'event', text });

describe('record merge (core)', () => {
  it("keeps both sides' timeline entries and communications, in time order, comments and formatting of ours untouched", () => {
    const ours = edit(
      BASE,
      { kind: 'append', path: ['timeline'], value: entry('09:50', 'Burak', 'Reproduced with a 10 minute token.') },
      { kind: 'append', path: ['timeline'], value: entry('10:05', 'Burak', 'Fix branch opened.') },
    );
    const theirs = edit(
      BASE,
      { kind: 'append', path: ['timeline'], value: entry('09:55', 'Zeynep', 'Status page updated.') },
      { kind: 'append', path: ['communications', 'statusPage'], value: { at: '09:55', by: 'Zeynep', text: 'Some users are signed out; investigating.' } },
    );
    const r = mergeRecord(BASE, ours, theirs);
    assert.equal(r.kind, 'merged');
    const text = (r as { text: string }).text;
    const parsed = parseRecordText('.incidents/INC-031.yaml', text);
    assert.ok(parsed.record && !parsed.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(parsed.diagnostics));
    const rec = recordOf(text);
    const times = rec.timeline!.map((e) => e.at);
    assert.deepEqual(times, ['09:12', '09:20', '09:41', '09:50', '09:55', '10:05']);
    assert.equal(rec.communications!.statusPage![0]!.text, 'Some users are signed out; investigating.');
    assert.ok(text.startsWith('# Still running: this is the record the team logs into during the incident.\n'));
    // Ours' lines are all there, in order, unchanged.
    const oursLines = ours.split('\n');
    let k = 0;
    for (const line of text.split('\n')) if (line === oursLines[k]) k++;
    assert.equal(k, oursLines.length, 'every line of ours is kept in order');
  });

  it('an entry added on both sides appears once; an edit on one side and none on the other takes the edit', () => {
    const same = entry('09:50', 'Burak', 'Reproduced.');
    const ours = edit(
      BASE,
      { kind: 'append', path: ['timeline'], value: same },
      { kind: 'set', path: ['timeline', 2, 'text'], value: 'refreshSession compares seconds with milliseconds (confirmed).' },
    );
    const theirs = edit(
      BASE,
      { kind: 'append', path: ['timeline'], value: same },
      { kind: 'set', path: ['impact', 'users', 'text'], value: 'About 1,200 users' },
    );
    const r = mergeRecord(BASE, ours, theirs);
    assert.equal(r.kind, 'merged');
    const rec = recordOf((r as { text: string }).text);
    assert.equal(rec.timeline!.filter((e) => e.text === 'Reproduced.').length, 1);
    assert.equal(rec.timeline![2]!.text, 'refreshSession compares seconds with milliseconds (confirmed).');
    assert.equal(rec.impact!.users!.text, 'About 1,200 users');
  });

  it('a field changed differently on both sides is a conflict marked in that field only', () => {
    const ours = edit(
      BASE,
      { kind: 'set', path: ['status'], value: 'resolved' },
      { kind: 'append', path: ['timeline'], value: entry('10:30', 'Selin', 'Resolved.') },
    );
    const theirs = edit(
      BASE,
      { kind: 'set', path: ['status'], value: 'postmortem-pending' },
      { kind: 'append', path: ['timeline'], value: entry('10:20', 'Zeynep', 'Customers told.') },
    );
    const r = mergeRecord(BASE, ours, theirs);
    assert.equal(r.kind, 'conflict');
    const text = (r as { text: string }).text;
    assert.match(text, /\n<<<<<<< ours\nstatus: resolved\n=======\nstatus: postmortem-pending\n>>>>>>> theirs\n/);
    assert.equal(text.match(/^<<<<<<< /gm)!.length, 1);
    assert.match(text, /Customers told\.[\s\S]*Resolved\./, 'the entries are merged all the same');
  });

  it('text that is not a record is left to git', () => {
    const r = mergeRecord(BASE, BASE.replace('status: active', 'status: [active'), BASE);
    assert.equal(r.kind, 'unmergeable');
    assert.match((r as { reason: string }).reason, /^ours has YAML errors at \d+:\d+/);
  });

  it('property: random edits on two sides from one base merge to a valid record holding every entry of both, or to a conflict', function () {
    // Hundreds of merges, each parsing three records: seconds on a quiet machine, more on a loaded one.
    this.timeout(120_000);
    // mulberry32: a small seeded generator, so a failure replays.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const clock = (m: number) => `${String(9 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const side = (name: string) => {
      const ops: EditOp[] = [];
      const added: Array<{ at: string; text: string }> = [];
      let minute = 42;
      const n = 1 + rand(5);
      for (let i = 0; i < n; i++) {
        const what = rand(10);
        if (what < 6) {
          minute += 1 + rand(20);
          const e = entry(clock(minute), name, `${name} entry ${i}`);
          ops.push({ kind: 'append', path: ['timeline'], value: e });
          added.push(e);
        } else if (what < 8)
          ops.push({ kind: 'append', path: ['communications', 'teamUpdates'], value: { at: clock(minute), by: name, text: `${name} update ${i}` } });
        else if (what < 9) ops.push({ kind: 'set', path: ['priority'], value: rand(2) ? 'P1' : 'P3' });
        else ops.push({ kind: 'append', path: ['links'], value: { path: `src/${name}/${i}.ts` } });
      }
      return { text: edit(BASE, ...ops), added, ops };
    };
    let merged = 0;
    let conflicts = 0;
    for (let run = 0; run < 300; run++) {
      const a = side('ana');
      const b = side('bo');
      const r = mergeRecord(BASE, a.text, b.text);
      assert.notEqual(r.kind, 'unmergeable', (r as { reason?: string }).reason);
      if (r.kind === 'conflict') {
        conflicts++;
        assert.ok(
          r.conflicts.every((c) => c.path.join('.') === 'priority'),
          JSON.stringify(r.conflicts),
        );
        continue;
      }
      merged++;
      const parsed = parseRecordText('x.yaml', (r as { text: string }).text);
      assert.ok(parsed.record && !parsed.diagnostics.some((d) => d.severity === 'error'), (r as { text: string }).text);
      const texts = recordOf((r as { text: string }).text).timeline!.map((e) => e.text);
      for (const e of [...a.added, ...b.added]) assert.equal(texts.filter((t) => t === e.text).length, 1, e.text);
      const updates = (recordOf((r as { text: string }).text).communications?.teamUpdates ?? []).map((c) => c.text);
      for (const s of [a, b])
        for (const op of s.ops) if (op.kind === 'append' && op.path[1] === 'teamUpdates') assert.ok(updates.includes((op.value as { text: string }).text));
      // No new out-of-order warning: entries are in time order.
      assert.ok(!parsed.diagnostics.some((d) => d.code === 'timeline-order'), JSON.stringify(parsed.diagnostics.filter((d) => d.code === 'timeline-order')));
    }
    assert.ok(merged > 150 && conflicts > 0, `${merged} merged, ${conflicts} conflicts`);
  });
});

describe('record merge driver (real git: two clones, one incident)', function () {
  this.timeout(60_000);
  let dir: string;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', ...args], { cwd, encoding: 'utf8' });
  const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  const file = (clone: string) => join(clone, '.incidents', 'INC-031.yaml');
  const log = (clone: string, ...ops: EditOp[]) => writeFileSync(file(clone), edit(readFileSync(file(clone), 'utf8'), ...ops));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-lens-merge-'));
    const origin = join(dir, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    const seed = join(dir, 'seed');
    execFileSync('cp', ['-r', DEMO, seed]);
    git(seed, 'init', '-q', '-b', 'main');
    assert.equal(cli(seed, 'init').status, 0);
    git(seed, 'add', '-A');
    git(seed, 'commit', '-qm', 'records, merge driver attributes');
    git(seed, 'remote', 'add', 'origin', origin);
    git(seed, 'push', '-q', 'origin', 'main');
    for (const name of ['oncall', 'lead']) {
      git(dir, 'clone', '-q', origin, name);
      const r = cli(join(dir, name), 'init');
      assert.match(r.stdout, /already routes the records to it; this clone's git config has it now/);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('concurrent logging from two clones pulls without a conflict: every entry once, in time order, comments kept', () => {
    const oncall = join(dir, 'oncall');
    const lead = join(dir, 'lead');
    log(
      oncall,
      { kind: 'append', path: ['timeline'], value: entry('09:50', 'Burak', 'Reproduced with a 10 minute token.') },
      { kind: 'append', path: ['timeline'], value: entry('10:10', 'Burak', 'Fix deployed to staging.') },
    );
    git(oncall, 'commit', '-qam', 'log');
    git(oncall, 'push', '-q');
    log(
      lead,
      { kind: 'append', path: ['timeline'], value: entry('10:00', 'Selin', 'Decision: roll back the auth refactor.') },
      { kind: 'append', path: ['communications', 'teamUpdates'], value: { at: '10:00', by: 'Selin', text: 'Rolling back.' } },
    );
    git(lead, 'commit', '-qam', 'log');
    const pull = spawnSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'pull', '-q', '--no-rebase'], {
      cwd: lead,
      encoding: 'utf8',
    });
    assert.equal(pull.status, 0, pull.stdout + pull.stderr);
    const merged = readFileSync(file(lead), 'utf8');
    const rec = recordOf(merged);
    assert.deepEqual(
      rec.timeline!.map((e) => e.at),
      ['09:12', '09:20', '09:41', '09:50', '10:00', '10:10'],
    );
    assert.equal(rec.communications!.teamUpdates![0]!.text, 'Rolling back.');
    assert.match(merged, /^# Still running: this is the record the team logs into during the incident\.$/m);
    // And back: the on-call pulls the lead's merge, fast-forward, same text.
    git(lead, 'push', '-q');
    git(oncall, 'pull', '-q', '--no-rebase');
    assert.equal(readFileSync(file(oncall), 'utf8'), merged);
  });

  it('status changed differently on both sides: git reports the conflict, markers in that field only', () => {
    const oncall = join(dir, 'oncall');
    const lead = join(dir, 'lead');
    log(oncall, { kind: 'set', path: ['status'], value: 'resolved' });
    git(oncall, 'commit', '-qam', 'resolve');
    git(oncall, 'push', '-q');
    log(
      lead,
      { kind: 'set', path: ['status'], value: 'postmortem-pending' },
      { kind: 'append', path: ['timeline'], value: entry('10:00', 'Selin', 'Closing.') },
    );
    git(lead, 'commit', '-qam', 'close');
    const pull = spawnSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'pull', '--no-rebase'], { cwd: lead, encoding: 'utf8' });
    assert.notEqual(pull.status, 0);
    assert.match(pull.stdout + pull.stderr, /CONFLICT .*INC-031\.yaml/);
    const text = readFileSync(file(lead), 'utf8');
    assert.match(text, /\n<<<<<<< ours\nstatus: postmortem-pending\n=======\nstatus: resolved\n>>>>>>> theirs\n/);
    assert.equal(text.match(/^<<<<<<< /gm)!.length, 1);
    assert.match(git(lead, 'status', '--porcelain'), /^UU \.incidents\/INC-031\.yaml$/m);
  });

  it("a side that is not valid YAML falls back to git's text merge", () => {
    const oncall = join(dir, 'oncall');
    const lead = join(dir, 'lead');
    writeFileSync(file(oncall), readFileSync(file(oncall), 'utf8').replace('priority: P2', 'priority: [P2'));
    git(oncall, 'commit', '-qam', 'broken');
    git(oncall, 'push', '-q');
    log(lead, { kind: 'append', path: ['timeline'], value: entry('10:00', 'Selin', 'Logged.') });
    git(lead, 'commit', '-qam', 'log');
    const pull = spawnSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'pull', '--no-rebase'], { cwd: lead, encoding: 'utf8' });
    assert.match(pull.stderr, /theirs has YAML errors at \d+:\d+.*; using git's text merge instead/);
    assert.equal(pull.status, 0, 'non-overlapping text changes merge as text');
    const text = readFileSync(file(lead), 'utf8');
    assert.ok(text.includes('priority: [P2') && text.includes('Logged.'));
  });
});
