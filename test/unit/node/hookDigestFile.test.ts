/**
 * The edit hook's digest file (src/node/hookDigestFile.ts) as stored and read
 * back: every map (links by bucket, views by incident, fix lines by file) is
 * split into parts, so the header line the hook parses on every edit stays
 * small however many links there are, and each entry comes back exactly as
 * it went in, whatever its key (`__proto__`, the empty bucket of a link to
 * the whole repository). And the records key: any change to a record file
 * changes it, nothing else does.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixAddedLines, HookIncidentView } from '../../../src/core/ai/hookAnswer';
import { HOOK_DIGEST_FORMAT, type HookDigestLink } from '../../../src/core/ai/hookDigest';
import { encodeHookDigest, hookDigestPath, readHookDigest, recordsKey, writeHookDigest } from '../../../src/node/hookDigestFile';

describe('edit hook digest file: parts, read back exactly', () => {
  let dir: string;
  let cache: string | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-lens-digestfile-'));
    cache = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
  });
  after(() => {
    if (cache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cache;
    rmSync(dir, { recursive: true, force: true });
  });

  const N = 3000;
  const links: Record<string, HookDigestLink[]> = Object.create(null) as Record<string, HookDigestLink[]>;
  const views: Record<string, HookIncidentView> = {};
  const fixes: Record<string, FixAddedLines[]> = Object.create(null) as Record<string, FixAddedLines[]>;
  for (let i = 0; i < N; i++) {
    const id = `INC-${String(i).padStart(4, '0')}`;
    links[`src/m${i % 97}/file${i}.ts`] = [{ path: `src/m${i % 97}/file${i}.ts`, symbol: `handle${i}`, incident: id }];
    views[id] = { id, origin: 'team', fields: [{ label: 'Lesson', text: `lesson ${i} ${'x'.repeat(i % 50)}` }], runbooks: [] } as unknown as HookIncidentView;
    if (i % 3 === 0) fixes[`src/m${i % 97}/file${i}.ts`] = [{ incidentId: id, fixSha: `${i}`.padStart(40, 'a'), lines: [`const amount${i} = 1;`] }];
  }
  links['__proto__'] = [{ path: '__proto__', incident: 'INC-0001' }];
  links[''] = [{ path: '.', incident: 'INC-0002' }];
  fixes['constructor'] = [{ incidentId: 'INC-0003', fixSha: 'b'.repeat(40), lines: ['hasOwnProperty();'] }];
  const header = { format: HOOK_DIGEST_FORMAT, key: 'k' };

  it('every entry reads back as written, unknown keys read as nothing, from the bytes and from the file', () => {
    const digest = writeHookDigest(dir, '.incidents', encodeHookDigest(header, links, views, fixes));
    const stored = readHookDigest(dir, '.incidents', 'k', Date.now());
    for (const d of [digest, stored]) {
      assert.ok(d);
      for (const [bucket, list] of Object.entries(links)) assert.deepEqual(d.links(bucket), list, bucket);
      assert.deepEqual(d.links('__proto__'), links['__proto__']);
      for (const [id, view] of Object.entries(views)) assert.deepEqual(d.view(id), view, id);
      for (const [file, list] of Object.entries(fixes)) assert.deepEqual(d.fixLines(file), list, file);
      assert.deepEqual(
        [d.links('src/none.ts'), d.view('INC-9999'), d.fixLines('src/none.ts'), d.links('toString'), d.view('hasOwnProperty')],
        [[], undefined, [], [], undefined],
      );
    }
    assert.equal(readHookDigest(dir, '.incidents', 'other key', Date.now()), undefined, 'another key is a miss');
  });

  it('the header line the hook parses on every edit stays small: a few KB for 3,000 links, views and fix files', () => {
    const bytes = readFileSync(hookDigestPath(dir, '.incidents'));
    const headerLength = bytes.indexOf(10);
    assert.ok(headerLength < 16_000, `header ${headerLength} bytes`);
    assert.ok(bytes.length > 20 * headerLength, `file ${bytes.length} bytes`);
  });

  it('a damaged part reads as empty; the other parts still answer', () => {
    const bytes = encodeHookDigest(header, links, views, fixes);
    const nl = bytes.indexOf(10);
    const stored = JSON.parse(bytes.toString('utf8', 0, nl)) as { parts: { views: Array<[number, number]> } };
    const [start] = stored.parts.views[0]!;
    bytes[nl + 1 + start] = 0x20; // the part's opening brace
    bytes[nl + 1 + start + 1] = 0x5d; // a stray bracket: not JSON any more
    const digest = writeHookDigest(dir, '.incidents', bytes)!;
    const answered = Object.keys(views).filter((id) => digest.view(id) !== undefined).length;
    assert.ok(answered > N - 20 && answered < N, `${answered} of ${N} views`);
  });
});

describe('edit hook digest file: the records key', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'incident-lens-recordskey-'));
    mkdirSync(join(root, '.incidents', 'actions'), { recursive: true });
    writeFileSync(join(root, '.incidents', 'INC-001.yaml'), 'id: INC-001\n');
    writeFileSync(join(root, '.incidents', 'actions', 'A-1.yaml'), 'id: A-1\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('stable while nothing changes; a rewrite with the same size and mtime, an added or removed file, the version or the folder change it', () => {
    const key = () => recordsKey(root, '.incidents', '1.0.0');
    const first = key();
    assert.equal(key(), first);
    const file = join(root, '.incidents', 'INC-001.yaml');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'id: INC-002\n');
    utimesSync(file, atime, mtime); // same size, same mtime: only the ctime moved
    const rewritten = key();
    assert.notEqual(rewritten, first);
    writeFileSync(join(root, '.incidents', 'actions', 'A-2.yaml'), 'id: A-2\n');
    const added = key();
    assert.notEqual(added, rewritten);
    rmSync(join(root, '.incidents', 'actions', 'A-2.yaml'));
    assert.equal(key(), rewritten, 'back as it was');
    assert.notEqual(recordsKey(root, '.incidents', '1.0.1'), key());
    assert.notEqual(recordsKey(root, 'records', '1.0.0'), key());
  });
});
