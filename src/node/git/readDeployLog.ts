/**
 * Reads the workspace's deploy log (core/git/deployLogFormat.ts describes the
 * format) as untrusted data: a regular file only (a symlink could point
 * anywhere), at most MAX_DEPLOY_LOG_BYTES, parsed and never run.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEPLOY_LOG_PATH, MAX_DEPLOY_LOG_BYTES, parseDeployLog, type DeployLog } from '../../core/git/deployLogFormat';

/** The deploy log of the workspace at `root` (or the file given), undefined when there is none. */
export async function readDeployLog(root: string, file: string = DEPLOY_LOG_PATH): Promise<DeployLog | undefined> {
  const abs = path.resolve(root, file);
  const shown = path.relative(root, abs).split(path.sep).join('/') || file;
  let stat;
  try {
    stat = await fs.lstat(abs);
  } catch {
    return undefined;
  }
  if (!stat.isFile())
    return {
      deploys: [],
      errors: [
        {
          file: shown,
          line: 1,
          column: 1,
          message: stat.isSymbolicLink() ? 'a symbolic link: not followed (the deploy log must be a regular file)' : 'not a regular file',
        },
      ],
    };
  if (stat.size > MAX_DEPLOY_LOG_BYTES)
    return {
      deploys: [],
      errors: [{ file: shown, line: 1, column: 1, message: `${stat.size} bytes, more than ${MAX_DEPLOY_LOG_BYTES}: not read (keep the recent deploys)` }],
    };
  const handle = await fs.open(abs, 'r');
  try {
    const buf = Buffer.alloc(Math.min(stat.size, MAX_DEPLOY_LOG_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return parseDeployLog(buf.subarray(0, bytesRead).toString('utf8'), shown);
  } finally {
    await handle.close();
  }
}
