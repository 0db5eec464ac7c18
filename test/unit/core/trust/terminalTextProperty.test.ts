import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { commandLine, commandProblem, terminalJson, terminalText } from '../../../../src/core/trust/terminalText';
import { csvCell } from '../../../../src/core/insights/csvCell';
import { quietMentions } from '../../../../src/core/trust/mentions';

/** Characters a terminal acts on or a reader cannot see (what the output must never carry raw). */
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\uFEFF]|[\u{E0000}-\u{E007F}]/u;

/** Record-like text full of the characters that matter here. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '\r',
        '\r\n',
        '\t',
        '\u001b',
        '\u001b]52;c;',
        '\u0007',
        '\u009b',
        '\u0085',
        '\u2028',
        '\u2029',
        '\u202e',
        '\u200b',
        '\u{E0041}',
        '\ufeff',
        '::',
        '  ::',
        '##[',
        '@team',
        '@org/sre',
        '`',
        '=',
        '+',
        '-',
        '"',
        ',',
        ' ',
      ),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('terminal, JSON, CSV and mention neutralising (property)', () => {
  it('terminalText: never a raw control or invisible character, never a line starting with ::, never ##[', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        const out = terminalText(t);
        assert.equal(RAW.exec(out), null);
        assert.ok(!out.split('\n').some((l) => /^\s*::/.test(l)), out);
        assert.ok(!out.includes('##['));
      }),
      { numRuns: 2000 },
    );
  });

  it('terminalJson: valid JSON with the same value, and nothing raw', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        const out = terminalJson({ t, list: [t] });
        assert.deepEqual(JSON.parse(out), { t, list: [t] });
        assert.equal(RAW.exec(out), null);
        assert.equal(terminalText(out), out, 'the text boundary leaves JSON as it is');
      }),
      { numRuns: 2000 },
    );
  });

  it('commandLine: one line without raw characters; plain commands as written', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        const line = commandLine(t);
        assert.ok(!/[\n\r]/.test(line));
        assert.equal(RAW.exec(line.replace(/\t/g, '')), null);
        if (!commandProblem(t)) assert.equal(line, t.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('csvCell: no cell a spreadsheet would run as a formula', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        const cell = csvCell(t);
        const value = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        assert.ok(!/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value), cell);
      }),
      { numRuns: 2000 },
    );
  });

  it('quietMentions: outside code spans, no @name is left after a non-word character', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        const line = t.replace(/[\r\n`~]/g, ' ');
        const out = quietMentions(line);
        const outside = out.replace(/`@[^`]*`/g, ' ');
        assert.ok(!/(^|[^\w`])@[A-Za-z0-9]/.test(outside), `${JSON.stringify(line)} → ${JSON.stringify(out)}`);
      }),
      { numRuns: 2000 },
    );
  });
});
