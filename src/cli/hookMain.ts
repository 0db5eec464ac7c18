/**
 * `incident-lens hook …` in its own small bundle (dist/hook.js): Claude Code
 * runs the hook before every edit, so the process loads only what the hook
 * needs, not the whole CLI (dist/cli.js dispatches here; see launcher.ts).
 */
import { clockFrom } from '../core/time/clock';
import { hook } from './commands/hook';
import { setClock, TerminalIo } from './common';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export async function hookMain(args: readonly string[]): Promise<number> {
  const io = new TerminalIo({ out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) });
  try {
    setClock(clockFrom(process.env.INCIDENT_LENS_NOW));
  } catch (err) {
    io.err(`incident-lens hook: ${(err as Error).message}`);
  }
  return hook([...args], io, VERSION);
}

if (require.main === module) {
  void hookMain(process.argv.slice(3)).then((code) => (process.exitCode = code));
}
