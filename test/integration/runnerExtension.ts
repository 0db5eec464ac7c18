/**
 * Runner 2: a test-only extension (never shipped) for code-server, which does
 * not honour extensionTestsPath. On activation it runs the integration files
 * packaged beside it with the repository's mocha, inside this real extension
 * host, and writes the result where the driver waits for it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';
import { runSuite } from './runSuite';

interface RunnerConfig {
  mochaPath: string;
  resultsFile: string;
  logFile: string;
  grep?: string;
  testsDir?: string;
  /** The repository the tests were built from (fixtures). */
  repo?: string;
}

export function activate(): void {
  const config = JSON.parse(readFileSync(join(__dirname, 'runner-config.json'), 'utf8')) as RunnerConfig;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded from the repository at run time, not bundled
  const Mocha = require(config.mochaPath) as typeof MochaType;
  if (config.repo) process.env.INCIDENT_LENS_REPO = config.repo;
  // Let the workbench settle before the first test.
  setTimeout(() => {
    runSuite(Mocha, join(__dirname, 'tests', config.testsDir ?? ''), config.logFile, config.grep).then(
      (result) => writeFileSync(config.resultsFile, JSON.stringify(result)),
      (err: unknown) =>
        writeFileSync(config.resultsFile, JSON.stringify({ passed: 0, failed: 1, pending: 0, failures: [{ title: 'runner', message: String(err) }] })),
    );
  }, 500);
}

export function deactivate(): void {}
