/**
 * Loaded by mocha before every unit test (.mocharc.json "require"): the
 * command line's persistent cache (src/node/recordWorkspace.ts) goes to a
 * folder of this run, never the person's ~/.cache, and CLI processes the
 * tests start inherit it. Each run starts with an empty cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.INCIDENT_LENS_CACHE_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'incident-lens-test-cache-'));
  process.env.INCIDENT_LENS_CACHE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
