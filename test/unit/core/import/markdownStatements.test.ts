/**
 * Issue 31, round 2: the statements and timeline shapes the fresh real
 * postmortems (held-out-3) showed, one small document each (written for this
 * test), through the Markdown reader: where each rule applies, and where it
 * must not (no fact where the document does not say it).
 */
import { strict as assert } from 'node:assert';
import { read } from '../../../support/markdownDraft';

describe('Markdown importer: statements and shapes of published postmortems (issue 31, round 2)', () => {
  it('"## Date:" and "## Time:" headings give the start, before a cause told in the details', () => {
    const { rec, fact } = read(
      '## Incident Report for the missed payout\n\n## Date: December 08, 2022\n\n## Time: 5:13:57 UTC\n\n## Details:\n\nThe relayer stopped working around December 07, 12:46:50 UTC.\n',
    );
    assert.equal(rec.start, '2022-12-08T05:13:00Z');
    assert.equal(fact('start'), '2022-12-08T05:13 +00:00');
    assert.equal(fact('end'), undefined);
  });

  it('an incident day said only in prose or as a date line gives the day, no time', () => {
    assert.equal(
      read('# Sites down\n\n# Overview\n\nIn the morning of Sept. 18th, 2017, two of our sites went down for a few\nhours.\n').fact('start'),
      '2017-09-18',
    );
    assert.equal(
      read('# Sites down\n\n# Overview\n\nIn the morning of Sept. 18th, 2017, two of our sites went down for a few\nhours.\n').fact('duration'),
      'a few hours',
    );
    assert.equal(read('# Logins failing\n\n# Overview\n\nMonday, Nov. 13, 2017\n\nUsers could not log in.\n').fact('start'), '2017-11-13');
    // A date that is not about the incident going down is no start.
    assert.equal(read('# Logins failing\n\n# Overview\n\nWe moved to the new server in May 2017. Users could not log in.\n').fact('start'), undefined);
  });

  it('durations as written: an Impact table column, "resolved(~20 hrs)"', () => {
    const table = '# X\n\n## Impact\n\n| Customers Impacted | Incident Duration |\n|:---:|:---:|\n| All | 3h 45m |\n';
    assert.equal(read(table).fact('duration'), '3h 45m');
    assert.equal(read('# X\n\n## Details:\n\nFees accrued until this issue got resolved(~20 hrs).\n').fact('duration'), '~20 hrs');
    // A column that is not the duration gives none.
    assert.equal(read('# X\n\n## Impact\n\n| Customers | Cases |\n|---|---|\n| All | 3 |\n').fact('duration'), undefined);
  });

  it('timeline shapes: "date - time", "date ~time", paragraph entries that wrap, a code block indented under an entry', () => {
    const { timeline } = read(
      [
        '# X',
        '',
        '## Timeline',
        '',
        '- 24-10-2024 - 08:15 - Product told the team.',
        '    - Logs showed:',
        '        ```text',
        '        2024-10-24T07:34:22Z Error occurred',
        '        ```',
        '    - The team suspected the OS.',
        '- 24-10-2024 ~09:15 - Service restored.',
        '',
        '2024-10-25, 03:26pm: first noticed that the site was',
        'giving an error.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      timeline.map((t) => [t.at, t.text]),
      [
        ['08:15', 'Product told the team. Logs showed: The team suspected the OS.'],
        ['~09:15', 'Service restored.'],
        ['15:26', 'first noticed that the site was giving an error.'],
      ],
    );
  });

  it('numeric dates are read day first when the dates in words put the day first; day-only lead-up is not the start', () => {
    const { rec, timeline } = read(
      [
        '# 12-01-2026 - Instances unavailable',
        '',
        'The certificate expired on 8 January 2026.',
        '',
        '## Timeline',
        '',
        '- **08-01-2026** – Webhook certificate expired',
        '- **11-01-2026 10:00 UTC** – Webhook failures began impacting service availability',
        '- **12-01-2026 10:40 UTC** – Resolution deployed, services restored',
        '',
      ].join('\n'),
    );
    assert.equal(timeline[0]!.at, '2026-01-08');
    assert.equal(rec.start, '2026-01-11T10:00:00Z');
    assert.equal(rec.resolution, '2026-01-12T10:40:00Z');
    // Month first where the words say so: 08-01 stays unread as a day.
    const us = read('# X\n\nOn January 8, 2026 it broke.\n\n## Timeline\n\n- **08-01-2026 10:00 UTC** – failures began\n');
    assert.notEqual(us.timeline[0]?.at, '2026-01-08T10:00:00Z');
  });

  it('a drop in availability is the outage; a rollout beginning is lead-up; a report is not a start when the opening names an earlier day', () => {
    const rollout = read(
      '# X\n\nAll times UTC.\n\n## Timeline\n\n2025-05-27 13:44 – Rollout began.\n\n2025-05-27 14:04 – Uptime metric shows a drop in availability.\n',
    );
    assert.equal(rollout.rec.start, '2025-05-27T14:04:00Z');
    const reported = read(
      '# Stuck transfers\n\nDate: 2025-02-12\n\n### Summary:\nOn February 9th, 2025 two users submitted transfers that never arrived.\n\n### Timeline:\n\n(all times UTC)\n\n2025-02-10 00:21 User I reports a stuck transfer\n2025-02-12 15:44 Second transfer is mined and succeeds\n',
    );
    assert.equal(reported.fact('start'), '2025-02-09');
    assert.equal(reported.rec.resolution, '2025-02-12T15:44:00Z');
  });

  it('a range in a sentence: upper-case PM, and the end on the day the sentence gives it', () => {
    const dated = read('# Delays\n\n## Summary\n\nFrom November 11, 2025, 4:02 PM UTC to November 14, 3:02 PM UTC ingestion was degraded.\n');
    assert.equal(dated.rec.start, '2025-11-11T16:02:00Z');
    assert.equal(dated.rec.resolution, '2025-11-14T15:02:00Z');
  });

  it('ends in words: "was resolve", "regained minimum availability"; a provider recovering is not our end', () => {
    const t = (lines: string[]) => read(['# X', '', 'All times UTC.', '', '## Timeline', '', ...lines.map((l) => `- ${l}`), ''].join('\n')).rec.resolution;
    assert.equal(t(['2024-11-29 13:00 - Scans fail to start', '2024-11-29 13:49 - The issue was resolve by draining the node']), '2024-11-29T13:49:00Z');
    assert.equal(t(['2026-05-06 00:58 - Outage onset', '2026-05-06 10:00 - Deployment regained minimum availability']), '2026-05-06T10:00:00Z');
    assert.equal(
      t([
        '2025-10-20 09:15 - Failures in provisioning',
        '2025-10-20 10:40 - Provider systems recovered',
        '2025-10-20 10:45 - All services confirmed operational',
      ]),
      '2025-10-20T10:45:00Z',
    );
    // "succeeds" ends a timeline only as its last entry; nothing else there is an end.
    assert.equal(t(['2025-02-10 09:00 - Transfers fail', '2025-02-10 10:00 - Retry succeeds', '2025-02-10 11:00 - Team investigates further']), undefined);
  });
});
