/**
 * `risk` on a workspace: the files given and/or changed since a revision, the
 * lines changed, and the fix lines those changes touch, assessed against the
 * workspace's incidents and its record sources'. Shared by the CLI's `risk`
 * and the MCP server's `check_diff`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IncidentIndex } from '../core/index';
import { assessRisk, fixCommits, type FixTouch, type RiskReport } from '../core/risk';
import { changedFilesSince, changedLinesSince } from './git/changes';
import { fixTouches } from './git/fixLines';

export interface RiskCheck {
  readonly files: string[];
  readonly report: RiskReport;
}

/** Throws GitError when `diff` is not a revision git knows. */
export async function checkRisk(root: string, indexes: readonly IncidentIndex[], options: { files?: readonly string[]; diff?: string; now: number; noGoP1Days: number }): Promise<RiskCheck> {
  let files = [...(options.files ?? [])];
  let changedLines: Map<string, Array<{ startLine: number; endLine: number }>> | undefined;
  let touches: FixTouch[] | undefined;
  if (options.diff) {
    files = [...new Set([...files, ...(await changedFilesSince(root, options.diff))])].sort();
    changedLines = await changedLinesSince(root, options.diff);
    touches = await fixTouches(root, options.diff, indexes.flatMap(fixCommits));
  }
  const report = assessRisk(indexes, files, {
    now: options.now,
    noGoP1Days: options.noGoP1Days,
    changedLines,
    fixTouches: touches,
    readText: (file) => {
      try {
        return readFileSync(path.join(root, ...file.split('/')), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return { files, report };
}
