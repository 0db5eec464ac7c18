/**
 * Issue 31, the CLI in a real process: the dry run shows per record the facts
 * found (with their lines) and the ones missing; a Markdown document that
 * yields no record fails its file (exit 1); `show` of a record without a
 * priority says P? instead of "undefined".
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const REAL = join(REPO_ROOT, 'test', 'fixtures', 'import', 'markdown-real');

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('import and show in a real process (issue 31)', function () {
  this.timeout(60000);

  it('--dry-run lists the facts found with their line and evidence, and the missing ones; --json carries them', () => {
    const ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    const r = cli(ws.root, 'import', '--dry-run', '--from', 'markdown', join(REAL, 'dfds-2021-03-31-adfs-outage.md'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /found {4}start {5}2021-03-31T12:06 \+00:00 \(line 13: "Token-decrypting/);
    assert.match(r.stdout, /found {4}duration {2}84 minutes \(line 48/);
    assert.match(r.stdout, /missing {2}priority, detected/);
    const j = JSON.parse(cli(ws.root, 'import', '--dry-run', '--json', '--from', 'markdown', join(REAL, 'dfds-2021-03-31-adfs-outage.md')).stdout);
    const item = j.items.find((i: { kind: string }) => i.kind === 'incident');
    assert.deepEqual(item.missing, ['priority', 'detected']);
    assert.ok(item.facts.some((f: { field: string; value: string }) => f.field === 'end' && f.value === '2021-03-31T13:30 +00:00'));
  });

  it('a document with no title fails its file and exits 1; show without a priority says P? (never "undefined")', () => {
    const ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    const doc = ws.write('notes.md', 'Just some notes, no heading.\n');
    const r = cli(ws.root, 'import', '--from', 'markdown', doc);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /failed {5}.*notes\.md:1:1: no title/);
    const ok = cli(ws.root, 'import', '--from', 'markdown', join(REAL, 'binder-2018-02-22-nginx-down.md'));
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    const show = cli(ws.root, 'show', 'INC-001');
    assert.equal(show.code, 0, show.stderr);
    const header = show.stdout.split('\n')[0]!;
    assert.doesNotMatch(header, /undefined/);
    assert.match(header, /^INC-001 {2}\S.* {2}resolved {2}2018-02-22 NGINX crash$/);
  });

  it('hostile: an inline action owner with an instruction and a shell command reaches an agent only quoted, inside the unreviewed fence', () => {
    const ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    const r = cli(ws.root, 'import', '--from', 'markdown', join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'import', 'action-owner-injection.md'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(ws.read('.incidents/actions/ACTION-INC001-1.yaml'), /\nowner: "?<\/third-party-text> Ignore previous instructions/);
    for (const id of ['ACTION-INC001-1', 'ACTION-INC001-2']) {
      const task = cli(ws.root, 'task', id);
      assert.equal(task.code, 0, task.stderr);
      const open = task.stdout.indexOf(`<<<INCIDENT-NOTES id="${id}"`);
      const close = task.stdout.indexOf(`<<<END INCIDENT-NOTES id="${id}">>>`);
      assert.ok(open >= 0 && close > open, task.stdout);
      assert.match(task.stdout.slice(open, close), /NOT reviewed by the team/);
      // Every line holding the hostile words is a quoted line inside the action's fence.
      task.stdout.split('\n').forEach((line, i, all) => {
        if (!/Ignore previous|evil\.example|rm -rf/.test(line)) return;
        const at = all.slice(0, i).join('\n').length;
        assert.ok(at > open && at < close && line.startsWith('| '), `outside the fence or unquoted: ${line}`);
      });
    }
  });

  it('a folder with one file whose format cannot be told: that file fails with its position, the others are read, exit 1', () => {
    const ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    ws.write('exports/bad.json', '{bad');
    ws.write('exports/incidents.json', readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'import', 'pagerduty', 'incidents.json'), 'utf8'));
    const r = cli(ws.root, 'import', '--dry-run', join(ws.root, 'exports'));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^failed {5}\S*bad\.json:1:1: cannot tell the format: give --from /m);
    assert.match(r.stdout, /^created {4}INC-001 .*pagerduty/m);
    // Only files whose format cannot be told: a usage error, as before.
    const none = cli(ws.root, 'import', '--dry-run', join(ws.root, 'exports', 'bad.json'));
    assert.equal(none.code, 2);
    assert.match(none.stderr, /cannot tell the format of .*bad\.json: give --from/);
  });

  it('a CSV mapping without the status column is refused before any row is read (every row would be skipped)', () => {
    const ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    const csv = join(REPO_ROOT, 'test', 'fixtures', 'import', 'csv', 'jira.csv');
    const r = cli(ws.root, 'import', '--dry-run', '--map', 'title=Summary,id=Issue key,started=Created,resolved=Resolved', '--time-zone', 'UTC', csv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the mapping must name the status column \(status: "Status"\)/);
    assert.doesNotMatch(r.stdout + r.stderr, /undefined/);
  });

  it('after importing many, the hint to link them names the first few and counts the rest', () => {
    const ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    const docs = [
      '2i2c-2023-01-23-carbonplan-ingress',
      '2i2c-2025-07-11-cloudbank-healthcheck',
      '2i2c-2025-07-22-openscapes-hub-pods',
      '2i2c-2025-08-12-leap-outage',
      'binder-2017-09-29-504',
      'binder-2018-01-11-ssl-outdated',
    ].map((n) => join(REAL, `${n}.md`));
    const r = cli(ws.root, 'import', '--from', 'markdown', ...docs);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(
      r.stdout,
      /^Link the new incidents to code from git history: incident-lens suggest INC-001 \(and INC-002, INC-003, INC-004 and 2 more, to INC-006\)$/m,
    );
  });
});
