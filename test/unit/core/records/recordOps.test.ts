import { strict as assert } from 'node:assert';
import { applyEdits, type EditOp } from '../../../../src/core/records/yamlEdit';
import type { Incident } from '../../../../src/core/records/model';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import {
  actionRecordsFromPlan,
  addActionOps,
  communicationOps,
  completeActionOps,
  logEntryOps,
  newIncidentText,
  nextIncidentId,
  rootCauseOps,
  setStatusOps,
  startPostmortemOps,
} from '../../../../src/core/records/recordOps';
import { parseTime, type Instant } from '../../../../src/core/time/recordTime';
import { TempWorkspace } from '../../../support/workspace';

function at(iso: string): Instant {
  return (parseTime(iso) as { instant: Instant }).instant;
}

describe('record operations (the seed process as edits)', () => {
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace(true)));
  after(() => ws.dispose());

  async function load(id: string): Promise<{ incident: Incident; text: string; file: string }> {
    const index = await ws.index();
    const incident = index.incident(id)!;
    return { incident, text: ws.read(incident.file), file: incident.file };
  }

  function apply(text: string, file: string, ops: EditOp[]): Incident {
    const r = applyEdits(text, ops);
    assert.ok(r.ok, (r as { error?: string }).error);
    const parsed = parseRecordText(file, r.text);
    assert.deepEqual(parsed.diagnostics, [], 'the result is a valid record');
    return parsed.record as Incident;
  }

  it('logs a timeline entry in the style the timeline already uses', async () => {
    const { incident, text, file } = await load('INC-023');
    const ops = logEntryOps(incident, { at: at('2025-03-18T17:05:00+03:00'), author: 'Deniz', kind: 'finding', text: 'Error rate flat for 10 minutes.' });
    const after = apply(text, file, ops);
    assert.deepEqual(after.record.timeline!.at(-1), { at: '17:05', author: 'Deniz', kind: 'finding', text: 'Error rate flat for 10 minutes.' });
    // A day later a bare clock time would read back wrong: ISO with offset instead.
    const later = logEntryOps(incident, { at: at('2025-03-19T09:00:00+03:00'), text: 'Next morning check.' });
    assert.equal((later[0] as { value: { at: string } }).value.at, '2025-03-19T09:00:00+03:00');
  });

  it('resolves: resolution, duration and the resolved milestone', async () => {
    const { incident, text, file } = await load('INC-031');
    const change = setStatusOps(incident, 'resolved', at('2026-11-26T11:42:00+01:00'), 'Selin');
    assert.ok('ops' in change);
    const after = apply(text, file, change.ops);
    assert.equal(after.record.status, 'resolved');
    assert.equal(after.record.resolution, '2026-11-26T11:42:00+01:00');
    assert.equal(after.record.duration, '2h 30m');
    assert.deepEqual(after.record.timeline!.at(-1), { at: '11:42', author: 'Selin', kind: 'event', milestone: 'resolved', text: 'Resolved.' });
  });

  it('closes into postmortem-pending with the postmortem due 48 h after resolution', async () => {
    const { incident, text, file } = await load('INC-031');
    const change = setStatusOps(incident, 'postmortem-pending', at('2026-11-26T11:42:00+01:00'), 'Selin');
    assert.ok('ops' in change);
    const after = apply(text, file, change.ops);
    assert.equal(after.record.status, 'postmortem-pending');
    assert.deepEqual(after.record.postmortem, { status: 'pending', deadline: '2026-11-28T11:42:00+01:00' });
    const closed = setStatusOps(after, 'closed', at('2026-11-27T10:00:00+01:00'));
    assert.match((closed as { error: string }).error, /postmortem is not complete/);
  });

  it('reopens, logged in the timeline', async () => {
    const { incident, text, file } = await load('INC-019');
    const change = setStatusOps(incident, 'active', at('2025-01-15T09:00:00+01:00'), 'Ali');
    assert.ok('ops' in change);
    const after = apply(text, file, change.ops);
    assert.equal(after.record.status, 'active');
    assert.equal(after.record.timeline!.at(-1)!.text, 'Reopened (was resolved).');
  });

  it('adds and completes actions; completion records who and when and logs it', async () => {
    const { text, file } = await load('INC-031');
    const addOps = addActionOps({ text: 'Roll back the auth refactor', owner: 'Burak', deadline: '2026-11-26T10:30:00+01:00' });
    const added = apply(text, file, addOps);
    assert.deepEqual(added.record.actions!.at(-1), { text: 'Roll back the auth refactor', owner: 'Burak', deadline: '2026-11-26T10:30:00+01:00' });
    const completeOps = completeActionOps(added, 2, 'Burak', at('2026-11-26T10:05:00+01:00'));
    assert.ok(Array.isArray(completeOps));
    const done = apply(text, file, [...addOps, ...completeOps]);
    assert.deepEqual(done.record.actions![2], {
      text: 'Roll back the auth refactor',
      owner: 'Burak',
      deadline: '2026-11-26T10:30:00+01:00',
      done: true,
      doneAt: '10:05',
      doneBy: 'Burak',
    });
    assert.equal(done.record.timeline!.at(-1)!.text, 'Action done: Roll back the auth refactor');
    assert.match((completeActionOps(done, 2, 'X', at('2026-11-26T10:06:00+01:00')) as { error: string }).error, /already done/);
  });

  it('records communications on their channel and in the timeline', async () => {
    const { incident, text, file } = await load('INC-031');
    const after = apply(text, file, communicationOps(incident, 'statusPage', at('2026-11-26T10:00:00+01:00'), 'Investigating logouts', 'Zeynep'));
    assert.deepEqual(after.record.communications?.statusPage, [{ at: '10:00', by: 'Zeynep', text: 'Investigating logouts' }]);
    assert.equal(after.record.timeline!.at(-1)!.kind, 'communication');
  });

  it('sets the root cause leaf by leaf and fills the postmortem skeleton without overwriting', async () => {
    const { incident, text, file } = await load('INC-031');
    const rc = apply(
      text,
      file,
      rootCauseOps({ confirmed: 'Seconds compared with milliseconds.', aiConnection: ['ai-generated-code'], triggerRef: 'a1b2c3d' }),
    );
    assert.equal(rc.record.rootCause?.initialHypothesis, 'Expiry compared in mixed units (seconds vs milliseconds)', 'kept');
    assert.equal(rc.record.rootCause?.confirmed, 'Seconds compared with milliseconds.');
    assert.deepEqual(rc.record.rootCause?.trigger, { text: 'Morning deploy of the auth refactor', ref: 'a1b2c3d' });
    const pm = apply(text, file, startPostmortemOps(incident, 'Selin'));
    assert.deepEqual(Object.keys(pm.record.postmortem!), ['status', 'owner', 'summary', 'whyNotCaught', 'whyTookLong']);
    assert.match(pm.record.learning!.promptTemplate!, /When writing \[service\] integration/);
    const inc023 = await load('INC-023');
    const none = startPostmortemOps(inc023.incident, 'X');
    assert.deepEqual(none, [], 'a complete postmortem is left alone');
  });

  it('creates a new incident valid by construction with the next free id', () => {
    assert.equal(nextIncidentId(['INC-019', 'INC-023', 'INC-031']), 'INC-032');
    assert.equal(nextIncidentId([]), 'INC-001');
    assert.equal(nextIncidentId(['INC-1234']), 'INC-1235');
    const text = newIncidentText({
      id: 'INC-032',
      title: 'Checkout latency doubled',
      priority: 'P2',
      start: at('2026-11-27T10:15:00+01:00'),
      detectedHow: 'monitoring',
      detectedSource: 'p95 latency alert',
      system: 'Checkout API',
      roles: { incidentLead: 'Deniz', onCall: 'Deniz' },
      author: 'Deniz',
    });
    const parsed = parseRecordText('.incidents/INC-032.yaml', text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.ok(text.startsWith('# INC-032 — Checkout latency doubled\nid: INC-032\n'));
    assert.match(text, /^ {2}- at: "10:15"$/m);
  });
});

describe('action records from the postmortem plan', () => {
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace(true)));
  after(() => ws.dispose());

  it('turns each planned action into its own record and names it in the plan', async () => {
    ws.write(
      '.incidents/INC-023.yaml',
      ws
        .read('.incidents/INC-023.yaml')
        .replace(
          '    - ACTION-INC023-4\n',
          '    - ACTION-INC023-4\n    # planned in the review, not yet records:\n    - title: Alert on checkout 5xx above 2%\n      owner: Mehmet\n      deadline: 2025-03-25\n      term: short\n    - title: Contract tests against the Stripe sandbox\n      term: medium\n',
        ),
    );
    const index = await ws.index();
    assert.deepEqual(
      index.diagnostics().filter((d) => d.code !== 'runbook-stale'),
      [],
      'planned items are valid and not reported as missing records',
    );
    const incident = index.incident('INC-023')!;
    const result = actionRecordsFromPlan(
      incident,
      index.actionRecords().map((a) => a.id),
      '.incidents/actions',
    );
    assert.ok('records' in result);
    assert.deepEqual(
      result.records.map((r) => [r.id, r.file]),
      [
        ['ACTION-INC023-5', '.incidents/actions/ACTION-INC023-5.yaml'],
        ['ACTION-INC023-6', '.incidents/actions/ACTION-INC023-6.yaml'],
      ],
    );
    for (const r of result.records) {
      assert.deepEqual(parseRecordText(r.file, r.text).diagnostics, [], r.id);
      ws.write(r.file, r.text);
    }
    const edited = applyEdits(ws.read('.incidents/INC-023.yaml'), result.ops);
    assert.ok(edited.ok);
    assert.match(
      edited.text,
      /    - ACTION-INC023-4\n    # planned in the review, not yet records:\n    - ACTION-INC023-5\n    - ACTION-INC023-6\n\nlearning:/,
    );
    ws.write('.incidents/INC-023.yaml', edited.text);
    const after = await ws.index();
    assert.deepEqual(
      after.diagnostics().filter((d) => d.code !== 'runbook-stale'),
      [],
    );
    assert.deepEqual(
      after
        .actionRecordsOf('INC-023')
        .map((a) => `${a.id}:${a.record.status}:${a.record.owner ?? '-'}`)
        .slice(4),
      ['ACTION-INC023-5:open:Mehmet', 'ACTION-INC023-6:open:-'],
    );
  });
});
