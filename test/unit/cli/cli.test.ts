import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { incidentYaml, REPO_ROOT, TempWorkspace } from '../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** Runs the built CLI as a real process. */
function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' });
}

describe('CLI (real process)', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace(true)));
  afterEach(() => ws.dispose());

  it('lint: clean demo exits 0 with a summary', () => {
    const r = cli(['lint'], ws.root);
    assert.equal(r.code, 0, r.stderr);
    // The demo's rollback runbook was last verified in March 2025: flagged, but only a warning.
    assert.equal(
      r.stdout.trim(),
      `.incidents/runbooks/RB-payments-rollback.yaml:8:15 warning lastVerified: ${r.stdout.match(/runbook RB-payments-rollback was last verified \d+ days ago \(more than 90\): try it again and update lastVerified/)![0]}\n9 records checked: 0 errors, 1 warning`,
    );
  });

  it('lint: prints file:line:column and exits 1 on errors; --json has the same', () => {
    ws.write('.incidents/INC-024.yaml', incidentYaml('INC-024').replace('priority: P2', 'priority: P5'));
    const r = cli(['lint', ws.root], REPO_ROOT);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.split('\n')[0], '.incidents/INC-024.yaml:4:11 error priority: expected P1, P2, P3 or P4, got "P5"');
    assert.match(r.stdout, /10 records checked: 1 error, 1 warning/);
    const j = cli(['lint', '--json'], ws.root);
    assert.equal(j.code, 1);
    const parsed = JSON.parse(j.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; field: string }> };
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.file, d.line, d.column, d.field]),
      [
        ['.incidents/INC-024.yaml', 4, 11, 'priority'],
        ['.incidents/runbooks/RB-payments-rollback.yaml', 8, 15, 'lastVerified'],
      ],
    );
  });

  it('lint: warnings alone exit 0', () => {
    ws.write('.incidents/INC-024.yaml', incidentYaml('INC-024', 'pager: yes\n'));
    const r = cli(['lint'], ws.root);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /INC-024.yaml:6:1 warning pager: unknown field/);
  });

  it('list filters by status and priority', () => {
    assert.deepEqual(
      cli(['list'], ws.root)
        .stdout.trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
      ['INC-019', 'INC-023', 'INC-027', 'INC-031'],
    );
    const active = JSON.parse(cli(['list', '--status', 'active', '--json'], ws.root).stdout) as Array<{ id: string }>;
    assert.deepEqual(
      active.map((i) => i.id),
      ['INC-031'],
    );
    assert.match(cli(['list', '--priority', 'p1'], ws.root).stdout, /^INC-023 +P1 +closed +Payment page 500 error/);
    const bad = cli(['list', '--status', 'open'], ws.root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--status must be one of active, resolved, postmortem-pending, closed/);
  });

  it('show: an incident, an action record, and a clear error for an unknown id', () => {
    const r = cli(['show', 'INC-023'], ws.root);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /resolution: +2025-03-18T16:52:00\+03:00 \(2h 15m\)/);
    assert.match(r.stdout, /action records: ACTION-INC023-1 \(done\)/);
    assert.match(cli(['show', 'ACTION-INC023-4'], ws.root).stdout, /deadline: +To be prioritized in Q2 sprint planning/);
    const json = JSON.parse(cli(['show', 'inc-023', '--json'], ws.root).stdout) as { metrics: { timeToMitigate: number } };
    assert.equal(json.metrics.timeToMitigate, 34);
    const unknown = cli(['show', 'INC-999'], ws.root);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr.trim(), 'incident-lens show: unknown id "INC-999"; known incidents: INC-019, INC-023, INC-027, INC-031');
  });

  it('errors clearly for a missing folder', () => {
    const r = cli(['list', '--root', join(ws.root, 'nope')], ws.root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /workspace folder ".*nope" does not exist/);
    const noRecords = cli(['lint', '--folder', 'records'], ws.root);
    assert.equal(noRecords.code, 2);
    assert.match(noRecords.stderr, /no records folder in .* or any folder above it \(use --root DIR\)/);
  });

  it('search prints the best hit first with the matched field', () => {
    const r = cli(['search', 'stripe'], ws.root);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^INC-023 +P1 +Payment page 500 error\n +keywords: stripe/);
    const hits = JSON.parse(cli(['search', 'stripe', '--json'], ws.root).stdout) as Array<{ id: string; field: string }>;
    assert.equal(hits[0]!.id, 'INC-023');
  });

  it('risk: files given, most severe first, --fail-on', () => {
    const r = cli(['risk', 'src/payments/stripeWebhook.ts', 'src/auth/session.ts'], ws.root);
    assert.equal(r.code, 0);
    const heads = r.stdout.split('\n').filter((l) => /^P\d/.test(l));
    assert.deepEqual(
      heads.map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['P1 INC-023', 'P2 INC-031'],
    );
    assert.match(r.stdout, /root cause: Webhook handler written with Claude returned Decimal/);
    assert.match(r.stdout, /prompt: +When writing \[service\] integration/);
    const fail = cli(['risk', 'src/auth/session.ts', '--fail-on', 'P2'], ws.root);
    assert.equal(fail.code, 1);
    assert.match(fail.stderr, /1 incident at P2 or above touched: INC-031/);
    assert.equal(cli(['risk', 'src/notifications/emailWorker.ts', '--fail-on', 'P2'], ws.root).code, 0);
  });

  it('risk --diff: files changed since a revision in a real git repo', () => {
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-qm', 'base');
    ws.write('src/payments/stripeWebhook.ts', `${ws.read('src/payments/stripeWebhook.ts')}\n// change\n`);
    git(ws.root, 'commit', '-qam', 'touch webhook');
    ws.write('src/notifications/new.ts', 'export {};\n');
    const r = cli(['risk', '--diff', 'HEAD~1', '--fail-on', 'P2', '--json'], ws.root);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { files: string[]; incidents: Array<{ id: string; files: string[] }>; failed: boolean };
    assert.deepEqual(out.files, ['src/notifications/new.ts', 'src/payments/stripeWebhook.ts']);
    assert.deepEqual(
      out.incidents.map((i) => [i.id, i.files]),
      [
        ['INC-023', ['src/payments/stripeWebhook.ts']],
        ['INC-027', ['src/notifications/new.ts']],
      ],
    );
    const bad = cli(['risk', '--diff', 'no-such-rev'], ws.root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no-such-rev/);
    // Said before any record is read: nothing reaches the cache then, where the read of a known revision writes it.
    const cache = join(ws.root, '..', `${basename(ws.root)}-cache`);
    const withCache = { ...process.env, INCIDENT_LENS_CACHE_DIR: cache, INCIDENT_LENS_NO_CACHE: '' };
    try {
      assert.equal(cli(['risk', '--diff', 'no-such-rev'], ws.root, withCache).code, 2);
      assert.equal(existsSync(cache), false, 'no record was read for an unknown revision');
      assert.equal(cli(['risk', '--diff', 'HEAD~1'], ws.root, withCache).code, 0);
      assert.equal(existsSync(cache), true, 'a known revision reads the records (through the cache)');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('export writes the postmortem as Markdown to stdout or a file', () => {
    const r = cli(['export', 'INC-023', '--format', 'markdown'], ws.root);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^# Postmortem — INC-023: Payment page 500 error/);
    const file = join(ws.root, 'pm.md');
    assert.equal(cli(['export', 'INC-023', '-o', file], ws.root).code, 0);
    assert.match(ws.read('pm.md'), /## Why did it take this long\?/);
    const bad = cli(['export', 'INC-023', '--format', 'pdf'], ws.root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown format "pdf"/);
  });

  it('--help on every command, and unknown commands/options are usage errors', () => {
    for (const c of ['lint', 'list', 'show', 'search', 'risk', 'export']) {
      const r = cli([c, '--help'], ws.root);
      assert.equal(r.code, 0, c);
      assert.match(r.stdout, new RegExp(`^incident-lens ${c}`), c);
    }
    assert.match(cli(['--help'], ws.root).stdout, /Commands:/);
    assert.equal(cli(['frobnicate'], ws.root).code, 2);
    const badOpt = cli(['list', '--colour'], ws.root);
    assert.equal(badOpt.code, 2);
    assert.match(badOpt.stderr, /Unknown option '--colour'/);
  });
});

describe('CLI in a pipe', () => {
  it('list | head -1, fifty times: one line and an empty stderr (no EPIPE stack trace)', function () {
    this.timeout(180_000);
    const ws = new TempWorkspace(true);
    try {
      for (let i = 0; i < 50; i++) {
        const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" list | head -1`], { cwd: ws.root, encoding: 'utf8' });
        assert.equal(r.stderr, '', `run ${i}: ${r.stderr}`);
        assert.match(r.stdout, /^INC-019 [^\n]*\n$/);
      }
    } finally {
      ws.dispose();
    }
  });
});

describe('CLI paths, as git and linters take them', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace(true);
    git(ws.root, 'init', '-q');
  });
  afterEach(() => ws.dispose());

  it('risk -r DIR FILE from another directory: FILE is relative to the current directory', () => {
    const outside = join(ws.root, '..');
    const name = ws.root.split('/').pop()!;
    const r = cli(['risk', '-r', name, `${name}/src/payments/stripeWebhook.ts`], outside);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CAUTION: touches code of INC-023 .*\nP1 INC-023 Payment page 500 error/);
  });

  it('a file outside the workspace is an error, never a silent "nothing linked"', () => {
    const name = ws.root.split('/').pop()!;
    const r = cli(['risk', '-r', name, 'src/payments/stripeWebhook.ts'], join(ws.root, '..'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"src\/payments\/stripeWebhook\.ts" is outside the workspace .*: file arguments are relative to the current directory/);
    assert.equal(r.stdout, '');
  });

  it('risk from a nested subfolder finds the workspace by walking up', () => {
    const r = cli(['risk', 'stripeWebhook.ts'], join(ws.root, 'src', 'payments'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CAUTION: .*\nP1 INC-023/);
    assert.match(cli(['list'], join(ws.root, 'src')).stdout, /^INC-019 /);
  });

  it('risk on a linked route file with brackets, from its own folder', () => {
    ws.write('app/[id]/route.ts', 'export async function GET() {}\n');
    ws.write('.incidents/INC-050.yaml', incidentYaml('INC-050', 'links:\n  - path: app/[id]/route.ts\n    symbol: GET\n'));
    assert.equal(cli(['lint'], ws.root).code, 0);
    const r = cli(['risk', 'route.ts'], join(ws.root, 'app', '[id]'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /INC-050/);
  });

  it('the walk up stops at the git root, with a message naming both ends', () => {
    ws.remove('.incidents/INC-019.yaml');
    rmSync(join(ws.root, '.incidents'), { recursive: true, force: true });
    const r = cli(['list'], join(ws.root, 'src', 'payments'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no \.incidents folder in .*src\/payments or above it up to the git root .*incident-lens init makes one/);
    // What the message says works: init makes the folder, with a .gitkeep git can commit, and list then runs.
    const made = cli(['init'], ws.root);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /records folder: made \.incidents\/ \(commit \.incidents\/\.gitkeep/);
    assert.equal(readFileSync(join(ws.root, '.incidents', '.gitkeep'), 'utf8'), '');
    assert.equal(cli(['list'], join(ws.root, 'src', 'payments')).code, 0);
    assert.match(cli(['init'], ws.root).stdout, /records folder: \.incidents\/ is there/);
  });

  it('init never writes through a records folder name that is a symbolic link (hostile/file-writes)', () => {
    rmSync(join(ws.root, '.incidents'), { recursive: true, force: true });
    const elsewhere = join(ws.root, '..', `${basename(ws.root)}-elsewhere`);
    mkdirSync(elsewhere);
    try {
      symlinkSync(elsewhere, join(ws.root, '.incidents'));
      const r = cli(['init'], ws.root);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /records folder: \.incidents is a symbolic link, left as it is/);
      assert.deepEqual(readdirSync(elsewhere), []);
      // --json says the same for a script, and writes nothing through the link either.
      const j = cli(['init', '--json'], ws.root);
      assert.equal(j.code, 0, j.stderr);
      const out = JSON.parse(j.stdout) as { recordsFolder: { folder: string; state: string }; mergeDriver: { attributes: string; config: string } };
      assert.deepEqual(out.recordsFolder, { folder: '.incidents', state: 'symbolic-link' });
      assert.deepEqual([out.mergeDriver.attributes, out.mergeDriver.config], ['unchanged', 'unchanged']);
      assert.deepEqual(readdirSync(elsewhere), []);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('similar (real process)', () => {
  it('by id, by --text, and by --text - from stdin (a diff piped in); never the incident itself', () => {
    const ws = new TempWorkspace(true);
    try {
      const byText = cli(['similar', '--text', 'a generated retry loop retried permanent failures forever'], ws.root);
      assert.equal(byText.code, 0, byText.stderr);
      assert.match(byText.stdout, /^INC-027 +P3 +Receipt emails delayed by up to 3 hours/);
      assert.match(byText.stdout, /alike in root cause: retry/);
      const piped = spawnSync(process.execPath, [CLI, 'similar', '--text', '-', '--json'], {
        cwd: ws.root,
        encoding: 'utf8',
        input: '+ // retry permanent failures forever in the email queue worker\n',
      });
      assert.equal(piped.status, 0, piped.stderr);
      assert.equal((JSON.parse(piped.stdout) as Array<{ id: string }>)[0]?.id, 'INC-027');
      const byId = JSON.parse(cli(['similar', 'INC-023', '--json'], ws.root).stdout) as Array<{ id: string }>;
      assert.ok(!byId.some((h) => h.id === 'INC-023'));
      const both = cli(['similar', 'INC-023', '--text', 'x'], ws.root);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /not both/);
    } finally {
      ws.dispose();
    }
  });
});

describe("help for the agents' hook", () => {
  it('hook --help and hook claude-code -h print the help, exit 0 (the hook bundle used to answer "Unknown option")', () => {
    for (const args of [
      ['hook', '--help'],
      ['hook', 'claude-code', '-h'],
    ]) {
      const r = cli(args, REPO_ROOT);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^incident-lens hook claude-code \[--verbose\]/);
      assert.doesNotMatch(r.stderr, /Unknown option/);
    }
  });
});

describe("the README's CLI lines", () => {
  it('run as written from the repository root (Quick start block)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /Try the CLI on the same workspace:\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    // `npx incident-lens` from the root; inside the demo (a package of its own) the built CLI by its path.
    const lines = block.split('\n').filter((l) => l.includes('npx incident-lens') || l.includes('dist/cli.js'));
    assert.ok(lines.length >= 5);
    for (const line of lines) {
      const [dir, command] = line.includes('&&') ? (line.split('&&').map((x) => x.trim()) as [string, string]) : ['', line];
      const cwd = dir ? join(REPO_ROOT, dir.replace(/^cd /, '')) : REPO_ROOT;
      const args = command.replace(/#.*$/, '').trim().split(/\s+/).slice(2);
      const r = cli(args, cwd);
      assert.equal(r.code, 0, `${line}\n${r.stderr}`);
      if (args[0] === 'risk') assert.match(r.stdout, /^CAUTION: .*\nP1 INC-023 Payment page 500 error/, line);
    }
  });
});

/**
 * Every line of a ```sh, ```text or ```console block in README.md and docs/*.md that runs
 * `incident-lens` or `npx incident-lens`, run through sh as written (quotes, globs, `cd … &&`,
 * redirects) with the CLI swapped for dist/cli.js. README lines run from the repository root
 * (they name examples/payments-demo); docs lines run in a copy of the demo that is a git
 * repository with its AI instruction files committed and INC-023's code changed, beside the
 * import fixtures under the names the docs use.
 */
const EXAMPLE_SKIPS: Record<string, string> = {
  // line (as written) → why it is not run; none today: no example needs the network or a terminal.
};
const EXPECTED_CODE: Array<[RegExp, number]> = [[/--fail-on P2/, 1]]; // INC-023, a P1, is touched

function docsExamples(): Array<{ file: string; line: string }> {
  const files = [
    'README.md',
    ...readdirSync(join(REPO_ROOT, 'docs'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => `docs/${n}`),
  ];
  const out: Array<{ file: string; line: string }> = [];
  for (const file of files) {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    for (const m of text.matchAll(/```(?:sh|text|console)\n([\s\S]*?)```/g))
      for (const raw of m[1]!.split('\n')) {
        const line = raw.replace(/^\$ /, '');
        if (/(^|&& )(npx )?incident-lens /.test(line)) out.push({ file, line });
      }
  }
  return out;
}

describe("the docs' CLI examples", () => {
  it('every incident-lens line in README.md and docs/*.md runs as written', () => {
    const examples = docsExamples();
    assert.ok(examples.length >= 15, `${examples.length} examples`);
    for (const skipped of Object.keys(EXAMPLE_SKIPS))
      assert.ok(
        examples.some((e) => e.line === skipped),
        `skipped line no longer in the docs: ${skipped}`,
      );
    const workspaces = new Map<string, TempWorkspace>();
    const workspaceFor = (file: string): string => {
      if (file === 'README.md') return REPO_ROOT;
      let ws = workspaces.get(file);
      if (!ws) {
        ws = new TempWorkspace(true);
        workspaces.set(file, ws);
        git(ws.root, 'init', '-q', '-b', 'main');
        assert.equal(cli(['instructions'], ws.root).code, 0);
        git(ws.root, 'add', '-A');
        git(ws.root, 'commit', '-qm', 'base');
        git(ws.root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
        ws.write('src/payments/stripeWebhook.ts', `${ws.read('src/payments/stripeWebhook.ts')}\n// touched\n`);
        const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'import');
        cpSync(join(fixtures, 'pagerduty'), join(ws.root, 'exports', 'pagerduty'), { recursive: true });
        mkdirSync(join(ws.root, 'postmortems'));
        for (const n of readdirSync(join(fixtures, 'markdown')).filter((x) => x.endsWith('.md')))
          cpSync(join(fixtures, 'markdown', n), join(ws.root, 'postmortems', n));
        cpSync(join(fixtures, 'csv', 'mapping.yaml'), join(ws.root, 'jira-mapping.yaml'));
        cpSync(join(fixtures, 'csv', 'jira.csv'), join(ws.root, 'jira-export.csv'));
      }
      return ws.root;
    };
    try {
      for (const { file, line } of examples) {
        if (line in EXAMPLE_SKIPS) continue;
        const command = line.replace(/(^|&& )(?:npx )?incident-lens /g, `$1"${process.execPath}" "${CLI}" `);
        const r = spawnSync('sh', ['-c', command], { cwd: workspaceFor(file), encoding: 'utf8' });
        const expected = EXPECTED_CODE.find(([re]) => re.test(line))?.[1] ?? 0;
        assert.equal(r.status, expected, `${file}: ${line}\n${r.stderr}`);
      }
    } finally {
      for (const ws of workspaces.values()) ws.dispose();
    }
  });
});
