/**
 * What was running when the incident started. A commit can only have
 * triggered an incident if it had shipped before start; the last deploy's
 * batch (what it brought since the deploy before) are the first suspects.
 *
 * Where shipping is read from, most trusted first:
 *   - the deploy log (deployLog.ts): time, environment, revision;
 *   - deploy tags: tags named like deploys (deploy-…, deploy/…, prod-…,
 *     production/…, live-…), made at their tagger date;
 *   - releases: version tags (v8.1.1, 8.1.1, pkg@8.1.1) and release or
 *     version-bump commits ("release: v8.1.1", "chore(release): …",
 *     "Version Packages", "Bump v30.0.0-nightly…"). A release says what was
 *     published, not what runs (a service may deploy every commit), so it
 *     marks a batch but does not rule out what came after it.
 * A release commit is never a suspect: it marks the batch before it.
 */
import type { DeployEntry } from './deployLogFormat';
import { sameEnvironment } from './deployLogFormat';
import type { GitCommit, GitHistory, GitTag } from './gitHistoryPort';

const DEPLOY_TAG = /^(deploy|deployed|deployment|prod|production|live)([-_/.@]|$)/i;
const VERSION = /(^|[^0-9])v?\d+\.\d+(\.\d+)?([-+][\w.]+)?$/i;

export function isDeployTag(name: string): boolean {
  return DEPLOY_TAG.test(name);
}

export function isVersionTag(name: string): boolean {
  return VERSION.test(name) || /^release[-_/]/i.test(name);
}

/**
 * What may follow "release" or "publish" in a release commit's subject: nothing (or a channel, a PR
 * number), a colon, a version (here or further on), "new versions", or a package name (or a few) and
 * "crates", "packages". "Release new instances when __init__ raises", "chore: Release column vectors …",
 * "release lock on errors", "Publish event in withCtx flow only", "release create: …" (a command's name)
 * change code; read as releases they were never suspects (found on the round-5 tune set).
 */
const RELEASED_WHAT =
  String.raw`(?!\s+(notes?|process|scripts?|workflows?|ci|pipelines?|jobs?|docs?|actions?|tags?|branch)\b)(?=` +
  [
    String.raw`(\s*\((alpha|beta|rc|next|canary|nightly|preview|stable)\))?\s*(\(#\d+\))?\s*$`,
    String.raw`\s*:`,
    String.raw`[\s/@-]+v?\d`,
    String.raw`.*\bv?\d+\.\d+`,
    String.raw`\s+new versions?\b`,
    String.raw`\s+(all\s+)?[\w@*/."'-]+,?\s*(\(#\d+\))?\s*$`,
    String.raw`\s+(all\s+)?[\w@*/."'-]+\s+(crates?|packages?|libs?|libraries|extensions?)\b`,
  ].join('|') +
  ')';

const RELEASE_SUBJECT = [
  new RegExp(String.raw`^(\[[\w -]+\]\s*)?release\b${RELEASED_WHAT}`, 'i'),
  new RegExp(String.raw`^(chore|build|ci)(\([^)]*\))?!?:\s*(release|publish)\b${RELEASED_WHAT}`, 'i'),
  /^(chore|build|ci)(\([^)]*\))?!?:\s*(prepare release|version packages|bump (the )?versions?\b(?! of\b)|bump to v?\d|v?\d+\.\d+\.\d+)/i,
  /^(\[[\w -]+\]\s*)?version packages\b/i,
  /^bump v?\d+\.\d+/i,
  /^bump (the )?(package )?versions? (to|for)\b/i,
  /^(prepare|preparing) (for )?(the )?(release|v?\d+\.\d+)/i,
  // A bare version, as release tooling writes it, squash-merged with its pull request's number ("v0.5.1-next.2 (#3269)").
  /^v?\d+\.\d+\.\d+([-+][\w.]+)?( \(#\d+\))?$/,
  new RegExp(String.raw`^publish(ed)?\b${RELEASED_WHAT}`, 'i'),
];

/** A release or version-bump commit: it marks a batch, it is not a suspect. */
export function isReleaseCommit(commit: Pick<GitCommit, 'subject'>): boolean {
  const s = commit.subject.trim();
  return RELEASE_SUBJECT.some((r) => r.test(s));
}

export interface ShipMark {
  readonly sha: string;
  readonly ms: number;
  /** "deploy 985273c to production (log line 4)", "tag deploy-2025-06-10", "release v8.1.1". */
  readonly label: string;
  readonly kind: 'deploy' | 'release';
}

export interface Shipping {
  /** The deploy (or release) running at start, and the one before it. */
  readonly last?: ShipMark;
  readonly previous?: ShipMark;
  /** Deploy information exists (a log or deploy tags): commits outside `shipped` had not shipped. */
  readonly authoritative: boolean;
  /** Window commits the last mark ran (reachable from it). */
  readonly shipped?: ReadonlySet<string>;
  /** Of those, the ones the deploy before did not have: the last batch. */
  readonly batch?: ReadonlySet<string>;
  readonly notes: readonly string[];
}

export interface ShippingInput {
  readonly startMs: number;
  /** From here on, commits are looked at (the batch may reach further back than the window). */
  readonly sinceMs: number;
  readonly deploys?: readonly DeployEntry[];
  readonly environment?: string;
}

/** The deploy marks before start, newest first: the deploy log when it has entries for the environment, else deploy tags. */
async function deployMarks(git: GitHistory, tags: readonly GitTag[], input: ShippingInput, notes: string[]): Promise<ShipMark[]> {
  const env = input.environment ?? 'production';
  const log = (input.deploys ?? []).filter((d) => sameEnvironment(d.environment, env));
  if ((input.deploys ?? []).length > 0 && log.length === 0) notes.push(`the deploy log has no deploy to ${env}: deploys not used`);
  if (log.length > 0) {
    const marks: ShipMark[] = [];
    for (const d of log) {
      if (d.ms > input.startMs) continue;
      const tag = tags.find((t) => t.name === d.revision);
      const commit = tag ? undefined : await git.commit(d.revision);
      const sha = tag?.sha ?? commit?.sha;
      if (!sha) {
        notes.push(`deploy log line ${d.line}: revision ${d.revision} is not in this repository's history`);
        continue;
      }
      marks.push({ sha, ms: d.ms, label: `deploy of ${d.revision.slice(0, 12)} to ${d.environment} (deploy log line ${d.line})`, kind: 'deploy' });
    }
    return marks.sort((a, b) => b.ms - a.ms);
  }
  return tags
    .filter((t) => isDeployTag(t.name) && t.ms <= input.startMs)
    .sort((a, b) => b.ms - a.ms)
    .map((t) => ({ sha: t.sha, ms: t.ms, label: `deploy tag ${t.name}`, kind: 'deploy' as const }));
}

/** Release marks before start in the window's commits: version tags on them and release commits, newest first. */
function releaseMarks(window: readonly GitCommit[], tags: readonly GitTag[], startMs: number): ShipMark[] {
  const inWindow = new Map(window.map((c) => [c.sha, c]));
  const marks: ShipMark[] = [];
  for (const t of tags) {
    if (isVersionTag(t.name) && !isDeployTag(t.name) && t.ms <= startMs && inWindow.has(t.sha))
      marks.push({ sha: t.sha, ms: t.ms, label: `release ${t.name}`, kind: 'release' });
  }
  for (const c of window)
    if (isReleaseCommit(c) && c.committedMs <= startMs)
      marks.push({ sha: c.sha, ms: c.committedMs, label: `release commit ${c.sha.slice(0, 7)} "${c.subject.slice(0, 40)}"`, kind: 'release' });
  return marks.sort((a, b) => b.ms - a.ms);
}

/** Deploy marks before start (log, else deploy tags), newest first; an empty list means no deploy information. */
export async function deployMarksBefore(git: GitHistory, tags: readonly GitTag[], input: ShippingInput, notes: string[]): Promise<ShipMark[]> {
  return deployMarks(git, tags, input, notes);
}

/**
 * What ran at start. Deploy marks first (authoritative: commits they did not
 * run had not shipped); without them, release marks (a batch, not a limit).
 */
export async function readShipping(
  git: GitHistory,
  window: readonly GitCommit[],
  tags: readonly GitTag[],
  deploys: readonly ShipMark[],
  input: ShippingInput,
  notes: string[],
): Promise<Shipping> {
  const authoritative = deploys.length > 0;
  const marks = authoritative ? deploys : releaseMarks(window, tags, input.startMs);
  const last = marks[0];
  if (!last || !git.reachable) return { authoritative: false, notes };
  const previous = marks.find((m) => m.sha !== last.sha);
  const shipped = await git.reachable(last.sha, input.sinceMs);
  const before = previous ? await git.reachable(previous.sha, input.sinceMs) : new Set<string>();
  const batch = new Set([...shipped].filter((s) => !before.has(s)));
  return { last, ...(previous ? { previous } : {}), authoritative, shipped, batch, notes };
}
