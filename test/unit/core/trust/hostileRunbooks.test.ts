import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../../../../src/core/records/diagnostics';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { describeRunbook, RUNBOOK_COMMANDS_NOTE } from '../../../../src/core/present/summaries';
import type { Runbook } from '../../../../src/core/records/model';
import { commandLine, commandProblem } from '../../../../src/core/trust/terminalText';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'runbook-commands');
const hostile = readdirSync(FIXTURES).filter((f) => f.startsWith('RB-') && f !== 'RB-plain.yaml');
const NOW = Date.parse('2026-11-27T12:00:00Z');
/** What a terminal would act on: C0 but line feed, C1, and the invisible characters the fixtures use. */
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B\u2028\u202C\u202E]|[\u{E0000}-\u{E007F}]/u;

function parseFixture(name: string) {
  return parseRecordText(`.incidents/runbooks/${name}`, readFileSync(join(FIXTURES, name), 'utf8'));
}

describe('hostile runbook commands (test/fixtures/hostile/runbook-commands)', () => {
  it('the corpus covers line feed, block scalar, lone CR, ESC, C1, bidi, zero-width/tag and U+2028', () => {
    assert.deepEqual(hostile.sort(), [
      'RB-bidi.yaml',
      'RB-block-scalar.yaml',
      'RB-c1.yaml',
      'RB-carriage-return.yaml',
      'RB-escape.yaml',
      'RB-invisible.yaml',
      'RB-newline.yaml',
      'RB-separator.yaml',
    ]);
  });

  for (const name of hostile) {
    it(`lint: ${name} is an error at steps[0].command (file, line, column, field), and shows as one escaped line`, () => {
      const parsed = parseFixture(name);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(errors.length, 1, parsed.diagnostics.map(formatDiagnostic).join('\n'));
      assert.match(
        formatDiagnostic(errors[0]!),
        new RegExp(`^\\.incidents/runbooks/${name.replace('.', '\\.')}:6:14 error steps\\[0\\]\\.command: the command holds U\\+[0-9A-F]{4} `),
      );
      assert.equal(errors[0]!.code, 'command-control');
      const text = describeRunbook(parsed.record as Runbook, NOW, 90);
      const line = text.split('\n').find((l) => l.startsWith('       $ '))!;
      assert.ok(line, text);
      assert.match(line, /^ {7}\$ ".*"  \(refused: holds control characters, see lint\)$/);
      assert.doesNotMatch(text, RAW_CONTROL, 'no raw control or invisible character in the text');
      assert.equal(text.split('\n').filter((l) => /PWNED|owned|rm -rf|curl/.test(l)).length, 1, 'the command is on one line');
      assert.ok(text.includes(RUNBOOK_COMMANDS_NOTE), 'says commands are for the on-call person');
    });
  }

  it('a plain command passes lint and shows as written', () => {
    const parsed = parseFixture('RB-plain.yaml');
    assert.deepEqual(parsed.diagnostics.map(formatDiagnostic), []);
    assert.match(describeRunbook(parsed.record as Runbook, NOW, 90), /^ {7}\$ \.\/scripts\/health\.sh worker --since "10 min" \| grep -E 'ok\|fail\\b'$/m);
  });

  it('commandLine escapes so the line is unambiguous; commandProblem names the characters', () => {
    assert.equal(commandLine('echo ok\ntouch "/tmp/a b"\\x'), '"echo ok\\ntouch \\"/tmp/a b\\"\\\\x"');
    assert.equal(commandLine('echo \u001b]0;x\u0007'), '"echo \\u{001B}]0;x\\u{0007}"');
    assert.equal(commandLine('  ls -la\n'), 'ls -la', "surrounding white space (a block scalar's last line break) is not part of the command");
    assert.match(commandProblem('a\rb')!, /U\+000D carriage return/);
    assert.match(commandProblem('a\u202Eb')!, /U\+202E bidi control/);
    assert.match(commandProblem('a\tb')!, /U\+0009 tab/);
    assert.equal(commandProblem('kubectl rollout undo deploy/payments -n prod'), undefined);
  });

  it('CLI (real process): lint exits 1 naming every hostile file; show and runbooks print each command on one escaped line', () => {
    const ws = new TempWorkspace(true);
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...args], { cwd: ws.root, encoding: 'utf8' });
    try {
      for (const name of readdirSync(FIXTURES).filter((f) => f.startsWith('RB-')))
        ws.write(`.incidents/runbooks/${name}`, readFileSync(join(FIXTURES, name), 'utf8'));
      const lint = cli('lint');
      assert.equal(lint.status, 1, lint.stderr);
      for (const name of hostile)
        assert.match(lint.stdout, new RegExp(`^\\.incidents/runbooks/${name.replace('.', '\\.')}:6:14 error steps\\[0\\]\\.command: `, 'm'));
      assert.doesNotMatch(lint.stdout, /RB-plain/);
      const show = cli('show', 'RB-newline');
      assert.equal(show.status, 0, show.stderr);
      assert.match(show.stdout, /^ {7}\$ "echo ok\\ntouch \/tmp\/incident-lens-PWNED-newline" {2}\(refused/m);
      assert.match(show.stdout, new RegExp(RUNBOOK_COMMANDS_NOTE.replace(/[.()]/g, '\\$&')));
      const esc = cli('show', 'RB-escape');
      assert.doesNotMatch(esc.stdout, RAW_CONTROL);
      assert.match(esc.stdout, /\$ "echo ok \\u\{001B\}\]0;owned\\u\{0007\}\\u\{001B\}\[2J"/);
    } finally {
      ws.dispose();
    }
  });
});
