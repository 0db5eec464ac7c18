/** What every CLI command shares: arguments, the workspace root, the index, the clock, output. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_INCIDENTS_FOLDER, type IncidentIndex } from '../core/index/incidentIndex';
import { nearestValue } from '../core/records/didYouMean';
import { RecordWorkspace, sharedCache, type CacheSettings, type WatchPort } from '../node/recordWorkspace';
import { systemClock, type Clock } from '../core/time/clock';
import { findWorkspaceRoot, workspacePath } from '../node/workspaceRoot';
import { CONFIG_FILE } from '../core/index/recordSources';
import { terminalJson, terminalText } from '../core/trust/terminalText';

/** Real time, or the instant INCIDENT_LENS_NOW starts from (tests; see core/time/clock.ts). */
export const now = (): number => clock.now();
let clock: Clock = systemClock;

export function setClock(c: Clock): void {
  clock = c;
}

export class UsageError extends Error {}

/** "; did you mean "resolved"?" when one valid value is close to what was typed, else nothing. */
export function didYouMean(input: string, options: readonly string[]): string {
  const meant = nearestValue(input, options);
  return meant ? `; did you mean "${meant}"?` : '';
}

/** --root, or the nearest folder above the current directory holding the records folder (up to the git root). */
export function workspaceRoot(values: { root?: string; folder?: string }, positionalRoot?: string): string {
  const given = positionalRoot ?? values.root;
  if (given !== undefined) return path.resolve(given);
  const found = findWorkspaceRoot(process.cwd(), values.folder ?? DEFAULT_INCIDENTS_FOLDER);
  if ('error' in found) throw new UsageError(found.error);
  return found.root;
}

/** File arguments relative to the current directory, mapped into the workspace; a file outside it is an error. */
export function workspaceFiles(root: string, files: string[]): string[] {
  return files.map((f) => {
    const rel = workspacePath(root, f);
    if (rel === undefined)
      throw new UsageError(`"${f}" is outside the workspace ${root}: file arguments are relative to the current directory (${process.cwd()})`);
    return rel;
  });
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The CLI's text output boundary: every line a command prints passes here, so
 * record text (written by anyone with commit access, or imported) never
 * reaches the terminal or a CI log as control sequences or as a GitHub
 * workflow command (core/trust/terminalText.ts). `run` wraps the process's
 * streams in it once.
 */
export class TerminalIo implements Io {
  constructor(private readonly io: Io) {}
  out(text: string): void {
    this.io.out(terminalText(text));
  }
  err(text: string): void {
    this.io.err(terminalText(text));
  }
  /** Output that is GitHub workflow commands by design (`--format github`: record text escaped by the format). */
  workflowCommands(text: string): void {
    this.io.out(terminalText(text, { workflowCommands: true }));
  }
}

/** Prints workflow commands as such (see TerminalIo); any other Io gets them as plain output. */
export function workflowCommands(io: Io, text: string): void {
  if (io instanceof TerminalIo) io.workflowCommands(text);
  else io.out(text);
}

export const COMMON = {
  root: { type: 'string', short: 'r' },
  folder: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * The cache the command line keeps (loadCache.ts, the extension's format):
 * INCIDENT_LENS_CACHE_DIR, else $XDG_CACHE_HOME/incident-lens, else the
 * platform's cache folder; INCIDENT_LENS_NO_CACHE=1 or --no-cache turns it off.
 */
let cacheOff = false;
export function setCacheOff(off: boolean): void {
  cacheOff = off;
}

export function cliCache(): CacheSettings | undefined {
  return cacheOff ? undefined : sharedCache(VERSION, __dirname);
}

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** The workspace's records (and with `sources`, its record sources' too), loaded through the one record workspace. */
export async function openWorkspace(
  root: string,
  folder: string | undefined,
  options: { checkLinkTargets?: boolean; sources?: readonly string[]; io?: Io; watch?: WatchPort; allowEmpty?: boolean; headsOnly?: boolean } = {},
): Promise<RecordWorkspace> {
  const abs = path.resolve(root);
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`workspace folder "${root}" does not exist`);
  const ws = await RecordWorkspace.open(abs, {
    folder: folder ?? DEFAULT_INCIDENTS_FOLDER,
    now,
    cache: cliCache(),
    checkLinkTargets: options.checkLinkTargets,
    withSources: options.sources !== undefined,
    extraSources: (options.sources ?? []).map((p) => ({ path: p, from: '--source' })),
    warn: (w) => options.io?.err(`warning: ${w}`),
    watch: options.watch,
    headsOnly: options.headsOnly,
  });
  // The cache is written after the load; a command that exits at once would lose it.
  await ws.settled();
  if (!options.allowEmpty && ws.own.index.allFiles().length === 0) {
    const recordsDir = path.join(abs, folder ?? DEFAULT_INCIDENTS_FOLDER);
    const exists = (await fs.stat(recordsDir).catch(() => undefined)) ?? (await fs.stat(path.join(abs, CONFIG_FILE)).catch(() => undefined));
    if (!exists) throw new UsageError(`no incidents folder: "${recordsDir}" does not exist (use --folder to point elsewhere)`);
  }
  return ws;
}

export async function openIndex(root: string, folder: string | undefined, checkLinkTargets = false): Promise<IncidentIndex> {
  return (await openWorkspace(root, folder, { checkLinkTargets })).own.index;
}

export function requireIncident(index: IncidentIndex, id: string | undefined) {
  if (!id) throw new UsageError('an incident id is required, e.g. INC-023');
  const record = index.byId(id);
  if (!record) {
    const known = index.incidents().map((i) => i.id);
    // The same number written another way (INC-23, inc-023): an id off by a digit is another incident, not a typo.
    const meant = index.incidentWrittenAs(id)?.id;
    throw new UsageError(`unknown id "${id}"${meant ? `; did you mean ${meant}?` : known.length ? `; known incidents: ${known.join(', ')}` : ''}`);
  }
  return record;
}

/** JSON output: valid JSON with no character a terminal acts on (C1, U+2028/2029, invisible characters escaped as \uXXXX). */
export function json(io: Io, value: unknown): void {
  io.out(terminalJson(value));
}

/**
 * The workspace's index and its record sources' (.incident-lens.yaml, --source),
 * each with the link scope of this repository: qualified links apply here, the
 * sources' own links do not. Warnings (a missing source) go to stderr.
 */
export async function openIndexes(
  root: string,
  folder: string | undefined,
  extra: readonly string[],
  io: Io,
  /** Records read by the record-head reader (risk, the pre-push check): diagnostics computed only where asked for. */
  headsOnly = false,
): Promise<{ own: IncidentIndex; sources: Array<{ name: string; index: IncidentIndex }> }> {
  const ws = await openWorkspace(root, folder, { sources: extra, io, headsOnly });
  return { own: ws.own.index, sources: ws.sources.map((s) => ({ name: s.name, index: s.index })) };
}
