/**
 * What the extension host reads to activate Incident Lens: dist/extension.js
 * and the chunks it requires at once (esbuild.mjs splits the production
 * bundle; the other chunks load on first use). Found by loading the bundle in
 * a Node process as the host does, with a stand-in `vscode` module holding
 * the API's names (from @types/vscode), and listing the files it read.
 * Used by the benchmark and test/unit/scripts/extensionBundle.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

const LOAD_SCRIPT = `
const Module = require('module');
const { readFileSync } = require('fs');
const dts = readFileSync(process.argv[1], 'utf8');
const names = new Set([...dts.matchAll(/^\\s*export (?:namespace|class|enum|const|function) (\\w+)/gm)].map((m) => m[1]));
const any = () => new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : k === 'then' ? undefined : any()), construct: () => any(), apply: () => any() });
const vscode = Object.fromEntries([...names].map((n) => [n, any()]));
const load = Module._load;
Module._load = function (request) { return request === 'vscode' ? vscode : load.apply(this, arguments); };
const before = new Set(Object.keys(require.cache));
const [first, ...rest] = process.argv.slice(2);
const main = require(first);
if (first.endsWith('extension.js') && typeof main.activate !== 'function') throw new Error('no activate()');
process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => !before.has(f))));
for (const f of rest) require(f);
`;

/**
 * Requires `file` (then `more`, each in turn, to prove they evaluate) in a
 * fresh Node process as the extension host would, and returns the files the
 * first one loaded.
 */
export function filesLoadedBy(repo: string, file: string, ...more: string[]): string[] {
  const typings = join(repo, 'node_modules', '@types', 'vscode', 'index.d.ts');
  return JSON.parse(execFileSync(process.execPath, ['-e', LOAD_SCRIPT, typings, file, ...more], { encoding: 'utf8' })) as string[];
}

/** The files activation reads from a bundle folder, and their bytes. */
export function activationBundle(repo: string, dist: string): { files: string[]; bytes: number } {
  const files = filesLoadedBy(repo, join(dist, 'extension.js'));
  return { files, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}
