/**
 * The record merge driver in a clone: the `.gitattributes` lines (committed,
 * shared by every clone) and the `merge.incident-lens.*` config (per clone:
 * git never shares it), as `incident-lens init` and the extension write them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { git } from './run';

export const DRIVER_NAME = 'incident-lens';

function sh(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Keeps PATH's absolute entries only (git runs the driver in the repository's top folder: an
 * empty or relative entry would find a `node` or `git` committed there).
 */
export const ABSOLUTE_PATH_ONLY = 'p=; IFS=:; set -f; for d in $PATH; do case "$d" in /*) p="${p:+$p:}$d";; esac; done; set +f; unset IFS; PATH=$p;';

/**
 * The command git runs (through sh): the CLI at the absolute path registered,
 * else git's own text merge, conflicts marked, with a message saying why.
 * Never a program found in the repository being merged (its node_modules, as
 * `npx` would run): that code comes from whoever wrote the branch. %P is
 * quoted by git and stays outside the message's double quotes.
 */
export function driverCommand(cliPath: string): string {
  return `${ABSOLUTE_PATH_ONLY} cli=${sh(cliPath)}; if [ -f "$cli" ]; then node "$cli" merge-driver %O %A %B %P; else echo "incident-lens: the record merge driver's CLI ($cli) is gone (moved by an update?); merging with git's text merge instead:" %P "- run incident-lens init or Incident Lens: Register Record Merge Driver again" >&2; git merge-file -L ours -L base -L theirs %A %O %B; fi`;
}

export function attributeLines(recordsPathInRepo: string): string[] {
  const base = recordsPathInRepo.replace(/\/+$/, '');
  return [`${base}/**/*.yaml merge=${DRIVER_NAME}`, `${base}/**/*.yml merge=${DRIVER_NAME}`];
}

export interface DriverRegistration {
  readonly attributes: 'added' | 'unchanged';
  readonly attributesFile: string;
  readonly config: 'set' | 'updated' | 'unchanged';
}

/** Where the clone stands: the configured driver command, if any, and whether .gitattributes names it. */
export async function driverStatus(workspaceDir: string, folder: string): Promise<{ configured?: string; attributes: boolean; top: string; prefix: string }> {
  const top = (await git(workspaceDir, ['rev-parse', '--show-toplevel'])).trim();
  const prefix = (await git(workspaceDir, ['rev-parse', '--show-prefix'])).trim();
  const configured = (await git(top, ['config', '--get', `merge.${DRIVER_NAME}.driver`], { allowExitCodes: [1] })).trim() || undefined;
  const file = path.join(top, '.gitattributes');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = attributeLines(`${prefix}${folder}`);
  return { configured, attributes: lines.every((l) => text.split(/\r?\n/).includes(l)), top, prefix };
}

/** The fallback registrations from before issue 27 had: npx, which runs the repository's own node_modules/.bin. */
const NPX_FALLBACK = 'npx --no-install incident-lens merge-driver';

/**
 * Replaces a registration that falls back to npx with this install's command
 * (same driver; its fallback is git's text merge). Nothing else changes.
 * Returns whether it did.
 */
export async function replaceNpxFallback(workspaceDir: string, folder: string, cliPath: string): Promise<boolean> {
  const status = await driverStatus(workspaceDir, folder);
  if (!status.configured?.includes(NPX_FALLBACK)) return false;
  await git(status.top, ['config', `merge.${DRIVER_NAME}.driver`, driverCommand(cliPath)]);
  return true;
}

export async function registerMergeDriver(workspaceDir: string, folder: string, cliPath: string): Promise<DriverRegistration> {
  const status = await driverStatus(workspaceDir, folder);
  const file = path.join(status.top, '.gitattributes');
  let attributes: DriverRegistration['attributes'] = 'unchanged';
  if (!status.attributes) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const missing = attributeLines(`${status.prefix}${folder}`).filter((l) => !text.split(/\r?\n/).includes(l));
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    writeFileSync(file, `${text}${sep}# Incident records: merged entry by entry (incident-lens init)\n${missing.join('\n')}\n`);
    attributes = 'added';
  }
  const command = driverCommand(cliPath);
  let config: DriverRegistration['config'] = 'unchanged';
  if (status.configured !== command) {
    await git(status.top, ['config', `merge.${DRIVER_NAME}.name`, 'Incident Lens record merge (entries of both sides kept)']);
    await git(status.top, ['config', `merge.${DRIVER_NAME}.driver`, command]);
    config = status.configured ? 'updated' : 'set';
  }
  return { attributes, attributesFile: file, config };
}
