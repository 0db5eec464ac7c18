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
import type { HookIncidentView } from '../core/ai/hookAnswer';
import { IncidentIndex } from '../core/index/incidentIndex';
import type { CodeLink } from '../core/records/schema';
import type { Incident } from '../core/records/model';
import type { FixCommit } from '../core/risk/assessRisk';
import { fixAddedLinesByFile } from './git/fixAddedLines';
import { cliCacheDir, encodeHookDigest, gitStamp, recordsKey, writeHookDigest } from './hookDigestFile';
import { LoadCache } from './loadCache';
import { NodeFileAccess } from './nodeFileAccess';

export { cliCacheDir } from './hookDigestFile';

const DAY_MS = 86_400_000;

/** The workspace's records, through the persistent parse cache (a damaged cache is a miss, never an error). */
export async function openCachedIndex(root: string, folder: string, version: string, now: () => number): Promise<IncidentIndex> {
  const access = new NodeFileAccess(root);
  const cache = new LoadCache(
    cliCacheDir(root),
    version,
    (p) => access.readFile(p),
    (p) => access.readTextSync(p),
  );
  const index = new IncidentIndex(access, { folder, now, cache });
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

/**
 * Builds the digest from the records and git, and stores it next to the
 * parse cache. The key is taken before the records are read: a record
 * changed meanwhile makes the stored digest stale at once, never wrong.
 */
export async function buildHookDigest(root: string, folder: string, version: string, now: () => number): Promise<HookDigest> {
  const key = recordsKey(root, folder, version);
  const index = await openCachedIndex(root, folder, version, now);
  const at = now();
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
    const runbooks = index
      .runbooksForIncident(incident)
      .slice(0, 2)
      .map((r) => r.runbook);
    incidents[id] = hookIncidentView(incident, runbooks, at);
    ageSpan(runbooks, at, span);
  }
  await index.cacheWrite;
  const stamp = git.missing.length && 'gitDir' in git && git.gitDir ? { gitDir: git.gitDir, gitStamp: gitStamp(git.gitDir) } : {};
  // A fix the clone lacks and no git folder to watch: answer from this digest once, build it again next time.
  const once = git.missing.length && !('gitStamp' in stamp) ? { validUntil: at } : {};
  const header: HookDigestHeader = { format: HOOK_DIGEST_FORMAT, key, ...span, ...stamp, ...once };
  const digest = writeHookDigest(root, folder, encodeHookDigest(header, links, incidents, git.byFile));
  if (!digest) throw new Error('the hook digest could not be read back');
  return digest;
}
