/**
 * The one record workspace (src/node/recordWorkspace.ts) and the persistent
 * cache every face shares: a changed, added or deleted record is never
 * answered from the cache, a corrupt cache is rebuilt, two loads writing the
 * same cache at once leave it whole, and INC-23 means INC-023 in one place.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLineCacheDir, folderCacheDir, RecordWorkspace, type CacheSettings } from '../../../src/node/recordWorkspace';
import { run } from '../../../src/cli/main';
import { TempWorkspace } from '../../support/workspace';

const now = () => Date.parse('2026-12-07T00:00:00Z');

function record(id: string, title: string): string {
  return `id: ${id}\ntitle: ${title}\nstatus: resolved\npriority: P2\nstart: 2026-01-0${(Number(id.slice(-1)) % 9) + 1}T10:00:00Z\nresolved: 2026-01-10T12:00:00Z\nlinks:\n  - path: src/${id}.ts\n`;
}

/** Titles of every incident, as the workspace answers them. */
async function titles(root: string, cache: CacheSettings | undefined): Promise<Record<string, string>> {
  const ws = await RecordWorkspace.open(root, { folder: '.incidents', now, cache, withSources: false });
  await ws.settled();
  return Object.fromEntries(ws.incidents().map((i) => [i.id, i.head.title]));
}

describe('record workspace (node): one opening, one cache for every face', () => {
  let ws: TempWorkspace;
  let cache: CacheSettings;

  beforeEach(() => {
    ws = new TempWorkspace();
    for (let i = 1; i <= 5; i++) ws.write(`.incidents/INC-00${i}.yaml`, record(`INC-00${i}`, `first ${i}`));
    cache = { dir: mkdtempSync(join(tmpdir(), 'incident-lens-cache-')), version: 'test' };
  });

  it('a second open reads the cache (a file touched back to its old identity is answered from it)', async () => {
    const abs = join(ws.root, '.incidents', 'INC-001.yaml');
    const then = new Date('2026-01-01T00:00:00Z');
    utimesSync(abs, then, then);
    assert.equal((await titles(ws.root, cache))['INC-001'], 'first 1');
    assert.ok(readdirSync(folderCacheDir(cache.dir, ws.root, '.incidents')).includes('manifest.json'));
    // Same size, same modification time: the cache is trusted without reading the file (how a warm start is fast).
    writeFileSync(abs, record('INC-001', 'other 1'));
    utimesSync(abs, then, then);
    assert.equal(statSync(abs).mtimeMs, then.getTime());
    assert.equal((await titles(ws.root, cache))['INC-001'], 'first 1');
  });

  it('a changed, added or deleted record is never answered from the cache', async () => {
    await titles(ws.root, cache);
    ws.write('.incidents/INC-002.yaml', record('INC-002', 'changed 2'));
    ws.write('.incidents/INC-006.yaml', record('INC-006', 'added 6'));
    ws.remove('.incidents/INC-003.yaml');
    // A touched file whose content is unchanged is trusted by its hash.
    const abs = join(ws.root, '.incidents', 'INC-004.yaml');
    utimesSync(abs, new Date(), new Date(Date.now() + 5000));
    const got = await titles(ws.root, cache);
    assert.deepEqual(got, await titles(ws.root, undefined));
    assert.equal(got['INC-002'], 'changed 2');
    assert.equal(got['INC-006'], 'added 6');
    assert.equal(got['INC-003'], undefined);
    assert.equal(got['INC-004'], 'first 4');
    // Its entry is re-keyed at once: the next start trusts it by size and time again.
    const manifest = JSON.parse(readFileSync(join(folderCacheDir(cache.dir, ws.root, '.incidents'), 'manifest.json'), 'utf8')) as {
      entries: Record<string, { mtimeMs: number }>;
    };
    assert.equal(manifest.entries['.incidents/INC-004.yaml']!.mtimeMs, statSync(abs).mtimeMs);
  });

  it('a corrupt cache is rebuilt, never trusted', async () => {
    const expected = await titles(ws.root, undefined);
    await titles(ws.root, cache);
    const dir = folderCacheDir(cache.dir, ws.root, '.incidents');
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), name.startsWith('chunk-') ? Buffer.from([255, 255, 255, 127, 1, 2, 3]) : '{"format":');
    assert.deepEqual(await titles(ws.root, cache), expected);
    assert.deepEqual(await titles(ws.root, cache), expected);
    // A manifest that parses but points at chunks that hold other files.
    writeFileSync(
      join(dir, 'manifest.json'),
      '{"format":6,"version":"test","options":"{}","entries":{".incidents/INC-001.yaml":{"size":1,"mtimeMs":1,"hash":"x","chunk":"nope","at":0}}}',
    );
    assert.deepEqual(await titles(ws.root, cache), expected);
  });

  it('loads writing the same cache at once leave it whole', async () => {
    const expected = await titles(ws.root, undefined);
    const all = await Promise.all([1, 2, 3, 4].map(() => titles(ws.root, cache)));
    for (const got of all) assert.deepEqual(got, expected);
    assert.deepEqual(await titles(ws.root, cache), expected);
    assert.ok(!readdirSync(folderCacheDir(cache.dir, ws.root, '.incidents')).some((n) => n.endsWith('.tmp')), 'no temporary file left behind');
  });

  it('finds an incident as people write its id, in one place', async () => {
    ws.write('.incidents/INC-023.yaml', record('INC-023', 'payments'));
    const opened = await RecordWorkspace.open(ws.root, { folder: '.incidents', now, withSources: false });
    for (const id of ['INC-023', 'inc-023', 'INC-23', 'inc23', ' INC023 ']) assert.equal(opened.findIncident(id)?.incident.id, 'INC-023', id);
    assert.equal(opened.findIncident('INC-0231'), undefined);
    assert.equal(opened.findIncident('INC-024'), undefined);
    assert.equal(opened.own.index.incidentWrittenAs('INC-23')?.id, 'INC-023');
  });

  it('the watch port is called once per folder before its first load, and disposed with the workspace', async () => {
    const events: string[] = [];
    const opened = await RecordWorkspace.open(ws.root, {
      folder: '.incidents',
      now,
      withSources: false,
      watch: (f) => {
        events.push(`watch ${f.name} ${f.index.incidents().length}`);
        return { dispose: () => events.push('dispose') };
      },
    });
    assert.deepEqual(events, ['watch workspace 0']);
    opened.dispose();
    assert.deepEqual(events, ['watch workspace 0', 'dispose']);
  });

  it('risk in CI: a cache restored into a fresh checkout (every file touched) answers as without a cache', async () => {
    const cli = async (args: string[]) => {
      const lines: string[] = [];
      const code = await run(args, { out: (t) => lines.push(t), err: () => undefined });
      return `${code}\n${lines.join('\n')}`;
    };
    ws.write('src/INC-001.ts', 'export const x = 1;\n');
    const args = ['risk', join(ws.root, 'src', 'INC-001.ts'), '--root', ws.root, '--json'];
    const saved = process.env.INCIDENT_LENS_CACHE_DIR;
    process.env.INCIDENT_LENS_CACHE_DIR = cache.dir;
    try {
      const expected = await cli([...args, '--no-cache']);
      assert.match(expected, /INC-001/);
      assert.equal(await cli(args), expected);
      const later = new Date(Date.now() + 60_000);
      for (const name of readdirSync(join(ws.root, '.incidents'))) utimesSync(join(ws.root, '.incidents', name), later, later);
      assert.equal(await cli(args), expected);
      // The pull request resolves nothing in the cache's favour: an edited record is read again.
      ws.write('.incidents/INC-001.yaml', record('INC-001', 'renamed in the pull request'));
      const edited = await cli(args);
      assert.match(edited, /renamed in the pull request/);
      assert.equal(edited, await cli([...args, '--no-cache']));
    } finally {
      process.env.INCIDENT_LENS_CACHE_DIR = saved;
    }
  });

  it('the command line keeps its cache where it is told, or nowhere', () => {
    assert.equal(commandLineCacheDir({ INCIDENT_LENS_CACHE_DIR: '/tmp/c' }, 'linux'), '/tmp/c');
    assert.equal(commandLineCacheDir({ INCIDENT_LENS_CACHE_DIR: '/tmp/c', INCIDENT_LENS_NO_CACHE: '1' }, 'linux'), undefined);
    assert.equal(commandLineCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux'), join('/x', 'incident-lens'));
    assert.match(commandLineCacheDir({}, 'linux')!, /\.cache[/\\]incident-lens$/);
  });
});
