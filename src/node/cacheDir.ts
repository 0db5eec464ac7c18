/**
 * Where the persistent cache of parsed records lives (node/loadCache.ts) and
 * which build it belongs to: small on purpose, so the edit hook's bundle can
 * take it without the record workspace.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export interface CacheSettings {
  /** The host's cache folder; each records folder gets a subfolder of its own (folderCacheDir). */
  readonly dir: string;
  readonly version: string;
}

/** The cache folder of one records folder inside a host's cache folder. */
export function folderCacheDir(base: string, key: string, folder: string): string {
  return path.join(base, createHash('sha1').update(`${key}|${folder}`).digest('hex').slice(0, 16));
}

/**
 * The command line's cache folder (CLI, pre-push hook, MCP server):
 * INCIDENT_LENS_CACHE_DIR, else $XDG_CACHE_HOME/incident-lens, else the
 * platform's cache folder; none when INCIDENT_LENS_NO_CACHE is set.
 */
export function commandLineCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (env.INCIDENT_LENS_NO_CACHE) return undefined;
  if (env.INCIDENT_LENS_CACHE_DIR) return path.resolve(env.INCIDENT_LENS_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'incident-lens');
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'incident-lens', 'cache');
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Caches', 'incident-lens');
  return path.join(homedir(), '.cache', 'incident-lens');
}

/**
 * The one persistent cache every face of a build uses for a local records
 * folder (the CLI, the pre-push hook, the MCP server, the edit hook and the
 * extension): the command line's cache folder, versioned by the parser that
 * fills it (`parseWorker.js` in the bundle's folder), so that a window opened
 * after a `risk` run, or a `risk` run after the window loaded, starts warm.
 */
export function sharedCache(version: string, distDir: string, env: NodeJS.ProcessEnv = process.env): CacheSettings | undefined {
  const dir = commandLineCacheDir(env);
  return dir ? { dir, version: buildVersion(version, path.join(distDir, 'parseWorker.js')) } : undefined;
}

/**
 * A build's identity for the cache: its version and a hash of the bundle's
 * content (a changed bundle of the same version in development; a rebuild
 * that changed nothing keeps the cache). A few milliseconds for a 2 MB bundle.
 */
export function buildVersion(version: string, bundleFile: string): string {
  try {
    return `${version}-${createHash('sha1').update(readFileSync(bundleFile)).digest('hex').slice(0, 16)}`;
  } catch {
    return version;
  }
}
