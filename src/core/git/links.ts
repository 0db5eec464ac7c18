/**
 * Code links from suspect commits: the symbols their hunks fall in (or the
 * lines where no symbol holds them), at today's paths (renames followed, a
 * symbol that moved to another file found there).
 */
import { findDeclaration } from '../links/declarations';
import type { Incident } from '../records/model';
import { outline, symbolsAt } from '../links/sourceOutline';
import type { CodeLink } from '../records/schema';
import { quoted } from './describe';
import { shortSha, type GitCommit, type GitHistory } from './gitHistoryPort';
import { changedLines as lines, productionWeight } from './rank';
import type { SuggestedCommit, SuggestedLink, SuggestOptions } from './suggestTypes';

const MAX_LINKS_PER_COMMIT = 8;
/** A range of lines wider than this (and than three times the changed lines in it) links the file instead. */
const MAX_LOOSE_SPAN = 60;
/** Files whose declarations the outline reads; a .json, .diff or .md file has none (its lines are linked instead). */
const SOURCE_FILE =
  /\.(?:[cm]?[jt]sx?|py|go|rs|java|kts?|scala|rb|php|cs|swift|c|cc|cpp|cxx|h|hh|hpp|hxx|mm?|dart|exs?|lua|vue|svelte|groovy|clj|fsx?|erl|hs|mli?|zig|nim|jl|pl|pm|sh|bash)$/i;
/**
 * Whole-repository searches for symbols that moved since (git grep: seconds each on a large
 * repository, google/dawn); past this many in one run a symbol not found where it was is left out.
 */
const MAX_MOVED_SEARCHES = 4;

export async function linksFrom(
  suspects: readonly SuggestedCommit[],
  commitOf: (sha: string) => GitCommit,
  incident: Incident,
  git: GitHistory,
  options: SuggestOptions,
): Promise<SuggestedLink[]> {
  const out = new Map<string, SuggestedLink>();
  let searches = 0;
  const symbolsOf = options.symbols ?? ((_path: string, text: string) => outline(text));
  const linked = (l: CodeLink) =>
    incident.links.some((x) => x.path === l.path && (x.symbol === l.symbol || (!x.symbol && !l.symbol && x.lines === l.lines) || (!x.symbol && !x.lines)));
  for (const suspect of suspects) {
    const commit = commitOf(suspect.sha);
    const files = commit.files.filter((f) => f.status !== 'deleted' && productionWeight(f.path) === 1);
    const prodLines = files.reduce((n, f) => n + lines(f), 0) || 1;
    const hunks = await git.hunks(commit.sha);
    const ranked = [...files].sort((a, b) => lines(b) - lines(a)).slice(0, MAX_LINKS_PER_COMMIT);
    for (const f of ranked) {
      const headPath = await git.pathAtHead(commit.sha, f.path);
      if (!headPath) continue;
      const local = toWorkspacePath(headPath, git.prefix);
      if (local === undefined) continue;
      const share = lines(f) / prodLines;
      const score = suspect.score * (0.55 + 0.45 * share);
      const moved = headPath !== f.path ? ` (renamed from ${f.path} since)` : '';
      const why = `changed by ${shortSha(commit.sha)} ${quoted(commit.subject)}${moved}: ${suspect.reasons[0]}`;
      const text = await git.fileAt(commit.sha, f.path);
      const fileHunks = hunks.filter((h) => h.path === f.path && h.newCount > 0);
      const symbols = text === undefined || !SOURCE_FILE.test(f.path) ? [] : await symbolsOf(f.path, text);
      const names = new Map<string, { start: number; end: number }>();
      const loose: Array<{ start: number; end: number }> = [];
      for (const h of fileHunks) {
        const end = h.newStart + h.newCount - 1;
        const hits = symbolsAt(symbols, h.newStart, end);
        if (hits.length === 0) loose.push({ start: h.newStart, end });
        for (const s of hits) names.set(s.name, { start: s.startLine, end: s.endLine });
      }
      const headText = names.size > 0 ? await git.fileAt('HEAD', headPath) : undefined;
      const push = (link: CodeLink, reason: string, bonus = 0) => {
        if (linked(link)) return;
        const key = `${link.path}#${link.symbol ?? ''}#${link.lines ?? ''}`;
        const prev = out.get(key);
        const s = Math.min(1, score + bonus);
        if (!prev || prev.score < s) out.set(key, { link, score: s, reason, sha: commit.sha });
      };
      for (const name of names.keys()) {
        let path = local;
        let movedTo = '';
        if (headText !== undefined && !findDeclaration(headText, name)) {
          if (searches >= MAX_MOVED_SEARCHES) continue;
          searches++;
          const elsewhere = await whereDeclared(name, git);
          if (!elsewhere) continue;
          const l = toWorkspacePath(elsewhere, git.prefix);
          if (l === undefined) continue;
          path = l;
          movedTo = ` (now in ${l})`;
        }
        push({ path, symbol: name }, `${name}${movedTo} ${why}`, 0.01);
      }
      const looseLines = loose.reduce((n, r) => n + r.end - r.start + 1, 0);
      // Beside symbols, a few loose lines (imports) are not worth a link of their own.
      if (names.size === 0 || looseLines >= 5) {
        // No symbol around the change: the lines, while the file is as the commit left it; else the file.
        const unchanged = loose.length > 0 && text !== undefined && (await git.fileAt('HEAD', headPath)) === text;
        const wide = unchanged ? { start: Math.min(...loose.map((r) => r.start)), end: Math.max(...loose.map((r) => r.end)) } : undefined;
        // Hunks scattered over the file (lines 114-2069 for 30 changed lines) make no useful range: the file then.
        const span = wide && wide.end - wide.start + 1 <= Math.max(MAX_LOOSE_SPAN, 3 * looseLines) ? wide : undefined;
        const link: CodeLink = span ? { path: local, lines: span.start === span.end ? `${span.start}` : `${span.start}-${span.end}` } : { path: local };
        push(link, `${local} ${why}`, names.size === 0 ? 0 : -0.05);
      }
    }
  }
  return [...out.values()].sort((a, b) => b.score - a.score || a.link.path.localeCompare(b.link.path));
}

async function whereDeclared(name: string, git: GitHistory): Promise<string | undefined> {
  const simple = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  for (const file of await git.filesContaining(simple, 20)) {
    const text = await git.fileAt('HEAD', file);
    if (text !== undefined && findDeclaration(text, name)) return file;
  }
  return undefined;
}

/** A repository path as the workspace folder sees it; undefined when it lies outside the folder. */
export function toWorkspacePath(repoPath: string, prefix: string): string | undefined {
  if (!prefix) return repoPath;
  return repoPath.startsWith(prefix) ? repoPath.slice(prefix.length) : undefined;
}
