// npm run test:unit [-- PATH... ] [-- --grep TEXT]: builds the tests, then runs
// mocha on the whole unit suite, or only on the files and folders named
// (test/unit/core/records/yamlEdit.test.ts, test/unit/core/records). Other
// arguments go to mocha as they are.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const paths = [];
const rest = [];
for (const a of process.argv.slice(2)) {
  if (!a.startsWith('-') && /\.test\.ts$|^test[\\/]unit/.test(a) && rest.at(-1) !== '--grep' && rest.at(-1) !== '-g') paths.push(a);
  else rest.push(a);
}
const config = JSON.parse(readFileSync(join(root, '.mocharc.json'), 'utf8'));
const specs = paths.map((p) => {
  const rel = relative(root, resolve(p)).replace(/\\/g, '/');
  if (!existsSync(join(root, rel))) {
    console.error(`test:unit: ${p} does not exist`);
    process.exit(2);
  }
  const out = `out/${rel.replace(/\.ts$/, '.js')}`;
  return statSync(join(root, rel)).isDirectory() ? `${out}/**/*.test.js` : out;
});
// Mocha adds positional specs to the config's: with paths, the config's spec is left out.
if (specs.length) config.spec = specs;
mkdirSync(join(root, 'out'), { recursive: true });
const file = join(root, 'out', '.mocharc.unit.json');
writeFileSync(file, JSON.stringify(config, null, 2));
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const r = spawnSync(process.execPath, [mocha, '--config', file, ...rest], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
