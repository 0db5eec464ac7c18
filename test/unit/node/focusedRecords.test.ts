/**
 * `risk FILE…` reads only the records that may bear on the files (issue 29,
 * src/node/focusedRecords.ts): its report must equal the one from reading
 * every record, verdict, reasons, incidents, findings (regions, messages,
 * runbooks) and all, on the demo, a generated workspace with runbooks,
 * action records and a record source, and the hostile records of
 * test/fixtures/hostile/focused-risk; and the CLI must answer through it.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { fingerprint } from '../../../src/core/risk/riskFormats';
import { focusedIndexes } from '../../../src/node/focusedRecords';
import { RecordWorkspace } from '../../../src/node/recordWorkspace';
import { checkRisk } from '../../../src/node/riskCheck';
import { DEMO, REPO_ROOT } from '../../support/workspace';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js');
const NOW = Date.parse('2026-12-07T12:00:00Z');

type Indexes = Awaited<ReturnType<typeof focusedIndexes>> & object;

async function report(root: string, files: string[], indexes: Indexes) {
  const { report: r } = await checkRisk(root, indexes, { files, now: NOW, noGoP1Days: 90 });
  return JSON.stringify({
    verdict: r.verdict,
    reasons: r.reasons,
    incidents: r.incidents.map((x) => [x.incident.id, x.incident.file, x.incident.head, x.files]),
    findings: r.findings.map((f) => [f.rule, f.level, f.incident.id, f.runbook?.id, f.file, f.region, f.anchor, f.message, fingerprint(f)]),
  });
}

/** Every record read, as `risk --diff` and the other commands read them (the record-head reader, sources included). */
async function everything(root: string, sources: string[] = []): Promise<Indexes> {
  const extraSources = sources.map((p) => ({ path: p, from: '--source' as const }));
  return (await RecordWorkspace.open(root, { folder: '.incidents', now: () => NOW, headsOnly: true, extraSources, workerFile: WORKER })).indexes;
}

/**
 * The focused report equals the full one: without a cache, and with the scan digest (scanDigest.ts) written by a
 * first run and answered from by a second.
 */
async function same(root: string, files: string[], full: Indexes, sources: string[] = []): Promise<{ focused: number; text: string }> {
  const extraSources = sources.map((p) => ({ path: p, from: '--source' as const }));
  const text = await report(root, files, full);
  let focused: Indexes | undefined;
  for (const cache of [undefined, DIGEST, DIGEST]) {
    focused = await focusedIndexes(root, files, { folder: '.incidents', extraSources, workerFile: WORKER, cache });
    assert.ok(focused, 'the focused read answers');
    assert.equal(await report(root, files, focused), text, `risk ${files.join(' ')}${cache ? ' (scan digest)' : ''}`);
  }
  return { focused: focused!.reduce((n, i) => n + i.allFiles().length, 0), text };
}

const DIGEST = { dir: mkdtempSync(join(tmpdir(), 'incident-lens-focused-digest-')), version: 'test' };
after(() => rmSync(DIGEST.dir, { recursive: true, force: true }));

describe('risk FILE: the focused read equals reading every record', function () {
  this.timeout(180_000);
  let base: string;
  before(() => (base = mkdtempSync(join(tmpdir(), 'incident-lens-focused-'))));
  after(() => rmSync(base, { recursive: true, force: true }));

  it('on the demo, every linked file and one nothing links', async () => {
    const root = join(base, 'demo');
    cpSync(DEMO, root, { recursive: true });
    const full = await everything(root);
    for (const file of ['src/payments/stripeWebhook.ts', 'src/payments/checkout.ts', 'src/payments/money.ts', 'README.md', 'src/none.ts'])
      await same(root, [file], full);
    const both = await same(root, ['src/payments/stripeWebhook.ts', 'src/payments/checkout.ts'], full);
    assert.match(both.text, /NO-GO|CAUTION/, 'the demo has incidents on these files');
  });

  it('on a generated workspace with a record source, reading a few records', async () => {
    const { root } = generateWorkspace(join(base, 'gen'), 400, 5);
    const other = generateWorkspace(join(base, 'src-repo'), 60, 3).root;
    writeFileSync(
      join(root, '.incidents', 'RB-gen-rollback.yaml'),
      'id: RB-gen-rollback\ntitle: Roll back\nsystem: Checkout\nowner: Ali\nlinks:\n  - path: src/\nsteps:\n  - instruction: Roll back\n',
    );
    const full = await everything(root, [other]);
    const linked = full[0]!
      .incidents()
      .flatMap((i) => i.links.map((l) => l.path))
      .filter((p) => !/[*?{]/.test(p) && !p.endsWith('/'));
    const targets = [...new Set(linked)].slice(0, 10);
    let most = 0;
    const all = full.reduce((n, i) => n + i.allFiles().length, 0);
    for (const file of targets) most = Math.max(most, (await same(root, [file], full, [other])).focused);
    await same(root, targets.slice(0, 3), full, [other]);
    assert.ok(most < all / 5, `at most ${most} of ${all} records read`);
  });

  it('hostile records trying to hide from the scan change nothing', async () => {
    const root = join(base, 'hostile');
    mkdirSync(join(root, '.incidents'), { recursive: true });
    const dir = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'focused-risk');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) cpSync(join(dir, f), join(root, '.incidents', f));
    mkdirSync(join(root, 'src', 'pay'), { recursive: true });
    writeFileSync(join(root, 'src', 'pay', 'charge.ts'), 'export function chargeCard() {\n  return 1;\n}\n');
    const full = await everything(root);
    const charge = await same(root, ['src/pay/charge.ts'], full);
    const parsed = JSON.parse(charge.text) as { verdict: string; findings: unknown[][] };
    assert.equal(parsed.verdict, 'NO-GO');
    const ids = parsed.findings.map((f) => f[3] ?? f[2]);
    for (const id of ['INC-900', 'INC-901', 'INC-903', 'RB-quoted', 'RB-named-only', 'RB-plain-named'])
      assert.ok(ids.includes(id), `${id} among the findings: ${ids.join(', ')}`);
    await same(root, ['src/pay/refund.ts'], full);
  });

  it('the CLI answers risk FILE through it: the scan digest written, never the parse cache', async () => {
    const root = join(base, 'cli');
    cpSync(DEMO, root, { recursive: true });
    const cli = join(REPO_ROOT, 'out', 'src', 'cli', 'main.js');
    const run = (args: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, [cli, 'risk', ...args, '--json'], {
          cwd: root,
          encoding: 'utf8',
          env: cacheEnv(base),
        }),
      ) as {
        verdict: string;
        incidents: Array<{ id: string }>;
      };
    const out = run(['src/payments/stripeWebhook.ts']);
    assert.equal(out.verdict, 'CAUTION');
    assert.ok(out.incidents.some((i) => i.id === 'INC-023'));
    // The focused read keeps only its scan digest (a full read writes the parse cache, its manifest and chunks).
    assert.deepEqual(cacheFiles(join(base, 'cache')), ['scan-digest.json']);
    // Again, from the digest: the same answer.
    assert.deepEqual(run(['src/payments/stripeWebhook.ts']), out);
    // A command that reads every record does write it (so the check above can fail).
    execFileSync(process.execPath, [cli, 'list'], { cwd: root, env: cacheEnv(base) });
    assert.ok(cacheFiles(join(base, 'cache')).includes('manifest.json'));
  });
  it('the pre-push check of a push that edits no record answers through it; one that edits a record reads them all', () => {
    const root = join(base, 'push');
    cpSync(DEMO, root, { recursive: true });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'demo');
    const from = git(root, 'rev-parse', 'HEAD');
    writeFileSync(join(root, 'src', 'payments', 'stripeWebhook.ts'), '// changed\n', { flag: 'a' });
    git(root, 'commit', '-q', '-am', 'change the webhook');
    const cli = join(REPO_ROOT, 'out', 'src', 'cli', 'main.js');
    const push = (to: string, cache: string) =>
      spawnSync(process.execPath, [cli, 'risk', '--pre-push', 'origin'], {
        cwd: root,
        encoding: 'utf8',
        input: `refs/heads/main ${to} refs/heads/main ${from}\n`,
        env: { ...cacheEnv(join(base, cache)), INCIDENT_LENS_NOW: '2025-03-20T12:00:00Z' },
      });
    const code = push(git(root, 'rev-parse', 'HEAD'), 'push-code');
    assert.equal(code.status, 0, code.stderr);
    assert.match(code.stderr, /this push to origin touches code of INC-023 \(P1\)/);
    assert.deepEqual(cacheFiles(join(base, 'push-code', 'cache')), ['scan-digest.json'], 'no record read through the parse cache');
    // The same push with a record edited too: judged by the records at the remote's side, every record read.
    writeFileSync(join(root, '.incidents', 'INC-023.yaml'), '# edited\n', { flag: 'a' });
    git(root, 'commit', '-q', '-am', 'edit the record');
    const withRecord = push(git(root, 'rev-parse', 'HEAD'), 'push-record');
    assert.match(withRecord.stderr, /touches code of INC-023 \(P1\)/);
    assert.ok(cacheFiles(join(base, 'push-record', 'cache')).includes('manifest.json'));
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
}

/** The CLI's cache in a folder of this test (whatever the environment running the tests says). */
function cacheEnv(base: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, INCIDENT_LENS_CACHE_DIR: join(base, 'cache') };
  delete env.INCIDENT_LENS_NO_CACHE;
  return env;
}

/** The names of the files in the cache folder's per-folder directories. */
function cacheFiles(dir: string): string[] {
  return readdirSafe(dir).flatMap((d) => readdirSafe(join(dir, d)));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
