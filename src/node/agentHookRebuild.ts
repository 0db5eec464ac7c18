/**
 * The edit hook's digest rebuilt without risking Claude Code's hook timeout
 * (10 s in the wiring `init --agents` writes; a hook killed there never
 * writes its digest, so every later edit would pay the rebuild again).
 *
 * When the digest is stale, the hook starts the rebuild in a detached
 * process of its own (`hook claude-code --rebuild-digest`), which outlives
 * the hook, and waits for the new digest a bounded time (HOOK_WAIT_MS). When
 * it comes in time, the edit is answered from it, exactly as before. When it
 * does not, this edit goes ahead without incident context and the hook says
 * so on stderr: a stale digest is never answered from (its links, views and
 * fix lines may be those of a record just changed or removed). The next edit
 * answers from the new digest. One rebuild runs at a time per digest (a lock
 * file beside it; a lock older than LOCK_STALE_MS is taken as abandoned).
 * Where the digest cannot be stored (an unusable cache folder), a background
 * rebuild could never help: the caller builds it in its own process.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { HookDigest } from '../core/ai/hookDigest';
import { hookDigestPath, readHookDigest } from './hookDigestFile';

/** How long a hook waits for a rebuild before letting the edit through: well inside the 10 s timeout, with room for node's start under load. */
export const HOOK_WAIT_MS = 4000;
const LOCK_STALE_MS = 120_000;
/** A lock still without a rebuild's process id after this long was left by a hook killed before it started one. */
const UNSTARTED_LOCK_MS = 5_000;
const POLL_MS = 40;

export type RebuildOutcome = { readonly digest: HookDigest } | { readonly waiting: string } | { readonly inline: string };

function lockPath(root: string, folder: string): string {
  return `${hookDigestPath(root, folder)}.building`;
}

/** Takes the rebuild lock: 'taken', 'held' (a rebuild is under way) or 'unusable' (the cache folder cannot be written). */
function takeLock(file: string, now: number): 'taken' | 'held' | 'unusable' {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    return 'unusable';
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(file, 'wx'));
      return 'taken';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return 'unusable';
      const s = statSync(file, { throwIfNoEntry: false });
      if (s && now - s.mtimeMs < LOCK_STALE_MS && !holderGone(file, now - s.mtimeMs)) return 'held';
      try {
        unlinkSync(file); // abandoned (a rebuild killed with its machine): take it over
      } catch {
        // another hook took it over first
      }
    }
  }
  return 'held';
}

/**
 * A lock whose rebuild cannot be running: its process is gone, or it names none after a few seconds (the hook that
 * took it was killed, as Claude Code kills a hook at its timeout, before it could start the rebuild).
 */
function holderGone(file: string, ageMs: number): boolean {
  let holder: string;
  try {
    holder = readFileSync(file, 'utf8').trim();
  } catch {
    return false;
  }
  if (holder === '') return ageMs > UNSTARTED_LOCK_MS;
  const pid = Number(holder);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Called by the rebuilding process when it is done, whatever the outcome: the lock is removed unless another rebuild has taken it over since. */
export function releaseRebuildLock(root: string, folder: string): void {
  const file = lockPath(root, folder);
  try {
    const holder = readFileSync(file, 'utf8');
    if (holder === '' || holder === String(process.pid)) unlinkSync(file);
  } catch {
    // already gone
  }
}

/** The wait for a rebuild, from the environment (INCIDENT_LENS_HOOK_WAIT_MS, for tests and slow machines) or HOOK_WAIT_MS. */
export function hookWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.INCIDENT_LENS_HOOK_WAIT_MS);
  return env.INCIDENT_LENS_HOOK_WAIT_MS !== undefined && Number.isFinite(v) && v >= 0 ? v : HOOK_WAIT_MS;
}

/**
 * Starts (or joins) a rebuild of the digest for `key` in a detached process
 * running `cli` (the CLI's entry script), and waits up to `waitMs` for it.
 */
export async function rebuildInBackground(cli: string, root: string, folder: string, key: string, now: () => number, waitMs: number): Promise<RebuildOutcome> {
  const lock = lockPath(root, folder);
  let started = false;
  let exited: string | undefined;
  /** Takes the lock and starts the rebuild; while another rebuild holds it (maybe for records before this change), tried again at each poll. */
  const start = (): RebuildOutcome | undefined => {
    const taken = takeLock(lock, Date.now());
    if (taken === 'unusable') return { inline: 'the cache folder cannot be written' };
    if (taken === 'held') return undefined;
    try {
      // Name=value: a folder or root that starts with '-' (the wiring's --folder is repository content) stays a value.
      const child = spawn(process.execPath, [cli, 'hook', 'claude-code', '--rebuild-digest', `--root=${root}`, `--folder=${folder}`], {
        detached: true,
        windowsHide: true,
        stdio: 'ignore',
        env: process.env,
      });
      child.on('error', (err) => (exited = err.message));
      child.on('exit', (code, signal) => (exited = signal ? `it was stopped by ${signal}` : `it exited with ${code}`));
      child.unref();
      if (child.pid !== undefined) writeFileSync(lock, String(child.pid));
      started = true;
    } catch (err) {
      releaseRebuildLock(root, folder);
      return { inline: `the rebuild could not start (${(err as Error).message})` };
    }
    return undefined;
  };
  const deadline = Date.now() + waitMs;
  for (;;) {
    const digest = readHookDigest(root, folder, key, now());
    if (digest) return { digest };
    const failed = started ? undefined : start();
    if (failed) return failed;
    if (exited !== undefined) return { waiting: `the incident digest rebuild ended without a digest for these records (${exited})` };
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
  return {
    waiting: started
      ? `the records changed and the incident digest is being rebuilt in the background (not ready within ${waitMs} ms)`
      : 'the records changed and another hook is rebuilding the incident digest',
  };
}
