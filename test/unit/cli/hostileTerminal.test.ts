import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { terminalJson, terminalText } from '../../../src/core/trust/terminalText';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'terminal-output', 'INC-901.yaml');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
/** Anything a terminal acts on or a reader cannot see: C0 but tab and line feed, DEL, C1, invisible characters. */
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\uFEFF]|[\u{E0000}-\u{E007F}]/u;

function assertSafe(text: string, what: string, workflowCommands = false): void {
  const bad = RAW.exec(text);
  assert.equal(bad, null, `${what}: raw U+${bad?.[0].codePointAt(0)?.toString(16)} at ${bad?.index}:\n${text}`);
  if (!workflowCommands) {
    const forged = text.split('\n').filter((l) => /^\s*::/.test(l));
    assert.deepEqual(forged, [], `${what}: a line starts with :: (a GitHub workflow command)`);
  }
  assert.doesNotMatch(text, /##\[/, `${what}: an old-style workflow command`);
}

describe('hostile record text on the terminal (test/fixtures/hostile/terminal-output)', () => {
  let ws: TempWorkspace;
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ws.root,
      encoding: 'utf8',
      env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T12:00:00Z' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => {
    ws = new TempWorkspace(true);
    ws.write('.incidents/INC-901.yaml', readFileSync(FIXTURE, 'utf8'));
  });
  after(() => ws.dispose());

  for (const args of [
    ['list'],
    ['show', 'INC-901'],
    ['search', 'Retries'],
    ['search', 'Clipboard'],
    ['risk', 'src/payments/checkout.ts'],
    ['risk', 'src/payments/checkout.ts', '--format', 'markdown'],
    ['lint'],
    ['metrics'],
    ['hotspots'],
  ]) {
    it(`${args.join(' ')}: no control sequence, invisible character or workflow command reaches the terminal`, () => {
      const r = cli(...args);
      assert.ok(r.code === 0 || (args[0] === 'lint' && r.code === 1), `exit ${r.code}: ${r.stderr}`);
      assertSafe(r.stdout, 'stdout');
      assertSafe(r.stderr, 'stderr');
      if (args[0] !== 'lint' && args[0] !== 'metrics' && args[0] !== 'hotspots') assert.match(r.stdout, /INC-901/);
    });
  }

  it('list and show keep the record on its lines: the title is one line, the escapes visible', () => {
    const list = cli('list')
      .stdout.split('\n')
      .filter((l) => l.includes('INC-901'));
    assert.equal(list.length, 1);
    assert.match(
      list[0]!,
      /Checkout down ::stop-commands::pwned ::error file=x::forged #\\u\{23\}\[set-output name=x;\]y ::warning::sep$/,
      'flattened: the title is one line',
    );
    const show = cli('show', 'INC-901').stdout;
    assert.match(show, /system: +Payments \\u\{001B\}\]0;owned title\\u\{0007\}\\u\{001B\}\[2J/);
    assert.match(show, /\\u\{202E\}gnp\.exe\\u\{202C\}/);
    assert.match(show, /\\u\{E0049\}\\u\{E0047\}/, 'tag characters shown');
  });

  it('risk --format github: our own workflow commands stay, record text cannot add one', () => {
    const r = cli('risk', 'src/payments/checkout.ts', '--format', 'github');
    assert.equal(r.code, 0, r.stderr);
    assertSafe(r.stdout, 'github', true);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) assert.match(l, /^(::(error|warning|notice) file=[^:]*::|Incident Lens: )/, l);
    assert.ok(lines.some((l) => l.startsWith('::error file=src/payments/checkout.ts') && l.includes('INC-901')));
  });

  it('--json stays valid JSON holding the same values, with C1 and U+2028/2029 escaped', () => {
    for (const args of [
      ['list', '--json'],
      ['show', 'INC-901', '--json'],
      ['risk', 'src/payments/checkout.ts', '--json'],
    ]) {
      const r = cli(...args);
      assertSafe(r.stdout, args.join(' '));
      const parsed = JSON.parse(r.stdout) as unknown;
      const text = JSON.stringify(parsed);
      assert.ok(text.includes('\u2028::warning::sep'), `${args.join(' ')}: the title's value is unchanged`);
    }
    assert.equal(terminalJson({ a: '\u0085\u2028\u{E0041}' }, 0), '{"a":"\\u0085\\u2028\\uDB40\\uDC41"}');
    assert.deepEqual(JSON.parse(terminalJson({ a: '\u0085\u2028\u{E0041}\u001b' })), { a: '\u0085\u2028\u{E0041}\u001b' });
  });

  it('terminalText: CRLF read as LF, tabs kept, a lone CR and ESC escaped, indented :: escaped', () => {
    assert.equal(terminalText('a\r\nb\tc\rd\u001b[31m'), 'a\nb\tc\\u{000D}d\\u{001B}[31m');
    assert.equal(terminalText(' \t::stop-commands::x\nok :: fine'), ' \t\\u{3A}:stop-commands::x\nok :: fine');
    assert.equal(terminalText('::error::ours', { workflowCommands: true }), '::error::ours');
  });
});
