/**
 * The fast read path is the persistent cache every face shares
 * (src/node/loadCache.ts through the record workspace): a differential test
 * proves that what a warm load answers from it equals what `yaml` + the
 * schema give (the full parser, no cache) for every YAML fixture, a
 * generated workspace at a CI-sized count, and fuzzed YAML (anchors and
 * aliases, flow style, comments, block and folded strings, quoted scalars,
 * odd indentation, broken files). Anything the cache cannot answer for
 * (changed, unreadable, damaged) is parsed by the full parser. The same for
 * head reads (the record-head reader, its entries in the same cache), and
 * for a full load from a cache that head reads filled.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { fuzzedRecord, spell } from '../../support/fuzzedRecords';
import type { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { RecordWorkspace, type CacheSettings } from '../../../src/node/recordWorkspace';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const now = () => Date.parse('2026-12-07T00:00:00Z');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name) && statSync(p).size < 200_000) out.push(p);
  }
  return out;
}

/** Everything a face reads of a file: diagnostics, anchors, the record (head and full), its links. */
function answers(index: IncidentIndex): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const f of index.allFiles()) {
    const r = f.record;
    out.set(f.file, {
      kind: f.kind,
      yamlBroken: f.yamlBroken,
      diagnostics: f.diagnostics,
      anchors: [...f.anchors].sort((a, b) => a[0].localeCompare(b[0])),
      record: r && JSON.parse(JSON.stringify(r.record)),
      head: r?.kind === 'incident' ? JSON.parse(JSON.stringify(r.head)) : undefined,
      links: r && JSON.parse(JSON.stringify(r.links)),
    });
  }
  out.set('(index)', { diagnostics: index.diagnostics().length, incidents: index.incidents().map((i) => i.id) });
  return out;
}

async function open(root: string, cache?: CacheSettings, headsOnly = false): Promise<RecordWorkspace> {
  const ws = await RecordWorkspace.open(root, { folder: '.incidents', now, cache, withSources: false, headsOnly });
  await ws.settled();
  return ws;
}

/** Full parser vs. a cold load that fills the cache vs. a warm load that answers from it: all equal, file by file. */
async function assertSameFromCache(root: string): Promise<{ files: number; readByHeads: number }> {
  const cache: CacheSettings = { dir: mkdtempSync(join(tmpdir(), 'incident-lens-diff-')), version: 'diff' };
  const expected = answers((await open(root)).own.index);
  const cold = answers((await open(root, cache)).own.index);
  const warmIndex = (await open(root, cache)).own.index;
  const warm = answers(warmIndex);
  // Answered from the cache indeed: entries read back from it carry their anchors as a compact array, not a Map.
  const fromCache = warmIndex.allFiles().filter((f) => !(f.anchors instanceof Map)).length;
  assert.ok(fromCache >= warmIndex.allFiles().length * 0.9, `only ${fromCache} of ${warmIndex.allFiles().length} files came from the cache`);
  assert.deepEqual([...cold.keys()], [...expected.keys()]);
  assert.deepEqual([...warm.keys()], [...expected.keys()]);
  for (const [file, want] of expected) {
    assert.deepEqual(cold.get(file), want, `${file} (cold load)`);
    assert.deepEqual(warm.get(file), want, `${file} (from the cache)`);
  }
  // Head reads (risk, the pre-push check, the MCP server) into a cache of their own, then a full load from it:
  // records and links as the full parser's, and diagnostics and anchors too when asked for (computed from the file then).
  const headsCache: CacheSettings = { dir: mkdtempSync(join(tmpdir(), 'incident-lens-diff-heads-')), version: 'diff' };
  const headsIndex = (await open(root, headsCache, true)).own.index;
  const readByHeads = headsIndex.allFiles().filter((f) => f.headsOnly).length;
  const headsCold = answers(headsIndex);
  const headsWarmIndex = (await open(root, headsCache, true)).own.index;
  const headsWarm = answers(headsWarmIndex);
  const fullAfterHeads = answers((await open(root, headsCache)).own.index);
  for (const [file, want] of expected) {
    assert.deepEqual(headsCold.get(file), want, `${file} (head reader, cold)`);
    assert.deepEqual(headsWarm.get(file), want, `${file} (head reader, from its cache)`);
    assert.deepEqual(fullAfterHeads.get(file), want, `${file} (full load after head reads)`);
  }
  return { files: expected.size - 1, readByHeads };
}

describe('cache differential (node): answers from the shared cache equal yaml + the schema', () => {
  it('every YAML fixture of the repository', async function () {
    this.timeout(120_000);
    const ws = new TempWorkspace();
    const files = [...yamlFiles(join(REPO_ROOT, 'test', 'fixtures')), ...yamlFiles(join(REPO_ROOT, 'examples'))];
    files.forEach((f, i) => ws.write(`.incidents/f${i}/${basename(f)}`, readFileSync(f, 'utf8')));
    const r = await assertSameFromCache(ws.root);
    assert.equal(r.files, files.length);
    assert.ok(r.readByHeads >= 20, `${r.readByHeads} fixtures read by the head reader`);
  });

  it('every record of a generated workspace (300 incidents, action records, broken files)', async function () {
    this.timeout(300_000);
    const generated = generateWorkspace(mkdtempSync(join(tmpdir(), 'incident-lens-gen-')), 300);
    const r = await assertSameFromCache(generated.root);
    assert.equal(r.files, generated.files);
    assert.ok(r.readByHeads >= generated.files * 0.99, `${r.readByHeads} of ${generated.files} read by the head reader`);
  });

  it('fuzzed YAML: anchors, flow style, comments, block and folded strings, quoting, odd indentation, broken files', async function () {
    this.timeout(300_000);
    const ws = new TempWorkspace();
    const samples = fc.sample(fuzzedRecord, { numRuns: 300, seed: 29 });
    const written = new Set<string>();
    for (const [i, sample] of samples.entries()) {
      const { id, text } = spell(sample);
      // The same id twice is a cross-record diagnostic, also worth comparing; the file names stay unique.
      const path = written.has(id) ? `.incidents/dup${i}/${id}.yaml` : `.incidents/${id}.yaml`;
      written.add(id);
      ws.write(path, text);
    }
    const r = await assertSameFromCache(ws.root);
    assert.equal(r.files, samples.length);
    assert.ok(r.readByHeads >= 30, `${r.readByHeads} read by the head reader`);
    // The fuzz reaches every outcome: valid records, schema errors, broken YAML.
    const index = (await open(ws.root)).own.index;
    const files = index.allFiles();
    assert.ok(files.filter((f) => f.record).length > 30, 'valid records');
    assert.ok(files.filter((f) => !f.record && !f.yamlBroken).length > 30, 'schema errors');
    assert.ok(files.filter((f) => f.yamlBroken).length > 30, 'broken YAML');
  });
});
