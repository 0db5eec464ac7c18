import { strict as assert } from 'node:assert';
import type { IndexChange } from '../../../../src/core/index/incidentIndex';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

describe('IncidentIndex incremental updates', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace(true)));
  afterEach(() => ws.dispose());

  it('re-reads one changed file and tells which file changed', async () => {
    const index = await ws.index();
    const changes: IndexChange[] = [];
    index.onDidChange((c) => changes.push(c));
    const before = index.incident('INC-019');
    ws.write('.incidents/INC-023.yaml', ws.read('.incidents/INC-023.yaml').replace('title: Payment page 500 error', 'title: Checkout down'));
    await index.refreshFile('.incidents/INC-023.yaml');
    assert.equal(index.incident('INC-023')!.record.title, 'Checkout down');
    assert.deepEqual(changes, [{ files: ['.incidents/INC-023.yaml'] }]);
    assert.equal(index.incident('INC-019'), before, 'other records are not re-parsed');
  });

  it('adds, deletes and renames records, keeping links in step', async () => {
    const index = await ws.index();
    ws.write('.incidents/INC-090.yaml', incidentYaml('INC-090', 'links:\n  - path: src/auth/session.ts\n'));
    await index.refreshFile('.incidents/INC-090.yaml');
    assert.deepEqual(
      index.incidentsForFile('src/auth/session.ts').map((i) => i.id),
      ['INC-031', 'INC-090'],
    );

    // Rename = delete + create.
    const text = ws.read('.incidents/INC-090.yaml');
    ws.remove('.incidents/INC-090.yaml');
    ws.write('.incidents/archive/INC-090.yaml', text);
    await index.refreshFile('.incidents/INC-090.yaml');
    await index.refreshFile('.incidents/archive/INC-090.yaml');
    assert.equal(index.incident('INC-090')!.file, '.incidents/archive/INC-090.yaml');

    ws.remove('.incidents/archive/INC-090.yaml');
    await index.refreshFile('.incidents/archive/INC-090.yaml');
    assert.equal(index.incident('INC-090'), undefined);
    assert.deepEqual(
      index.incidentsForFile('src/auth/session.ts').map((i) => i.id),
      ['INC-031'],
    );
  });

  it('parses unsaved editor text, and a broken buffer drops only that record', async () => {
    const index = await ws.index();
    await index.setText('.incidents/INC-031.yaml', incidentYaml('INC-031').replace('Something broke', 'Edited in the buffer'));
    assert.equal(index.incident('INC-031')!.record.title, 'Edited in the buffer');
    await index.setText('.incidents/INC-031.yaml', 'id: INC-031\ntitle: [');
    assert.equal(index.incident('INC-031'), undefined);
    assert.equal(index.incidents().length, 3);
    assert.ok(index.diagnosticsFor('.incidents/INC-031.yaml').length > 0);
  });

  it('updates cross-record diagnostics when the other file changes', async () => {
    const index = await ws.index();
    ws.remove('.incidents/actions/ACTION-INC023-2.yaml');
    await index.refreshFile('.incidents/actions/ACTION-INC023-2.yaml');
    assert.deepEqual(
      index.diagnosticsFor('.incidents/INC-023.yaml').map((d) => d.message),
      ['action record "ACTION-INC023-2" does not exist'],
    );
    ws.write('.incidents/actions/ACTION-INC023-2.yaml', 'id: ACTION-INC023-2\nincident: INC-023\ntitle: back\nstatus: open\n');
    await index.refreshFile('.incidents/actions/ACTION-INC023-2.yaml');
    assert.deepEqual(index.diagnosticsFor('.incidents/INC-023.yaml'), []);
  });

  it('ignores files outside its folder and non-YAML files', async () => {
    const index = await ws.index();
    ws.write('.incidents/notes.md', '# not a record');
    ws.write('other/INC-099.yaml', incidentYaml('INC-099'));
    await index.refreshFile('.incidents/notes.md');
    await index.refreshFile('other/INC-099.yaml');
    assert.equal(index.incident('INC-099'), undefined);
    assert.equal(index.allFiles().length, 9);
  });

  it('reads a configured folder', async () => {
    ws.write('ops/incidents/INC-100.yaml', incidentYaml('INC-100'));
    const index = await ws.index({ folder: 'ops/incidents/' });
    assert.deepEqual(
      index.incidents().map((i) => i.id),
      ['INC-100'],
    );
  });
});
