/**
 * `show`'s timeline line gives the calendar span of the entries, not the number of days that have one:
 * OpenStreetMap's 2022-06-11 post-mortem (held-out-18) has 15 entries on 10 days from 2022-05-02 to
 * 2022-06-22, and "over 10 days" read as though the whole story fitted in ten days.
 */
import { strict as assert } from 'node:assert';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import { describeIncident } from '../../../../src/core/present/summaries';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

async function timelineLine(entries: string[]): Promise<string> {
  const ws = new TempWorkspace(false);
  try {
    const timeline = entries.map((at) => `  - at: ${at}\n    text: something happened\n`).join('');
    ws.write('.incidents/INC-070.yaml', incidentYaml('INC-070', `timeline:\n${timeline}`));
    const index = new IncidentIndex(new NodeFileAccess(ws.root), {});
    await index.load();
    const incident = index.incidents()[0]!;
    return describeIncident(incident, [])
      .split('\n')
      .find((l) => l.startsWith('  timeline:'))!;
  } finally {
    ws.dispose();
  }
}

describe('show: the days a timeline spans', () => {
  it('entries spread over seven weeks on a few days: the span, first and last day counted', async () => {
    const line = await timelineLine(['2022-05-02', '2022-05-07', '2022-06-11T20:18:00Z', '2022-06-12T03:45:00Z', '2022-06-22']);
    assert.equal(line, '  timeline:    5 entries over 52 days (2022-05-02 to 2022-06-22)');
  });

  it('entries out of order still give the first and the last day; one day gives no span', async () => {
    assert.equal(await timelineLine(['2018-10-22T10:00:00Z', '2018-10-21T22:52:00Z']), '  timeline:    2 entries over 2 days (2018-10-21 to 2018-10-22)');
    assert.equal(await timelineLine(['2018-10-21T10:00:00Z', '2018-10-21T22:52:00Z']), '  timeline:    2 entries');
  });
});
