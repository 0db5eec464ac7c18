/**
 * Where the programs the product runs (git) are found: on PATH only.
 *
 * Given a bare name, Windows looks in the current folder before PATH (and Node
 * on Windows does the same), so in a cloned repository a committed `git.exe`
 * or `git.cmd` would run instead of git. A relative or empty PATH entry does
 * the same on every platform. Here the name is resolved once against the
 * absolute PATH entries (with PATHEXT on Windows) and the full path is what
 * gets run; never the working folder.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

export class ExecutableNotFound extends Error {}

export interface LookupEnvironment {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Whether a path is a file that can be run (tests stand in a Windows file system). */
  readonly isExecutable?: (file: string) => boolean;
}

/** An environment variable, by its name in any case on Windows (Path, PATH). */
function envValue(env: NodeJS.ProcessEnv, name: string, windows: boolean): string | undefined {
  if (!windows) return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

function isExecutableFile(file: string, windows: boolean): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (!windows) accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path `name` runs as, from PATH's absolute entries only; undefined when none has it. */
export function findExecutable(name: string, lookup: LookupEnvironment = {}): string | undefined {
  const env = lookup.env ?? process.env;
  const windows = (lookup.platform ?? process.platform) === 'win32';
  const p = windows ? path.win32 : path.posix;
  // A name with a folder in it is not looked up: the product only ever asks for bare names.
  if (name.includes('/') || (windows && name.includes('\\'))) return undefined;
  const entries = (envValue(env, 'PATH', windows) ?? '')
    .split(windows ? ';' : ':')
    .map((e) => (windows ? e.replace(/^"(.*)"$/, '$1') : e))
    .filter((e) => e !== '' && p.isAbsolute(e) && !(windows && /^[\\/](?![\\/])/.test(e)));
  const extensions = windows
    ? (envValue(env, 'PATHEXT', windows) ?? '.COM;.EXE;.BAT;.CMD')
        .split(';')
        .map((x) => x.trim().toLowerCase())
        .filter((x) => x.startsWith('.'))
    : [''];
  // On Windows a name that already ends in one of PATHEXT's extensions is tried as is first.
  const candidates =
    windows && extensions.includes(p.extname(name).toLowerCase()) ? [name, ...extensions.map((x) => name + x)] : extensions.map((x) => name + x);
  for (const dir of entries) {
    for (const candidate of candidates) {
      const full = p.join(dir, candidate);
      if ((lookup.isExecutable ?? ((f: string) => isExecutableFile(f, windows)))(full)) return full;
    }
  }
  return undefined;
}

const cache = new Map<string, string>();

/** The full path of git (or another program) on PATH; fails with a clear message when PATH has none. */
export function executable(name: string): string {
  const key = `${name}\0${process.env.PATH ?? process.env.Path ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const found = findExecutable(name);
  if (!found) throw new ExecutableNotFound(`${name} was not found on PATH (Incident Lens runs programs from PATH only, never from the working folder)`);
  cache.set(key, found);
  return found;
}
