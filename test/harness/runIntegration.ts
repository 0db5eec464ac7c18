/**
 * Runs the integration suite inside code-server's real extension host:
 *   1. packages a throw-away runner extension holding the compiled test files,
 *   2. installs it and the real incident-lens.vsix into a fresh code-server,
 *   3. opens a copy of the demo workspace in Chromium (the extension host only
 *      starts when a browser opens the workbench),
 *   4. waits for the runner's result file, prints the log, exits non-zero on failure.
 * Usage: node out/test/harness/runIntegration.js [--grep TEXT]
 */
import { writeDemoHistory } from '../../src/node/git/demoHistory';
import { multiRepo } from '../support/multiRepo';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeServer, launchBrowser, openWorkbench, REPO, TEST_NOW } from './codeServer';
import { generateWorkspace, writeSourceTree } from '../../scripts/bench/generate';

const RESULTS_DIR = join(REPO, '.test-results', 'integration');
const TIMEOUT_MS = Number(process.env.INCIDENT_LENS_INTEGRATION_TIMEOUT ?? 15 * 60_000);

interface Pass {
  /** Shown in the log and the summary line. */
  readonly name: string;
  /** A prepared single-folder workspace to open instead of the multi-root demo fixture (benchmark). */
  readonly workspace?: string;
  /** A file (workspace-relative) the window opens as it starts, as VS Code restores the last session's editors. */
  readonly openAtStart?: string;
  /** False: workspace trust on and the fixture untrusted (Restricted Mode). */
  readonly trusted: boolean;
  /** Sub-directory of the compiled tests to run ('' = the main suite). */
  readonly testsDir: string;
  /** Builds the pass's own multi-root workspace in `work`; returns its .code-workspace file. */
  readonly build?: (work: string) => string;
  /** More environment for code-server and the extension host (the benchmark's shared cache folder). */
  readonly env?: Readonly<Record<string, string>>;
}

const PASSES: Pass[] = [
  { name: 'trusted workspace', trusted: true, testsDir: '' },
  { name: 'restricted mode', trusted: false, testsDir: 'restricted' },
  {
    name: 'record sources',
    trusted: true,
    testsDir: 'sources',
    // Two service repositories open side by side; the central incidents repository beside them, outside the workspace.
    build: (work) => {
      const m = multiRepo(work);
      const file = join(work, 'services.code-workspace');
      writeFileSync(file, JSON.stringify({ folders: [{ path: join(m.dir, 'payments') }, { path: join(m.dir, 'web') }] }));
      return file;
    },
  },
];

function packageRunner(work: string, resultsFile: string, logFile: string, pass: Pass, grep?: string): string {
  const dir = join(work, 'runner');
  mkdirSync(join(dir, 'tests'), { recursive: true });
  cpSync(join(REPO, 'out', 'integration', 'runnerExtension.js'), join(dir, 'extension.js'));
  cpSync(join(REPO, 'out', 'integration', 'tests'), join(dir, 'tests'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'incident-lens-test-runner',
      displayName: 'Incident Lens test runner (tests only)',
      description: 'Runs the Incident Lens integration suite inside the extension host. Never shipped.',
      publisher: 'incident-lens',
      version: '0.0.1',
      license: 'MIT',
      engines: { vscode: '^1.95.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
      // The restricted pass needs the runner itself to run untrusted.
      capabilities: { untrustedWorkspaces: { supported: true } },
    }),
  );
  writeFileSync(join(dir, 'README.md'), '# Incident Lens test runner\n\nTest-only extension.\n');
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
  writeFileSync(
    join(dir, 'runner-config.json'),
    JSON.stringify({ mochaPath: join(REPO, 'node_modules', 'mocha'), resultsFile, logFile, grep, testsDir: pass.testsDir, repo: REPO }),
  );
  const vsix = join(work, 'runner.vsix');
  execFileSync(
    process.execPath,
    [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
    {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return vsix;
}

/**
 * --bench [N]: activation and first-CodeLens figures in the real extension
 * host, on the demo and on N generated incidents; prints one JSON line.
 */
async function bench(vsix: string): Promise<number> {
  const i = process.argv.indexOf('--bench');
  const n = Number(process.argv[i + 1]) || 10_000;
  const base = mkdtempSync(join(tmpdir(), 'incident-lens-vsbench-'));
  try {
    const demo = join(base, 'demo');
    cpSync(join(REPO, 'examples', 'payments-demo'), demo, { recursive: true });
    writeFileSync(join(demo, '.bench-target'), 'src/payments/checkout.ts');
    const generated = generateWorkspace(join(base, `n${n}`), n);
    writeSourceTree(generated.root, generated.sourcePaths);
    // A file under a directory link: its lens is file-level, so it needs no symbol in the file.
    const dirs = [...readdirSync(join(generated.root, '.incidents')).slice(0, 200)].flatMap((f) =>
      f.endsWith('.yaml') ? [...readFileSync(join(generated.root, '.incidents', f), 'utf8').matchAll(/- path: (src\/[^\s*]+\/)\n/g)].map((m) => m[1]!) : [],
    );
    const target = generated.sourcePaths.find((p) => dirs.some((d) => p.startsWith(d)));
    if (!target) throw new Error('no directory link in the generated workspace');
    writeFileSync(join(generated.root, '.bench-target'), target);
    const figures: Record<string, unknown> = {};
    // A fresh profile whose shared cache holds only what one `risk` run of the opened file left (its scan digest).
    const afterRisk = join(base, 'cache-after-risk');
    const risk = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'risk', target], {
      cwd: generated.root,
      env: { ...process.env, INCIDENT_LENS_CACHE_DIR: afterRisk },
      encoding: 'utf8',
    });
    if (risk.status !== 0 && risk.status !== 1) throw new Error(`incident-lens risk failed:\n${risk.stderr}`);
    for (const [name, workspace, env] of [
      ['demo', demo, undefined],
      [`${n} incidents`, generated.root, undefined],
      [`${n} incidents, fresh profile after one risk run`, generated.root, { INCIDENT_LENS_CACHE_DIR: afterRisk }],
    ] as const) {
      const openAtStart = readFileSync(join(workspace, '.bench-target'), 'utf8').trim();
      const result = await runPass({ name: `benchmark: ${name}`, trusted: true, testsDir: 'bench', workspace, openAtStart, env }, vsix);
      if (result.failed) return 1;
      figures[name] = JSON.parse(readFileSync(join(workspace, '.bench-result.json'), 'utf8'));
    }
    console.log(`BENCH ${JSON.stringify(figures)}`);
    return 0;
  } finally {
    // The last window's extension host may still be writing its cache into the shared folder (as codeServer.ts's
    // dispose says): a folder left behind must not fail the run that measured.
    try {
      rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (err) {
      console.error(`benchmark: left ${base} (${(err as Error).message})`);
    }
  }
}

async function main(): Promise<number> {
  if (process.argv.includes('--bench')) {
    const vsix = join(REPO, 'incident-lens.vsix');
    if (!existsSync(vsix)) throw new Error('incident-lens.vsix is missing: run npm run package first');
    mkdirSync(RESULTS_DIR, { recursive: true });
    return bench(vsix);
  }
  const grepIndex = process.argv.indexOf('--grep');
  const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
  const only = process.argv.includes('--restricted')
    ? 'restricted mode'
    : process.argv.includes('--trusted')
      ? 'trusted workspace'
      : process.argv.includes('--sources')
        ? 'record sources'
        : undefined;
  const vsix = join(REPO, 'incident-lens.vsix');
  if (!existsSync(vsix)) throw new Error('incident-lens.vsix is missing: run npm run package first');
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const totals = { passed: 0, failed: 0, pending: 0 };
  const started = Date.now();
  for (const pass of PASSES.filter((p) => !only || p.name === only)) {
    const result = await runPass(pass, vsix, grep);
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.pending += result.pending;
  }
  if (totals.passed + totals.failed === 0) throw new Error('the integration suite ran no test');
  console.log(
    `\nintegration: ${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''} (${Math.round((Date.now() - started) / 1000)} s in code-server)`,
  );
  return totals.failed ? 1 : 0;
}

async function runPass(pass: Pass, vsix: string, grep?: string): Promise<{ passed: number; failed: number; pending: number }> {
  console.log(`\n== ${pass.name} ==`);
  const passDir = join(RESULTS_DIR, pass.testsDir || 'main');
  mkdirSync(passDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'incident-lens-it-'));
  let workspace = pass.workspace ?? join(work, 'payments-demo');
  let workspaceFile = workspace;
  if (pass.build) {
    workspaceFile = pass.build(work);
    workspace = join(work, 'payments');
  } else if (!pass.workspace) {
    cpSync(join(REPO, 'examples', 'payments-demo'), workspace, { recursive: true });
    // Real git in the demo fixture: INC-023's history (deploy, revert, fix merge), for the commands that read it.
    writeDemoHistory(workspace);

    // Multi-root: the demo first (the tests' main folder), a second service with its own records.
    const second = join(work, 'second-service');
    cpSync(join(REPO, 'test', 'fixtures', 'second-service'), second, { recursive: true });
    workspaceFile = join(work, 'fixture.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: workspace }, { path: second }] }));
  } else workspace = pass.workspace;

  const resultsFile = join(work, 'results.json');
  const logFile = join(passDir, 'mocha.log');
  const runner = packageRunner(work, resultsFile, logFile, pass, grep);
  const server = new CodeServer({
    workspace,
    extensions: [vsix, runner],
    logDir: passDir,
    trustWorkspace: pass.trusted,
    env: { INCIDENT_LENS_NOW: TEST_NOW, ...pass.env },
    userSettings: { 'incidentLens.author': 'Integration Test', 'git.enabled': true, 'incidentLens.links.updateOnRename': 'always' },
  });
  const started = Date.now();
  const browser = await launchBrowser();
  try {
    await server.start();
    // The workbench's `payload` opens a file at start-up (VS Code's web workspace provider), like a restored editor.
    const open = pass.openAtStart && `vscode-remote://${new URL(server.url()).host}${join(workspace, pass.openAtStart)}`;
    const page = await openWorkbench(
      browser,
      open ? `${server.url(workspaceFile)}&payload=${encodeURIComponent(JSON.stringify([['openFile', open]]))}` : server.url(workspaceFile),
    );
    let printed = 0;
    const flushLog = () => {
      if (!existsSync(logFile)) return;
      const text = readFileSync(logFile, 'utf8');
      if (text.length > printed) {
        process.stdout.write(text.slice(printed));
        printed = text.length;
      }
    };
    while (!existsSync(resultsFile)) {
      flushLog();
      if (Date.now() - started > TIMEOUT_MS) {
        await page.screenshot({ path: join(passDir, 'timeout.png') });
        throw new Error(`no result after ${TIMEOUT_MS / 1000} s; see ${passDir}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    flushLog();
    const result = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      passed: number;
      failed: number;
      pending: number;
      failures: Array<{ title: string; message: string }>;
    };
    if (result.failed) {
      await page.screenshot({ path: join(passDir, 'failure.png') });
      console.log('\nFailures:');
      for (const f of result.failures) console.log(`  ✘ ${f.title}\n    ${f.message.split('\n').join('\n    ')}`);
    }
    if (result.passed + result.failed === 0) throw new Error(`the ${pass.name} pass ran no test`);
    console.log(`${pass.name}: ${result.passed} passed, ${result.failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
    return result;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    server.dispose();
    // The extension host may still be finishing a cache write while the server stops: retry, as rm -rf would.
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`integration: ${err instanceof Error ? err.message : String(err)}`);
    console.error(`logs: ${RESULTS_DIR}`);
    process.exit(1);
  },
);
