/**
 * The edit hook's per-workspace digest (issue 30: under 300 ms at 1,000
 * incidents): what the hook needs of all records, prepared once — the code
 * links (each with the incident it leads to), the linked incidents as quoted
 * views (core/ai/hookAnswer.ts), and the lines each fix commit added, per
 * file. A warm hook answers from it alone, without the records' parser (no
 * zod, no yaml) and without reading the parse cache's chunks or running git.
 *
 * The digest is only answered from while its key matches the records on
 * disk (src/node/hookDigestFile.ts: every record file's path, size, mtime and
 * ctime, the CLI version and the records folder), before `validUntil` (a
 * runbook's "N days ago" moves) and, when a fix commit named by a record was
 * missing from the clone, while git's refs are unchanged. The same function
 * answers on the cold path, right after the digest is built, so both paths
 * give the same answer.
 */
import { checkLinkPath, globBase, LinkIndex, linkKind, normalizePath } from '../links/linkIndex';
import type { IndexedRecord } from '../records/model';
import { outline, type OutlineSymbol } from '../links/sourceOutline';
import {
  claudeHookAnswer,
  editedLines,
  fixLinesTouched,
  type ClaudePreToolUseOutput,
  type EditIntent,
  type FixAddedLines,
  type HookHit,
  type HookIncidentView,
} from './hookAnswer';

export const HOOK_DIGEST_FORMAT = 3;

/** One code link: the path as the record wrote it, its symbol, the incident it leads to (an action's link leads to its incident). */
export interface HookDigestLink {
  readonly path: string;
  readonly symbol?: string;
  readonly incident: string;
}

/** What the hook reads of every digest: small (no links, views or fix lines), so every edit costs one short JSON parse. */
export interface HookDigestHeader {
  readonly format: number;
  /** The records on disk, the version and the folder this digest was built from (hookDigestFile.ts). */
  readonly key: string;
  /** The span of time the runbooks' ages ("N days ago") in the views hold for: outside it (a day on, a clock set back), rebuild. */
  readonly validFrom?: number;
  readonly validUntil?: number;
  /** Set when a record names a fix commit the clone lacked: git's refs then (a fetch may bring it). */
  readonly gitStamp?: string;
  readonly gitDir?: string;
}

/** The digest as the hook reads it: the header, and the rest only where the edit needs it. */
export interface HookDigest {
  readonly header: HookDigestHeader;
  /** The links filed under a bucket a look-up visits (linkBucket): a file's own path, an ancestor directory, a glob's base. */
  links(bucket: string): readonly HookDigestLink[];
  view(id: string): HookIncidentView | undefined;
  /** The lines each fix commit added to this workspace-relative file. */
  fixLines(file: string): readonly FixAddedLines[];
}

/** Is this parsed JSON a digest header of our format? (Shape only; the key is checked by the reader.) */
export function isHookDigestHeader(value: unknown): value is HookDigestHeader {
  if (!value || typeof value !== 'object') return false;
  const d = value as Partial<HookDigestHeader>;
  return d.format === HOOK_DIGEST_FORMAT && typeof d.key === 'string';
}

/**
 * Which of `parts` parts of a digest map holds `key` (32-bit FNV-1a of its
 * UTF-16 code units): the digest stores each map (links by bucket, views by
 * incident, fix lines by file) in parts, and the hook parses only the parts
 * of the keys an edit asks for, not the whole map.
 */
export function digestPart(key: string, parts: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % parts;
}

/** Where the link index would file a link, as the bucket a look-up visits: its path (a file), its directory, or its glob's fixed base; undefined when refused. */
export function linkBucket(path: string): string | undefined {
  if (checkLinkPath(path)) return undefined;
  const p = normalizePath(path);
  const kind = linkKind(p);
  return kind === 'glob' ? globBase(p) : p;
}

/** The buckets a look-up of this file visits: its path and each ancestor directory ("", "src/", "src/payments/"). */
function bucketsFor(file: string): string[] {
  const path = normalizePath(file);
  const out = [path, ''];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i + 1));
  return out;
}

type Lines = Array<{ startLine: number; endLine: number }>;

/** Does a symbol link concern this edit? Yes when the edit overlaps its body (the text's outline), names it, or cannot be placed. */
function symbolTouched(symbol: string, place: () => { symbols?: readonly OutlineSymbol[]; edited: Lines }, intent: EditIntent): boolean {
  const name = symbol.includes('.') ? symbol.slice(symbol.lastIndexOf('.') + 1) : symbol;
  if (intent.changes.some((c) => c.old.includes(name) || c.new.includes(name))) return true;
  const { symbols, edited } = place();
  if (!symbols || intent.wholeFile || !edited.length) return true;
  const own = symbols.filter((s) => s.name === symbol || s.name.endsWith(`.${name}`) || s.name === name);
  if (!own.length) return true;
  return own.some((s) => edited.some((r) => r.startLine <= s.endLine && r.endLine >= s.startLine));
}

/** The links that may cover the file, in the workspace's own link index (so they match as everywhere else), each leading to its incident id. */
function linkIndexFor(digest: HookDigest, file: string): { index: LinkIndex; owner: Map<object, string> } {
  const index = new LinkIndex();
  const owner = new Map<object, string>();
  for (const bucket of new Set(bucketsFor(file))) {
    for (const link of digest.links(bucket)) {
      // LinkIndex reads only a record's links; the owner map says whose they are.
      const holder = { kind: 'incident', links: [{ path: link.path, ...(link.symbol ? { symbol: link.symbol } : {}) }] };
      owner.set(holder, link.incident);
      index.add(holder as unknown as IndexedRecord);
    }
  }
  return { index, owner };
}

/**
 * The hook's answer for one edit from the digest: the incidents linked to the
 * file (a symbol link only when the edit concerns that symbol) and the fix
 * lines the edit removes or rewrites. `text` is the file's current text
 * (undefined: a new file); for Write and NotebookEdit it is the old text.
 */
export function answerFromDigest(digest: HookDigest, intent: EditIntent, rel: string, text: string | undefined): ClaudePreToolUseOutput | undefined {
  const changes = intent.wholeFile ? intent.changes.map((c) => ({ ...c, old: text ?? '' })) : intent.changes;
  const edit: EditIntent = { ...intent, changes };
  // The file's outline and the edited lines only when a symbol link needs them (most edits meet no link at all).
  let placed: { symbols?: readonly OutlineSymbol[]; edited: Lines } | undefined;
  const place = () => (placed ??= text === undefined ? { edited: [] } : { symbols: outline(text), edited: editedLines(text, changes) });
  const { index, owner } = linkIndexFor(digest, rel);
  const hits = new Map<string, { incident: HookIncidentView; where: Set<string> }>();
  const hit = (id: string, where: string) => {
    const incident = digest.view(id);
    if (!incident) return;
    const entry = hits.get(id) ?? { incident, where: new Set<string>() };
    entry.where.add(where);
    hits.set(id, entry);
  };
  for (const ref of index.lookup(rel)) {
    const id = owner.get(ref.record);
    if (!id) continue;
    if (ref.link.symbol && !symbolTouched(ref.link.symbol, place, edit)) continue;
    hit(id, ref.link.symbol ? `${rel} (${ref.link.symbol})` : rel);
  }
  const fixes = text === undefined ? [] : digest.fixLines(rel);
  const fixHits = fixes.length ? fixLinesTouched(fixes, changes) : [];
  for (const f of fixHits) hit(f.incidentId, `${rel} (lines its fix ${f.fixSha.slice(0, 7)} added)`);
  const list: HookHit[] = [...hits.values()].map(({ incident, where }) => ({ incident, where: [...where] }));
  return claudeHookAnswer({ file: rel, hits: list, fixHits });
}
