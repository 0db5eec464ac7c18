import { strict as assert } from 'node:assert';
import { formatDiagnostic, type RecordDiagnostic } from '../../../../src/core/records/diagnostics';
import { applyEdits } from '../../../../src/core/records/yamlEdit';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { fieldRange } from '../../../../src/core/records/yamlPositions';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

/** One-based "line:column" of a diagnostic, as the CLI prints it. */
function at(d: RecordDiagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

function only(diags: RecordDiagnostic[], code: string): RecordDiagnostic {
  const found = diags.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} diagnostic, got ${JSON.stringify(diags, null, 1)}`);
  return found[0]!;
}

describe('diagnostics of one record', () => {
  it('reports a bad priority on the value with file, line, column and field', () => {
    const text = incidentYaml('INC-024').replace('priority: P2', 'priority: P5');
    const { diagnostics } = parseRecordText('.incidents/INC-024.yaml', text);
    const d = only(diagnostics, 'schema');
    assert.equal(formatDiagnostic(d), '.incidents/INC-024.yaml:4:11 error priority: expected P1, P2, P3 or P4, got "P5"');
  });

  it('reports a missing required field at the parent', () => {
    const text = 'id: INC-024\nstatus: active\npriority: P1\nstart: 2025-03-18T14:37:00+03:00\n';
    const d = only(parseRecordText('.incidents/INC-024.yaml', text).diagnostics, 'schema');
    assert.equal(d.field, 'title');
    assert.equal(d.message, 'is required');
    assert.equal(at(d), '1:1');
  });

  it('points a wrong type deep in a list at that node', () => {
    const text = incidentYaml('INC-024', 'timeline:\n  - at: "14:40"\n    text: ok\n  - at: "14:41"\n    text: [not, text]\n');
    const d = only(parseRecordText('.incidents/INC-024.yaml', text).diagnostics, 'schema');
    assert.equal(d.field, 'timeline[1].text');
    assert.equal(at(d), '10:11');
    assert.match(d.message, /expected string, got a list/);
  });

  it('reports YAML syntax errors with their position and no record', () => {
    const text = 'id: INC-024\n\ttitle: tabbed\npriority: P1\n';
    const parsed = parseRecordText('.incidents/INC-024.yaml', text);
    assert.equal(parsed.yamlBroken, true);
    assert.equal(parsed.record, undefined);
    assert.deepEqual(
      parsed.diagnostics.map((d) => formatDiagnostic(d)),
      ['.incidents/INC-024.yaml:2:1 error Tabs are not allowed as indentation'],
    );
    const unterminated = parseRecordText('.incidents/INC-024.yaml', 'id: INC-024\ntitle: "unterminated\npriority: P1\n');
    assert.match(unterminated.diagnostics[0]!.message, /Missing closing "quote/);
  });

  it('names merge-conflict markers', () => {
    const text = incidentYaml('INC-024', '<<<<<<< HEAD\nowner: a\n=======\nowner: b\n>>>>>>> branch\n');
    const parsed = parseRecordText('.incidents/INC-024.yaml', text);
    assert.equal(parsed.yamlBroken, true);
    assert.match(parsed.diagnostics[0]!.message, /merge-conflict markers/);
  });

  it('reports duplicate keys', () => {
    const text = incidentYaml('INC-024', 'priority: P1\n');
    const parsed = parseRecordText('.incidents/INC-024.yaml', text);
    assert.equal(parsed.yamlBroken, true);
    assert.match(parsed.diagnostics[0]!.message, /unique/i);
    assert.equal(at(parsed.diagnostics[0]!), '6:1');
  });

  it('keeps unknown fields and warns at their key', () => {
    const text = incidentYaml('INC-024', 'slackChannel: "#inc-24"\nroles:\n  incidentLead: Ali\n  scribe: Deniz\n');
    const parsed = parseRecordText('.incidents/INC-024.yaml', text);
    const unknown = parsed.diagnostics.filter((d) => d.code === 'unknown-field');
    assert.deepEqual(
      unknown.map((d) => [d.field, at(d), d.severity]),
      [
        ['slackChannel', '6:1', 'warning'],
        ['roles.scribe', '9:3', 'warning'],
      ],
    );
    assert.ok(parsed.record, 'a record with unknown fields is still valid');
  });

  it('reports a time without offset, and an impossible date', () => {
    const text = incidentYaml('INC-024').replace('2025-03-18T14:37:00+03:00', '2025-03-18T14:37:00') + 'resolution: 2025-02-30T10:00:00Z\n';
    const diags = parseRecordText('.incidents/INC-024.yaml', text).diagnostics.filter((d) => d.code === 'time');
    assert.deepEqual(
      diags.map((d) => [d.field, at(d)]),
      [
        ['start', '5:8'],
        ['resolution', '6:13'],
      ],
    );
    assert.match(diags[0]!.message, /no UTC offset/);
  });

  it('reports resolution before start and a duration that disagrees', () => {
    const text = incidentYaml('INC-024').replace('status: active', 'status: resolved') + 'resolution: 2025-03-18T13:00:00+03:00\nduration: 2h\n';
    const diags = parseRecordText('.incidents/INC-024.yaml', text).diagnostics;
    const before = only(diags, 'resolution-before-start');
    assert.equal(before.field, 'resolution');
    assert.equal(at(before), '6:13');
    const mismatch = only(diags, 'duration-mismatch');
    assert.equal(at(mismatch), '7:11');
    assert.match(mismatch.message, /duration says 2h but start to resolution is -1h 37m/);
  });

  it('accepts a stored duration that agrees in any common spelling', () => {
    for (const spelling of ['2h 15m', '2 hours 15 minutes', '135m', 'PT2H15M']) {
      const text = incidentYaml('INC-024').replace('status: active', 'status: resolved') + `resolution: 2025-03-18T16:52:00+03:00\nduration: ${spelling}\n`;
      const diags = parseRecordText('.incidents/INC-024.yaml', text).diagnostics;
      assert.deepEqual(diags, [], spelling);
    }
  });

  it('reads a bare clock time earlier than the entry before it forward, and asks for its date', () => {
    const text = incidentYaml('INC-024', 'timeline:\n  - at: "14:40"\n    text: a\n  - at: "15:02"\n    text: b\n  - at: "14:55"\n    text: c\n');
    const parsed = parseRecordText('.incidents/INC-024.yaml', text);
    const d = only(parsed.diagnostics, 'time-needs-date');
    assert.equal(d.field, 'timeline[2].at');
    assert.equal(at(d), '11:9');
    assert.equal(d.severity, 'warning');
    assert.match(
      d.message,
      /"14:55" is 23h 53m after the entry before it, so it may be on a later day: write the date \(read now as 2025-03-19T14:55:00\+03:00\)/,
    );
    assert.ok(parsed.record?.kind === 'incident');
    // Never a negative gap: read forward, it is the next day.
    assert.ok(parsed.record.timeline[2]!.at!.ms > parsed.record.timeline[1]!.at!.ms);
  });

  it('reports an ISO timeline out of order at the offending entry', () => {
    const text = incidentYaml('INC-024', 'timeline:\n  - at: "15:02"\n    text: b\n  - at: 2025-03-18T14:55:00+03:00\n    text: c\n');
    const d = only(parseRecordText('.incidents/INC-024.yaml', text).diagnostics, 'timeline-order');
    assert.equal(d.field, 'timeline[1].at');
  });

  it('rolls bare clock times past midnight instead of calling them out of order', () => {
    const text = incidentYaml('INC-024').replace('14:37', '23:40') + 'timeline:\n  - at: "23:50"\n    text: a\n  - at: "00:10"\n    text: b\n';
    const parsed = parseRecordText('.incidents/INC-024.yaml', text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.ok(parsed.record?.kind === 'incident');
    const [a, b] = parsed.record.timeline;
    assert.equal(b!.at!.ms - a!.at!.ms, 20 * 60_000);
  });

  it('reports a closed incident without resolution at its status', () => {
    const text = incidentYaml('INC-024').replace('status: active', 'status: closed');
    const d = only(parseRecordText('.incidents/INC-024.yaml', text).diagnostics, 'closed-without-resolution');
    assert.equal(at(d), '3:9');
    assert.equal(d.severity, 'error');
  });

  it('warns when the file name does not match the id', () => {
    const d = only(parseRecordText('.incidents/INC-025.yaml', incidentYaml('INC-024')).diagnostics, 'file-name');
    assert.equal(at(d), '1:5');
  });

  it('refuses links that leave the workspace', () => {
    const text = incidentYaml('INC-024', 'links:\n  - path: ../../etc/passwd\n  - path: /etc/passwd\n  - path: src/ok.ts\n');
    const diags = parseRecordText('.incidents/INC-024.yaml', text).diagnostics.filter((d) => d.code === 'link-outside');
    assert.deepEqual(
      diags.map((d) => [d.field, at(d)]),
      [
        ['links[0].path', '7:11'],
        ['links[1].path', '8:11'],
      ],
    );
  });

  it('rejects an alias bomb quickly without expanding it', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'id: INC-1',
    ].join('\n');
    // 9^7 (4.8 million) nodes if expanded; the time to refuse it is in `npm run bench`.
    const parsed = parseRecordText('.incidents/INC-1.yaml', bomb);
    assert.equal(parsed.diagnostics[0]!.code, 'yaml-aliases');
    assert.match(parsed.diagnostics[0]!.message, /alias bomb/);
    assert.equal(parsed.record, undefined);
  });

  it('refuses absurd nesting before the parser sees it (10,000 "[" used to kill the process)', () => {
    const cases: [string, string][] = [
      ['flow', `id: INC-1\nlinks: ${'['.repeat(10_000)}`],
      ['flow mappings', `id: INC-1\nimpact: ${'{a: '.repeat(5_000)}`],
      ['block dashes', `id: INC-1\nkeywords:\n  ${'- '.repeat(5_000)}x`],
      ['block indentation', `id: INC-1\n${Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}`],
    ];
    for (const [name, text] of cases) {
      const parsed = parseRecordText('.incidents/INC-1.yaml', text);
      assert.equal(parsed.diagnostics.length, 1, name);
      assert.equal(parsed.diagnostics[0]!.code, 'too-deep', name);
      assert.match(parsed.diagnostics[0]!.message, /nested more than 100 levels/);
      assert.ok(parsed.diagnostics[0]!.range.start.line >= 1, `${name}: points at the nesting, not the file start`);
      assert.ok(parsed.yamlBroken, name);
      const edit = applyEdits(text, [{ kind: 'set', path: ['status'], value: 'closed' }]);
      assert.equal(edit.ok, false, `${name}: no edit writes into it`);
    }
    // Brackets inside quotes, comments and apostrophes in plain text are not nesting.
    const fine = `id: INC-1\ntitle: "${'['.repeat(300)}"\nimpact:\n  business: it's ${'{'.repeat(3)} # ${'['.repeat(300)}\n`;
    assert.ok(!parseRecordText('.incidents/INC-1.yaml', fine).diagnostics.some((d) => d.code === 'too-deep'));
  });

  it('lists at most 50 YAML errors and counts the rest', () => {
    const text = `id: INC-1\n${Array.from({ length: 200 }, (_, i) => `k${i}: [a\n  b: ]]`).join('\n')}`;
    const parsed = parseRecordText('.incidents/INC-1.yaml', text);
    assert.ok(parsed.diagnostics.length <= 52, String(parsed.diagnostics.length));
    assert.match(parsed.diagnostics.find((d) => /more YAML errors not listed/.test(d.message))!.message, /^\d+ more YAML errors/);
  });

  it('keeps __proto__ and constructor keys as plain unknown fields; nothing is polluted', () => {
    const text = `${incidentYaml('INC-1')}__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\nimpact:\n  __proto__: {isAdmin: true}\n`;
    const parsed = parseRecordText('.incidents/INC-1.yaml', text);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    const unknown = parsed.diagnostics.filter((d) => d.code === 'unknown-field').map((d) => d.field);
    assert.deepEqual(unknown.sort(), ['__proto__', 'constructor', 'impact.__proto__'].sort());
    assert.ok(parsed.record, 'the record itself still loads');
  });

  it('skips files over the size limit with a diagnostic', () => {
    const parsed = parseRecordText('.incidents/INC-024.yaml', incidentYaml('INC-024') + `# ${'x'.repeat(2000)}\n`, { maxFileBytes: 1000 });
    assert.equal(parsed.record, undefined);
    assert.match(parsed.diagnostics[0]!.message, /above the 1000-byte limit/);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '',
      '\uFEFF',
      '---\n---\n',
      '[1,2',
      '- a\n- b\n',
      '42',
      '"str"',
      'id: [',
      '\t\tid: INC-1',
      'id: INC-1\r\ntitle: x\r\n',
      ':',
      '? a\n: b',
      '!!binary x',
      '&a [*a]',
      'id: !!int INC',
    ];
    for (const text of inputs) {
      const parsed = parseRecordText('.incidents/INC-1.yaml', text);
      assert.ok(parsed.diagnostics.length > 0, `no diagnostic for ${JSON.stringify(text)}`);
      for (const d of parsed.diagnostics) assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0);
    }
  });
});

describe('cross-record diagnostics', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.dispose());

  it('reports duplicate ids in both files', async () => {
    ws.write('.incidents/INC-030.yaml', incidentYaml('INC-030'));
    ws.write('.incidents/old/INC-030.yaml', incidentYaml('INC-030'));
    const diags = (await ws.index()).diagnostics().filter((d) => d.code === 'duplicate-id');
    assert.deepEqual(
      diags.map((d) => formatDiagnostic(d)),
      [
        '.incidents/INC-030.yaml:1:5 error id: duplicate id "INC-030": also in .incidents/old/INC-030.yaml',
        '.incidents/old/INC-030.yaml:1:5 error id: duplicate id "INC-030": also in .incidents/INC-030.yaml',
      ],
    );
  });

  it('reports an action record whose parent is missing, and a plan naming a missing action', async () => {
    ws.write('.incidents/actions/ACTION-INC040-1.yaml', 'id: ACTION-INC040-1\nincident: INC-040\ntitle: Do it\nstatus: open\n');
    ws.write('.incidents/INC-041.yaml', incidentYaml('INC-041', 'postmortem:\n  actionPlan:\n    - ACTION-INC041-1\n'));
    const lines = (await ws.index()).diagnostics().map(formatDiagnostic);
    assert.deepEqual(lines, [
      '.incidents/INC-041.yaml:8:7 error postmortem.actionPlan[0]: action record "ACTION-INC041-1" does not exist',
      '.incidents/actions/ACTION-INC040-1.yaml:2:11 error incident: parent incident "INC-040" does not exist',
    ]);
  });

  it('warns about links to files that do not exist', async () => {
    ws.write('src/there.ts', 'export const x = 1;\n');
    ws.write(
      '.incidents/INC-050.yaml',
      incidentYaml('INC-050', 'links:\n  - path: src/there.ts\n  - path: src/gone.ts\n  - path: src/missing/\n  - path: src/**/*.go\n'),
    );
    const lines = (await ws.index({ checkLinkTargets: true })).diagnostics().map(formatDiagnostic);
    assert.deepEqual(lines, [
      '.incidents/INC-050.yaml:8:11 warning links[1].path: linked file "src/gone.ts" does not exist in the workspace',
      '.incidents/INC-050.yaml:9:11 warning links[2].path: linked directory "src/missing/" does not exist in the workspace',
    ]);
  });

  it('one broken record never hides the others', async () => {
    ws.write('.incidents/INC-060.yaml', 'id: INC-060\ntitle: [broken\n');
    ws.write('.incidents/INC-061.yaml', incidentYaml('INC-061'));
    const index = await ws.index();
    assert.deepEqual(
      index.incidents().map((i) => i.id),
      ['INC-061'],
    );
    assert.ok(index.diagnosticsFor('.incidents/INC-060.yaml').some((d) => d.code === 'yaml'));
  });
});

describe('field ranges for navigation', () => {
  it('points a list item at its first line and a named block at its key', () => {
    const text = 'id: INC-1\nactions:\n  - text: first\n    owner: A\n  - text: second\n    owner: B\nroles:\n  onCall: C\n';
    const item = fieldRange(text, ['actions', 1]);
    assert.deepEqual(
      [item.start, item.end],
      [
        { line: 4, character: 4 },
        { line: 4, character: 16 },
      ],
    );
    const roles = fieldRange(text, ['roles']);
    assert.deepEqual(roles.start, { line: 6, character: 0 });
    assert.deepEqual(fieldRange(text, ['nothing', 'here']).start, { line: 0, character: 0 });
  });
});

describe('help on mistakes', () => {
  it('names the value meant for an enum typo, and carries it as a fix', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['status: active', 'status: resovled', 'resolved'],
      ['priority: P2', 'priority: p1', 'P1'],
      ['status: active', 'status: postmortem pending', 'postmortem-pending'],
      ['priority: P2', 'priority: P5', undefined],
    ];
    for (const [from, to, meant] of cases) {
      const d = parseRecordText('.incidents/INC-024.yaml', incidentYaml('INC-024').replace(from, to)).diagnostics.find((x) => x.code === 'schema')!;
      if (meant) {
        assert.match(d.message, new RegExp(`did you mean "${meant}"\\?$`), to);
        assert.deepEqual(d.fix, { title: `Change to "${meant}"`, path: [from.split(':')[0]], value: meant });
      } else assert.equal(d.fix, undefined, to);
    }
  });

  it('offers the canonical duration and the full date of an ambiguous clock time as fixes', () => {
    const text =
      incidentYaml('INC-024').replace('status: active', 'status: resolved') +
      'resolution: 2025-03-18T17:34:00+03:00\nduration: 2h\ntimeline:\n  - at: "15:02"\n    text: b\n  - at: "14:55"\n    text: c\n';
    const diags = parseRecordText('.incidents/INC-024.yaml', text).diagnostics;
    assert.deepEqual(diags.find((d) => d.code === 'duration-mismatch')!.fix, { title: 'Change to "2h 57m"', path: ['duration'], value: '2h 57m' });
    assert.deepEqual(diags.find((d) => d.code === 'time-needs-date')!.fix, {
      title: 'Write the date: 2025-03-19T14:55:00+03:00',
      path: ['timeline', 1, 'at'],
      value: '2025-03-19T14:55:00+03:00',
    });
  });
});
