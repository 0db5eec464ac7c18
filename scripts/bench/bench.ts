/**
 * npm run bench [-- --incidents N] [--runs R] [--json] [--vscode]
 *
 * Generates a synthetic workspace (scripts/bench/generate.ts) and measures, in
 * one process run, the figures the benchmark issue asks for against their
 * floors and baselines. Medians over R runs (default 3); p50/p99 over many
 * look-ups. Run with --expose-gc (the npm script does) for heap figures.
 * --vscode adds activation and first-CodeLens figures measured inside
 * code-server's extension host (needs scripts/setup-code-server.sh).
 */
import { prepareSimilar, SimilarIndex } from '../../src/core/search/similarIncidents';
import { spawnSync } from 'node:child_process';
import { promises as fs, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { IncidentIndex } from '../../src/core/index/incidentIndex';
import { insightsData } from '../../src/core/insights/insightsView';
import { loadedRecordCount } from '../../src/core/records/lazyIncident';
import { parseRecordText } from '../../src/core/records/parseRecord';
import { readBlockYaml } from '../../src/core/records/blockYaml';
import { readRecordHead } from '../../src/core/records/recordHead';
import { compileGlob, normalizePath } from '../../src/core/links/linkIndex';
import { generateWorkspace, writeSourceTree, type GeneratedWorkspace } from './generate';
import { maxBlock, timed } from './measure';
import { commandLinePoolSize, hostPoolSize, ParsePool } from '../../src/node/parsePool';
import { coldLoadPair, type ColdLoad } from './coldLoad';
import { LoadCache } from '../../src/node/loadCache';
import { cliFigures } from './cliBench';
import { soakFigures } from './soakBench';
import { activationBundle } from './activationBundle';

interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly note?: string;
}

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const N = opt('--incidents', 10_000);
const RUNS = opt('--runs', 3);
const JSON_OUT = args.includes('--json');
/** --cli: the floor and the command line's figures only (risk, MCP, pre-push; cold and warm). */
const CLI_ONLY = args.includes('--cli');
/** --soak: only the soak at full size (10,000 edits, 100 reloads from the cache, on the generated workspace). */
const SOAK_ONLY = args.includes('--soak');
const REPO = join(__dirname, '..', '..', '..');

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))]!;
}

function log(message: string): void {
  if (!JSON_OUT) process.stderr.write(`${message}\n`);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function recordFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.yaml')) out.push(p);
    }
  };
  await walk(join(root, '.incidents'));
  return out.sort();
}

/** The floor: read every record and `yaml.parse` it, nothing else. */
async function floor(root: string): Promise<number> {
  const files = await recordFiles(root);
  const t0 = performance.now();
  for (const f of files) {
    try {
      parse(await fs.readFile(f, 'utf8'));
    } catch {
      // broken files count too
    }
  }
  return performance.now() - t0;
}

/**
 * The record-head reader on the same files: read + the block-YAML reader
 * alone (data, as the floor's yaml.parse gives), and read + the head reader
 * (schema checked, record built; the full parser for what it leaves).
 */
async function headFloors(root: string): Promise<{ dataMs: number; headMs: number; fellBack: number }> {
  const files = await recordFiles(root);
  let t0 = performance.now();
  for (const f of files) readBlockYaml(await fs.readFile(f, 'utf8'));
  const dataMs = performance.now() - t0;
  gc();
  let fellBack = 0;
  t0 = performance.now();
  for (const f of files) {
    const text = await fs.readFile(f, 'utf8');
    if (!readRecordHead(f, text)) {
      fellBack++;
      parseRecordText(f, text);
    }
  }
  return { dataMs, headMs: performance.now() - t0, fellBack };
}

/** The two parsers alone on the same texts in memory (up to 2,000 files), alternating, medians of 5: no reads in the figure. */
async function parserRatio(root: string): Promise<{ yamlMs: number; blockMs: number }> {
  const texts = await Promise.all((await recordFiles(root)).slice(0, 2000).map((f) => fs.readFile(f, 'utf8')));
  const yamlRuns: number[] = [];
  const blockRuns: number[] = [];
  for (let k = 0; k < 5; k++) {
    gc();
    let t0 = performance.now();
    for (const t of texts) {
      try {
        parse(t);
      } catch {
        // broken files count too
      }
    }
    yamlRuns.push(performance.now() - t0);
    gc();
    t0 = performance.now();
    for (const t of texts) readBlockYaml(t);
    blockRuns.push(performance.now() - t0);
  }
  return { yamlMs: median(yamlRuns), blockMs: median(blockRuns) };
}

async function loadIndex(root: string, how: { pool?: ParsePool; cache?: LoadCache }): Promise<IncidentIndex> {
  const access = new NodeFileAccess(root);
  const pool = how.pool;
  const index = new IncidentIndex(access, {
    checkLinkTargets: true,
    bulkParse: pool ? (paths, options) => pool.parse(root, paths, options) : undefined,
    bulkStat: pool ? (paths) => pool.stat(root, paths) : undefined,
    cache: how.cache,
  });
  await index.load();
  // The cache is written in the background after a load; wait so runs do not overlap.
  await index.cacheWrite;
  return index;
}

/** `hook claude-code` as Claude Code pays it: real processes, 1,000 incidents (scripts/bench/hookBench.ts --json). */
function hookFigures(): Row[] {
  const r = spawnSync(process.execPath, [join(__dirname, 'hookBench.js'), '--incidents', '1000', '--runs', '20', '--rebuilds', '3', '--json'], {
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').at(-1);
  if (r.status !== 0 || !line) {
    log(`  hook bench failed: ${r.stderr.trim()}`);
    return [];
  }
  type S = { median: number; p95: number };
  const h = JSON.parse(line) as { answered: S; quiet: S; bare: S; afterChange: S; answeredAfterChange: number; rebuilds: number };
  return [
    {
      name: 'agent edit hook at 1,000 incidents, linked edit (answer), p95 of 20',
      value: h.answered.p95,
      unit: 'ms',
      target: '≤ 300',
      note: `median ${h.answered.median} ms`,
    },
    {
      name: 'agent edit hook, unlinked edit (nothing to say), p95 of 20',
      value: h.quiet.p95,
      unit: 'ms',
      target: '≤ 300',
      note: `median ${h.quiet.median} ms`,
    },
    {
      name: "bare node -e '' in the same runs, p95",
      value: h.bare.p95,
      unit: 'ms',
      note: `median ${h.bare.median} ms; hook / bare node ${(h.answered.median / h.bare.median).toFixed(2)}× at the median`,
    },
    {
      name: 'agent edit hook, first run after a record changed (digest rebuilt), median',
      value: h.afterChange.median,
      unit: 'ms',
      note: `p95 ${h.afterChange.p95} ms; answered ${h.answeredAfterChange} of ${h.rebuilds}`,
    },
  ];
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    log(`  ${row.name}: ${row.value.toFixed(row.unit === 'ms' && row.value < 10 ? 3 : 1)} ${row.unit}${row.target ? `  (target ${row.target})` : ''}`);
  };
  const base = join(tmpdir(), `incident-lens-bench-${process.pid}`);
  log(`generating ${N} incidents…`);
  const ws = generateWorkspace(join(base, `n${N}`), N);
  writeSourceTree(ws.root, ws.sourcePaths);
  log(`${ws.files} record files, ${(ws.bytes / 1e6).toFixed(1)} MB`);
  const cacheDir = join(base, 'cache');
  if (SOAK_ONLY) {
    for (const row of await soakFigures(ws.root)) add(row);
    await fs.rm(base, { recursive: true, force: true });
    return report(rows, ws);
  }

  // Floor and cold load, alternating so both see the same machine state.
  const floors: number[] = [];
  const heads: Array<{ dataMs: number; headMs: number; fellBack: number }> = [];
  const colds: ColdLoad[] = [];
  const coldsAllCores: ColdLoad[] = [];
  const pool = new ParsePool(undefined, hostPoolSize());
  const allCores = new ParsePool(undefined, commandLinePoolSize());
  let index!: IncidentIndex;
  for (let r = 0; r < RUNS; r++) {
    // Each pair starts from the same empty heap: the last run's index, kept alive, would make
    // the floor (which allocates on this thread) pay for its garbage collection.
    index = undefined as unknown as IncidentIndex;
    await new Promise((resolve) => setTimeout(resolve, 200));
    gc();
    floors.push(await floor(ws.root));
    gc();
    heads.push(await headFloors(ws.root));
    gc();
    log(
      `  run ${r + 1}: floor ${floors.at(-1)!.toFixed(0)} ms, block-YAML reader ${heads.at(-1)!.dataMs.toFixed(0)} ms, head reader ${heads.at(-1)!.headMs.toFixed(0)} ms`,
    );
    if (CLI_ONLY) continue;
    // As the extension loads (heads first, the host's pool), and with a worker on every core, alternating.
    const pair = await coldLoadPair(ws.root, pool, allCores, gc);
    colds.push(pair.host);
    coldsAllCores.push(pair.everyCore);
    index = pair.index;
    for (const [label, cold, size] of [
      ['host pool', pair.host, pool.size],
      ['every core', pair.everyCore, allCores.size],
    ] as const)
      log(
        `  run ${r + 1}: cold load (${label}, ${size} worker${size === 1 ? '' : 's'}): heads ${cold.headsMs.toFixed(0)} ms, full read ${cold.fullMs.toFixed(0)} ms, longest block ${cold.blockedMs.toFixed(1)} ms, longest GC ${cold.gcMs.toFixed(1)} ms`,
      );
  }
  const floorMs = median(floors);
  add({ name: 'floor: read + yaml.parse of every record', value: floorMs, unit: 'ms' });
  const dataMs = median(heads.map((h) => h.dataMs));
  const headMs = median(heads.map((h) => h.headMs));
  add({ name: 'read + block-YAML reader (blockYaml.ts, no yaml documents) of every record', value: dataMs, unit: 'ms' });
  add({ name: 'yaml.parse / block-YAML reader, same runs', value: floorMs / dataMs, unit: '×' });
  const inMemory = await parserRatio(ws.root);
  add({
    name: 'yaml.parse / block-YAML reader on the same texts in memory (up to 2,000 files, median of 5)',
    value: inMemory.yamlMs / inMemory.blockMs,
    unit: '×',
    note: `${inMemory.yamlMs.toFixed(0)} / ${inMemory.blockMs.toFixed(0)} ms`,
  });
  add({
    name: 'read + record-head reader (schema, records built; the full parser where it falls back)',
    value: headMs,
    unit: 'ms',
    note: `${heads[0]!.fellBack} of ${ws.files} files fell back; ${((headMs / floorMs) * 100).toFixed(1)}% of the floor`,
  });
  // The command line: whole processes of the production bundles, cold and with their cache.
  for (const row of await cliFigures(REPO, ws.root, ws.sourcePaths[0]!, RUNS, floorMs, log)) add(row);
  // The agents' edit hook (issue 30), on its own 1,000-incident workspace, beside bare node in the same run.
  for (const row of hookFigures()) add(row);
  if (CLI_ONLY) {
    await fs.rm(base, { recursive: true, force: true });
    return report(rows, ws);
  }
  const m = (loads: ColdLoad[], f: (c: ColdLoad) => number) => median(loads.map(f));
  add({ name: `cold load as the extension: record heads in (host pool, ${pool.size} worker(s))`, value: m(colds, (c) => c.headsMs), unit: 'ms' });
  add({ name: 'cold load: heads in / floor (what the editor waits for)', value: m(colds, (c) => c.headsMs) / floorMs, unit: '×', target: '≤ 0.5' });
  add({
    name: 'cold load: the full read behind them in',
    value: m(colds, (c) => c.fullMs),
    unit: 'ms',
    note: `${(m(colds, (c) => c.fullMs) / floorMs).toFixed(2)}× the floor`,
  });
  add({
    name: 'longest event-loop block during cold load (heads and full read)',
    value: m(colds, (c) => c.blockedMs),
    unit: 'ms',
    target: '≤ 50',
    note: `runs ${colds.map((c) => c.blockedMs.toFixed(0)).join(', ')}`,
  });
  add({ name: 'longest garbage-collection pause during cold load', value: m(colds, (c) => c.gcMs), unit: 'ms', note: 'part of the block above' });
  add({
    name: `the same with a worker on every core (${allCores.size}): heads in / full read`,
    value: m(coldsAllCores, (c) => c.headsMs),
    unit: 'ms',
    note: `full read ${m(coldsAllCores, (c) => c.fullMs).toFixed(0)} ms`,
  });
  add({
    name: 'longest event-loop block with a worker on every core',
    value: m(coldsAllCores, (c) => c.blockedMs),
    unit: 'ms',
    note: `runs ${coldsAllCores.map((c) => c.blockedMs.toFixed(0)).join(', ')}; longest GC ${m(coldsAllCores, (c) => c.gcMs).toFixed(0)} ms`,
  });

  // Warm load: a persistent cache filled by one load, then loads with nothing changed.
  const cache = new LoadCache(cacheDir, 'bench', (p) => fs.readFile(join(ws.root, p), 'utf8'));
  await loadIndex(ws.root, { pool, cache });
  const warms: number[] = [];
  const warmBlocks: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    const warm = await maxBlock(() =>
      timed(() => loadIndex(ws.root, { pool, cache: new LoadCache(cacheDir, 'bench', (p) => fs.readFile(join(ws.root, p), 'utf8')) })),
    );
    warms.push(warm.value.ms);
    warmBlocks.push(warm.blockedMs);
    const same = warm.value.value.incidents().length === index.incidents().length && warm.value.value.diagnostics().length === index.diagnostics().length;
    if (!same) throw new Error('warm load differs from the cold load');
  }
  add({ name: 'warm load (cache, nothing changed)', value: median(warms), unit: 'ms' });
  add({ name: 'warm load / floor', value: (median(warms) / floorMs) * 100, unit: '%', target: '< 5' });
  add({ name: 'longest event-loop block during warm load', value: median(warmBlocks), unit: 'ms', target: '≤ 50' });
  await pool.dispose();

  // Heap after load: the loaded index only (the warm loads' indexes are garbage once the
  // event loop has turned; a gc() in the same tick still sees them), then with the search index.
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  const memory = process.memoryUsage();
  add({ name: 'heap used after load', value: memory.heapUsed / 1e6, unit: 'MB', target: '< 250' });
  add({ name: "external memory (incidents' full records as bytes, off the JS heap)", value: memory.external / 1e6, unit: 'MB' });
  {
    // The extension builds the search index in the background after each load, in slices.
    const prepared = new IncidentIndex(new NodeFileAccess(ws.root), { checkLinkTargets: true, cache: new LoadCache(cacheDir, 'bench'), prepareSearch: true });
    await prepared.load();
    const searchBuild = await maxBlock(() => timed(() => prepared.searchBuild));
    add({ name: 'search index built in the background after a load', value: searchBuild.value.ms, unit: 'ms' });
    add({ name: 'longest event-loop block while it builds', value: searchBuild.blockedMs, unit: 'ms', target: '≤ 50' });
    add({ name: 'longest garbage-collection pause while it builds', value: searchBuild.gcMs, unit: 'ms', note: 'part of the block above' });
  }
  index.search();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  add({ name: 'heap used with the search index', value: process.memoryUsage().heapUsed / 1e6, unit: 'MB', target: '< 250' });

  // Incremental update after one file changes.
  const target = '.incidents/INC-001.yaml';
  const original = await fs.readFile(join(ws.root, target), 'utf8');
  const updates: number[] = [];
  for (let r = 0; r < 200; r++) {
    await fs.writeFile(join(ws.root, target), original.replace('title: "', `title: "r${r} `));
    updates.push((await timed(() => index.refreshFile(target))).ms);
  }
  await fs.writeFile(join(ws.root, target), original);
  await index.refreshFile(target);
  // The main thread parsed nothing during the load (workers did): its first edits run the parser cold.
  add({ name: 'incremental update of one file: first 20 edits (median)', value: median(updates.slice(0, 20)), unit: 'ms' });
  add({ name: 'incremental update of one file (median of 200 edits)', value: median(updates), unit: 'ms', target: '< 5' });

  // Link look-up for a file, against a linear scan over every record's links.
  const lookups: number[] = [];
  const linear: number[] = [];
  const records = [...index.incidents(), ...index.actionRecords()];
  const scan = (path: string) => {
    const p = normalizePath(path);
    let n = 0;
    for (const r of records)
      for (const l of r.links)
        if (normalizePath(l.path) === p || (l.path.endsWith('/') && p.startsWith(l.path)) || (/[*?[{]/.test(l.path) && !!compileGlob(l.path).matcher?.test(p)))
          n++;
    return n;
  };
  const sample = ws.sourcePaths.filter((_, i) => i % 10 === 0);
  // One untimed pass first (the look-up code is compiled on its first calls), then three timed passes.
  for (const p of sample) index.linksForFile(p);
  for (const p of [...sample, ...sample, ...sample]) {
    const t0 = performance.now();
    const hits = index.linksForFile(p).length;
    lookups.push(performance.now() - t0);
    if (lookups.length <= 50) {
      const t1 = performance.now();
      const expected = scan(p);
      linear.push(performance.now() - t1);
      if (expected !== hits) throw new Error(`look-up of ${p}: index ${hits}, scan ${expected}`);
    }
  }
  add({ name: 'file look-up p50', value: percentile(lookups, 50), unit: 'ms' });
  add({ name: 'file look-up p99', value: percentile(lookups, 99), unit: 'ms', target: '< 0.1' });
  add({ name: 'linear scan p50 (baseline)', value: percentile(linear, 50), unit: 'ms' });
  add({ name: 'look-up speed-up over the scan (p50)', value: percentile(linear, 50) / percentile(lookups, 50), unit: '×', target: '≥ 100' });

  // Insights: every figure the view draws (and the CLI's metrics/hotspots print), on the heads only.
  {
    const loadedBefore = loadedRecordCount();
    const times: number[] = [];
    let data: ReturnType<typeof insightsData> | undefined;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      data = insightsData(index, i % 2 ? { priorities: ['P1', 'P2'] } : {}, Date.now());
      times.push(performance.now() - t0);
    }
    add({ name: `Insights: all figures for ${data!.total} incidents (median of 7, filters on and off)`, value: median(times), unit: 'ms', target: '< 200' });
    add({ name: 'Insights: full records loaded to compute them', value: loadedRecordCount() - loadedBefore, unit: '', target: '0' });
  }

  // Similar past incidents: the first question reads every full record (in slices: the longest block is what a user feels); later ones reuse the documents.
  {
    const incidents = index.incidents();
    let longest = 0;
    let last = performance.now();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const reading = await maxBlock(() =>
      prepareSimilar(incidents, async () => {
        longest = Math.max(longest, performance.now() - last);
        await new Promise<void>((resolve) => setImmediate(resolve));
        last = performance.now();
      }),
    );
    longest = Math.max(longest, performance.now() - last);
    new SimilarIndex(incidents).similar({ incident: incidents[Math.floor(incidents.length / 2)]!, limit: 3 });
    const cpu = process.cpuUsage(cpu0);
    add({
      name: `similar incidents: first question over ${incidents.length} incidents (their words listed at parse time)`,
      value: performance.now() - t0,
      unit: 'ms',
      target: '≤ 1000',
    });
    add({ name: 'similar incidents: first question, CPU time', value: (cpu.user + cpu.system) / 1000, unit: 'ms' });
    add({ name: 'similar incidents: longest event-loop block while reading them', value: longest, unit: 'ms', target: '≤ 50' });
    add({ name: 'similar incidents: longest garbage-collection pause while reading them', value: reading.gcMs, unit: 'ms', note: 'part of the block above' });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t1 = performance.now();
      new SimilarIndex(incidents).similar(
        i % 2 ? { text: 'retry loop starved the queue after a deploy', limit: 3 } : { incident: incidents[i * 97]!, limit: 3 },
      );
      times.push(performance.now() - t1);
    }
    add({ name: 'similar incidents: next questions (median of 7, by id and by text)', value: median(times), unit: 'ms', target: '< 500' });
  }

  // Search: realistic queries with a known right answer, at N and at 1,000.
  const searchFigures = async (idx: IncidentIndex, queries: GeneratedWorkspace['queries'], label: string) => {
    const times: number[] = [];
    let wrong = 0;
    idx.search().search('warm up');
    for (let r = 0; r < 5; r++) {
      for (const q of queries) {
        const t0 = performance.now();
        const hits = idx.search().search(q.query, 20);
        times.push(performance.now() - t0);
        if (hits[0]?.incident.id !== q.expected) wrong++;
      }
    }
    add({ name: `search p50 at ${label}`, value: percentile(times, 50), unit: 'ms', target: '< 50' });
    add({ name: `search p99 at ${label}`, value: percentile(times, 99), unit: 'ms', target: '< 150' });
    add({ name: `search: wrong first result at ${label}`, value: wrong / 5, unit: `of ${queries.length} queries`, target: '0' });
  };
  await searchFigures(index, ws.queries, `${N}`);
  if (N !== 1000) {
    const small = generateWorkspace(join(base, 'n1000'), 1000);
    await searchFigures(await loadIndex(small.root, {}), small.queries, '1000');
  }

  // Hostile input: how fast the guards refuse.
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`),
    'id: INC-1',
  ].join('\n');
  const deep = `id: INC-1\nlinks: ${'['.repeat(100_000)}`;
  for (const [name, text] of [
    ['alias bomb (9^7 nodes) refused in', bomb],
    ['100,000 nested [ refused in', deep],
  ] as const) {
    const t: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      parseRecordText('.incidents/INC-1.yaml', text);
      t.push(performance.now() - t0);
    }
    add({ name, value: median(t), unit: 'ms' });
  }

  // Production bundle: what activation reads (dist/extension.js and the chunks it requires at once), and all of it.
  // Built into a folder of its own as `npm run package` builds it: dist/ is rebuilt by any test run meanwhile.
  {
    const dist = join(base, 'bundle');
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', dist], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the production bundle did not build:\n${build.stderr}`);
    const activation = activationBundle(REPO, dist);
    const all = readdirSync(dist).reduce((n, f) => n + statSync(join(dist, f)).size, 0);
    add({
      name: `production bundle: what activation reads (dist/extension.js + ${activation.files.length - 1} chunks)`,
      value: activation.bytes / 1024,
      unit: 'KB',
      target: '< 500',
      note: 'esbuild.mjs --production, as npm run package builds it',
    });
    add({ name: 'production bundle: all of it, the parts loaded on first use included', value: all / 1024, unit: 'KB' });
  }

  await fs.rm(base, { recursive: true, force: true });

  // --vscode: activation and first CodeLens inside the real extension host (code-server harness).
  if (args.includes('--vscode')) {
    log('measuring in code-server (demo, then the generated workspace)…');
    const run = spawnSync(process.execPath, [join(REPO, 'out', 'test', 'harness', 'runIntegration.js'), '--bench', String(N)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH '));
    if (!line) throw new Error(`the code-server benchmark failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
    const figures = JSON.parse(line.slice('BENCH '.length)) as Record<
      string,
      {
        activateMs: number;
        readyMs: number;
        fullReadMs: number;
        firstLensMs: number;
        openedMs: number;
        warmReloadMs: number;
        warmReloadLongestBlockMs: number;
        insightsPaintMs: number;
        insightsIncidents: number;
      }
    >;
    for (const [name, f] of Object.entries(figures)) {
      add({ name: `VS Code, ${name}: activate() returns`, value: f.activateMs, unit: 'ms', target: '< 50' });
      add({ name: `VS Code, ${name}: records loaded after activation`, value: f.readyMs, unit: 'ms' });
      add({ name: `VS Code, ${name}: first CodeLens of an opened linked file`, value: f.firstLensMs, unit: 'ms', target: '≤ 3,000' });
      add({ name: `VS Code, ${name}: the file shown (the suite starts after activation)`, value: f.openedMs, unit: 'ms' });
      add({ name: `VS Code, ${name}: first CodeLens after the file was shown`, value: f.firstLensMs - f.openedMs, unit: 'ms' });
      add({ name: `VS Code, ${name}: full read behind the heads done (diagnostics, search, cache)`, value: f.fullReadMs, unit: 'ms' });
      add({ name: `VS Code, ${name}: warm reload from the extension's cache`, value: f.warmReloadMs, unit: 'ms' });
      add({ name: `VS Code, ${name}: longest event-loop block during it`, value: f.warmReloadLongestBlockMs, unit: 'ms', target: '≤ 50' });
      add({ name: `VS Code, ${name}: Insights view, command to charts painted (${f.insightsIncidents} incidents)`, value: f.insightsPaintMs, unit: 'ms' });
    }
  }

  report(rows, ws);
}

function report(rows: Row[], ws: GeneratedWorkspace): void {
  if (JSON_OUT)
    process.stdout.write(
      `${JSON.stringify({ incidents: N, files: ws.files, megabytes: ws.bytes / 1e6, runs: RUNS, node: process.version, figures: rows }, null, 2)}\n`,
    );
  else {
    const w = Math.max(...rows.map((r) => r.name.length));
    console.log(
      `\nIncident Lens benchmark: ${N} incidents (${ws.files} files, ${(ws.bytes / 1e6).toFixed(1)} MB), medians of ${RUNS} runs, Node ${process.version}\n`,
    );
    console.log(`${'figure'.padEnd(w)}  ${'value'.padStart(12)}  target`);
    for (const r of rows)
      console.log(
        `${r.name.padEnd(w)}  ${`${r.value < 10 ? r.value.toFixed(3) : r.value.toFixed(1)} ${r.unit}`.padStart(12)}  ${r.target ?? ''}${r.note ? `  (${r.note})` : ''}`,
      );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
