/**
 * incident-lens: the command line on the same core as the extension, for CI
 * and terminals. Exit codes: 0 ok, 1 a check failed (lint errors, --fail-on),
 * 2 a usage problem (unknown command or id, missing folder).
 */
import { HELP, commandHelp } from './help';
import { suggest } from './commands/suggestCommand';
import { mergeDriver } from './commands/mergeDriverCommand';
import { clockFrom } from '../core/time/clock';
import { VERSION } from './version';

import { review } from './commands/reviewCommand';
import { hook } from './commands/hook';
import { buildHookDigest } from '../node/agentHook';
import { task } from './commands/taskCommand';
import { now, setCacheOff, setClock, TerminalIo, UsageError, type Io } from './common';
import { lint } from './commands/lintCommand';
import { list } from './commands/listCommand';
import { show } from './commands/showCommand';
import { search } from './commands/searchCommand';
import { risk } from './commands/riskCommand';
import { exportCommand } from './commands/exportCommand';
import { runbooks } from './commands/runbooksCommand';
import { instructions } from './commands/instructionsCommand';
import { metrics, hotspotsCommand } from './commands/metricsCommand';
import { init } from './commands/initCommand';
export { UsageError };

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  'merge-driver': mergeDriver,
  // Loaded when asked for: the MCP SDK (and its JSON-schema validator), the importers and similar incidents
  // would otherwise be set up by every command's start (`risk` in a pre-push hook, in CI).
  mcp: async (args, io) => (await import('./commands/mcpCommand')).mcp(args, io, VERSION),
  hook: (args, io) => hook(args, io, VERSION, { now, buildDigest: async () => buildHookDigest }),
  task,
  similar: async (args, io) => (await import('./commands/similar')).similar(args, io),
  import: async (args, io) => (await import('./commands/import')).importCommand(args, io),
  suggest,
  init,
  metrics,
  hotspots: hotspotsCommand,
  lint,
  list,
  show,
  search,
  risk,
  export: exportCommand,
  instructions,
  runbooks,
  review,
};

export async function run(argv: string[], plainIo: Io): Promise<number> {
  // Record text in any command's output is neutralised once, here (control sequences, workflow commands).
  const io = plainIo instanceof TerminalIo ? plainIo : new TerminalIo(plainIo);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.out(VERSION);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.err(`incident-lens: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    try {
      setClock(clockFrom(process.env.INCIDENT_LENS_NOW));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // --no-cache (any command that reads the records): the persistent cache is neither read nor written.
    setCacheOff(rest.includes('--no-cache'));
    return await handler(
      rest.filter((a) => a !== '--no-cache'),
      io,
    );
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`incident-lens ${command}: ${err.message}`);
      return 2;
    }
    io.err(`incident-lens ${command}: unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 3;
  }
}

/** The process entry (dist/cli.js loads this bundle and calls it; see launcher.ts). */
export function main(): void {
  // A closed pipe (`incident-lens list | head -1`) ends the process quietly, as git and every linter do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  run(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`incident-lens: ${String(err)}\n`);
      process.exitCode = 3;
    },
  );
}

if (require.main === module) main();
