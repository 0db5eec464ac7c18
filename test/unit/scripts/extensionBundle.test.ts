/**
 * The production extension bundle (issue 29): what the extension host reads to
 * activate stays under 500 KB, and Import Incidents, Insights, git history,
 * the timeline view and the editing commands are chunks of their own, read on
 * first use. Built here exactly as `npm run package` builds it (esbuild.mjs
 * --production, into a temporary folder), loaded by Node with a stand-in for
 * the `vscode` module, and listed by `vsce ls` with the repository's
 * .vscodeignore, so a chunk left out of the .vsix fails here.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { REPO_ROOT } from '../../support/workspace';
import { filesLoadedBy } from '../../../scripts/bench/activationBundle';

const LIMIT_BYTES = 500 * 1024;

interface Metafile {
  outputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }>; inputs: Record<string, { bytesInOutput: number }> }>;
}

const load = (...files: string[]) => filesLoadedBy(REPO_ROOT, files[0]!, ...files.slice(1));

describe('the production extension bundle: a small activation, the rest on first use', function () {
  this.timeout(180_000);
  let base: string;
  let dist: string;
  let meta: Metafile;
  /** Output file (absolute) → the sources in it. */
  let sources: Map<string, string[]>;
  /** The files Node loaded to evaluate dist/extension.js. */
  let loaded: string[];

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-bundle-'));
    dist = join(base, 'dist');
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', dist, '--metafile', join(base, 'meta.json')], { cwd: REPO_ROOT, stdio: 'pipe' });
    meta = JSON.parse(readFileSync(join(base, 'meta.json'), 'utf8')) as Metafile;
    sources = new Map(Object.entries(meta.outputs).map(([file, o]) => [resolve(REPO_ROOT, file), Object.keys(o.inputs)]));
    loaded = load(join(dist, 'extension.js'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it(`activation reads under ${LIMIT_BYTES / 1024} KB: dist/extension.js and the chunks it requires at once`, () => {
    assert.ok(loaded.includes(join(dist, 'extension.js')));
    assert.ok(
      loaded.every((f) => f.startsWith(dist)),
      'nothing but the bundle',
    );
    // What Node loaded is exactly what the metafile says extension.js imports statically.
    const key = (f: string) => Object.keys(meta.outputs).find((k) => resolve(REPO_ROOT, k) === f)!;
    const statically = new Set<string>();
    const walk = (f: string) => {
      if (statically.has(f)) return;
      statically.add(f);
      for (const i of meta.outputs[key(f)]!.imports) if (i.kind === 'import-statement' && !i.external) walk(resolve(REPO_ROOT, i.path));
    };
    walk(join(dist, 'extension.js'));
    assert.deepEqual([...loaded].sort(), [...statically].sort());
    const bytes = loaded.reduce((n, f) => n + statSync(f).size, 0);
    const all = readdirSync(dist).reduce((n, f) => n + statSync(join(dist, f)).size, 0);
    assert.ok(bytes < LIMIT_BYTES, `activation reads ${(bytes / 1024).toFixed(1)} KB in ${loaded.length} files (limit ${LIMIT_BYTES / 1024} KB)`);
    assert.ok(all > bytes + 150 * 1024, `the parts loaded on first use are not there: ${(all / 1024).toFixed(1)} KB in all`);
  });

  it('Import Incidents, Insights, git history, the timeline view, the editing commands and the record editor are not read at activation', () => {
    const atActivation = loaded.flatMap((f) => sources.get(f) ?? []);
    for (const part of [
      'src/extension/commands/importIncidents.ts',
      'src/core/import/markdown/parse.ts',
      'src/extension/insightsPanel.ts',
      'src/core/insights/insightsView.ts',
      'src/extension/commands/gitHistory.ts',
      'src/core/git/suggestCommits.ts',
      'src/node/git/gitHistory.ts',
      'src/extension/timelinePanel.ts',
      'src/core/search/similarIncidents.ts',
      'src/extension/commands/editing.ts',
      'src/extension/commands/linking.ts',
      'src/extension/agentWiringCommand.ts',
      'src/extension/recordEditor.ts',
      'src/extension/quickFixes.ts',
      'src/core/records/yamlEdit.ts',
    ]) {
      assert.ok(!atActivation.includes(part), `${part} is read at activation`);
      const chunk = [...sources].find(([, inputs]) => inputs.includes(part));
      assert.ok(chunk, `${part} is in no chunk`);
    }
    // Every chunk loads (a first use requires it): none depends on something missing.
    const all = readdirSync(dist).map((f) => join(dist, f));
    assert.ok(load(join(dist, 'extension.js'), ...all).length > 0);
  });

  it('vsce packages every file of the bundle (.vscodeignore)', () => {
    const pkg = join(base, 'package');
    mkdirSync(pkg);
    for (const f of ['package.json', 'package.nls.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(join(REPO_ROOT, f), join(pkg, f));
    cpSync(dist, join(pkg, 'dist'), { recursive: true });
    const listed = execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: pkg, encoding: 'utf8' }).split('\n');
    const files = readdirSync(dist);
    assert.ok(files.length > 5, files.join(' '));
    for (const f of files) assert.ok(listed.includes(`dist/${basename(f)}`), `dist/${f} is not in the .vsix`);
  });
});
