/**
 * `incident-lens hook …` in its own small bundle (dist/hook.js): Claude Code
 * runs the hook before every edit, so the process loads only what the warm
 * hook needs (the digest reader), not the whole CLI (dist/cli.js dispatches
 * here; see launcher.ts). The cold path (dist/hookFull.js) is loaded only
 * when the records changed since the digest was built.
 */
import type * as HookFull from './hookFull';
import { clockFrom, systemClock, type Clock } from '../core/time/clock';
import { hook } from './commands/hook';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export async function hookMain(args: readonly string[]): Promise<number> {
  const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
  let clock: Clock = systemClock;
  try {
    clock = clockFrom(process.env.INCIDENT_LENS_NOW);
  } catch (err) {
    io.err(`incident-lens hook: ${(err as Error).message}`);
  }
  return hook([...args], io, VERSION, {
    now: () => clock.now(),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, loaded only on the cold path
    buildDigest: async () => (require('./hookFull.js') as typeof HookFull).buildHookDigest,
    // The launcher (dist/cli.js) that started this process: a stale digest is rebuilt in a detached process of it.
    ...(process.argv[1] ? { cli: process.argv[1] } : {}),
  });
}

if (require.main === module) {
  void hookMain(process.argv.slice(3)).then((code) => (process.exitCode = code));
}
