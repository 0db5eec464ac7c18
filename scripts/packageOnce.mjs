// Packages incident-lens.vsix unless the one on disk was made from exactly the
// same inputs (sources, media, manifest, build script): npm test packages once,
// and the integration and end-to-end suites share that .vsix.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const inputs = [
  'src',
  'media',
  'schemas',
  'examples',
  'package.json',
  'package.nls.json',
  'README.md',
  'docs/records.md',
  'CHANGELOG.md',
  'LICENSE',
  'esbuild.mjs',
  '.vscodeignore',
  'package-lock.json',
];
const hash = createHash('sha256');
function add(p) {
  const abs = join(root, p);
  if (!existsSync(abs)) return;
  if (statSync(abs).isDirectory()) for (const n of readdirSync(abs).sort()) add(join(p, n));
  else hash.update(p).update('\0').update(readFileSync(abs)).update('\0');
}
inputs.forEach(add);
const digest = hash.digest('hex');
const stamp = join(root, '.test-results', 'vsix.sha256');
const vsix = join(root, 'incident-lens.vsix');
if (existsSync(vsix) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  console.log('incident-lens.vsix is up to date with its sources: not packaged again');
  process.exit(0);
}
const r = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.status !== 0) process.exit(r.status ?? 1);
mkdirSync(join(root, '.test-results'), { recursive: true });
writeFileSync(stamp, digest);
