/**
 * The command line's figures for npm run bench (issue 29): `incident-lens
 * risk FILE`, the MCP server's first answer and the pre-push hook, each cold
 * (an empty cache folder) and warm (the cache the previous run wrote), as
 * whole processes of the production bundles. The bundles are copied first,
 * so a rebuild of dist/ meanwhile cannot change what is measured.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface CliRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly note?: string;
}

const BUNDLES = ['cli.js', 'cliMain.js', 'hook.js', 'parseWorker.js'];

function copyBundles(repo: string): string {
  const bin = mkdtempSync(join(tmpdir(), 'incident-lens-bench-bin-'));
  for (const b of BUNDLES) cpSync(join(repo, 'dist', b), join(bin, b));
  return bin;
}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

/** The workspace as a git repository of two commits, the second changing a linked file (what a push sends). */
function pushedCommits(root: string, linked: string): { from: string; to: string } {
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'records and code']);
  const from = git(root, ['rev-parse', 'HEAD']);
  writeFileSync(join(root, linked), `// changed by the benchmark\nexport const changed = ${Date.now()};\n`);
  git(root, ['commit', '-q', '-am', 'change a linked file']);
  return { from, to: git(root, ['rev-parse', 'HEAD']) };
}

/** What a CI checkout does: git writes every record file anew (each with a new modification time), its index in step. */
function freshCheckout(root: string): void {
  rmSync(join(root, '.incidents'), { recursive: true, force: true });
  git(root, ['checkout', '--', '.incidents']);
}

function timedRun(bin: string, root: string, cache: string, args: string[], input?: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(bin, 'cli.js'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, INCIDENT_LENS_CACHE_DIR: cache },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`incident-lens ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return ms;
}

/** Spawn to the first tool answer: initialize, initialized, then incidents_for_code on the linked file. */
function mcpFirstAnswer(bin: string, root: string, cache: string, linked: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(bin, 'cli.js'), 'mcp', root], {
      env: { ...process.env, INCIDENT_LENS_CACHE_DIR: cache },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => reject(new Error(`the MCP server exited (${code}) before answering:\n${stderr.slice(-2000)}`)));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, nl)) as { id?: number; result?: { content?: unknown[] } };
        buffer = buffer.slice(nl + 1);
        if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'incidents_for_code', arguments: { files: [linked] } } });
        } else if (message.id === 2) {
          const ms = performance.now() - t0;
          child.removeAllListeners('exit');
          child.kill();
          if (!message.result?.content?.length) reject(new Error('the MCP server answered without content'));
          else resolve(ms);
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * Cold and warm figures of the three command-line faces over `runs` runs
 * (each cold run with a new, empty cache folder), with the floor measured in
 * the same run for the ratio. `linked` is a source file linked to incidents.
 */
export async function cliFigures(repo: string, root: string, linked: string, runs: number, floorMs: number, log: (m: string) => void): Promise<CliRow[]> {
  const bin = copyBundles(repo);
  const { from, to } = pushedCommits(root, linked);
  const caches = mkdtempSync(join(tmpdir(), 'incident-lens-bench-cache-'));
  const faces: Array<{ name: string; run: (cache: string) => Promise<number> | number }> = [
    {
      name: 'incident-lens risk FILE (reads only the records that may bear on it; its scan digest)',
      run: (cache) => timedRun(bin, root, cache, ['risk', linked]),
    },
    { name: 'MCP server, spawn to first answer (incidents_for_code)', run: (cache) => mcpFirstAnswer(bin, root, cache, linked) },
    {
      name: 'pre-push hook (risk --pre-push, one pushed commit)',
      run: (cache) => timedRun(bin, root, cache, ['risk', '--pre-push', 'origin'], `refs/heads/main ${to} refs/heads/main ${from}\n`),
    },
  ];
  const rows: CliRow[] = [];
  // CI: the cache restored (actions/cache, cache:paths) into a fresh checkout, where every file has a new time.
  const ciFaces = [
    { name: 'risk FILE', args: ['risk', linked] },
    { name: 'risk --diff (every record)', args: ['risk', '--diff', from] },
  ];
  for (const face of ciFaces) {
    const cache = join(caches, `ci-${rows.length}`);
    mkdirSync(cache);
    timedRun(bin, root, cache, face.args);
    const ci: number[] = [];
    for (let r = 0; r < runs; r++) {
      freshCheckout(root);
      ci.push(timedRun(bin, root, cache, face.args));
    }
    rows.push({
      name: `incident-lens ${face.name} in CI: a fresh checkout (git checkout) with its cache restored`,
      value: median(ci),
      unit: 'ms',
      target: '≤ 1000',
      note: `${((median(ci) / floorMs) * 100).toFixed(1)}% of the floor; clean files known from git's index`,
    });
    log(`  ${face.name} in CI with a restored cache: ${ci.map((v) => v.toFixed(0)).join(', ')} ms`);
  }
  for (const face of faces) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let r = 0; r < runs; r++) {
      const cache = join(caches, `${rows.length}-${r}`);
      mkdirSync(cache);
      cold.push(await face.run(cache));
      warm.push(await face.run(cache));
      log(`  ${face.name}: cold ${cold.at(-1)!.toFixed(0)} ms, warm ${warm.at(-1)!.toFixed(0)} ms`);
    }
    rows.push({
      name: `${face.name}, cold (empty cache)`,
      value: median(cold),
      unit: 'ms',
      target: '≤ 5000',
      note: `${(median(cold) / floorMs).toFixed(2)}× the floor`,
    });
    rows.push({
      name: `${face.name}, warm (its cache)`,
      value: median(warm),
      unit: 'ms',
      target: '≤ 1000',
      note: `${((median(warm) / floorMs) * 100).toFixed(1)}% of the floor`,
    });
  }
  return rows;
}
