import { strict as assert } from 'node:assert';
import { fromWire, toWire } from '../../../../src/core/index/recordWire';
import { loadedRecordCount } from '../../../../src/core/records/lazyIncident';
import type { Incident } from '../../../../src/core/records/model';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import type { IncidentRecord } from '../../../../src/core/records/schema';
import { IncidentSearch } from '../../../../src/core/search/fuzzySearch';
import { SimilarIndex, type SimilarHit } from '../../../../src/core/search/similarIncidents';
import { docOfFields, readSimilarWords, similarText, similarWordsOf, type Doc } from '../../../../src/core/search/similarWords';
import { caseRecord, loadSimilarSet } from '../../../../scripts/eval/similarSet';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

/** A document in its order: scores are sums in that order, so order is part of equality. */
function ordered(doc: Doc): unknown {
  return doc.fields.map(([f, stems, counts, length]) => [f, stems.map((t, i) => [t, counts[i]]), length]);
}

/** Seeded: the same texts each run. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Text with what the tokenizer treats specially: camelCase, snake_case, AI words, digits, hashes, stop words, repeats, accents. */
function fuzzText(next: () => number): string {
  const parts = [
    'retryWrapper',
    'HTTPServer',
    'idempotency_key',
    'ai_generated_code',
    'ai_not_related',
    '2026',
    'deadbeef1',
    'a1b2c3d',
    'the',
    'caused',
    'Certificates',
    'expired',
    'expiry',
    'café',
    'naïve',
    'Ölpreis',
    'x',
    'retries',
    '*',
    '\t',
    '\n',
    '—',
    'ÉCHEC',
    '数据库',
    'error_',
    '_',
  ];
  return Array.from({ length: 1 + Math.floor(next() * 30) }, () => parts[Math.floor(next() * parts.length)]).join(next() < 0.5 ? ' ' : '');
}

function fuzzRecord(next: () => number, n: number): IncidentRecord {
  const text = () => (next() < 0.2 ? undefined : fuzzText(next));
  return {
    id: `INC-${900 + n}`,
    title: fuzzText(next),
    status: 'closed',
    priority: 'P2',
    start: '2026-01-01T00:00:00Z',
    keywords: next() < 0.5 ? [fuzzText(next), fuzzText(next)] : undefined,
    impact: { system: text(), feature: text() },
    rootCause: { confirmed: text(), initialHypothesis: text(), note: text(), trigger: next() < 0.5 ? { text: fuzzText(next) } : undefined },
    learning: { lesson: text() },
    postmortem: { summary: text(), whyNotCaught: text() },
    timeline: Array.from({ length: Math.floor(next() * 4) }, () => ({
      at: '2026-01-01T00:10:00Z',
      kind: (['finding', 'decision', 'action', 'note'] as const)[Math.floor(next() * 4)]!,
      text: fuzzText(next),
    })),
  } as IncidentRecord;
}

/** Everything a person sees of a hit, scores to the last bit. */
function seen(hits: readonly SimilarHit[]): unknown {
  return hits.map((h) => ({ id: h.incident.id, score: h.score, shared: h.shared, fields: h.fields }));
}

describe('similarity words listed at parse time (similarWords.ts)', () => {
  const cases = loadSimilarSet(REPO_ROOT);
  const records = cases.map((c, i) => caseRecord(c, i + 1));

  it('read back as the very document read from the record: real incidents, the demo and fuzzed text', async () => {
    const ws = new TempWorkspace(true);
    let demo: IncidentRecord[];
    try {
      demo = (await ws.index()).incidents().map((i) => i.record);
    } finally {
      ws.dispose();
    }
    const next = random(29);
    const fuzzed = Array.from({ length: 300 }, (_, i) => fuzzRecord(next, i));
    for (const r of [...records, ...demo, ...fuzzed]) {
      assert.deepEqual(ordered(readSimilarWords(similarWordsOf(r))), ordered(docOfFields(similarText(r))), r.id);
    }
    assert.equal(demo.length, 4, "the demo's four incidents");
  });

  it('incidents through the wire answer similar questions and search exactly as parsed ones, without loading a full record', () => {
    // Each record parsed from its text (JSON is YAML), then what a worker sends of it: heads, bytes, words.
    const files = records.map((r, i) => parseRecordText(`.incidents/${cases[i]!.id}.yaml`, JSON.stringify(r)));
    const incidents = (list: ReadonlyArray<{ record?: unknown }>) =>
      list.map((p) => p.record).filter((r): r is Incident => (r as Incident | undefined)?.kind === 'incident');
    const parsed = incidents(files);
    const wire = incidents(fromWire(toWire(files)));
    assert.equal(wire.length, parsed.length);
    const loaded = loadedRecordCount();
    const fromWords = new SimilarIndex(wire);
    const fromRecords = new SimilarIndex(parsed);
    const alike = new IncidentSearch(wire);
    assert.equal(loadedRecordCount(), loaded, 'no full record decoded to build either index');
    for (const [i, incident] of parsed.entries()) {
      // An incident as the question: its words are shown as written, which reads that one record.
      assert.deepEqual(seen(fromWords.similar({ incident: wire[i]!, limit: 5, minScore: 0 })), seen(fromRecords.similar({ incident, limit: 5, minScore: 0 })));
      assert.deepEqual(seen(fromWords.similar({ incident: wire[i]!, method: 'bm25' })), seen(fromRecords.similar({ incident, method: 'bm25' })));
    }
    for (const text of ['A regular expression backtracked and CPU went to 100%', 'the TLS certificate expired', 'retry storm after a deploy']) {
      assert.deepEqual(seen(fromWords.similar({ text, limit: 10 })), seen(fromRecords.similar({ text, limit: 10 })));
    }
    const plain = new IncidentSearch(parsed);
    for (const q of ['certificate', 'regex cpu', 'dns', 'cloudflare', 'INC-003']) {
      assert.deepEqual(
        alike.search(q).map((h) => [h.incident.id, h.score, h.field, h.snippet]),
        plain.search(q).map((h) => [h.incident.id, h.score, h.field, h.snippet]),
      );
    }
  });
});
