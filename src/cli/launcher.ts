/**
 * The `incident-lens` command (package.json bin: dist/cli.js), kept tiny:
 * `hook` loads only the hook's own bundle (dist/hook.js), because an agent
 * runs it before every edit and a 1.8 MB bundle takes longer to compile than
 * the hook takes to answer; everything else loads the whole CLI
 * (dist/cliMain.js). Both sit beside this file.
 */
import type * as HookMain from './hookMain';
import type * as CliMain from './main';

// `hook --help` is for a person: the full CLI prints the command's help (the hook bundle carries none).
const help = process.argv.includes('--help') || process.argv.includes('-h');
if (process.argv[2] === 'hook' && !help) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, loaded only when asked for
  const { hookMain } = require('./hook.js') as typeof HookMain;
  void hookMain(process.argv.slice(3)).then((code) => (process.exitCode = code));
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  (require('./cliMain.js') as typeof CliMain).main();
}
