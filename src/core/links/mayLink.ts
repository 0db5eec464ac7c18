/**
 * Could this record text link to that file? A conservative test on the raw
 * text, without parsing it: false only when no link of the record (exact,
 * directory or glob, plain or repository-qualified) can cover the file, so a
 * cold start can parse the few records that may link the opened file first
 * and answer its CodeLens before reading 10,000 records (issue 29).
 *
 * Why raw text suffices: a YAML scalar's characters appear contiguously in
 * the file, except through escapes (a backslash: such a text is always a
 * candidate), a quote doubled inside single quotes or a line folded into a
 * space (a target holding anything but PLAIN_TARGET's characters is never
 * filtered). Normalizing a path (normalizePath) only drops leading "./" and
 * repeated slashes, so a link equal to the target contains the target's file
 * name, and a directory link holds the name of one of the target's folders
 * followed by "/"; neither can hold a character the target lacks, so the run
 * of target characters around the name holds exactly the link. A literal
 * character of a glob must be in any path it matches, but for a brace's
 * alternatives (a brace is never filtered), so the run around its wildcard
 * up to whitespace or a quote holds the glob.
 */
import { compileGlob, linkKind, normalizePath } from './linkIndex';

/** Characters a filtered target may hold; any other (a space, a quote, a backslash, a wildcard) turns the filter off. */
const PATH_CHAR = /[A-Za-z0-9._/@+~$()[\]-]/;
const PLAIN_TARGET = /^[A-Za-z0-9._/@+~$()[\]-]+$/;
/** Around a wildcard: whitespace and quotes end a glob (a glob needing either needs a target holding it). */
const GLOB_BREAK = /[\s'"]/;

/** Per character code below 128: 1 path character, 2 a glob's break (whitespace, quotes); codes above are neither. */
const CLASS = new Uint8Array(128).map((_, code) => (PATH_CHAR.test(String.fromCharCode(code)) ? 1 : GLOB_BREAK.test(String.fromCharCode(code)) ? 2 : 0));
const pathChar = (code: number) => code < 128 && CLASS[code] === 1;
const globChar = (code: number) => (code < 128 ? CLASS[code] !== 2 : !GLOB_BREAK.test(String.fromCharCode(code)));

/**
 * Some run of `within` characters holding `needle` passes `test`. Each run is tested once and the search goes
 * on after it, so the work stays linear in the text (a hostile record of a million "*" is one run).
 */
function someRun(text: string, needle: string, within: (code: number) => boolean, test: (run: string) => boolean): boolean {
  let from = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, from)) {
    let s = i;
    while (s > from && within(text.charCodeAt(s - 1))) s--;
    let e = i + needle.length;
    while (e < text.length && within(text.charCodeAt(e))) e++;
    if (test(text.slice(s, e))) return true;
    from = Math.max(e, i + 1);
  }
  return false;
}

/** Does a path written as `run` (exact file or directory) cover the target? */
function covers(run: string, target: string): boolean {
  // A link's path is a string, never a flow collection, so nothing but target characters can touch it.
  const p = normalizePath(run);
  return p === target || (p.endsWith('/') && p.length > 1 && target.startsWith(p));
}

const compiled = new Map<string, ReturnType<typeof compileGlob>>();
function globCovers(run: string, target: string): boolean {
  // A brace or a comma may be flow YAML or a glob's alternatives, and an alternative may hold a space: no filtering.
  if (/[{},]/.test(run)) return true;
  return [run, run.replace(/^\[+/, '').replace(/[\]:]+$/, '')].some((v) => {
    const p = normalizePath(v);
    if (linkKind(p) !== 'glob') return false;
    let glob = compiled.get(p);
    if (!glob) {
      if (compiled.size > 5_000) compiled.clear();
      compiled.set(p, (glob = compileGlob(p)));
    }
    // A glob the index refuses links nothing; one it would compile is tested as written.
    return glob.matcher?.test(target) ?? false;
  });
}

/** True when the text may hold a link covering any of the targets (workspace- or repository-relative paths). */
export function mayLinkTo(text: string, targets: readonly string[]): boolean {
  return mayLinkQuestion(targets)(text);
}

/**
 * mayLinkTo for the same targets over many texts: what depends only on the targets (normalized, split into the
 * file's name and its folders, whether they can be filtered at all) is worked out once.
 */
export function mayLinkQuestion(targets: readonly string[]): (text: string) => boolean {
  const wanted = targets.map((raw) => normalizePath(raw));
  if (wanted.some((t) => !PLAIN_TARGET.test(t) || t.startsWith('/'))) return () => true;
  const asked = wanted.map((target) => {
    const segments = target.split('/');
    return { target, name: segments[segments.length - 1]!, folders: [...new Set(segments.slice(0, -1))].map((f) => `${f}/`) };
  });
  return (text) => text.includes('\\') || asked.some((a) => mayLinkOne(text, a));
}

function mayLinkOne(text: string, { target, name, folders }: { target: string; name: string; folders: readonly string[] }): boolean {
  // Exact links name the file.
  if (name && someRun(text, name, pathChar, (run) => covers(run, target))) return true;
  // Directory links name one of its folders followed by a slash.
  for (const folder of folders) if (someRun(text, folder, pathChar, (run) => covers(run, target))) return true;
  // Globs are found around their wildcards.
  return GLOB_CHARS.some((c) => someRun(text, c, globChar, (run) => globCovers(run, target)));
}

const GLOB_CHARS = ['*', '?', '{', '}'];

/**
 * What mayLinkTo reads of a text, for targets inside a folder, kept so that a later question need not read the
 * text again (the focused read's digest, node/scanDigest.ts): whether it holds a backslash, and each distinct run
 * of glob characters (up to whitespace or a quote) that holds a slash or a wildcard. A link covering such a target
 * is such a run (it holds the target's slash, or a folder's, or a wildcard), and a path run lies inside one, so
 * mayLinkFromRuns gives mayLinkTo's answer (the tests check it on every fixture, a generated workspace and fuzz).
 */
export interface LinkRuns {
  readonly backslash: boolean;
  /** The runs, one a line (a run never holds a line break). */
  readonly runs: string;
}

const RUN_MARK = /[/*?{}]/;

export function linkRuns(text: string): LinkRuns {
  const runs = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inRun = i < text.length && globChar(text.charCodeAt(i));
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      const run = text.slice(start, i);
      if (RUN_MARK.test(run)) runs.add(run);
      start = -1;
    }
  }
  return { backslash: text.includes('\\'), runs: [...runs].join('\n') };
}

/** mayLinkTo's answer from a text's LinkRuns; undefined when a target is not inside a folder (the text is needed). */
export function mayLinkFromRuns(summary: LinkRuns, targets: readonly string[]): boolean | undefined {
  return runsQuestion(targets)?.(summary);
}

/** mayLinkFromRuns for the same targets over many files' runs (undefined: a target outside any folder, the texts are needed). */
export function runsQuestion(targets: readonly string[]): ((summary: LinkRuns) => boolean) | undefined {
  if (targets.some((t) => !normalizePath(t).includes('/'))) return undefined;
  const question = mayLinkQuestion(targets);
  return (summary) => summary.backslash || question(summary.runs);
}
