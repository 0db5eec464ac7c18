/** incident-lens init: see src/cli/help.ts for what it does. */
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_INCIDENTS_FOLDER } from '../../core/index/incidentIndex';
import { installPrePushHook } from '../../node/prePush';
import { registerMergeDriver } from '../../node/git/mergeDriverSetup';
import { initAgents } from './initAgents';
import { json, parse, UsageError, workspaceRoot, type Io } from '../common';

export async function init(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    hooks: { type: 'boolean' },
    agents: { type: 'boolean' },
    agent: { type: 'string', multiple: true },
    check: { type: 'boolean' },
    command: { type: 'string' },
  });
  // --agents wires the coding agents only (commands/initAgents.ts): no git config, so --check can run in CI.
  if (values.agents || values.agent) return initAgents(workspaceRoot(values), values, io);
  const repo = values.root ? path.resolve(values.root) : process.cwd();
  const cli = path.resolve(process.argv[1] ?? 'incident-lens');
  const folder = values.folder ?? DEFAULT_INCIDENTS_FOLDER;
  let driver;
  try {
    driver = await registerMergeDriver(repo, folder, cli);
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (init works in a git clone)`);
  }
  const records = recordsFolder(repo, folder);
  if (!values.json) {
    io.out(
      `merge driver: .gitattributes ${driver.attributes === 'added' ? `now routes ${folder}/**/*.yaml to it (commit ${driver.attributesFile})` : 'already routes the records to it'}; this clone's git config ${driver.config === 'unchanged' ? 'already has it' : driver.config === 'set' ? 'has it now' : 'has it updated'} (each clone runs init once: git does not share config)`,
    );
    io.out(records.text);
  }
  let hook;
  if (values.hooks) {
    try {
      hook = installPrePushHook(repo, cli);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (!values.json) io.out(`${hook.action} ${hook.hook}${hook.chained ? ` (your existing hook now runs first, from ${hook.chained})` : ''}`);
  }
  if (values.json)
    json(io, {
      mergeDriver: { attributes: driver.attributes, attributesFile: driver.attributesFile, config: driver.config },
      recordsFolder: { folder, state: records.state },
      ...(hook ? { prePushHook: { action: hook.action, hook: hook.hook, ...(hook.chained ? { chained: hook.chained } : {}) } } : {}),
    });
  return 0;
}

/**
 * A clone starting out has no records folder, and every other command looks for one: made here,
 * with a .gitkeep so the empty folder survives a commit and a clone. Whatever already stands at
 * that name (a folder, a file, a symbolic link) is left as it is and nothing is written into it.
 */
function recordsFolder(repo: string, folder: string): { state: 'present' | 'made' | 'symbolic-link' | 'file' | 'failed'; text: string } {
  const dir = path.join(repo, folder);
  const found = lstatSync(dir, { throwIfNoEntry: false });
  if (found?.isDirectory()) return { state: 'present', text: `records folder: ${folder}/ is there` };
  if (found) {
    const link = found.isSymbolicLink();
    return {
      state: link ? 'symbolic-link' : 'file',
      text: `records folder: ${folder} is a ${link ? 'symbolic link' : 'file'}, left as it is (nothing written through it)`,
    };
  }
  try {
    // Not recursive: a folder above it that is missing (or a link) is the person's to make.
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.gitkeep'), '', { flag: 'wx' });
  } catch (err) {
    return {
      state: 'failed',
      text: `records folder: could not make ${folder}/ (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); make it yourself`,
    };
  }
  return {
    state: 'made',
    text: `records folder: made ${folder}/ (commit ${path.join(folder, '.gitkeep')}; New Incident in VS Code or incident-lens import fills it)`,
  };
}
