import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, closeAllDiscarding, deleteFile, fileUri, readFile, waitFor, writeFile } from './helpers';

interface Rec {
  status: string;
  resolution?: string;
  duration?: string;
  timeline: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
  communications?: Record<string, Array<Record<string, unknown>>>;
  rootCause?: Record<string, unknown>;
  postmortem?: Record<string, unknown>;
  learning?: Record<string, unknown>;
}

const FILE = '.incidents/INC-031.yaml';
const run = async (command: string, args: unknown): Promise<unknown> => vscode.commands.executeCommand(command, args);

async function onDisk(): Promise<Rec> {
  return parse(await readFile(FILE)) as Rec;
}

describe('editing commands (run with arguments, checked on disk)', () => {
  let original: string;
  before(async () => {
    await api();
    original = await readFile(FILE);
  });
  afterEach(async () => {
    // A dirty buffer is the truth for the index: discard any the test left behind.
    await closeAllDiscarding();
    await writeFile(FILE, original);
    const { internals } = await api();
    await waitFor(() => internals.workspace.findIncident('INC-031')?.incident.timeline.length === 3, 'INC-031 restored');
  });

  it('Log Timeline Entry appends one entry, keeps every comment, and can be undone', async () => {
    await run('incidentLens.logTimelineEntry', {
      incident: 'INC-031',
      kind: 'decision',
      text: 'Roll back the auth refactor.',
      at: '2026-11-26T09:55:00+01:00',
      author: 'Selin',
    });
    const text = await readFile(FILE);
    assert.equal(
      text,
      original.replace(
        '    text: refreshSession compares expiry in seconds with Date.now() in milliseconds.\n',
        '$&  - at: "09:55"\n    author: Selin\n    kind: decision\n    text: Roll back the auth refactor.\n',
      ),
    );
    assert.match(text, /^# Still running: this is the record the team logs into during the incident\.$/m);
    const doc = await vscode.workspace.openTextDocument(fileUri(FILE));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'undo restores the exact text');
    await doc.save();
    assert.equal(await readFile(FILE), original);
  });

  it('the tree shows the new entry after the edit', async () => {
    const { internals } = await api();
    await run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'Status page updated.', kind: 'communication' });
    await waitFor(() => internals.workspace.findIncident('INC-031')!.incident.timeline.length === 4, 'the index to see 4 entries');
    const last = internals.workspace.findIncident('INC-031')!.incident.record.timeline!.at(-1)!;
    assert.equal(last.author, 'Integration Test', 'author from the incidentLens.author setting');
    // The tests' clock is 11:30 +01:00 on the start day (TEST_NOW), and runs on from there.
    assert.match(last.at, /^1[12]:\d\d$/, 'on the start day: a bare clock time in the incident offset');
  });

  it('two quick Log Timeline Entry commands both land', async () => {
    await Promise.all([
      run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'first quick entry', at: '2026-11-26T10:00:00+01:00' }),
      run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'second quick entry', at: '2026-11-26T10:01:00+01:00' }),
    ]);
    const texts = (await onDisk()).timeline.map((e) => e.text);
    assert.ok(texts.includes('first quick entry') && texts.includes('second quick entry'), JSON.stringify(texts));
  });

  it('edits the unsaved buffer of an open, dirty record instead of the disk', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(FILE));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# unsaved note\n'));
    assert.ok(doc.isDirty);
    await run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'while dirty', at: '2026-11-26T10:02:00+01:00' });
    assert.ok(doc.isDirty, 'still unsaved');
    assert.ok(doc.getText().startsWith('# unsaved note\n'), 'the unsaved change is kept');
    assert.match(doc.getText(), /text: while dirty/);
    assert.equal(await readFile(FILE), original, 'the disk is untouched');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Set Status resolves (resolution, duration) and closes into postmortem-pending (deadline 48 h later)', async () => {
    await run('incidentLens.setStatus', { incident: 'INC-031', status: 'resolved', at: '2026-11-26T11:42:00+01:00', author: 'Selin' });
    let rec = await onDisk();
    assert.equal(rec.status, 'resolved');
    assert.equal(rec.resolution, '2026-11-26T11:42:00+01:00');
    assert.equal(rec.duration, '2h 30m');
    assert.equal(rec.timeline.at(-1)!.milestone, 'resolved');
    await run('incidentLens.setStatus', { incident: 'INC-031', status: 'postmortem-pending', at: '2026-11-26T12:00:00+01:00' });
    rec = await onDisk();
    assert.equal(rec.status, 'postmortem-pending');
    assert.deepEqual(rec.postmortem, { status: 'pending', deadline: '2026-11-28T11:42:00+01:00' });
    await run('incidentLens.setStatus', { incident: 'INC-031', status: 'active', at: '2026-11-26T13:00:00+01:00' });
    rec = await onDisk();
    assert.equal(rec.status, 'active');
    assert.equal(rec.timeline.at(-1)!.text, 'Reopened (was postmortem-pending).');
  });

  it('Add Action and Complete Action record owner, deadline, who and when', async () => {
    await run('incidentLens.addAction', { incident: 'INC-031', text: 'Page the auth team', owner: 'Burak', deadline: '2026-11-26T10:30:00+01:00' });
    await run('incidentLens.completeAction', { incident: 'INC-031', index: 2, by: 'Burak', at: '2026-11-26T10:20:00+01:00' });
    const rec = await onDisk();
    assert.deepEqual(rec.actions![2], {
      text: 'Page the auth team',
      owner: 'Burak',
      deadline: '2026-11-26T10:30:00+01:00',
      done: true,
      doneAt: '10:20',
      doneBy: 'Burak',
    });
    assert.equal(rec.timeline.at(-1)!.text, 'Action done: Page the auth team');
  });

  it('Record Communication, Set Root Cause and Start Postmortem fill their sections', async () => {
    await run('incidentLens.recordCommunication', {
      incident: 'INC-031',
      channel: 'customerNotification',
      text: 'Please sign in again.',
      by: 'Zeynep',
      at: '2026-11-26T10:10:00+01:00',
    });
    await run('incidentLens.setRootCause', {
      incident: 'INC-031',
      confirmed: 'Expiry in seconds compared with Date.now() in ms.',
      aiConnection: ['ai-generated-code'],
    });
    await run('incidentLens.setStatus', { incident: 'INC-031', status: 'resolved', at: '2026-11-26T11:00:00+01:00' });
    await run('incidentLens.startPostmortem', { incident: 'INC-031', owner: 'Selin' });
    const rec = await onDisk();
    assert.deepEqual(rec.communications, { customerNotification: [{ at: '10:10', by: 'Zeynep', text: 'Please sign in again.' }] });
    assert.equal(rec.rootCause!.confirmed, 'Expiry in seconds compared with Date.now() in ms.');
    assert.equal(rec.rootCause!.initialHypothesis, 'Expiry compared in mixed units (seconds vs milliseconds)');
    assert.equal(rec.rootCause!.aiConnection, 'ai-generated-code');
    assert.equal(rec.postmortem!.status, 'in-progress');
    assert.equal(rec.postmortem!.owner, 'Selin');
    assert.ok('promptTemplate' in rec.learning!);
  });

  it('refuses to write into a record with errors, and says where', async () => {
    const broken = original.replace('priority: P2', 'priority: [P2');
    await writeFile(FILE, broken);
    await assert.rejects(run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'must not land' }), /has errors|not found/);
    assert.equal(await readFile(FILE), broken, 'nothing was written');
  });

  it('a merge-conflicted record is reported in Problems, not rewritten', async () => {
    const conflicted = original.replace('priority: P2\n', '<<<<<<< HEAD\npriority: P2\n=======\npriority: P1\n>>>>>>> hotfix/escalate\n');
    await writeFile(FILE, conflicted);
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(fileUri(FILE)).filter((d) => /merge-conflict markers/.test(d.message));
      return found.length > 0 && found;
    }, 'the conflict in Problems');
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
    await assert.rejects(run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'must not land' }));
    await assert.rejects(run('incidentLens.setStatus', { incident: 'INC-031', status: 'resolved' }));
    assert.equal(await readFile(FILE), conflicted, 'byte for byte untouched');
  });

  it('a change on disk between read and write is kept: the edit is re-applied on the fresh text', async () => {
    const { internals } = await api();
    // Someone else (git pull, another tool) writes the file; the edit is issued before VS Code has reloaded it.
    const external = original.replace('title: ', '# pulled from main while logging\ntitle: ');
    const doc = await vscode.workspace.openTextDocument(fileUri(FILE));
    assert.equal(doc.getText(), original);
    writeFileSync(fileUri(FILE).fsPath, external);
    await run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'logged during a pull', at: '2026-11-26T10:03:00+01:00' });
    const text = await waitFor(async () => {
      const t = await readFile(FILE);
      return t.includes('logged during a pull') && t;
    }, 'the entry on disk');
    assert.ok(text.includes('# pulled from main while logging\n'), 'the external change is not overwritten');
    assert.equal((parse(text) as Rec).timeline.length, 4);
    assert.equal(doc.isDirty, false);
    await waitFor(() => internals.workspace.findIncident('INC-031')?.incident.timeline.length === 4, 'the index to follow');
  });

  it('New Incident creates the next record, valid, and Export Postmortem renders Markdown', async () => {
    const { internals } = await api();
    const uri = (await run('incidentLens.newIncident', {
      title: 'Checkout latency doubled',
      priority: 'P2',
      detectedHow: 'monitoring',
      detectedSource: 'p95 alert',
      system: 'Checkout API',
      start: '2026-11-27T10:15:00+01:00',
      author: 'Deniz',
    })) as vscode.Uri;
    try {
      assert.ok(uri.path.endsWith('/.incidents/INC-032.yaml'));
      const created = await waitFor(() => internals.workspace.findIncident('INC-032'), 'INC-032 in the index');
      assert.equal(created.incident.record.status, 'active');
      assert.deepEqual(created.folder.index.diagnosticsFor('.incidents/INC-032.yaml'), []);
      const md = (await run('incidentLens.exportPostmortem', { incident: 'INC-023' })) as vscode.TextDocument;
      assert.equal(md.languageId, 'markdown');
      assert.match(md.getText(), /^# Postmortem — INC-023: Payment page 500 error/);
    } finally {
      await closeAllDiscarding();
      await deleteFile('.incidents/INC-032.yaml');
      await waitFor(() => !internals.workspace.findIncident('INC-032'), 'INC-032 to leave the index');
    }
  });
});

describe('action records from the postmortem', () => {
  it('Create Action Records from Postmortem writes one file per planned action and names them in the plan', async () => {
    const { internals } = await api();
    const file = '.incidents/INC-027.yaml';
    const original = await readFile(file);
    await writeFile(
      file,
      original.replace(
        '  owner: Zeynep\n',
        '  owner: Zeynep\n  actionPlan:\n    - title: Cap retries at 5 with backoff\n      owner: Mehmet\n      term: short\n    - title: Dead-letter queue for permanent failures\n      term: medium\n',
      ),
    );
    await waitFor(() => (internals.workspace.findIncident('INC-027')?.incident.record.postmortem?.actionPlan ?? []).length === 2, 'the plan in the index');
    try {
      const created = (await vscode.commands.executeCommand('incidentLens.createActionRecords', { incident: 'INC-027' })) as vscode.Uri[];
      assert.deepEqual(
        created.map((u) => u.path.split('/').slice(-2).join('/')),
        ['actions/ACTION-INC027-1.yaml', 'actions/ACTION-INC027-2.yaml'],
      );
      assert.match(
        await readFile('.incidents/actions/ACTION-INC027-1.yaml'),
        /^id: ACTION-INC027-1\nincident: INC-027\ntitle: Cap retries at 5 with backoff\nowner: Mehmet\nterm: short\nstatus: open\n$/m,
      );
      assert.match(await readFile(file), /  actionPlan:\n    - ACTION-INC027-1\n    - ACTION-INC027-2\n/);
      const records = await waitFor(
        () =>
          internals.workspace.folderIndexes()[0]!.index.actionRecordsOf('INC-027').length === 2 &&
          internals.workspace.folderIndexes()[0]!.index.actionRecordsOf('INC-027'),
        'the new records in the index',
      );
      assert.deepEqual(
        records.map((r) => r.record.status),
        ['open', 'open'],
      );
      assert.deepEqual(internals.workspace.folderIndexes()[0]!.index.diagnosticsFor(file), []);
    } finally {
      await closeAllDiscarding();
      await writeFile(file, original);
      for (const n of [1, 2]) await deleteFile(`.incidents/actions/ACTION-INC027-${n}.yaml`).catch(() => undefined);
      await waitFor(() => internals.workspace.folderIndexes()[0]!.index.actionRecordsOf('INC-027').length === 0, 'cleanup');
    }
  });
});
