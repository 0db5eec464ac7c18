import { strict as assert } from 'node:assert';
import { IncidentSearch } from '../../src/core/search';
import { TempWorkspace } from '../support/workspace';

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
    assert.deepEqual(search.search('recipt').map((h) => h.incident.id).sort(), ['INC-019', 'INC-027']);
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
});
