/**
 * Runs every compiled integration test file in a directory with mocha, inside
 * whatever VS Code extension host loaded this module. Shared by both runners:
 * @vscode/test-electron (electronEntry.ts) and code-server (runnerExtension.ts).
 * Test files are found by listing the directory, never by a hand-kept list.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: Array<{ title: string; message: string; stack?: string }>;
}

export function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

export function runSuite(Mocha: typeof MochaType, dir: string, logFile?: string, grep?: string): Promise<SuiteResult> {
  const log = (line: string) => {
    if (logFile) appendFileSync(logFile, `${line}\n`);
    else console.log(line);
  };
  if (logFile) writeFileSync(logFile, '');
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: function Silent() {} as unknown as string });
  if (grep) mocha.grep(grep);
  for (const file of testFiles(dir)) mocha.addFile(file);
  const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [] };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(result));
      let depth = 0;
      runner.on('suite', (s) => {
        if (s.title) log(`${'  '.repeat(depth)}${s.title}`);
        if (s.title) depth++;
      });
      runner.on('suite end', (s) => {
        if (s.title) depth--;
      });
      runner.on('pass', (t) => {
        result.passed++;
        log(`${'  '.repeat(depth)}✔ ${t.title} (${t.duration ?? 0} ms)`);
      });
      runner.on('pending', (t) => {
        result.pending++;
        log(`${'  '.repeat(depth)}- ${t.title} (skipped)`);
      });
      runner.on('fail', (t, err: Error) => {
        result.failed++;
        result.failures.push({ title: t.fullTitle(), message: err.message, stack: err.stack });
        log(`${'  '.repeat(depth)}✘ ${t.title}\n${(err.stack ?? err.message).replace(/^/gm, `${'  '.repeat(depth + 2)}`)}`);
      });
    } catch (err) {
      reject(err);
    }
  });
}
