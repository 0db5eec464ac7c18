import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../support/workspace';

const SCRIPT = join(REPO_ROOT, 'scripts', 'prerequisites.mjs');

interface Plan {
  missing: Array<{ pkg: string; why: string }>;
  packages: string[];
  command: string;
  action: 'none' | 'install' | 'stop';
}
interface Machine {
  env: Record<string, string | undefined>;
  fileExists(path: string): boolean;
  commandExists(cmd: string): boolean;
  pkgConfigHas(name: string): boolean;
  isRoot(): boolean;
  codeServerReady(): boolean;
}
interface PrerequisitesModule {
  plan(machine: Machine, purpose?: 'test' | 'start'): Plan;
  describe(plan: Plan): string;
}

// A Function-built import keeps esbuild from turning it into require() (the script is ESM).
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<PrerequisitesModule>;

/** A Debian machine with everything installed, minus what a test removes. */
function machine(
  opts: { noFiles?: string[]; noCommands?: string[]; noPkgConfig?: string[]; root?: boolean; codeServerReady?: boolean; vscodeCli?: boolean } = {},
): Machine {
  return {
    env: {},
    fileExists: (p) => !(opts.noFiles ?? []).includes(p),
    commandExists: (c) => (c === 'code' ? !!opts.vscodeCli : !(opts.noCommands ?? []).includes(c)),
    pkgConfigHas: (n) => !(opts.noPkgConfig ?? []).includes(n),
    isRoot: () => opts.root ?? true,
    codeServerReady: () => opts.codeServerReady ?? false,
  };
}

describe('prerequisites check (fresh machine path of npm test / npm start)', () => {
  let m: PrerequisitesModule;
  before(async () => {
    m = await importEsm(pathToFileURL(SCRIPT).href);
  });

  it('a complete machine needs nothing', () => {
    assert.deepEqual(m.plan(machine()), { missing: [], packages: [], command: '', action: 'none' });
  });

  it('the missing gssapi header of the issue (pkg-config entry gone) and Chromium: root with apt installs both', () => {
    const p = m.plan(machine({ noFiles: ['/usr/bin/chromium', '/usr/include/gssapi/gssapi.h'], noPkgConfig: ['krb5-gssapi'] }));
    assert.equal(p.action, 'install');
    assert.deepEqual(p.packages, ['chromium', 'libkrb5-dev']);
    assert.equal(p.command, 'apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev');
    assert.match(m.describe(p), /libkrb5-dev \(gssapi\/gssapi\.h for code-server's kerberos module\)/);
  });

  it('a header file deleted while pkg-config still lists the package is missing too', () => {
    const p = m.plan(machine({ noFiles: ['/usr/include/X11/extensions/XKBfile.h'] }));
    assert.deepEqual(p.packages, ['libxkbfile-dev']);
  });

  it('without pkg-config itself, every -dev package counts as missing (node-gyp could not find them)', () => {
    const p = m.plan(machine({ noCommands: ['pkg-config'] }));
    assert.deepEqual(p.packages, ['pkg-config', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev']);
  });

  it('not root: stops with the exact sudo command instead of installing', () => {
    const p = m.plan(machine({ root: false, noCommands: ['g++', 'make'], noFiles: ['/usr/bin/chromium'] }));
    assert.equal(p.action, 'stop');
    assert.equal(p.command, 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium build-essential');
  });

  it('root without apt-get (not Debian): stops with the command rather than guessing', () => {
    assert.equal(m.plan(machine({ noCommands: ['apt-get'], noFiles: ['/usr/bin/chromium'] })).action, 'stop');
  });

  it('once code-server is built, the headers are no longer required; Chromium still is', () => {
    const p = m.plan(machine({ codeServerReady: true, noPkgConfig: ['krb5-gssapi', 'xkbfile'], noFiles: ['/usr/bin/chromium'] }));
    assert.deepEqual(p.packages, ['chromium']);
  });

  it('npm start needs no Chromium, and nothing at all when the `code` command is there', () => {
    assert.deepEqual(m.plan(machine({ noFiles: ['/usr/bin/chromium'], noPkgConfig: ['xkbfile'] }), 'start').packages, ['libxkbfile-dev']);
    assert.equal(m.plan(machine({ noFiles: ['/usr/bin/chromium'], noPkgConfig: ['xkbfile'] }), 'test').packages.length, 2);
    const withCode = machine({ noPkgConfig: ['xkbfile'], vscodeCli: true });
    assert.equal(m.plan(withCode, 'start').action, 'none');
  });

  it('real process: --check reports a missing Chromium with the command to run and exits 1, installing nothing', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_CHROMIUM: '/nonexistent/chromium' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /missing: chromium \(the browser that opens VS Code/);
    assert.match(r.stderr, /apt-get install -y --no-install-recommends chromium\n/);
  });
});
