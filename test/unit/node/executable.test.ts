import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { findExecutable } from '../../../src/node/executable';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

describe('executables come from PATH only (never the working folder)', () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-lens-exe-'));
    cwd = process.cwd();
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  function script(path: string, body = 'exit 0'): string {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  it('POSIX: a git planted in the working folder is never found, whatever PATH says about it', () => {
    const repo = join(dir, 'repo');
    script(join(repo, 'git'));
    const bin = join(dir, 'bin');
    const good = script(join(bin, 'git'));
    process.chdir(repo);
    for (const PATH of [bin, `.:${bin}`, `:${bin}`, `${bin}:`, `repo:${bin}`, `./:${bin}`])
      assert.equal(findExecutable('git', { env: { PATH }, platform: 'linux' }), good, PATH);
    assert.equal(findExecutable('git', { env: { PATH: '.' }, platform: 'linux' }), undefined, 'only the working folder has it: not found');
    assert.equal(findExecutable('git', { env: { PATH: '' }, platform: 'linux' }), undefined);
    assert.equal(findExecutable('./git', { env: { PATH: bin }, platform: 'linux' }), undefined, 'a name with a folder is never looked up');
    writeFileSync(join(bin, 'npx'), 'not executable');
    assert.equal(findExecutable('npx', { env: { PATH: bin }, platform: 'linux' }), undefined, 'a file without the execute bit is not a program');
  });

  it('Windows: PATHEXT order, Path in any case, quoted entries; the working folder, relative and drive-relative entries skipped', () => {
    const files = new Set([
      'C:\\Program Files\\Git\\cmd\\git.exe',
      'C:\\Program Files\\Git\\cmd\\git.cmd',
      'C:\\repo\\git.exe',
      'C:\\repo\\git.bat',
      'C:\\tools\\npx.cmd',
    ]);
    const isExecutable = (f: string) => files.has(f);
    const win = (env: NodeJS.ProcessEnv) => ({ env, platform: 'win32' as const, isExecutable });
    // cmd.exe would run C:\repo\git.bat first from C:\repo; here the working folder is never part of the search.
    assert.equal(
      findExecutable('git', win({ Path: '.;repo;\\repo;"C:\\Program Files\\Git\\cmd"', PATHEXT: '.COM;.EXE;.BAT;.CMD' })),
      'C:\\Program Files\\Git\\cmd\\git.exe',
    );
    assert.equal(
      findExecutable('git', win({ PATH: 'C:\\Program Files\\Git\\cmd', PATHEXT: '.CMD;.EXE' })),
      'C:\\Program Files\\Git\\cmd\\git.cmd',
      'PATHEXT order',
    );
    assert.equal(findExecutable('git', win({ PATH: 'C:\\Program Files\\Git\\cmd' })), 'C:\\Program Files\\Git\\cmd\\git.exe', 'default PATHEXT');
    assert.equal(findExecutable('git.exe', win({ PATH: 'C:\\Program Files\\Git\\cmd' })), 'C:\\Program Files\\Git\\cmd\\git.exe');
    assert.equal(findExecutable('git', win({ PATH: '.;repo;\\repo' })), undefined, 'only the working folder has git: not found');
    assert.equal(findExecutable('npx', win({ PATH: 'C:\\tools' })), 'C:\\tools\\npx.cmd');
  });

  it('the CLI (real process) runs git from PATH, not the git planted in the repository it reads', () => {
    const ws = new TempWorkspace(true);
    try {
      const marker = join(dir, 'planted-git-ran');
      script(join(ws.root, 'git'), `touch '${marker}'; exit 1`);
      // "." first on PATH: a bare "git" would be the planted one for any program that searches PATH naively.
      const PATH = ['.', dirname(realGit), dirname(process.execPath)].join(delimiter);
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'init'], { cwd: ws.root, encoding: 'utf8', env: { ...process.env, PATH } });
      // Not a git repository: git itself says so, and the planted git never ran.
      assert.equal(existsSync(marker), false, 'the planted git ran');
      assert.match(r.stderr, /not a git repository|init works in a git clone/i, r.stderr);
    } finally {
      ws.dispose();
    }
  });
});
