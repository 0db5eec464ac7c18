/**
 * The edit hook's facts from disk (issue 30), prepared once per change of the
 * records: the workspace's records (through the persistent parse cache, so
 * this reads no YAML when warm), every code link with the incident it leads
 * to, the linked incidents as quoted views, and from git the lines each fix
 * commit added — the digest (core/ai/hookDigest.ts) the hook answers from.
 * This is the hook's cold path, in its own bundle (dist/hookFull.js); the
 * warm path (src/cli/commands/hook.ts) reads the digest and loads none of it.
 */
import { hookIncidentView } from '../core/ai/editHook';
import { HOOK_DIGEST_FORMAT, linkBucket, type HookDigest, type HookDigestHeader, type HookDigestLink } from '../core/ai/hookDigest';
import type { FixAddedLines, HookIncidentView } from '../core/ai/hookAnswer';
import { IncidentIndex } from '../core/index/incidentIndex';
import { systemKey } from '../core/index/indexTypes';
import type { CodeLink } from '../core/records/schema';
import type { Incident, Runbook } from '../core/records/model';
import { linkKind, normalizePath } from '../core/links/linkIndex';
import type { FixCommit } from '../core/risk/assessRisk';
import { fixAddedLinesByFile } from './git/fixAddedLines';
import { folderCacheDir, sharedCache } from './cacheDir';
import { encodeHookDigest, gitStamp, recordsKey, writeHookDigest } from './hookDigestFile';
import { LoadCache } from './loadCache';
import { NodeFileAccess } from './nodeFileAccess';

export { cliCacheDir } from './hookDigestFile';

const DAY_MS = 86_400_000;

/**
 * The workspace's records, through the persistent parse cache (a damaged cache
 * is a miss, never an error), read by the record-head reader (headsOnly: no
 * diagnostics or anchors, which the hook never shows; the records are the
 * full parser's, and a file the head reader does not understand is read by it).
 */
export async function openCachedIndex(root: string, folder: string, version: string, now: () => number, headsOnly = true): Promise<IncidentIndex> {
  const access = new NodeFileAccess(root);
  // The one cache the other faces use (recordWorkspace.ts): a window or a `risk` run leaves it warm for the hook, and back.
  const shared = sharedCache(version, __dirname);
  const cache = shared
    ? new LoadCache(
        folderCacheDir(shared.dir, root, folder),
        shared.version,
        (p) => access.readFile(p),
        (p) => access.readTextSync(p),
      )
    : undefined;
  const index = new IncidentIndex(access, { folder, now, cache, headsOnly });
  await index.load();
  return index;
}

/** Every fix commit the records name, in one pass (core's fixCommits asks for each incident's actions: quadratic at 1,000 incidents). */
function allFixCommits(index: IncidentIndex): FixCommit[] {
  const out: FixCommit[] = [];
  for (const incident of index.incidents()) for (const c of incident.commits) if (c.role === 'fix') out.push({ incidentId: incident.id, sha: c.sha });
  for (const a of index.actionRecords()) for (const c of a.record.commits ?? []) if (c.role === 'fix') out.push({ incidentId: a.record.incident, sha: c.sha });
  return out;
}

/** Links the hook can meet: in this repository (a link naming another repository is matched only by a host that knows its remotes). */
function ownLinks(links: readonly CodeLink[], incident: string): HookDigestLink[] {
  return links.filter((l) => l.repo === undefined).map((l) => ({ path: l.path, ...(l.symbol ? { symbol: l.symbol } : {}), incident }));
}

/** The span around `now` in which every runbook's "N days ago" stays what the views say. */
function ageSpan(runbooks: ReadonlyArray<{ lastVerified?: { ms: number } }>, now: number, span: { validFrom?: number; validUntil?: number }): void {
  for (const rb of runbooks) {
    if (!rb.lastVerified) continue;
    const from = rb.lastVerified.ms + Math.floor((now - rb.lastVerified.ms) / DAY_MS) * DAY_MS;
    span.validFrom = Math.max(span.validFrom ?? from, from);
    span.validUntil = Math.min(span.validUntil ?? from + DAY_MS, from + DAY_MS);
  }
}

/** What an incident's runbooks are looked up in: the index's own answer, or the same answer from maps built once (runbooksFinder). */
export type RunbooksOf = (incident: Incident) => readonly Runbook[];

/**
 * The index's runbooksForIncident (core/index/workQueries.ts), in the same
 * order, from maps built once: it filters every action record and every
 * runbook for each incident, quadratic at 1,000 incidents (0.42 s of a rebuild).
 */
export function runbooksFinder(index: IncidentIndex): RunbooksOf {
  const actionRunbooks = new Map<string, string[]>();
  for (const a of index.actionRecords()) {
    const list = actionRunbooks.get(a.record.incident) ?? [];
    list.push(...(a.record.runbooks ?? []));
    actionRunbooks.set(a.record.incident, list);
  }
  const bySystem = new Map<string, Runbook[]>();
  for (const rb of index.runbooks()) {
    const key = systemKey(rb.record.system);
    if (key) bySystem.set(key, [...(bySystem.get(key) ?? []), rb]);
  }
  const forFile = new Map<string, Runbook[]>();
  return (incident) => {
    const out = new Set<Runbook>();
    for (const id of [...(incident.head.runbooks ?? []), ...(actionRunbooks.get(incident.id) ?? [])]) {
      const rb = index.runbook(id);
      if (rb) out.add(rb);
    }
    const system = systemKey(incident.head.impact?.system);
    if (system) for (const rb of bySystem.get(system) ?? []) out.add(rb);
    for (const link of incident.links) {
      const path = normalizePath(link.path);
      if (linkKind(path) !== 'file') continue;
      let found = forFile.get(path);
      if (!found) forFile.set(path, (found = index.runbooksForFile(path)));
      for (const rb of found) out.add(rb);
    }
    return [...out];
  };
}

/** The digest's maps and validity from loaded records and git (no key: the caller took it before reading). */
export interface DigestContent {
  readonly links: Record<string, HookDigestLink[]>;
  readonly incidents: Record<string, HookIncidentView>;
  readonly fixes: Record<string, FixAddedLines[]>;
  readonly span: { validFrom?: number; validUntil?: number };
  readonly git: { readonly missing: readonly string[]; readonly gitDir?: string };
}

/** What the hook needs of the records: every own link, the fix lines from git, and a quoted view of each incident a link or a fix leads to. */
export async function digestContent(index: IncidentIndex, root: string, at: number, runbooksOf: RunbooksOf): Promise<DigestContent> {
  const links: Record<string, HookDigestLink[]> = Object.create(null) as Record<string, HookDigestLink[]>; // a bucket may be any path, even "__proto__"
  const linked = new Set<string>();
  const file = (l: HookDigestLink) => {
    const bucket = linkBucket(l.path);
    if (bucket === undefined) return;
    (links[bucket] ??= []).push(l);
    linked.add(l.incident);
  };
  for (const incident of index.incidents()) ownLinks(incident.links, incident.id).forEach(file);
  for (const a of index.actionRecords()) ownLinks(a.links, a.record.incident).forEach(file);
  const fixes = allFixCommits(index);
  const git = fixes.length ? await fixAddedLinesByFile(root, fixes) : { byFile: {}, missing: [] as string[] };
  for (const f of fixes) linked.add(f.incidentId);
  const incidents: Record<string, HookIncidentView> = {};
  const span: { validFrom?: number; validUntil?: number } = {};
  for (const id of linked) {
    const incident: Incident | undefined = index.incident(id);
    if (!incident) continue;
    const runbooks = runbooksOf(incident).slice(0, 2);
    incidents[id] = hookIncidentView(incident, runbooks, at);
    ageSpan(runbooks, at, span);
  }
  return { links, incidents, fixes: git.byFile, span, git };
}

/**
 * Builds the digest from the records (heads through the parse cache) and git,
 * and stores it next to the parse cache. The key is taken before the records
 * are read: a record changed meanwhile makes the stored digest stale at once, never wrong.
 */
export async function buildHookDigest(root: string, folder: string, version: string, now: () => number): Promise<HookDigest> {
  const key = recordsKey(root, folder, version);
  const index = await openCachedIndex(root, folder, version, now);
  const at = now();
  const { links, incidents, fixes, span, git } = await digestContent(index, root, at, runbooksFinder(index));
  const stamp = git.missing.length && git.gitDir ? { gitDir: git.gitDir, gitStamp: gitStamp(git.gitDir) } : {};
  // A fix the clone lacks and no git folder to watch: answer from this digest once, build it again next time.
  const once = git.missing.length && !('gitStamp' in stamp) ? { validUntil: at } : {};
  const header: HookDigestHeader = { format: HOOK_DIGEST_FORMAT, key, ...span, ...stamp, ...once };
  const digest = writeHookDigest(root, folder, encodeHookDigest(header, links, incidents, fixes));
  // The parse cache is written after the digest (0.4 s at 1,000 incidents): a hook waiting for the digest need not wait for it.
  await index.cacheWrite;
  if (!digest) throw new Error('the hook digest could not be read back');
  return digest;
}
