/**
 * Lines changed per hotspot over the last year, from git (one `git log
 * --numstat` over the hotspots' paths): the denominator of "incidents per
 * 1,000 changed lines", the hotspot's risk rate.
 */
import type { Hotspot } from '../../core/insights/insightsReport';
import { git, GitError } from './run';

export const RATE_WINDOW_DAYS = 365;

/** Changed lines (added + deleted) per hotspot target in the window before `now`; undefined outside a git repository. */
export async function changedLinesOf(cwd: string, hotspots: readonly Hotspot[], now: number): Promise<Map<string, number> | undefined> {
  const paths = [...new Set(hotspots.map((h) => (h.kind === 'symbol' ? h.target.slice(0, h.target.lastIndexOf('#')) : h.target === '.' ? '' : h.target)))];
  if (!paths.length) return new Map();
  let out: string;
  try {
    const since = new Date(now - RATE_WINDOW_DAYS * 86_400_000).toISOString();
    out = await git(cwd, ['log', `--since=${since}`, '--numstat', '--format=', '--no-renames', '--relative', '--', ...paths.map((p) => (p === '' ? '.' : p))]);
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
  const perFile = new Map<string, number>();
  for (const line of out.split('\n')) {
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
    if (!m) continue;
    const n = (m[1] === '-' ? 0 : Number(m[1])) + (m[2] === '-' ? 0 : Number(m[2]));
    perFile.set(m[3]!, (perFile.get(m[3]!) ?? 0) + n);
  }
  const result = new Map<string, number>();
  for (const h of hotspots) {
    const path = h.kind === 'symbol' ? h.target.slice(0, h.target.lastIndexOf('#')) : h.target;
    let n = 0;
    if (h.kind === 'folder') for (const [f, c] of perFile) n += path === '.' || f.startsWith(`${path}/`) ? c : 0;
    else n = perFile.get(path) ?? 0;
    result.set(h.target, n);
  }
  return result;
}
