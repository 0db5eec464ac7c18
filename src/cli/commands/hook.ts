/**
 * `incident-lens hook claude-code`: Claude Code's PreToolUse hook on its edit
 * tools (wired by `init --agents`). Reads the hook input on stdin and prints
 * the answer (core/ai/hookDigest.ts) or nothing. A hook must never stop a
 * person's work by failing: on any error it exits 0, prints nothing on stdout
 * and says why on stderr (Claude Code shows a hook's stderr only in its debug
 * output for exit 0, and lets the edit through).
 *
 * Runs before every edit, so it is kept light: it imports neither the
 * records' parser nor the CLI's common module. The warm path reads the
 * per-workspace digest (src/node/hookDigestFile.ts); only when the records
 * changed does it ask `buildDigest` (src/node/agentHook.ts, its own bundle).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { answerFromDigest, type HookDigest } from '../../core/ai/hookDigest';
import { readEditIntent } from '../../core/ai/hookAnswer';
import { terminalJson } from '../../core/trust/terminalText';
import { hookWaitMs, rebuildInBackground, releaseRebuildLock } from '../../node/agentHookRebuild';
import { readHookDigest, recordsKey } from '../../node/hookDigestFile';
import { findWorkspaceRoot, workspacePath } from '../../node/workspaceRoot';
import type { Io } from '../common';

export const HOOK_AGENTS = ['claude-code'] as const;
const DEFAULT_FOLDER = '.incidents';

export interface HookDeps {
  readonly now: () => number;
  /** Builds and stores the digest from the records (the cold path). */
  readonly buildDigest: () => Promise<(root: string, folder: string, version: string, now: () => number) => Promise<HookDigest>>;
  readonly input?: () => Promise<string>;
  /** The CLI's entry script: a stale digest is then rebuilt in a detached process running it, waited for a bounded time (node/agentHookRebuild.ts); without it, here. */
  readonly cli?: string;
}

/** stdin in one read (no stream machinery to load: the hook runs before every edit); a non-blocking stdin is read as a stream. */
function readStdin(): Promise<string> {
  try {
    return Promise.resolve(readFileSync(0, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (text += c));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `hook claude-code --rebuild-digest --root R`: the detached rebuild a hook started (node/agentHookRebuild.ts); it releases the lock whatever happens. */
async function rebuildDigest(root: string | undefined, folder: string, version: string, deps: HookDeps, io: Io): Promise<number> {
  if (!root) throw new Error('--rebuild-digest needs --root');
  try {
    await (
      await deps.buildDigest()
    )(root, folder, version, deps.now);
    return 0;
  } catch (err) {
    io.err(`incident-lens hook: the digest could not be rebuilt (${(err as Error).message ?? String(err)})`);
    return 1;
  } finally {
    releaseRebuildLock(root, folder);
  }
}

export async function hook(args: string[], io: Io, version: string, deps: HookDeps): Promise<number> {
  // Exit 2 from a PreToolUse hook blocks the tool in Claude Code: even a usage mistake in the wiring exits 0.
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { folder: { type: 'string' }, root: { type: 'string', short: 'r' }, verbose: { type: 'boolean' }, 'rebuild-digest': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const agent = positionals[0];
    if (!agent || !(HOOK_AGENTS as readonly string[]).includes(agent)) throw new Error(`hook needs the agent that runs it: ${HOOK_AGENTS.join(', ')}`);
    if (values['rebuild-digest']) return await rebuildDigest(values.root, values.folder ?? DEFAULT_FOLDER, version, deps, io);
    const text = await (deps.input ?? readStdin)();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      io.err(`incident-lens hook: the hook input is not JSON (${(err as Error).message}); the edit goes ahead`);
      return 0;
    }
    const intent = readEditIntent(parsed);
    if (!intent) return 0;
    const quiet = (why: string) => (values.verbose ? io.err(`incident-lens hook: ${why}`) : undefined, 0);
    const cwd = intent.cwd ?? process.cwd();
    const abs = path.resolve(cwd, intent.file);
    const folder = values.folder ?? DEFAULT_FOLDER;
    const found = findWorkspaceRoot(path.dirname(abs), folder);
    if ('error' in found) return quiet(found.error);
    const rel = workspacePath(found.root, abs, cwd);
    if (!rel) return quiet(`${abs} is outside the workspace ${found.root}`);
    const key = recordsKey(found.root, folder, version);
    let digest = readHookDigest(found.root, folder, key, deps.now());
    if (digest) quiet('answered from the digest');
    else if (deps.cli) {
      const rebuilt = await rebuildInBackground(deps.cli, found.root, folder, key, deps.now, hookWaitMs());
      if ('waiting' in rebuilt) {
        // Said on stderr whatever --verbose says: this edit goes ahead without the context it may have had.
        io.err(`incident-lens hook: ${rebuilt.waiting}; this edit goes ahead without incident context`);
        return 0;
      }
      digest = 'digest' in rebuilt ? rebuilt.digest : await (await deps.buildDigest())(found.root, folder, version, deps.now);
    } else digest = await (await deps.buildDigest())(found.root, folder, version, deps.now);
    const answer = answerFromDigest(digest, intent, rel, readText(abs));
    if (answer) io.out(terminalJson(answer));
    else quiet(`no incident is linked to ${rel}`);
    return 0;
  } catch (err) {
    io.err(`incident-lens hook: ${(err as Error).message ?? String(err)}; the edit goes ahead`);
    return 0;
  }
}
