/**
 * The first CodeLens of a cold start (issue 29): the early index, built from
 * the records that may link the open file, answers that file's CodeLens and
 * hover exactly as the full index does once the load is in — incidents,
 * action items with the incident they name, runbooks, anchors and order — on
 * a generated workspace, through the real worker pool and without it, while
 * reading only a few of the folder's records in full.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { linkedIncidents, linkedRunbooks } from '../../../src/core/links/linkedIncidents';
import { earlyLinks } from '../../../src/node/earlyLinks';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { ParsePool } from '../../../src/node/parsePool';
import { scanWithDigest, type DigestPlace } from '../../../src/node/scanDigest';
import { REPO_ROOT } from '../../support/workspace';

describe('early links: the opened file answered before the whole load', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;
  let pool: ParsePool;
  let small: ParsePool;
  let full: IncidentIndex;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-early-'));
    root = generateWorkspace(join(base, 'ws'), 400, 5).root;
    // An action item linking a file no incident links, and a runbook on its folder.
    writeFileSync(
      join(root, '.incidents', 'actions', 'ACTION-INC002-9.yaml'),
      'id: ACTION-INC002-9\nincident: INC-002\ntitle: Guard the webhook\nowner: sre\ndeadline: 2026-02-01\nterm: short\nstatus: open\nlinks:\n  - path: src/early/only-an-action.ts\n',
    );
    writeFileSync(
      join(root, '.incidents', 'RB-early-rollback.yaml'),
      'id: RB-early-rollback\ntitle: Roll back the early service\nsystem: Early\nowner: Ali\nlinks:\n  - path: src/early/\nsteps:\n  - instruction: Roll back\n',
    );
    pool = new ParsePool(join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js'), 2);
    small = new ParsePool(join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js'), 1);
    full = new IncidentIndex(new NodeFileAccess(root), { folder: '.incidents' });
    await full.load();
  });
  after(async () => {
    await pool.dispose();
    await small.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  // Every incident shown, however old or minor (the lens's own filter is the person's setting).
  const all = { minimumPriority: 'P4', hideClosedOlderThanDays: 0, now: Date.parse('2027-01-01') } as const;
  const answer = (index: IncidentIndex, path: string) =>
    JSON.stringify({
      incidents: linkedIncidents(index, path, all).map((g) => ({
        anchor: g.anchor,
        ids: g.incidents.map((i) => i.id),
        refs: g.refs.map((r) => [r.record.id, r.index]),
      })),
      runbooks: linkedRunbooks(index, path).map((g) => ({ anchor: g.anchor, ids: g.runbooks.map((r) => r.id) })),
    });

  it('answers every linked file as the full index does, reading a few records', async () => {
    const targets = [...new Set(full.incidents().flatMap((i) => i.links.map((l) => l.path)))].filter((p) => !/[*]/.test(p)).slice(0, 25);
    targets.push('src/early/only-an-action.ts', 'src/nothing/links/this.ts');
    let most = 0;
    for (const [i, path] of targets.entries()) {
      const early = (await earlyLinks(root, { folder: '.incidents' }, [path], undefined, i % 2 ? pool : small))!;
      assert.equal(answer(early.index, path), answer(full, path), path);
      most = Math.max(most, early.records);
      assert.equal(early.of, full.allFiles().length);
    }
    assert.ok(most < full.allFiles().length / 10, `at most ${most} of ${full.allFiles().length} records read in full`);
    const action = (await earlyLinks(root, { folder: '.incidents' }, ['src/early/only-an-action.ts'], undefined, pool))!;
    assert.deepEqual(
      linkedIncidents(action.index, 'src/early/only-an-action.ts', all).flatMap((g) => g.incidents.map((i) => i.id)),
      ['INC-002'],
      "the action item's incident is found",
    );
    assert.ok(JSON.parse(answer(action.index, 'src/early/only-an-action.ts')).runbooks.length, 'the runbook on the folder is there too');
  });

  it('scans a small folder on this thread, and gives no early answer for a big one without workers', async () => {
    const demo = join(REPO_ROOT, 'examples', 'payments-demo');
    const demoIndex = new IncidentIndex(new NodeFileAccess(demo), { folder: '.incidents' });
    await demoIndex.load();
    const early = (await earlyLinks(demo, { folder: '.incidents' }, ['src/payments/stripeWebhook.ts'], undefined, undefined))!;
    assert.equal(answer(early.index, 'src/payments/stripeWebhook.ts'), answer(demoIndex, 'src/payments/stripeWebhook.ts'));
    assert.ok(JSON.parse(answer(early.index, 'src/payments/stripeWebhook.ts')).incidents.length, 'INC-023 is on the webhook');
    assert.equal(await earlyLinks(root, { folder: '.incidents' }, ['src/early/only-an-action.ts'], undefined, undefined), undefined);
  });

  it('runs its scan in the pool ahead of the jobs queued before it', async () => {
    const paths = full.allFiles().map((f) => f.file);
    const order: string[] = [];
    // One worker: jobs run strictly in queue order, so the assertion holds whatever the machine's speed.
    const parse = (async () => {
      for await (const _ of small.parse(root, paths, {})) void _;
      order.push('parse');
    })();
    const scan = small.scan(root, paths, ['src/early/only-an-action.ts'], undefined, true).then(() => order.push('scan'));
    await Promise.all([parse, scan]);
    assert.deepEqual(order, ['scan', 'parse']);
  });

  it('answers from a scan digest in one worker as the full index does, after edits and with a damaged digest', async () => {
    const digest: DigestPlace = { file: join(base, 'cache', 'scan-digest.json'), version: 'test', folder: '.incidents' };
    const files = full.allFiles().map((f) => f.file);
    // Written as a `risk` run writes it (on its own thread), before the edits below.
    await scanWithDigest(digest, root, files, ['src/x.ts'], 1_000_000);
    const written = readFileSync(digest.file, 'utf8');
    // A record now links a new file (same size would not matter: the ctime changes), and a new record does too.
    const incidents = full.allFiles().filter((f) => f.record?.kind === 'incident');
    const edited = incidents[0]!.file;
    const original = readFileSync(join(root, edited), 'utf8');
    const linkAdded = (text: string) => text.replace(/^links:\n/m, 'links:\n  - path: src/early/from-digest.ts\n');
    writeFileSync(join(root, edited), `${linkAdded(original)}# touched\n`);
    const copied = readFileSync(join(root, incidents[1]!.file), 'utf8').replace(/^id: .*$/m, 'id: INC-9001');
    writeFileSync(join(root, '.incidents', 'INC-9001.yaml'), linkAdded(copied));
    const fresh = new IncidentIndex(new NodeFileAccess(root), { folder: '.incidents' });
    await fresh.load();
    const scanner = (all: readonly string[], targets: readonly string[], max: number) => pool.scanWithDigest(root, all, targets, digest, max);
    for (const path of ['src/early/from-digest.ts', 'src/early/only-an-action.ts', full.incidents()[3]!.links[0]!.path]) {
      const early = (await earlyLinks(root, { folder: '.incidents' }, [path], undefined, pool, { scanner }))!;
      assert.equal(answer(early.index, path), answer(fresh, path), path);
    }
    assert.deepEqual(
      linkedIncidents(fresh, 'src/early/from-digest.ts', all)
        .flatMap((g) => g.incidents.map((i) => i.id))
        .sort(),
      [fresh.parsed(edited)!.record!.id, 'INC-9001'].sort(),
      'the edited and the new record link the file',
    );
    const updated = readFileSync(digest.file, 'utf8');
    assert.notEqual(updated, written, 'the worker brought the digest up to date');
    assert.ok(updated.includes('INC-9001.yaml'), 'the new record is in it');
    // Damaged: the worker reads every file again and answers the same.
    writeFileSync(digest.file, updated.slice(0, updated.length / 2));
    const path = 'src/early/from-digest.ts';
    const again = (await earlyLinks(root, { folder: '.incidents' }, [path], undefined, pool, { scanner }))!;
    assert.equal(answer(again.index, path), answer(fresh, path));
    assert.doesNotThrow(() => JSON.parse(readFileSync(digest.file, 'utf8')), 'rewritten whole');
    rmSync(join(root, '.incidents', 'INC-9001.yaml'));
    writeFileSync(join(root, edited), original);
  });

  it('hostile records answered from a digest in the worker as the full index does (early-links, focused-risk)', async () => {
    const hostile = join(base, 'hostile');
    mkdirSync(join(hostile, '.incidents'), { recursive: true });
    for (const set of ['early-links', 'focused-risk']) {
      const dir = join(REPO_ROOT, 'test', 'fixtures', 'hostile', set);
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) cpSync(join(dir, f), join(hostile, '.incidents', `${set}-${f}`));
    }
    const everything = new IncidentIndex(new NodeFileAccess(hostile), { folder: '.incidents' });
    await everything.load();
    const digest: DigestPlace = { file: join(base, 'hostile-cache', 'scan-digest.json'), version: 'test', folder: '.incidents' };
    const files = everything.allFiles().map((f) => f.file);
    for (const path of ['src/payments/checkout.ts', 'src/pay/charge.ts', 'src/pay/refund.ts']) {
      // First as a `risk` run leaves it, then answered from it in the worker.
      await scanWithDigest(digest, hostile, files, [path], 1_000_000);
      const scanner = (all: readonly string[], targets: readonly string[], max: number) => pool.scanWithDigest(hostile, all, targets, digest, max);
      const early = (await earlyLinks(hostile, { folder: '.incidents' }, [path], undefined, pool, { scanner }))!;
      assert.equal(answer(early.index, path), answer(everything, path), path);
    }
    assert.ok(JSON.parse(answer(everything, 'src/payments/checkout.ts')).incidents.length, 'the hostile records link the checkout');
  });
});
