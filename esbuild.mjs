// One build script, one bundle per target: extension host, CLI, webview, and
// the compiled tests (not bundled: one output file per source file).
//   node esbuild.mjs               development bundles with source maps
//   node esbuild.mjs --production  minified bundles, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change (problem matcher: $esbuild-watch)
//   node esbuild.mjs --tests       also compile test/ and scripts/ into out/ for mocha
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
/** The value after a flag (`--outdir DIR`), if given. */
const valueOf = (flag) => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
};
/** --outdir DIR: only the production extension bundle, into DIR (test/unit/scripts/extensionBundle.test.ts). */
const bundleOnly = valueOf('--outdir');
const metafileOut = valueOf('--metafile');
const production = args.has('--production') || bundleOnly !== undefined;
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

/**
 * zod's `z.fromJSONSchema` (12 KB) is reached through its namespace object
 * even when nothing calls it; the extension never does (nor does any bundle:
 * schemas/*.json are written by scripts/generateSchema.ts), so it is left out.
 */
const zodWithoutFromJsonSchema = {
  name: 'zod-without-from-json-schema',
  setup(build) {
    build.onResolve({ filter: /from-json-schema\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: 'zod-from-json-schema', namespace: 'zod-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-stub' }, () => ({
      contents: "export function fromJSONSchema() { throw new Error('z.fromJSONSchema is not bundled (esbuild.mjs)'); }",
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
  plugins: watch ? [zodEnglishOnly, zodWithoutFromJsonSchema, problemMatcher] : [zodEnglishOnly, zodWithoutFromJsonSchema],
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

/** The extension bundle's chunks are named so (a content hash in each name). */
const CHUNK_PREFIX = 'extension-';
/**
 * A production build removes chunks an earlier build left, once they are an
 * hour old: several builds and packagings share dist/ (npm test, the
 * benchmark, a teammate's terminal), and `vsce package` fails when a file it
 * listed disappears before it reads it. A stale chunk in a .vsix is only
 * bytes: dist/extension.js never requires it.
 */
const STALE_CHUNK_MS = 60 * 60 * 1000;
function removeStaleChunks(dir, keep) {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const file = join(dir, name);
    if (!name.startsWith(CHUNK_PREFIX) || !name.endsWith('.js') || keep.has(file)) continue;
    if (Date.now() - statSync(file).mtimeMs > STALE_CHUNK_MS) rmSync(file, { force: true });
  }
}

/**
 * The extension host loads CommonJS (engine ^1.95), and esbuild splits only
 * ESM bundles: the production bundle is split as ESM (each `import()` of the
 * sources, e.g. Import Incidents, Insights, git history, becomes a chunk of its
 * own, code shared by several parts a shared chunk), then every output file is
 * converted to CommonJS, `import()` into `require()` of the sibling file. So
 * dist/extension.js and the chunks it requires at once stay small, and a part
 * is read from disk the first time it is used, never twice (one module
 * instance, unlike separate bundles that would each carry their own copy of
 * the shared code). Development bundles are one file (with a source map; the
 * same `import()`s run in place). `--metafile FILE` writes esbuild's metafile.
 */
const splitToCommonJs = {
  name: 'split-to-commonjs',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      const dir = build.initialOptions.outdir;
      mkdirSync(dir, { recursive: true });
      removeStaleChunks(dir, new Set(result.outputFiles.map((f) => f.path)));
      for (const file of result.outputFiles) {
        const { code } = await esbuild.transform(file.text, {
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          minify: production,
          // import() of a chunk becomes require(): the extension host's loader, not Node's ESM one.
          supported: { 'dynamic-import': false },
        });
        writeFileSync(file.path, code);
      }
      if (metafileOut) writeFileSync(metafileOut, JSON.stringify(result.metafile));
    });
  },
};

const extensionTarget = production
  ? {
      ...common,
      entryPoints: ['src/extension/extension.ts'],
      outdir: bundleOnly ?? 'dist',
      format: 'esm',
      splitting: true,
      chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
      write: false,
      metafile: true,
      external: ['vscode'],
      plugins: [...common.plugins, splitToCommonJs],
    }
  : {
      ...common,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
    };

const targets = [
  extensionTarget,
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

if (bundleOnly) targets.splice(1);

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
