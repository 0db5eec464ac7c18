/**
 * The record's words against a commit: what the incident says (title,
 * impact, the alert that detected it, the first timeline entries where the
 * symptoms and error text are written, root cause, keywords, linked paths)
 * matched against the commit's message, the paths it changed and the
 * symbols its hunks fall in; each match says where it was found.
 */
import type { Incident } from '../records/model';

const STOP = new Set(
  'the a an and or of to in on for with from by at as is was were be been it its this that these those into out over under after before during not no api service services system systems src lib libs app apps pkg packages package crates ext internal cmd test tests spec index main core common util utils misc module modules code file files new old fix fixed fixes update updated updates change changes add added remove removed use used using when while then than via per all any some more less our we they users user incident incidents error errors failed failing fail issue issues problem down outage started start see seen customers customer'.split(
    ' ',
  ),
);

/** A light stemmer: charge, charged, charges → charg; retry, retried, retries → retry. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  const w = word.replace(/(?:ies|ied)$/, 'y').replace(/(?:ing|ed|es|s)$/, '');
  return w.length > 3 ? w.replace(/e$/, '') : w;
}

/** Lower-case word stems of a text or path, without the words every project uses. */
export function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  const spaced = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  for (const w of spaced.toLowerCase().split(/[^a-z0-9]+/)) {
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** Words of a path without its extension: every .dart file does not concern a system named "app_dart". */
export function pathWords(path: string): Set<string> {
  return wordsOf(path.replace(/(?<=[^/.])\.[^./]+$/, ''));
}

/** Folders that hold a website (docs sites, blogs). */
const SITE = /^(website|site|www|blog|homepage)$/;

export interface RecordWords {
  /** impact.system and impact.feature: a path token matching these is the impacted system. */
  readonly system: Set<string>;
  /** What else the record says: title, impact, detection, early timeline, root cause, keywords, linked paths. */
  readonly other: Set<string>;
  /** stem → the word as the record wrote it, for saying what matched. */
  readonly spelled: ReadonlyMap<string, string>;
  /** impact.system written as a path prefix ("packages/vite/"), when it is one. */
  readonly systemPath?: string;
  /** impact.system as path segments (["packages", "vite"], ["billing"]), when it is written as one name or path. */
  readonly systemSegments?: readonly string[];
  /** The impacted system is itself tests, CI, docs or a website (impact.system ".github", "e2e", "website"): there those files are what can break. */
  readonly systemNotProduction?: boolean;
  /**
   * A folder or file named like the system lies at the repository's root (the window's commits change it): the
   * system is that one, and a folder of the same name deeper (crates/nu-cli/src for "src") only shares its name.
   */
  readonly systemAtRoot?: boolean;
}

/** The texts of the record that describe the incident (not its aftermath): symptoms and error text come first in the timeline. */
function describingTexts(incident: Incident): string[] {
  const r = incident.record;
  const early = (r.timeline ?? []).slice(0, 8).map((e) => e.text);
  return [
    r.title,
    r.impact?.users?.text,
    r.impact?.business,
    r.detected?.source,
    ...early,
    r.rootCause?.confirmed,
    r.rootCause?.initialHypothesis,
    r.rootCause?.trigger?.text,
    ...(r.keywords ?? []),
    ...incident.links.map((l) => `${l.path} ${l.symbol ?? ''}`),
  ].filter((t): t is string => typeof t === 'string' && t.length > 0);
}

export function recordWords(incident: Incident, notProduction: (path: string) => boolean): RecordWords {
  const r = incident.record;
  const systemText = [r.impact?.system, r.impact?.feature].filter(Boolean).join(' ');
  const system = wordsOf(systemText);
  const texts = describingTexts(incident);
  const other = wordsOf(texts.join(' \n '));
  for (const w of system) other.delete(w);
  const spelled = new Map<string, string>();
  for (const t of [systemText, ...texts]) {
    for (const w of t.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/)) {
      const s = stem(w.toLowerCase());
      if (!spelled.has(s) && (system.has(s) || other.has(s))) spelled.set(s, w.toLowerCase());
    }
  }
  const raw = r.impact?.system?.trim();
  const systemPath = raw && /^[\w.@-]+(\/[\w.@-]+)+\/?$/.test(raw) ? raw.replace(/\/?$/, '/') : undefined;
  const name = raw?.replace(/^\.?\/+|\/+$/g, '');
  const segments = name && /^[\w.@-]+(\/[\w.@-]+)*$/.test(name) ? name.toLowerCase().split('/') : undefined;
  // A website's pages and posts (Markdown, images) are what it serves: there they are what can break.
  const site = segments ? SITE.test(segments[segments.length - 1]!) : false;
  const np = name ? site || notProduction(`${name}/x`) || notProduction(name) : false;
  return {
    system,
    other,
    spelled,
    ...(systemPath ? { systemPath } : {}),
    ...(segments ? { systemSegments: segments } : {}),
    ...(segments && np ? { systemNotProduction: true } : {}),
  };
}

/** The record's words, anchored at the root when a path changed in the window lies under the system's name there (see systemAtRoot). */
export function anchorAtRoot(words: RecordWords, commits: ReadonlyArray<{ files: ReadonlyArray<{ path: string }> }>): RecordWords {
  const name = words.systemSegments?.join('/');
  if (!name || words.systemPath) return words;
  const atRoot = commits.some((c) => c.files.some((f) => isAtRoot(f.path, name)));
  return atRoot ? { ...words, systemAtRoot: true } : words;
}

/** A word of the system's name found in this many of its sibling folders' names is the project's, not the system's. */
const SHARED_BY_SIBLINGS = 2;

/**
 * The record's words without the system's words that its sibling folders share (spring-boot-samples beside
 * spring-boot-project and spring-boot-tools: "spring" and "boot" name the project, every path has them): a path
 * sharing only those with the system is not nearer to it (round 9, docs/suggestions.md). Siblings are the folders
 * beside the system (same parent) that the window's commits change; only where the system's place is known (at the
 * root, or written as a path).
 */
export function withoutSiblingWords(words: RecordWords, commits: ReadonlyArray<{ files: ReadonlyArray<{ path: string }> }>): RecordWords {
  const segments = words.systemSegments;
  if (!segments || !(words.systemAtRoot || words.systemPath)) return words;
  const parent = segments.slice(0, -1).join('/');
  const prefix = parent ? `${parent}/` : '';
  const own = segments[segments.length - 1]!;
  const siblings = new Set<string>();
  for (const c of commits)
    for (const f of c.files) {
      const p = f.path.toLowerCase();
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const at = rest.indexOf('/');
      if (at > 0 && rest.slice(0, at) !== own) siblings.add(rest.slice(0, at));
    }
  const shared = [...words.system].filter((w) => [...siblings].filter((s) => wordsOf(s).has(w)).length >= SHARED_BY_SIBLINGS);
  if (shared.length === 0) return words;
  return { ...words, system: new Set([...words.system].filter((w) => !shared.includes(w))) };
}

/** The path is the root folder or file `name` (lower case), or lies under it. */
export function isAtRoot(path: string, name: string): boolean {
  const p = path.toLowerCase();
  return p === name || p.startsWith(`${name}/`);
}

export interface WordMatch {
  readonly word: string;
  readonly where: 'message' | 'path' | 'symbol';
}

/**
 * The record's words (other than the system's name, which relevance counts)
 * found in the commit's message, its paths, or the given symbol names.
 */
export function matchWords(words: RecordWords, message: string, paths: readonly string[], symbols: readonly string[] = []): WordMatch[] {
  if (words.other.size === 0) return [];
  const found = new Map<string, WordMatch['where']>();
  const look = (set: Set<string>, where: WordMatch['where']) => {
    for (const w of set) if (words.other.has(w) && !found.has(w)) found.set(w, where);
  };
  look(wordsOf(message), 'message');
  for (const s of symbols) look(wordsOf(s), 'symbol');
  for (const p of paths.slice(0, 200)) look(pathWords(p), 'path');
  return [...found].map(([w, where]) => ({ word: words.spelled.get(w) ?? w, where }));
}

/** "checkout, webhook (message), stripe (path)". */
export function describeMatches(matches: readonly WordMatch[]): string {
  const by = new Map<string, string[]>();
  for (const m of matches) by.set(m.where, [...(by.get(m.where) ?? []), m.word]);
  return [...by]
    .map(([where, ws]) => `${ws.slice(0, 4).join(', ')} (${where === 'message' ? 'message' : where === 'path' ? 'changed paths' : 'changed symbols'})`)
    .join('; ');
}
