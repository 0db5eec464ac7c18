/**
 * The incident model behind the `Incident` interface: head and derived figures
 * always in memory, the full record either kept (built from a parsed record,
 * model.ts) or loaded from its source on first access (what workers and the
 * cache deliver, core/index/recordWire.ts), with a bound on how many loaded
 * full records stay in memory.
 */
import { AI_CONNECTIONS, type AiConnection, type CodeLink, type CommitRef, type IncidentRecord, type Milestone } from './schema';
import type { Incident, IncidentHead, ResolvedAction, ResolvedCommunication, ResolvedEntry } from './model';
import { recordZone, resolveActions, resolveCommunications, resolveTimeline, timeResolver } from './resolveTimes';
import type { Instant } from '../time/recordTime';
import { searchWordsOf } from '../search/searchWords';

function asList(value: string | readonly string[] | undefined): AiConnection[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is AiConnection => (AI_CONNECTIONS as readonly string[]).includes(v));
}

/** What is computed from the whole record once and kept with the head. */
export type IncidentDerived = Pick<Incident, 'start' | 'resolution' | 'durationMinutes' | 'postmortemDeadline' | 'milestones' | 'openActions' | 'searchWords'>;

/** Where a full record comes from when it is not in memory (its JSON as UTF-8 bytes, core/index/recordWire.ts), with its search and similarity words. */
export interface RecordSource {
  load(): IncidentRecord;
  searchWords(): string;
  /** Undefined when not listed at parse time (a head read) or no longer readable: similarity reads the record. */
  similarWords(): string | undefined;
}

/** Full records in memory for big folders; the longest loaded are forgotten first. */
let loadedLimit = 500;
const loaded = new Set<IncidentModel>();

/** How many full records loaded from their source stay in memory (tests and the benchmark); returns the previous limit. */
export function setLoadedRecordLimit(limit: number): number {
  const previous = loadedLimit;
  loadedLimit = limit;
  return previous;
}

/** Full records currently loaded from their sources. */
export function loadedRecordCount(): number {
  return loaded.size;
}

interface Full {
  readonly record: IncidentRecord;
  timeline?: readonly ResolvedEntry[];
  actions?: readonly ResolvedAction[];
  communications?: readonly ResolvedCommunication[];
}

/**
 * An incident: head and derived figures always in memory, the full record
 * either kept (parsed here) or loaded from its source on first access.
 */
class IncidentModel implements Incident {
  readonly kind = 'incident';
  readonly id: string;
  readonly start?: Instant;
  readonly resolution?: Instant;
  readonly durationMinutes?: number;
  readonly postmortemDeadline?: Instant;
  readonly milestones: Partial<Record<Milestone, Instant>>;
  readonly openActions: readonly ResolvedAction[];
  readonly aiConnections: readonly AiConnection[];
  readonly links: readonly CodeLink[];
  readonly commits: readonly CommitRef[];
  private words?: string;
  private full?: Full;

  constructor(
    readonly file: string,
    readonly head: IncidentHead,
    derived: Omit<IncidentDerived, 'searchWords'> & { searchWords?: string },
    private readonly source: RecordSource | undefined,
    full?: Full,
  ) {
    this.id = head.id;
    this.start = derived.start;
    this.resolution = derived.resolution;
    this.durationMinutes = derived.durationMinutes;
    this.postmortemDeadline = derived.postmortemDeadline;
    this.milestones = derived.milestones;
    this.openActions = derived.openActions;
    this.words = derived.searchWords;
    this.aiConnections = asList(head.rootCause?.aiConnection);
    this.links = head.links ?? [];
    this.commits = head.commits ?? [];
    this.full = full;
  }

  private get loadedFull(): Full {
    if (this.full) return this.full;
    const full: Full = { record: this.source!.load() };
    this.full = full;
    loaded.add(this);
    while (loaded.size > loadedLimit) {
      const oldest = loaded.values().next().value!;
      loaded.delete(oldest);
      oldest.full = undefined;
    }
    return full;
  }

  get record(): IncidentRecord {
    return this.loadedFull.record;
  }

  /** The full record without keeping it: for copying it elsewhere (the load cache, a worker's batch), which is no use of it. */
  peekRecord(): IncidentRecord {
    return this.full?.record ?? this.source!.load();
  }

  /** From the source when there is one (the worker computed them), else computed here on first use (a search index; never for a risk check). */
  get searchWords(): string {
    if (this.words !== undefined) return this.words;
    if (this.source) return this.source.searchWords();
    return (this.words = searchWordsOf(this.record));
  }

  /** Read from the source each time, never kept here: similarity keeps the document it builds from them. */
  get similarWords(): string | undefined {
    return this.source?.similarWords();
  }

  get timeline(): readonly ResolvedEntry[] {
    const f = this.loadedFull;
    return (f.timeline ??= resolveTimeline(f.record, this.start, timeResolver(recordZone(f.record))).timeline);
  }

  get actions(): readonly ResolvedAction[] {
    const f = this.loadedFull;
    return (f.actions ??= resolveActions(f.record, this.start, timeResolver(recordZone(f.record))));
  }

  get communications(): readonly ResolvedCommunication[] {
    const f = this.loadedFull;
    return (f.communications ??= resolveCommunications(f.record, this.start, timeResolver(recordZone(f.record))));
  }
}

/**
 * An incident's full record, read without entering the most recently used
 * ones kept in memory: writing records to the cache must not fill that
 * list (it held the stored records of every reload, and with them each
 * disposed index's chunk bytes, until 500 newer records pushed them out).
 */
export function recordForCopy(incident: Incident): IncidentRecord {
  return incident instanceof IncidentModel ? incident.peekRecord() : incident.record;
}

/** An incident whose full record is loaded from `source` when needed (what workers and the cache deliver). */
export function incidentFromHead(file: string, head: IncidentHead, derived: Omit<IncidentDerived, 'searchWords'>, source: RecordSource): Incident {
  return new IncidentModel(file, head, derived, source);
}

/** An incident built from a record parsed here, with everything computed from it. */
export function incidentWithRecord(file: string, head: IncidentHead, derived: Omit<IncidentDerived, 'searchWords'>, full: Full): Incident {
  return new IncidentModel(file, head, derived, undefined, full);
}

export function incidentDerived(incident: Incident): IncidentDerived {
  const { start, resolution, durationMinutes, postmortemDeadline, milestones, openActions, searchWords } = incident;
  return { start, resolution, durationMinutes, postmortemDeadline, milestones, openActions, searchWords };
}
