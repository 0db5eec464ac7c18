import { strict as assert } from 'node:assert';
import { isVisible, lensTitle, linkedIncidents, type LinkFilter } from '../../../../src/core/links/linkedIncidents';
import type { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import { formatRelative } from '../../../../src/core/time/recordTime';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

const NOW = Date.parse('2025-11-18T12:00:00Z');
const ALL: LinkFilter = { minimumPriority: 'P4', hideClosedOlderThanDays: 0, now: NOW };

describe('linked incidents on code', () => {
  let ws: TempWorkspace;
  let index: IncidentIndex;
  before(async () => {
    ws = new TempWorkspace(true);
    ws.write(
      '.incidents/INC-040.yaml',
      incidentYaml(
        'INC-040',
        'links:\n  - path: src/payments/stripeWebhook.ts\n    symbol: handleStripeWebhook\n  - path: src/payments/stripeWebhook.ts\n    lines: 3-7\n',
      ).replace('priority: P2', 'priority: P3'),
    );
    index = await ws.index();
  });
  after(() => ws.dispose());

  it('groups by anchor: the file, each symbol, each line range, with action-record links under their incident', () => {
    const groups = linkedIncidents(index, 'src/payments/stripeWebhook.ts', ALL);
    const summary = groups.map((g) => [
      g.anchor.kind === 'symbol' ? `symbol:${g.anchor.symbol}` : g.anchor.kind === 'lines' ? `lines:${g.anchor.from}-${g.anchor.to}` : 'file',
      g.incidents.map((i) => i.id),
    ]);
    assert.deepEqual(summary, [
      ['symbol:handleStripeWebhook', ['INC-023', 'INC-040']],
      ['symbol:toStripeAmount', ['INC-023']],
      ['lines:3-7', ['INC-040']],
    ]);
  });

  it('titles one incident in full and several as a list, most severe first', () => {
    const [one] = linkedIncidents(index, 'src/payments/checkout.ts', ALL);
    assert.equal(lensTitle(one!.incidents, NOW, formatRelative), '⚠ INC-023 (P1) Payment page 500 error · 8 months ago');
    const [both] = linkedIncidents(index, 'src/payments/stripeWebhook.ts', ALL);
    assert.equal(lensTitle(both!.incidents, NOW, formatRelative), '⚠ 2 past incidents: P1 INC-023, P3 INC-040');
  });

  it('filters by minimum priority and hides long-closed incidents when asked', () => {
    assert.deepEqual(
      linkedIncidents(index, 'src/payments/stripeWebhook.ts', { ...ALL, minimumPriority: 'P2' }).map((g) => g.incidents.map((i) => i.id)),
      [['INC-023'], ['INC-023']],
    );
    const inc023 = index.incident('INC-023')!;
    assert.equal(isVisible(inc023, { ...ALL, hideClosedOlderThanDays: 30 }), false);
    assert.equal(isVisible(inc023, { ...ALL, hideClosedOlderThanDays: 365 }), true);
    assert.equal(isVisible(index.incident('INC-031')!, { ...ALL, hideClosedOlderThanDays: 1 }), true, 'only closed incidents are hidden');
  });

  it('finds links naming a file or a directory containing it (for renames)', () => {
    assert.deepEqual(
      index.linksNaming('src/payments/checkout.ts').map((r) => `${r.record.id}#${r.index}`),
      ['INC-023#2', 'RB-payments-rollback#1'],
    );
    assert.deepEqual(
      index
        .linksNaming('src/payments')
        .map((r) => r.record.id)
        .sort(),
      ['ACTION-INC023-1', 'INC-023', 'INC-023', 'INC-023', 'INC-040', 'INC-040', 'INC-019', 'RB-payments-rollback', 'RB-payments-rollback'].sort(),
    );
  });
});
