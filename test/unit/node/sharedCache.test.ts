/**
 * One cache for every face (issue 29): the CLI, the edit hook and the
 * extension keep their parsed records in the same place, for the same build
 * (src/node/cacheDir.ts). Real processes of the built CLI on 300 generated
 * incidents; the extension's side is its index, opened as extension.ts opens
 * it (the shared folder, the version of the parser in dist/). `risk FILE`
 * reads only the records that may bear on its file and keeps no cache;
 * `list` reads them all and writes it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { IncidentIndex, type CacheKey } from '../../../src/core/index/incidentIndex';
import type { ParsedFile, ParseOptions } from '../../../src/core/records/parseRecord';
import { folderCacheDir, sharedCache } from '../../../src/node/cacheDir';
import { LoadCache } from '../../../src/node/loadCache';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { REPO_ROOT } from '../../support/workspace';

const DIST = join(REPO_ROOT, 'dist');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

class CountingCache extends LoadCache {
  hits = 0;
  override async lookup(paths: readonly string[], keys: Promise<ReadonlyMap<string, CacheKey>>, options: ParseOptions): Promise<Map<string, ParsedFile>> {
    const found = await super.lookup(paths, keys, options);
    this.hits = found.size;
    return found;
  }
}

describe('one cache for every face: the CLI, the edit hook and the extension', function () {
  this.timeout(180_000);
  let base: string;
  before(() => (base = mkdtempSync(join(tmpdir(), 'incident-lens-shared-cache-'))));
  after(() => rmSync(base, { recursive: true, force: true }));

  it('a full read by the CLI leaves the cache warm for the editor, the editor leaves it warm for the CLI and the edit hook', async () => {
    const ws = generateWorkspace(join(base, 'ws'), 300, 7);
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(base, 'xdg'), INCIDENT_LENS_CACHE_DIR: '', INCIDENT_LENS_NO_CACHE: '' };
    const cli = (args: string[], input?: string) =>
      spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd: ws.root, env, encoding: 'utf8', input });
    const shared = sharedCache(VERSION, DIST, env)!;
    const dir = folderCacheDir(shared.dir, ws.root, '.incidents');
    const chunks = () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('chunk-'))
        .sort();

    const file = ws.sourcePaths.find((p) => /touches code of/.test(cli(['risk', p]).stdout))!;
    assert.ok(file, 'a generated source file linked to an incident');
    rmSync(shared.dir, { recursive: true, force: true });
    const first = cli(['risk', file]);
    assert.match(first.stdout, /touches code of/);
    // risk FILE reads only the records that may bear on the file (focusedRecords.ts): no cache; a command reading them all writes it.
    assert.ok(!existsSync(join(dir, 'manifest.json')), 'risk FILE needs no cache');
    const listed = cli(['list']);
    assert.equal(listed.status, 0);
    assert.ok(existsSync(join(dir, 'manifest.json')), `list wrote the shared cache (${dir})`);

    // The editor, opened after that run, reads every record from the cache risk wrote.
    const access = new NodeFileAccess(ws.root);
    const cache = new CountingCache(
      dir,
      shared.version,
      (p) => access.readFile(p),
      (p, max) => access.readTextSync(p, max),
    );
    const editor = new IncidentIndex(access, { headsFirst: true, cache, checkLinkTargets: true });
    await editor.load();
    assert.equal(cache.hits, editor.allFiles().length, 'every record from the cache the CLI wrote');
    await editor.fullRead;
    await editor.cacheWrite;

    // And back: the CLI after the editor's full read stores nothing new and answers the same.
    const before = chunks();
    assert.equal(cli(['list']).stdout, listed.stdout);
    assert.equal(cli(['risk', file]).stdout, first.stdout);
    assert.deepEqual(chunks(), before, "the CLI took every record from the editor's cache");

    // The edit hook builds its digest from the same cache: nothing is parsed or stored again.
    const hookInput = JSON.stringify({
      hook_event_name: 'PreToolUse',
      session_id: 's',
      transcript_path: '/dev/null',
      cwd: ws.root,
      tool_name: 'Edit',
      tool_use_id: 't',
      tool_input: { file_path: join(ws.root, file), old_string: 'export', new_string: 'export' },
    });
    const hook = cli(['hook', 'claude-code'], hookInput);
    assert.equal(hook.status, 0, hook.stderr);
    assert.match(hook.stdout, /additionalContext/);
    // Its rebuild runs on in a detached process (agentHookRebuild.ts) until its lock file is gone.
    const building = () => readdirSync(shared.dir, { recursive: true }).some((f) => String(f).endsWith('.building'));
    for (let i = 0; i < 100 && building(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(chunks(), before, "the hook took every record from the editor's cache");
  });
});
