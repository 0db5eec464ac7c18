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
  /** An incident: its head and derived figures; in `bodies`, its full record's JSON from body[0] to body[1], its search words to body[2] (-1: not computed, a head read). */
  readonly incident?: { readonly head: IncidentHead; readonly derived: Omit<IncidentDerived, 'searchWords'>; readonly body: readonly [number, number, number] };
  /** Action records and runbooks are small: sent whole. */
  readonly record?: ActionRecord | RunbookRecord;
}

export interface WireBatch {
  readonly files: WireFile[];
  readonly bodies: Uint8Array;
}

export function toWire(parsed: readonly ParsedFile[]): WireBatch {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
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
    // A head read (a risk check) does not compute search words: they are computed from the record if a search ever asks.
    if (p.headsOnly) {
      parts.push(json);
      const at = size;
      size += json.length;
      return { ...base, incident: { head: r.head, derived, body: [at, size, -1] } };
    }
    const words = encoder.encode(r.searchWords);
    parts.push(json, words);
    const at = size;
    size += json.length + words.length;
    return { ...base, incident: { head: r.head, derived, body: [at, at + json.length, size] } };
  });
  const bodies = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bodies.set(part, offset);
    offset += part.length;
  }
  return { files, bodies };
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

/** The bodies of a batch, in memory or read when first needed (the load cache reads them from disk on demand). */
export type Bodies = Uint8Array | (() => Uint8Array);

/** Reads a record again from its file when its bytes are gone (the load cache's chunk was deleted). */
export type RecordFallback = (file: string) => IncidentRecord | undefined;

function bodySource(bodies: Bodies, [start, split, end]: readonly [number, number, number], file: string, fallback?: RecordFallback): RecordSource {
  const bytes = typeof bodies === 'function' ? bodies : () => bodies;
  const orFallback = <T>(read: () => T, from: (record: IncidentRecord) => T): T => {
    try {
      return read();
    } catch (err) {
      const record = fallback?.(file);
      if (record) return from(record);
      throw err;
    }
  };
  return {
    load: () =>
      orFallback(
        () => JSON.parse(decoder.decode(bytes().subarray(start, split))) as IncidentRecord,
        (r) => r,
      ),
    searchWords: () =>
      end < 0
        ? searchWordsOf(
            orFallback(
              () => JSON.parse(decoder.decode(bytes().subarray(start, split))) as IncidentRecord,
              (r) => r,
            ),
          )
        : orFallback(() => decoder.decode(bytes().subarray(split, end)), searchWordsOf),
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
