/**
 * The edit hook's rebuild after a record changed (src/node/agentHookRebuild.ts)
 * with real processes (dist/cli.js): the rebuild runs in a detached process
 * that outlives the hook, so a hook that cannot wait for it (or is killed, as
 * Claude Code kills a hook at its timeout) lets the edit through at once with
 * a note on stderr, and the next edit is answered from the digest the
 * background process wrote. One rebuild at a time; an abandoned lock is taken over.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateWorkspace, writeSourceTree } from '../../../scripts/bench/generate';
import { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { hookDigestPath } from '../../../src/node/hookDigestFile';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** Where a hook run with XDG_CACHE_HOME=cache keeps the digest of root's records. */
function hookDigestPathIn(cache: string, root: string): string {
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cache;
  try {
    return hookDigestPath(root, '.incidents');
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
}
const FILE = 'src/payments/stripeWebhook.ts';

describe('edit hook: the digest is rebuilt in a detached process, the hook never waits past its budget', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let cache: string;
  let env: NodeJS.ProcessEnv;
  let digestFile: string;
  before(() => {
    ws = new TempWorkspace(true);
    cache = mkdtempSync(join(tmpdir(), 'incident-lens-rebuild-cache-'));
    env = { ...process.env, XDG_CACHE_HOME: cache, INCIDENT_LENS_NOW: '2026-12-07T10:00:00Z' };
    digestFile = hookDigestPathIn(cache, ws.root);
  });
  after(() => {
    ws.dispose();
    rmSync(cache, { recursive: true, force: true });
  });

  const input = () =>
    JSON.stringify({
      hook_event_name: 'PreToolUse',
      session_id: 's',
      transcript_path: join(ws.root, 't.jsonl'),
      cwd: ws.root,
      tool_name: 'Edit',
      tool_use_id: 'toolu_1',
      tool_input: { file_path: join(ws.root, FILE), old_string: 'handleStripeWebhook', new_string: 'handleStripeWebhook' },
    });
  const run = (waitMs: number) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'hook', 'claude-code', '--verbose'], {
      cwd: ws.root,
      input: input(),
      encoding: 'utf8',
      env: { ...env, INCIDENT_LENS_HOOK_WAIT_MS: String(waitMs) },
    });
    return { ...r, ms: performance.now() - t };
  };
  const lock = () => `${digestFile}.building`;
  async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a hook that cannot wait lets the edit through with a note; the background process writes the digest the next edit answers from', async () => {
    const first = run(0);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, '', 'no answer from a digest that does not exist yet');
    assert.match(first.stderr, /being rebuilt in the background.*this edit goes ahead without incident context/);
    assert.ok(existsSync(lock()), 'the rebuild is still under way when the hook has answered');
    await until('the background rebuild', () => !existsSync(lock()));
    assert.ok(existsSync(digestFile), 'the detached process wrote the digest');
    const next = run(0);
    assert.equal(next.status, 0, next.stderr);
    assert.match(next.stderr, /answered from the digest/);
    assert.match(next.stdout, /INC-023/);
  });

  it('after a record changes: the stale digest is not answered from; with time to wait, the same run answers from the new digest', async () => {
    appendFileSync(join(ws.root, '.incidents', 'INC-023.yaml'), '# changed\n');
    const stale = run(0);
    assert.equal(stale.stdout, '', 'the digest of the records before the change is not used');
    assert.match(stale.stderr, /being rebuilt in the background/);
    await until('the background rebuild', () => !existsSync(lock()));
    appendFileSync(join(ws.root, '.incidents', 'INC-023.yaml'), '# changed again\n');
    const waited = run(60_000);
    assert.equal(waited.status, 0, waited.stderr);
    assert.match(waited.stdout, /INC-023/);
    assert.doesNotMatch(waited.stderr, /answered from the digest|goes ahead/);
    await until('the background rebuild to finish', () => !existsSync(lock()));
  });

  it("a records folder named like an option (the wiring's --folder is repository content) still reaches the rebuild as a value", async () => {
    // test/fixtures/hostile/agents/README.md: the folder "-incidents".
    const odd = new TempWorkspace(true);
    try {
      cpSync(join(odd.root, '.incidents'), join(odd.root, '-incidents'), { recursive: true });
      rmSync(join(odd.root, '.incidents'), { recursive: true, force: true });
      const r = spawnSync(process.execPath, [CLI, 'hook', 'claude-code', '--folder=-incidents'], {
        cwd: odd.root,
        input: input().split(ws.root).join(odd.root),
        encoding: 'utf8',
        env: { ...env, INCIDENT_LENS_HOOK_WAIT_MS: '60000' },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /INC-023/, `the detached rebuild read -incidents/: ${r.stderr}`);
    } finally {
      odd.dispose();
    }
  });

  it('one rebuild at a time: a hook meeting a fresh lock starts none and says so; an abandoned lock is taken over', async () => {
    appendFileSync(join(ws.root, '.incidents', 'INC-023.yaml'), '# changed a third time\n');
    mkdirSync(dirname(lock()), { recursive: true });
    writeFileSync(lock(), '');
    const held = run(300);
    assert.equal(held.stdout, '');
    assert.match(held.stderr, /another hook is rebuilding the incident digest/);
    assert.ok(existsSync(lock()), 'the other rebuild\u2019s lock is left alone');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock(), old, old);
    const taken = run(60_000);
    assert.match(taken.stdout, /INC-023/, taken.stderr);
    await until('the lock released', () => !existsSync(lock()));
  });

  it('a lock left by a hook killed before it started the rebuild, or naming a process that is gone, is taken over at once', async () => {
    for (const [holder, ageMs] of [
      ['', 10_000],
      [String(spawnSync(process.execPath, ['-e', '0']).pid), 0],
    ] as const) {
      appendFileSync(join(ws.root, '.incidents', 'INC-023.yaml'), `# changed, lock ${holder || 'empty'}\n`);
      mkdirSync(dirname(lock()), { recursive: true });
      writeFileSync(lock(), holder);
      const at = new Date(Date.now() - ageMs);
      utimesSync(lock(), at, at);
      const r = run(60_000);
      assert.match(r.stdout, /INC-023/, `lock "${holder}": ${r.stderr}`);
      await until('the lock released', () => !existsSync(lock()));
    }
  });

  it('a hook killed while it waits (Claude Code at its timeout) does not take the rebuild with it', async () => {
    // 300 generated incidents and a cold parse cache: the rebuild takes longer than the kill takes to land.
    const gen = generateWorkspace(join(cache, 'gen'), 300);
    writeSourceTree(gen.root, gen.sourcePaths);
    const index = new IncidentIndex(new NodeFileAccess(gen.root), { folder: '.incidents' });
    await index.load();
    const incident = index.incidents().find((i) => i.links.some((l) => l.symbol && gen.sourcePaths.includes(l.path)))!;
    const link = incident.links.find((l) => l.symbol && gen.sourcePaths.includes(l.path))!;
    const edit = JSON.stringify({
      hook_event_name: 'PreToolUse',
      cwd: gen.root,
      tool_name: 'Edit',
      tool_input: { file_path: join(gen.root, link.path), old_string: link.symbol, new_string: link.symbol },
    });
    const genLock = `${hookDigestPathIn(cache, gen.root)}.building`;
    const hook = spawn(process.execPath, [CLI, 'hook', 'claude-code'], { cwd: gen.root, env: { ...env, INCIDENT_LENS_HOOK_WAIT_MS: '60000' }, stdio: 'pipe' });
    hook.stdin.end(edit);
    const done = new Promise<NodeJS.Signals | null>((resolve) => hook.on('exit', (_code, signal) => resolve(signal)));
    // Killed once the rebuild's process is named in the lock (a kill before that is the case above).
    await until('the rebuild to start', () => /^\d+$/.test((existsSync(genLock) && readFileSync(genLock, 'utf8')) || ''));
    hook.kill('SIGKILL');
    assert.equal(await done, 'SIGKILL', 'the hook was killed while it waited');
    await until('the background rebuild', () => !existsSync(genLock));
    const next = spawnSync(process.execPath, [CLI, 'hook', 'claude-code', '--verbose'], {
      cwd: gen.root,
      input: edit,
      encoding: 'utf8',
      env: { ...env, INCIDENT_LENS_HOOK_WAIT_MS: '0' },
    });
    assert.match(next.stderr, /answered from the digest/);
    assert.ok(next.stdout.includes(incident.id), next.stdout);
  });
});
