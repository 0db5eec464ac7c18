import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyEdits, type EditOp } from '../../../../src/core/records/yamlEdit';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { DEMO } from '../../../support/workspace';

const INC023 = readFileSync(join(DEMO, '.incidents', 'INC-023.yaml'), 'utf8');

/** The single changed region between two texts: what was removed and what was inserted. */
function change(before: string, after: string): { at: number; removed: string; inserted: string } {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { at: start, removed: before.slice(start, endB), inserted: after.slice(start, endA) };
}

function edit(text: string, ...ops: EditOp[]): string {
  const r = applyEdits(text, ops);
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

const ODD = `# Header comment stays.
id: INC-050   # trailing comment
title: 'Single-quoted title'
status: active
priority: "P2"
start: 2025-03-18T14:37:00+03:00
unknownField: { kept: [1, 2] } # unknown fields are kept
keywords: [db,  cache]   # odd spacing kept

timeline:
    # indented four, with a comment before the first item
    -   at: "14:40"
        text: first
    -   at: "14:45"
        text: |
          multi
          line
# comment between sections
roles:
  onCall: Mehmet # the pager
`;

describe('the edit path (YAML text in, minimal text change out)', () => {
  it('appends a timeline entry to INC-023 and changes nothing else', () => {
    const after = edit(INC023, {
      kind: 'append',
      path: ['timeline'],
      value: { at: '17:05', author: 'Deniz', kind: 'event', text: 'Monitoring ended: error rate 0.2%.' },
    });
    const c = change(INC023, after);
    assert.equal(c.removed, '');
    assert.equal(c.inserted, '  - at: "17:05"\n    author: Deniz\n    kind: event\n    text: "Monitoring ended: error rate 0.2%."\n');
    assert.ok(INC023.slice(0, c.at).endsWith('Error rate normal, incident closed."\n'), 'inserted right after the last entry');
    const parsed = parseRecordText('.incidents/INC-023.yaml', after);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.record?.kind === 'incident' && parsed.record.timeline.length, 15);
  });

  it('replaces a scalar in place, keeping its trailing comment and quote style', () => {
    const a = edit(ODD, { kind: 'set', path: ['status'], value: 'resolved' });
    assert.deepEqual(change(ODD, a), { at: ODD.indexOf('active'), removed: 'active', inserted: 'resolved' });
    const b = edit(ODD, { kind: 'set', path: ['title'], value: "It's broken" });
    assert.match(b, /^title: 'It''s broken'$/m);
    const c = edit(ODD, { kind: 'set', path: ['priority'], value: 'P1' });
    assert.match(c, /^priority: "P1"$/m);
    const d = edit(ODD, { kind: 'set', path: ['id'], value: 'INC-051' });
    assert.match(d, /^id: INC-051 {3}# trailing comment$/m);
  });

  it('appends to a list indented its own way, after its last item', () => {
    const after = edit(ODD, { kind: 'append', path: ['timeline'], value: { at: '14:50', text: 'third' } });
    const c = change(ODD, after);
    assert.equal(c.removed, '');
    assert.equal(c.inserted, '    - at: "14:50"\n      text: third\n');
    assert.ok(after.indexOf('third') < after.indexOf('# comment between sections'));
    assert.deepEqual(parse(after).timeline[2], { at: '14:50', text: 'third' });
  });

  it('adds to a flow list without reformatting it', () => {
    const after = edit(ODD, { kind: 'append', path: ['keywords'], value: 'redis' });
    assert.match(after, /^keywords: \[db, {2}cache, redis\] {3}# odd spacing kept$/m);
  });

  it('creates missing mappings and lists at the right indentation', () => {
    const a = edit(ODD, { kind: 'set', path: ['roles', 'commsOwner'], value: 'Zeynep' });
    assert.deepEqual(change(ODD, a).inserted, '  commsOwner: Zeynep\n');
    const b = edit(ODD, { kind: 'set', path: ['rootCause', 'trigger', 'ref'], value: 'a1b2c3d' });
    assert.ok(b.endsWith('  onCall: Mehmet # the pager\nrootCause:\n  trigger:\n    ref: a1b2c3d\n'));
    const c = edit(ODD, { kind: 'append', path: ['actions'], value: { text: 'Add an index', owner: 'Ali' } });
    assert.ok(c.endsWith('rootCause' in parse(c) ? '' : 'actions:\n  - text: Add an index\n    owner: Ali\n'));
  });

  it('merges objects leaf by leaf into an existing mapping', () => {
    const after = edit(INC023, { kind: 'set', path: ['rootCause'], value: { trigger: { ref: 'abc123' }, note: 'short' } });
    assert.match(after, /^ {4}ref: abc123$/m);
    assert.match(after, /^ {2}note: short$/m);
    assert.match(after, /initialHypothesis: Stripe amount field type mismatch/);
  });

  it('replaces a block scalar with a quoted one, and fills an empty value', () => {
    const a = edit(ODD, { kind: 'set', path: ['timeline', 1, 'text'], value: 'now one line' });
    assert.match(a, /^ {8}text: now one line\n# comment between sections/m);
    const b = edit('id: INC-1\nresolution:\nstatus: active\n', { kind: 'set', path: ['resolution'], value: '2025-01-01T00:00:00Z' });
    assert.equal(b, 'id: INC-1\nresolution: 2025-01-01T00:00:00Z\nstatus: active\n');
  });

  it('deletes a key and only its lines', () => {
    const after = edit(INC023, { kind: 'delete', path: ['duration'] });
    assert.deepEqual(change(INC023, after), { at: INC023.indexOf('duration:'), removed: 'duration: 2h 15m\n', inserted: '' });
    const block = edit(ODD, { kind: 'delete', path: ['roles'] });
    assert.ok(block.endsWith('# comment between sections\n'));
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const crlf = `\uFEFF${ODD.replace(/\n/g, '\r\n')}`;
    const after = edit(crlf, { kind: 'append', path: ['timeline'], value: { at: '14:50', text: 'third' } });
    assert.ok(after.startsWith('\uFEFF'));
    assert.equal(after.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF introduced');
    assert.equal(change(crlf, after).inserted, '    - at: "14:50"\r\n      text: third\r\n');
  });

  it('refuses to write into a record with YAML errors, or to change what it cannot place', () => {
    const broken = applyEdits('id: INC-1\ntitle: [oops\n', [{ kind: 'set', path: ['status'], value: 'active' }]);
    assert.equal(broken.ok, false);
    assert.match((broken as { error: string }).error, /YAML errors/);
    const conflict = applyEdits('id: INC-1\n<<<<<<< HEAD\nstatus: a\n=======\nstatus: b\n>>>>>>> x\n', [{ kind: 'set', path: ['status'], value: 'c' }]);
    assert.equal(conflict.ok, false);
    const flowMap = applyEdits('id: INC-1\nroles: { onCall: A }\n', [{ kind: 'set', path: ['roles', 'commsOwner'], value: 'B' }]);
    assert.equal(flowMap.ok, false);
    assert.match((flowMap as { error: string }).error, /flow mapping/);
  });

  it('writes values that need quoting safely', () => {
    for (const text of ['#not a comment', 'key: value', '- dash', '@at', '"quoted"', 'yes', '12:30', 'multi\nline', '  padded  ', '']) {
      const after = edit(ODD, { kind: 'append', path: ['timeline'], value: { at: '15:00', text } });
      assert.equal(parse(after).timeline[2].text, text, JSON.stringify(text));
    }
  });
});

describe('edit path: values that are only invisible characters', () => {
  it('double-quotes and escapes Unicode whitespace so it reads back as written (found by the property tests)', () => {
    for (const value of ['\u00a0', '\u2028', '\u3000', '\ufeff', 'a\u00a0']) {
      const out = edit('id: INC-1\nrootCause:\n  confirmed: yes # keep\n', { kind: 'set', path: ['rootCause', 'confirmed'], value });
      assert.equal((parse(out) as { rootCause: { confirmed: string } }).rootCause.confirmed, value);
      assert.match(out, /# keep/);
    }
  });
});
