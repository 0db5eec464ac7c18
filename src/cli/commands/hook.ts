/**
 * `incident-lens hook claude-code`: Claude Code's PreToolUse hook on its edit
 * tools (wired by `init --agents`). Reads the hook input on stdin and prints
 * the answer (core/ai/editHook.ts) or nothing. A hook must never stop a
 * person's work by failing: on any error it exits 0, prints nothing on stdout
 * and says why on stderr (Claude Code shows a hook's stderr only in its debug
 * output for exit 0, and lets the edit through).
 */
import { readEditIntent } from '../../core/ai/editHook';
import { claudeEditHook } from '../../node/agentHook';
import { json, now, parse, UsageError, type Io } from '../common';

export const HOOK_AGENTS = ['claude-code'] as const;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (text += c));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

export async function hook(args: string[], io: Io, version: string, input: () => Promise<string> = readStdin): Promise<number> {
  // Exit 2 from a PreToolUse hook blocks the tool in Claude Code: even a usage mistake in the wiring exits 0.
  try {
    const { values, positionals } = parse(args, { verbose: { type: 'boolean' } });
    const agent = positionals[0];
    if (!agent || !(HOOK_AGENTS as readonly string[]).includes(agent)) throw new UsageError(`hook needs the agent that runs it: ${HOOK_AGENTS.join(', ')}`);
    const text = await input();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      io.err(`incident-lens hook: the hook input is not JSON (${(err as Error).message}); the edit goes ahead`);
      return 0;
    }
    const intent = readEditIntent(parsed);
    if (!intent) return 0;
    const run = await claudeEditHook(intent, { folder: values.folder, version, now });
    if (run.answer) json(io, run.answer);
    else if (values.verbose && run.quiet) io.err(`incident-lens hook: ${run.quiet}`);
    return 0;
  } catch (err) {
    io.err(`incident-lens hook: ${(err as Error).message ?? String(err)}; the edit goes ahead`);
    return 0;
  }
}
