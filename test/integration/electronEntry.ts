/**
 * Runner 1: the standard @vscode/test-electron entry (extensionTestsPath).
 * It needs a VS Code download, so it cannot run on the offline CI machines;
 * runner 2 (runnerExtension.ts in code-server) runs the same files there.
 */
import Mocha from 'mocha';
import { runSuite } from './runSuite';

export async function run(): Promise<void> {
  const result = await runSuite(Mocha, __dirname, undefined, process.env.INCIDENT_LENS_GREP);
  console.log(`integration: ${result.passed} passed, ${result.failed} failed`);
  if (result.failed) throw new Error(`${result.failed} integration tests failed`);
}
