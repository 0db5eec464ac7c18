/**
 * Issue 31, round 14: the rules chosen on held-out-16, one small document each
 * (written for this test), through the Markdown reader, each with a case where
 * the rule must not fire, and each switchable rule checked to fail with it
 * switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { RECUR_RULE } from '../../../../src/core/import/markdown/spanRecur';
import { PRODUCTION_RULE } from '../../../../src/core/import/markdown/spanJudge';
import { DURATION_ROUND14_RULE } from '../../../../src/core/import/markdown/spanWords';

const days = (...items: string[]) => doc('# Postmortem for the release', '', '## Timeline', '', ...items.map((i) => `- ${i}`), '');

describe('Markdown importer: rules of round 14 (issue 31)', () => {
  it("a recap of a prior incident is context; 'with the same issue' began at the earlier failure, in any environment", () => {
    const md = days(
      '**2023-01-08**: To recap from the prior postmortem: the staging instance becomes unreachable.',
      '**2023-01-30**: The staging instance goes down again with the same error.',
      "**2023-02-01**: The production instance goes down with the same issue. We look at what's weird with the staging EC2.",
      '**2023-02-04**: The root cause is fixed in code.',
      '**2023-02-06**: The production instance went down again, but was quickly brought back up.',
    );
    const r = read(md);
    assert.equal(r.fact('start'), '2023-01-30');
    assert.equal(r.fact('end'), '2023-02-06');
    // Switched off: the staging entries are a test environment's and the start is the last outage.
    assert.equal(
      without(RECUR_RULE, 'on', () => without(PRODUCTION_RULE, 'on', () => read(md).fact('start'))),
      '2023-02-06',
    );
    // Must not fire: without "the same", a staging failure before production's is a test environment's, not the start.
    const other = days(
      '**2023-01-30**: The staging instance goes down.',
      '**2023-02-01**: The production instance goes down.',
      '**2023-02-02**: Production is back online.',
    );
    assert.equal(read(other).fact('start'), '2023-02-01');
    // Must not fire: a recap is only an entry that says it retells an earlier incident.
    const first = days('**2023-01-08**: The API goes down.', '**2023-01-09**: The API is back online.');
    assert.equal(read(first).fact('start'), '2023-01-08');
  });

  it('an entry opening with a degradation is about the outage; a status page saying there was one is not', () => {
    const md = days('**2023-03-20**: test suite degradation. Mainly Codedeploy.', '**2023-03-21**: test suite failing almost on every run.');
    assert.equal(read(md).fact('start'), '2023-03-20');
    // Must not fire: a degradation named later in the entry ("the status page notes a degradation") is no failure.
    const notice = days(
      '**2023-03-19**: Maintenance window opens.',
      '**2023-03-20**: The status page notes a degradation in service.',
      '**2023-03-21**: API returns errors.',
    );
    assert.equal(read(notice).fact('start'), '2023-03-21');
  });

  it("a figure 'until' someone noticed or tried it is how long it went unnoticed, not the duration", () => {
    const pm = (s: string) => doc('# Faulty webhook', '', '## Summary', '', s, '');
    const unnoticed = 'The problem was around for roughly 16 hours when the webhook was added until there was an attempt to access the dashboard.';
    assert.equal(read(pm(unnoticed)).fact('duration'), undefined);
    assert.equal(
      without(DURATION_ROUND14_RULE, 'on', () => read(pm(unnoticed)).fact('duration')),
      'roughly 16 hours',
    );
    // Must not fire: "until" the team's fix is how long it lasted.
    assert.equal(read(pm('The site was down for 2 hours until we restarted the server.')).fact('duration'), '2 hours');
  });

  it("'returned to normal after a few minutes' is a duration as written; 'after a few minutes of monitoring' is not", () => {
    const pm = (s: string) => doc('# High latencies', '', 'We had some high latencies that caused some requests to drop.', '', s, '');
    assert.equal(read(pm('Everything returned to normal after a few minutes; investigation stopped.')).fact('duration'), 'a few minutes');
    assert.equal(read(pm('The site came back online after 20 minutes.')).fact('duration'), '20 minutes');
    assert.equal(
      without(DURATION_ROUND14_RULE, 'on', () => read(pm('Everything returned to normal after a few minutes.')).fact('duration')),
      undefined,
    );
    assert.equal(read(pm('Everything returned to normal after a few minutes of monitoring.')).fact('duration'), undefined);
    assert.equal(read(pm('We restarted the server after a few minutes.')).fact('duration'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(days(`**2023-01-30**: ${'to '.repeat(33000)}recap`, `**2023-02-01**: ${'with the '.repeat(12000)}same`));
    linear(days(`**2023-01-30**: ${'production '.repeat(9000)}staging`, `**2023-02-01**: ${'a '.repeat(50000)}degradation`));
    linear(doc('# Outage', '', `Down for 2 hours ${'until '.repeat(20000)}x.`, '', `It returned to normal after ${'1 '.repeat(50000)}minutes.`));
  });
});
