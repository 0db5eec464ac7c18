import { strict as assert } from 'node:assert';
import { IncidentSearch } from '../../../../src/core/search/fuzzySearch';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

describe('fuzzy search', () => {
  let ws: TempWorkspace;
  let search: IncidentSearch;
  before(async () => {
    ws = new TempWorkspace(true);
    search = new IncidentSearch((await ws.index()).incidents());
  });
  after(() => ws.dispose());

  it('"stripe" finds INC-023 first and says which field matched', () => {
    const [first] = search.search('stripe');
    assert.equal(first!.incident.id, 'INC-023');
    assert.equal(first!.field, 'keywords');
    assert.equal(first!.snippet, 'stripe');
  });

  it('tolerates typos and case', () => {
    assert.equal(search.search('STRPE')[0]?.incident.id, 'INC-023');
    assert.equal(search.search('webhok')[0]?.incident.id, 'INC-023');
    assert.deepEqual(
      search
        .search('recipt')
        .map((h) => h.incident.id)
        .sort(),
      ['INC-019', 'INC-027'],
    );
  });

  it('finds by id, and by words only present in long text', () => {
    assert.equal(search.search('INC-031')[0]?.incident.id, 'INC-031');
    for (const q of ['INC-023', 'inc-023', 'INC-23', 'inc23']) assert.equal(search.search(q)[0]?.incident.id, 'INC-023', q);
    assert.equal(search.search('INC-019')[0]?.incident.id, 'INC-019');
    const hit = search.search('compares')[0];
    assert.equal(hit?.incident.id, 'INC-031');
    assert.equal(hit?.field, 'timeline');
    assert.match(hit!.snippet, /refreshSession compares expiry/);
  });

  it('matches the root cause and the learning', () => {
    const hit = search.search('Copilot')[0];
    assert.equal(hit?.incident.id, 'INC-027');
    assert.equal(hit?.field, 'root cause');
  });

  it('returns nothing for nonsense and for an empty query', () => {
    assert.deepEqual(search.search('zzqqxx'), []);
    assert.deepEqual(search.search('   '), []);
  });

  it('follows edits, new and deleted records one file at a time, without a rebuild', async () => {
    const w = new TempWorkspace(true);
    try {
      const index = await w.index();
      const live = index.search();
      assert.equal(live.search('stripe')[0]?.incident.id, 'INC-023');
      assert.deepEqual(live.search('quasarwidget'), []);
      // The title changes: the new word is found, the old one no longer points here.
      w.write('.incidents/INC-023.yaml', w.read('.incidents/INC-023.yaml').replace('title: Payment page 500 error', 'title: Quasarwidget outage'));
      await index.refreshFile('.incidents/INC-023.yaml');
      assert.equal(index.search(), live, 'the same search index, updated');
      assert.equal(live.search('quasarwidget')[0]?.incident.id, 'INC-023');
      assert.equal(live.search('quasarwidget')[0]?.field, 'title');
      // A new incident is found; a deleted one is gone.
      w.write('.incidents/INC-040.yaml', 'id: INC-040\ntitle: Nebulaforge queue stalled\nstatus: active\npriority: P2\nstart: 2026-11-27T09:00:00+01:00\n');
      await index.refreshFile('.incidents/INC-040.yaml');
      assert.equal(live.search('nebulaforge')[0]?.incident.id, 'INC-040');
      w.remove('.incidents/INC-040.yaml');
      await index.refreshFile('.incidents/INC-040.yaml');
      assert.deepEqual(live.search('nebulaforge'), []);
      assert.equal(live.size, index.incidents().length);
    } finally {
      w.dispose();
    }
  });

  it('removes an incident whose words can no longer be read, leaving nothing behind', async () => {
    const w = new TempWorkspace(true);
    try {
      const index = await w.index();
      const live = index.search();
      const inc = index.incident('INC-023')!;
      assert.equal(live.search('stripe')[0]?.incident, inc);
      Object.defineProperty(inc, 'searchWords', {
        get: () => {
          throw new Error('cache gone');
        },
      });
      live.remove(inc);
      assert.ok(!live.search('stripe').some((h) => h.incident === inc));
      assert.equal(live.size, index.incidents().length - 1);
    } finally {
      w.dispose();
    }
  });
});

describe('search reads what people look for', () => {
  it('finds words only in impact, detection, postmortem summary or action plan', async () => {
    const ws = new TempWorkspace();
    try {
      ws.write('.incidents/INC-001.yaml', incidentYaml('INC-001', 'impact:\n  users:\n    text: about 8.5 million Windows hosts\n'));
      ws.write('.incidents/INC-002.yaml', incidentYaml('INC-002', 'detected:\n  how: user\n  source: tweet from a customer about the private instance\n'));
      ws.write(
        '.incidents/INC-003.yaml',
        incidentYaml('INC-003', 'postmortem:\n  summary: the replica lag grew unnoticed\n  actionPlan:\n    - title: Add a canary for configuration pushes\n'),
      );
      ws.write('.incidents/INC-004.yaml', incidentYaml('INC-004', 'rootCause:\n  confirmed: an instance ran out of memory\n'));
      const search = new IncidentSearch((await ws.index()).incidents());
      const first = (q: string) => search.search(q)[0];
      assert.deepEqual([first('8.5 million')?.incident.id, first('8.5 million')?.field], ['INC-001', 'impact']);
      assert.deepEqual([first('private instance')?.incident.id, first('private instance')?.field], ['INC-002', 'detected by']);
      assert.deepEqual([first('replica lag')?.incident.id, first('replica lag')?.field], ['INC-003', 'postmortem']);
      assert.equal(first('canary configuration')?.incident.id, 'INC-003');
    } finally {
      ws.dispose();
    }
  });
});

describe('two-word queries weigh rare words more', () => {
  it('the one incident with the rare word ranks above the many with only the common word', async () => {
    const ws = new TempWorkspace();
    try {
      for (let i = 1; i <= 12; i++)
        ws.write(`.incidents/INC-${100 + i}.yaml`, incidentYaml(`INC-${100 + i}`).replace('Something broke', `Checkout timeout number ${i}`));
      ws.write(
        '.incidents/INC-200.yaml',
        incidentYaml('INC-200', 'rootCause:\n  confirmed: The zephyr queue dropped messages under load\n').replace('Something broke', 'Orders lost'),
      );
      const search = new IncidentSearch((await ws.index()).incidents());
      assert.equal(search.search('checkout zephyr')[0]?.incident.id, 'INC-200');
      assert.equal(search.search('zephyr checkout')[0]?.incident.id, 'INC-200');
      // An incident with both words still comes first.
      ws.write('.incidents/INC-201.yaml', incidentYaml('INC-201', 'rootCause:\n  confirmed: zephyr retries\n').replace('Something broke', 'Checkout hung'));
      const again = new IncidentSearch((await ws.index()).incidents());
      assert.equal(again.search('checkout zephyr')[0]?.incident.id, 'INC-201');
    } finally {
      ws.dispose();
    }
  });
});
