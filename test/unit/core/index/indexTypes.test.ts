import { strict as assert } from 'node:assert';
import { byId, sortedById } from '../../../../src/core/index/indexTypes';
import { buildIncident, type Incident } from '../../../../src/core/records/model';
import type { IncidentRecord } from '../../../../src/core/records/schema';

const incident = (id: string, file: string): Incident =>
  buildIncident(file, { id, title: 't', status: 'closed', priority: 'P3', start: '2026-01-01T00:00:00Z' } as IncidentRecord).incident;

describe('incidents in id order', () => {
  it('sortedById orders as sorting with byId does, ties kept in their order: numbers, zero padding, case, no number, the same id twice', () => {
    const ids = ['INC-1', 'INC-01', 'INC-001', 'INC-10', 'INC-2', 'inc-2', 'INC-002', 'ABC-5', 'INC-x', 'INC-y', 'INC-1a', 'INC-9999', 'INC-10000', 'INC-2'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: 1 + Math.floor(next() * 40) }, (_, i) => incident(ids[Math.floor(next() * ids.length)]!, `.incidents/${i}.yaml`));
      assert.deepEqual(
        sortedById(list).map((x) => x.file),
        [...list].sort(byId).map((x) => x.file),
      );
    }
  });
});
