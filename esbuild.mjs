// One build script, one bundle per target: extension host, CLI, webview, and
// the compiled tests (not bundled: one output file per source file).
//   node esbuild.mjs               development bundles with source maps
//   node esbuild.mjs --production  minified bundles, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change (problem matcher: $esbuild-watch)
//   node esbuild.mjs --tests       also compile test/ and scripts/ into out/ for mocha
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/** Prints errors in the format the $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * zod re-exports every locale as a namespace, which defeats tree shaking
 * (~200 KB). Incident Lens words its own messages, so only English is kept.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: watch ? [zodEnglishOnly, problemMatcher] : [zodEnglishOnly],
};

/** Copies the codicon font and CSS next to the webview bundle (the webview may only load from dist/ and media/). */
const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(() => {
      mkdirSync('dist/codicons', { recursive: true });
      for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules', '@vscode', 'codicons', 'dist', f), join('dist', 'codicons', f));
    });
  },
};

const targets = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/webview/timelineApp.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [...common.plugins, copyCodicons],
  },
  // The Insights view's charts (Observable Plot, bundled; no eval).
  { ...common, entryPoints: ['src/webview/insightsApp.ts'], outfile: 'dist/insights.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // Parses records in worker threads for the extension and the CLI (next to both bundles).
  { ...common, entryPoints: ['src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
  // The CLI: a tiny launcher (the bin) that loads the whole CLI, or for `hook` only the hook's small bundle (an agent runs it before every edit).
  { ...common, entryPoints: ['src/cli/launcher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['./hook.js', './cliMain.js'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', define: { __VERSION__: JSON.stringify(pkg.version) } },
  {
    ...common,
    entryPoints: ['src/cli/hookMain.ts'],
    outfile: 'dist/hook.js',
    define: { __VERSION__: JSON.stringify(pkg.version) },
    external: ['./hookFull.js'],
  },
  // The hook's cold path (builds the digest from the records): loaded by dist/hook.js only when the records changed.
  { ...common, entryPoints: ['src/cli/hookFull.ts'], outfile: 'dist/hookFull.js' },
];

function walk(dir) {
  let out = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

if (tests) {
  // Integration tests run inside an extension host: one bundle per test file
  // (so the runner lists files, no hand-kept index), plus both runner entries.
  const integration = { ...common, sourcemap: 'inline', minify: false, external: ['vscode', 'mocha'] };
  targets.push(
    { ...integration, entryPoints: walk('test/integration').filter((p) => p.endsWith('.test.ts')), outdir: 'out/integration/tests' },
    { ...integration, entryPoints: ['test/integration/electronEntry.ts'], outfile: 'out/integration/tests/index.js' },
    { ...integration, entryPoints: ['test/integration/runnerExtension.ts'], outfile: 'out/integration/runnerExtension.js' },
  );
  // Tests import src/ directly, so compile both, file by file, keeping the tree.
  targets.push({
    entryPoints: [...walk('src'), ...walk('test'), ...walk('scripts')].filter(
      (p) => p !== join('src', 'webview', 'timelineApp.ts') && !p.startsWith('test/integration') && p !== join('src', 'webview', 'insightsApp.ts'),
    ),
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
