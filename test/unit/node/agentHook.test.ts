/**
 * The edit hook's digest rebuild (src/node/agentHook.ts) reads the records
 * with the record-head reader through the parse cache and looks runbooks up
 * in maps built once; what it builds must be exactly what the full parser and
 * the index's own runbooksForIncident give. On the demo with its git history
 * and on a generated workspace of 300 incidents with runbooks found each way
 * (named by an incident, by an action record, by system, by a linked file).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { buildHookDigest, digestContent, openCachedIndex, runbooksFinder, type DigestContent } from '../../../src/node/agentHook';
import { writeDemoHistory } from '../../../src/node/git/demoHistory';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const now = () => NOW;

/** The digest's content as it was built before: the full parser, no cache, the index's runbooksForIncident. */
async function oldWay(root: string): Promise<DigestContent> {
  const index = new IncidentIndex(new NodeFileAccess(root), { folder: '.incidents', now });
  await index.load();
  return digestContent(index, root, NOW, (i) => index.runbooksForIncident(i).map((r) => r.runbook));
}

async function newWay(root: string): Promise<DigestContent> {
  const index = await openCachedIndex(root, '.incidents', 'test', now);
  await index.cacheWrite;
  return digestContent(index, root, NOW, runbooksFinder(index));
}

async function assertSame(root: string): Promise<DigestContent> {
  const old = await oldWay(root);
  assert.deepEqual(await newWay(root), old, 'heads through a cold cache');
  assert.deepEqual(await newWay(root), old, 'heads from the warm cache');
  const stored = await buildHookDigest(root, '.incidents', 'test', now);
  // Stored as JSON: a field without text is stored without it, as before.
  for (const [id, view] of Object.entries(old.incidents)) assert.deepEqual(stored.view(id), JSON.parse(JSON.stringify(view)), id);
  for (const [bucket, links] of Object.entries(old.links)) assert.deepEqual(stored.links(bucket), links, bucket);
  for (const [file, lines] of Object.entries(old.fixes)) assert.deepEqual(stored.fixLines(file), lines, file);
  return old;
}

describe('edit hook digest rebuild: heads and runbook maps give the digest the full read gave', function () {
  this.timeout(120_000);
  let dir: string;
  let cache: string | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-lens-agenthook-'));
    cache = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
  });
  after(() => {
    if (cache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cache;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the demo with its history: INC-023 with its fix lines and its rollback runbook', async () => {
    const ws = new TempWorkspace(true);
    try {
      writeDemoHistory(ws.root);
      // INC-023's fix commits in the records, as hook.test.ts does: the digest then holds fix lines from git.
      const env = { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00' };
      assert.equal(spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'suggest', 'INC-023', '--apply'], { cwd: ws.root, env }).status, 0);
      execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-qam', 'INC-023: commits'], { cwd: ws.root });
      const old = await assertSame(ws.root);
      assert.ok(old.incidents['INC-023']?.runbooks.some((r) => r.label.includes('RB-payments-rollback')));
      assert.ok(Object.keys(old.fixes).length > 0, 'the demo history has fix lines');
    } finally {
      ws.dispose();
    }
  });

  it('300 generated incidents with runbooks named, by action record, by system and by linked file', async () => {
    const ws = generateWorkspace(join(dir, 'gen'), 300);
    const index = new IncidentIndex(new NodeFileAccess(ws.root), { folder: '.incidents', now });
    await index.load();
    const incident = index.incidents().find((i) => i.links.length > 0 && !i.head.impact?.system?.startsWith('Payments'))!;
    const first = index
      .incidents()
      .flatMap((i) => i.links.map((l) => l.path))
      .find((p) => !p.includes('*') && !p.endsWith('/'))!;
    const rb = (id: string, extra: string) =>
      writeFileSync(join(ws.root, '.incidents', `${id}.yaml`), `id: ${id}\ntitle: ${id} steps\n${extra}steps:\n  - instruction: Roll back.\n`);
    rb('RB-system-a', 'system: Payments service\nlastVerified: 2026-11-01\n');
    rb('RB-system-b', 'system: payments service\n');
    rb('RB-file', `links:\n  - path: ${first}\n`);
    rb('RB-named', 'lastVerified: 2026-10-01\n');
    const action = `ACTION-INC${incident.id.replace(/\D/g, '')}-99`;
    writeFileSync(
      join(ws.root, '.incidents', `${action}.yaml`),
      `id: ${action}\nincident: ${incident.id}\ntitle: Name the runbook\nowner: Ali\ndeadline: 2026-12-20\nacceptanceCriteria: The runbook is named\nterm: short\nstatus: open\nrunbooks:\n  - RB-named\n`,
    );
    const old = await assertSame(ws.root);
    const labels = Object.values(old.incidents).flatMap((v) => v.runbooks.map((r) => r.label));
    for (const id of ['RB-system-a', 'RB-file', 'RB-named'])
      assert.ok(
        labels.some((l) => l.includes(id)),
        `${id} reaches a view`,
      );
    assert.ok(Object.keys(old.incidents).length >= 100, 'most generated incidents are linked');
  });
});
