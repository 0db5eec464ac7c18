#!/usr/bin/env node
/**
 * What the real-VS-Code tests and `npm start` need from the machine, checked
 * before anything is built or installed (the way `npx playwright install
 * --with-deps` does it):
 *   - Chromium, to open code-server's workbench;
 *   - the compilers and the headers code-server's native modules build
 *     against (checked through pkg-config and the header files themselves,
 *     not only the compilers), unless code-server is already set up.
 * As root with apt-get: installs what is missing, non-interactively, saying
 * what and why in one line. Otherwise: stops at once with the exact command.
 *
 * Plain ESM with no dependencies so it runs before `npm run build`; the unit
 * tests import `plan()` and drive it with a simulated machine.
 *
 * Usage: node scripts/prerequisites.mjs [--check] [--start]
 *   --check  report only, never install
 *   --start  for `npm start`: no Chromium (you open the URL in your own browser),
 *            nothing at all when VS Code's `code` command is on PATH
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each requirement: the Debian package that provides it, why it is needed,
 * and how to tell it is there. `when: 'build'` ones are needed only while
 * code-server's native modules are being built (first run).
 */
export const REQUIREMENTS = [
  {
    pkg: 'chromium',
    why: 'the browser that opens VS Code for the integration and e2e tests',
    when: 'always',
    check: { file: '/usr/bin/chromium', env: 'INCIDENT_LENS_CHROMIUM' },
  },
  { pkg: 'git', why: 'the tests build real git repositories', when: 'always', check: { command: 'git' } },
  { pkg: 'build-essential', why: "a C++ compiler for code-server's native modules", when: 'build', check: { command: 'g++' } },
  { pkg: 'build-essential', why: "make for code-server's native modules", when: 'build', check: { command: 'make' } },
  { pkg: 'python3', why: 'node-gyp runs on Python', when: 'build', check: { command: 'python3' } },
  { pkg: 'pkg-config', why: 'node-gyp finds the libraries below through it', when: 'build', check: { command: 'pkg-config' } },
  {
    pkg: 'libkrb5-dev',
    why: "gssapi/gssapi.h for code-server's kerberos module",
    when: 'build',
    check: { pkgConfig: 'krb5-gssapi', header: '/usr/include/gssapi/gssapi.h' },
  },
  {
    pkg: 'libxkbfile-dev',
    why: "X11/extensions/XKBfile.h for code-server's native-keymap module",
    when: 'build',
    check: { pkgConfig: 'xkbfile', header: '/usr/include/X11/extensions/XKBfile.h' },
  },
  { pkg: 'libsecret-1-dev', why: "libsecret for code-server's keytar module", when: 'build', check: { pkgConfig: 'libsecret-1' } },
  { pkg: 'libx11-dev', why: 'X11 headers for the keymap module', when: 'build', check: { pkgConfig: 'x11', header: '/usr/include/X11/Xlib.h' } },
];

/** The real machine, as `plan()` sees it. Tests pass a simulated one. */
export const realMachine = {
  env: process.env,
  fileExists: (path) => existsSync(path),
  commandExists: (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0,
  pkgConfigHas: (name) => spawnSync('pkg-config', ['--exists', name], { stdio: 'ignore' }).status === 0,
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  codeServerReady: () => {
    const tools = process.env.INCIDENT_LENS_TOOLS ?? join(REPO, '.tools');
    try {
      const version = readFileSync(join(tools, 'code-server', '.version'), 'utf8').trim();
      const wanted = /CODE_SERVER_VERSION=(\S+)/.exec(readFileSync(join(REPO, 'scripts', 'setup-code-server.sh'), 'utf8'))?.[1];
      return version === wanted && existsSync(join(tools, 'node24', 'node_modules', '.bin', 'node'));
    } catch {
      return false;
    }
  },
};

function satisfied(req, machine) {
  const c = req.check;
  if (c.file) return machine.fileExists((c.env && machine.env[c.env]) || c.file);
  if (c.command) return machine.commandExists(c.command);
  // A -dev package: its pkg-config entry AND its header (a half-removed package fails the build).
  const viaPkgConfig = machine.commandExists('pkg-config') && machine.pkgConfigHas(c.pkgConfig);
  return viaPkgConfig && (!c.header || machine.fileExists(c.header));
}

/**
 * What is missing and what to do about it:
 *   { missing: [{pkg, why}], packages: [..unique..], command, action: 'none' | 'install' | 'stop' }
 */
export function plan(machine = realMachine, purpose = 'test') {
  // npm start opens the demo in the `code` on PATH when there is one, and needs no browser of ours.
  if (purpose === 'start' && machine.commandExists('code')) return { missing: [], packages: [], command: '', action: 'none' };
  const building = !machine.codeServerReady();
  const needed = (r) => (r.when === 'build' ? building : purpose === 'test');
  const missing = REQUIREMENTS.filter((r) => needed(r) && !satisfied(r, machine));
  const packages = [...new Set(missing.map((m) => m.pkg))];
  const install = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const canInstall = machine.isRoot() && machine.commandExists('apt-get');
  return {
    missing: missing.map(({ pkg, why }) => ({ pkg, why })),
    packages,
    command: packages.length ? (canInstall ? `apt-get update && ${install}` : `sudo apt-get update && sudo ${install}`) : '',
    action: packages.length === 0 ? 'none' : canInstall ? 'install' : 'stop',
  };
}

/** One line per missing package: "libkrb5-dev (gssapi/gssapi.h for …)". */
export function describe(p) {
  const byPkg = new Map();
  for (const m of p.missing) byPkg.set(m.pkg, [...(byPkg.get(m.pkg) ?? []), m.why]);
  return [...byPkg].map(([pkg, whys]) => `${pkg} (${whys.join('; ')})`).join(', ');
}

function main() {
  const checkOnly = process.argv.includes('--check');
  const purpose = process.argv.includes('--start') ? 'start' : 'test';
  const p = plan(realMachine, purpose);
  if (p.action === 'none') return 0;
  if (p.action === 'stop' || checkOnly) {
    console.error(
      `Incident Lens ${purpose === 'start' ? 'needs' : 'tests need'} Debian packages that are missing: ${describe(p)}.\nRun:\n\n  ${p.command}\n\nthen run the command again.`,
    );
    return 1;
  }
  console.log(`prerequisites: installing ${p.packages.join(' ')} with apt-get (missing: ${describe(p)})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...p.packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (err) {
    console.error(`prerequisites: apt-get failed (${err.message.split('\n')[0]}). Run it by hand:\n\n  ${p.command}\n`);
    return 1;
  }
  const after = plan(realMachine, purpose);
  if (after.action !== 'none') {
    console.error(`prerequisites: still missing after apt-get: ${describe(after)}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());
