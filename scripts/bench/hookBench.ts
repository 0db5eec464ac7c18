/**
 * The edit hook's latency as Claude Code pays it (issue 30: under 300 ms at
 * 1,000 incidents): a real `node dist/cli.js hook claude-code` process per
 * run, the hook input on stdin, on a generated workspace of 1,000 incidents
 * in a git repository. The first run fills the parse cache (reported apart);
 * then repeated runs alternate an edit of a linked file (an answer), of an
 * unlinked one (nothing) and a tool that is no edit (the process and its
 * bundle only: no records key, no digest), and the median and p95 of the wall time are printed,
 * beside a bare `node -e ''` for the machine's own process start (and their
 * ratio: on a shared, loaded machine the ratio is what stays comparable).
 * Warm runs answer from the per-workspace digest (src/node/hookDigestFile.ts);
 * the first run after a record changed rebuilds it (src/node/agentHookRebuild.ts):
 * timed --rebuilds times at the end, each after a change and with its own
 * bare node start, two ways — as Claude Code meets it (the hook waits at most
 * its budget, then lets the edit through) and waiting for the new digest
 * however long it takes (INCIDENT_LENS_HOOK_WAIT_MS=600000: the rebuild's own cost).
 * --dist DIR times the bundles of another build (an older commit's dist/, for a before/after).
 *
 * --json prints one line of JSON instead (what `npm run bench` reads for its hook rows).
 *
 *   npm run bench:hook [-- --incidents 1000 --runs 30 --rebuilds 10 --dist DIR --json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateWorkspace, writeSourceTree } from './generate';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const N = opt('incidents', 1000);
const RUNS = opt('runs', 30);
const REBUILDS = opt('rebuilds', 10);
const JSON_OUT = args.includes('--json');
const distAt = args.indexOf('--dist');
const DIST = distAt >= 0 ? resolve(args[distAt + 1]!) : resolve(__dirname, '..', '..', '..', 'dist');
let CLI = join(DIST, 'cli.js');

function stats(ms: number[]): { median: number; p95: number; min: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: Math.round(at(0.5)), p95: Math.round(at(0.95)), min: Math.round(s[0]!) };
}

function timedRun(
  cmd: string,
  argv: string[],
  input: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): { ms: number; stdout: string; status: number | null; stderr: string } {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { input, encoding: 'utf8', env, cwd });
  return { ms: performance.now() - t, stdout: r.stdout, status: r.status, stderr: r.stderr };
}

function main(): void {
  const base = mkdtempSync(join(tmpdir(), 'incident-lens-hookbench-'));
  try {
    // A copy of the bundles: a rebuild of dist/ during the runs (another terminal's tests) cannot change what is measured.
    mkdirSync(join(base, 'dist'));
    for (const f of ['cli.js', 'hook.js', 'hookFull.js', 'cliMain.js', 'parseWorker.js']) copyFileSync(join(DIST, f), join(base, 'dist', f));
    CLI = join(base, 'dist', 'cli.js');
    const ws = generateWorkspace(join(base, `n${N}`), N);
    writeSourceTree(ws.root, ws.sourcePaths);
    const git = (...a: string[]) =>
      execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', ...a], { cwd: ws.root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'generated');
    const env = { ...process.env, XDG_CACHE_HOME: join(base, 'cache') };
    // Runs that must build the digest, whatever it takes (a hook otherwise waits at most its budget for it).
    const envWait = { ...env, INCIDENT_LENS_HOOK_WAIT_MS: '600000' };
    // A rebuild still writing the parse cache (it runs on after the digest) is let finish before the next change.
    const settle = () => {
      const building = () => readdirSync(join(base, 'cache'), { recursive: true }).some((f) => String(f).endsWith('.building'));
      for (let i = 0; i < 600 && existsSync(join(base, 'cache')) && building(); i++) spawnSync('sleep', ['0.1']);
    };

    const input = (file: string, tool = 'Edit') =>
      JSON.stringify({
        hook_event_name: 'PreToolUse',
        session_id: 'bench',
        transcript_path: '/dev/null',
        cwd: ws.root,
        tool_name: tool,
        tool_use_id: 't',
        tool_input: tool === 'Edit' ? { file_path: join(ws.root, file), old_string: 'export', new_string: 'export' } : { command: 'ls' },
      });
    // A linked file (the hook answers) and one that no record names (it prints nothing).
    const linked = ws.sourcePaths.find((p) => {
      const r = timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(p), envWait, ws.root);
      return r.stdout.includes('additionalContext');
    });
    if (!linked) throw new Error('no generated source file is linked to an incident');
    const unlinked =
      ws.sourcePaths.find((p) => !timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(p), envWait, ws.root).stdout.trim()) ?? ws.sourcePaths[0]!;
    settle();
    rmSync(join(base, 'cache'), { recursive: true, force: true });
    const cold = timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(linked), envWait, ws.root);
    settle();
    const answered: number[] = [];
    const quiet: number[] = [];
    const bare: number[] = [];
    const noEdit: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const a = timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(linked), env, ws.root);
      if (a.status !== 0 || !a.stdout.includes('additionalContext')) throw new Error(`run ${i}: no answer for a linked file (${a.stderr.trim()})`);
      answered.push(a.ms);
      quiet.push(timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(unlinked), env, ws.root).ms);
      bare.push(timedRun(process.execPath, ['-e', ''], '', env, ws.root).ms);
      noEdit.push(timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(linked, 'Bash'), env, ws.root).ms);
    }
    // After someone changes a record (a pull, an edit): the next run rebuilds the digest from the parse cache (one record re-parsed) and git.
    const record = join(
      ws.root,
      '.incidents',
      readdirSync(join(ws.root, '.incidents')).find((f) => f.endsWith('.yaml'))!,
    );
    const rebuilt: number[] = [];
    const rebuiltAnswered: boolean[] = [];
    const waited: number[] = [];
    const rebuildBare: number[] = [];
    for (let i = 0; i < REBUILDS; i++) {
      settle();
      appendFileSync(record, `# changed ${i}a\n`);
      const r = timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(linked), env, ws.root);
      if (r.status !== 0) throw new Error(`after a change: exit ${r.status} (${r.stderr.trim()})`);
      rebuilt.push(r.ms);
      rebuiltAnswered.push(r.stdout.includes('additionalContext'));
      rebuildBare.push(timedRun(process.execPath, ['-e', ''], '', env, ws.root).ms);
      settle();
      appendFileSync(record, `# changed ${i}b\n`);
      const w = timedRun(process.execPath, [CLI, 'hook', 'claude-code'], input(linked), envWait, ws.root);
      if (!w.stdout.includes('additionalContext')) throw new Error(`after a change, waiting: no answer (${w.stderr.trim()})`);
      waited.push(w.ms);
    }
    settle();
    const a = stats(answered);
    const q = stats(quiet);
    const b = stats(bare);
    const n = stats(noEdit);
    if (JSON_OUT) {
      const rb = stats(rebuilt);
      const line = {
        incidents: ws.incidents,
        runs: RUNS,
        coldMs: Math.round(cold.ms),
        answered: a,
        quiet: q,
        bare: b,
        noEdit: n,
        rebuilds: REBUILDS,
        afterChange: rb,
      };
      console.log(JSON.stringify({ ...line, answeredAfterChange: rebuiltAnswered.filter(Boolean).length }));
      return;
    }
    console.log(`hook claude-code, ${ws.incidents} incidents (${ws.files} record files), ${RUNS} runs each, real processes:`);
    console.log(`  first run (fills the parse cache and the digest): ${Math.round(cold.ms)} ms`);
    const rb = stats(rebuilt);
    const wt = stats(waited);
    const rbb = stats(rebuildBare);
    console.log(`  bundles: ${DIST}`);
    console.log(
      `  first run after a record changed, ${REBUILDS} times: median ${rb.median} ms, p95 ${rb.p95} ms, max ${Math.round(Math.max(...rebuilt))} ms; answered ${rebuiltAnswered.filter(Boolean).length}/${REBUILDS} (${rebuilt.map((ms) => Math.round(ms)).join(', ')})`,
    );
    console.log(`  the same, waiting for the new digest however long: median ${wt.median} ms, p95 ${wt.p95} ms, max ${Math.round(Math.max(...waited))} ms`);
    console.log(`  bare node -e '' right after each:  median ${rbb.median} ms, p95 ${rbb.p95} ms`);
    console.log(`  edit of a linked file (answer):    median ${a.median} ms, p95 ${a.p95} ms, min ${a.min} ms`);
    console.log(`  edit of an unlinked file (quiet):  median ${q.median} ms, p95 ${q.p95} ms, min ${q.min} ms`);
    console.log(`  a tool that is no edit (Bash):     median ${n.median} ms, p95 ${n.p95} ms (the process and the hook bundle alone)`);
    console.log(`  bare node -e '' on this machine:   median ${b.median} ms, p95 ${b.p95} ms`);
    console.log(
      `  hook minus bare node (median):    ${a.median - b.median} ms answered, ${q.median - b.median} ms quiet (the machine's load moves both alike)`,
    );
    console.log(
      `  hook / bare node (median):        ${(a.median / b.median).toFixed(2)}× answered, ${(q.median / b.median).toFixed(2)}× quiet; p95 ${(a.p95 / b.p95).toFixed(2)}× and ${(q.p95 / b.p95).toFixed(2)}×`,
    );
    console.log(`  budget 300 ms: ${a.p95 <= 300 && q.p95 <= 300 ? 'met' : 'NOT met'} at p95`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main();
