/**
 * Parsed files as they cross a thread or go to disk: plain data, with each
 * incident's full record as UTF-8 JSON in one shared byte buffer. The buffer
 * is transferred between threads (not copied) and becomes the records'
 * source: the index keeps incidents' heads as objects and their full records
 * as these bytes, parsed on first access. No Node or VS Code imports.
 */
import type { Range, RecordDiagnostic } from '../records/diagnostics';
import { buildAction, buildRunbook, type IncidentHead, type IndexedRecord } from '../records/model';
import { incidentFromHead, recordForCopy, type IncidentDerived, type RecordSource } from '../records/lazyIncident';
import type { Anchors, ParsedFile } from '../records/parseRecord';
import type { ActionRecord, IncidentRecord, RecordKind, RunbookRecord } from '../records/schema';
import { searchWordsOf } from '../search/searchWords';
import { similarWordsOf } from '../search/similarWords';

export interface WireFile {
  readonly file: string;
  readonly kind?: RecordKind;
  readonly diagnostics: RecordDiagnostic[];
  /** Flat: field, start line, start character, end line, end character, field, … */
  readonly anchors: Array<string | number>;
  readonly yamlBroken: boolean;
  readonly contentHash?: string;
  /** Read by the record-head reader: no diagnostics or anchors (ParsedFile.headsOnly). */
  readonly headsOnly?: true;
  /** An incident: its head and derived figures, and where its bytes are in `bodies` (IncidentBody). */
  readonly incident?: { readonly head: IncidentHead; readonly derived: Omit<IncidentDerived, 'searchWords'>; readonly body: IncidentBody };
  /** Action records and runbooks are small: sent whole. */
  readonly record?: ActionRecord | RunbookRecord;
}

/**
 * Offsets in `bodies`: the full record's JSON from [0] to [1]; its search
 * words (searchWords.ts) from [2] to [3] and its similarity words
 * (similarWords.ts) from [3] to [4], or [2] = -1 when not listed (a head
 * read: computed from the record if ever asked). A batch's words all come
 * before its records' JSON, so the words of a cached chunk are read without
 * its records (node/loadCache.ts).
 */
export type IncidentBody = readonly [number, number, number, number, number];

export interface WireBatch {
  readonly files: WireFile[];
  readonly bodies: Uint8Array;
}

export function toWire(parsed: readonly ParsedFile[]): WireBatch {
  const encoder = new TextEncoder();
  const words: Uint8Array[] = [];
  const records: Uint8Array[] = [];
  let wordsSize = 0;
  let recordsSize = 0;
  // Record offsets are counted from the end of the words and moved once their size is known.
  const bodies: Array<[number, number, number, number, number]> = [];
  const files = parsed.map((p): WireFile => {
    const anchors: Array<string | number> = [];
    // A head read has neither (the index may compute them later, from the file): never touched here.
    if (!p.headsOnly) for (const [field, r] of p.anchors) anchors.push(field, r.start.line, r.start.character, r.end.line, r.end.character);
    const diagnostics = p.headsOnly ? [] : p.diagnostics;
    const base = {
      file: p.file,
      kind: p.kind,
      diagnostics,
      anchors,
      yamlBroken: p.yamlBroken,
      contentHash: p.contentHash,
      ...(p.headsOnly ? { headsOnly: true as const } : {}),
    };
    const r = p.record;
    if (!r) return base;
    if (r.kind !== 'incident') return { ...base, record: r.record };
    const { start, resolution, durationMinutes, postmortemDeadline, milestones, openActions } = r;
    const derived = { start, resolution, durationMinutes, postmortemDeadline, milestones, openActions };
    const json = encoder.encode(JSON.stringify(recordForCopy(r)));
    records.push(json);
    const body: [number, number, number, number, number] = [recordsSize, (recordsSize += json.length), -1, -1, -1];
    bodies.push(body);
    // A head read (a risk check) does not list words: they are computed from the record if a search ever asks.
    if (!p.headsOnly) {
      const search = encoder.encode(r.searchWords);
      const similar = encoder.encode(r.similarWords ?? similarWordsOf(recordForCopy(r)));
      words.push(search, similar);
      body[2] = wordsSize;
      body[3] = wordsSize += search.length;
      body[4] = wordsSize += similar.length;
    }
    return { ...base, incident: { head: r.head, derived, body } };
  });
  for (const body of bodies) {
    body[0] += wordsSize;
    body[1] += wordsSize;
  }
  const out = new Uint8Array(wordsSize + recordsSize);
  let offset = 0;
  for (const part of [...words, ...records]) {
    out.set(part, offset);
    offset += part.length;
  }
  return { files, bodies: out };
}

const decoder = new TextDecoder();

/** Anchors kept as the wire's flat array: a handful per file, read rarely (diagnostics), so no objects until asked. */
class FlatAnchors implements Anchors {
  constructor(private readonly flat: ReadonlyArray<string | number>) {}

  private range(i: number): Range {
    const n = (k: number) => this.flat[i + k] as number;
    return { start: { line: n(1), character: n(2) }, end: { line: n(3), character: n(4) } };
  }

  get(field: string): Range | undefined {
    for (let i = 0; i < this.flat.length; i += 5) if (this.flat[i] === field) return this.range(i);
    return undefined;
  }

  *[Symbol.iterator](): Iterator<[string, Range]> {
    for (let i = 0; i < this.flat.length; i += 5) yield [this.flat[i] as string, this.range(i)];
  }
}

/**
 * The bodies of a batch: in memory, or read when needed (the load cache
 * reads a chunk's bodies from disk on first use, and a range of words
 * without reading the records; the bytes it returns are read at once, they
 * may be a buffer it reuses).
 */
export type Bodies = Uint8Array | { all(): Uint8Array; range(start: number, end: number): Uint8Array };

/** Reads a record again from its file when its bytes are gone (the load cache's chunk was deleted). */
export type RecordFallback = (file: string) => IncidentRecord | undefined;

function bodySource(bodies: Bodies, body: IncidentBody, file: string, fallback?: RecordFallback): RecordSource {
  const [start, end, words, split, wordsEnd] = body;
  const all = bodies instanceof Uint8Array ? () => bodies : () => bodies.all();
  // Words only: from the cache, read without the records (the search index build asks for every incident's).
  const range = bodies instanceof Uint8Array ? (a: number, b: number) => bodies.subarray(a, b) : (a: number, b: number) => bodies.range(a, b);
  const orFallback = <T>(read: () => T, from: (record: IncidentRecord) => T): T => {
    try {
      return read();
    } catch (err) {
      const record = fallback?.(file);
      if (record) return from(record);
      throw err;
    }
  };
  const load = () =>
    orFallback(
      () => JSON.parse(decoder.decode(all().subarray(start, end))) as IncidentRecord,
      (r) => r,
    );
  return {
    load,
    searchWords: () => (words < 0 ? searchWordsOf(load()) : orFallback(() => decoder.decode(range(words, split)), searchWordsOf)),
    similarWords: () => {
      if (words < 0) return undefined;
      try {
        return decoder.decode(range(split, wordsEnd));
      } catch {
        return undefined; // the cache's chunk is gone: similarity reads the record (from its file)
      }
    },
  };
}

/** One file back from the wire; an incident keeps (a way to) its bytes in `bodies` as its record's source. */
export function fromWireFile(w: WireFile, bodies: Bodies, fallback?: RecordFallback): ParsedFile {
  let record: IndexedRecord | undefined;
  if (w.incident) {
    record = incidentFromHead(w.file, w.incident.head, w.incident.derived, bodySource(bodies, w.incident.body, w.file, fallback));
  } else if (w.record && w.kind === 'action') {
    record = buildAction(w.file, w.record as ActionRecord).action;
  } else if (w.record && w.kind === 'runbook') {
    record = buildRunbook(w.file, w.record as RunbookRecord).runbook;
  }
  return {
    file: w.file,
    kind: w.kind,
    record,
    diagnostics: w.diagnostics,
    anchors: new FlatAnchors(w.anchors),
    yamlBroken: w.yamlBroken,
    contentHash: w.contentHash,
    ...(w.headsOnly ? { headsOnly: true as const } : {}),
  };
}

export function fromWire(batch: WireBatch): ParsedFile[] {
  return batch.files.map((w) => fromWireFile(w, batch.bodies));
}
