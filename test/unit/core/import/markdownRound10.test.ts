/**
 * Issue 31, round 10: the rules chosen on held-out-11, one small document each
 * (written for this test), through the Markdown reader, each with a case
 * where the rule must not fire. No wrong fact first: an incident opened is
 * the outage under way, a partial recovery is no end.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear } from '../../../support/markdownDraft';

const timeline = (...entries: string[]) => ['## Timeline', '', ...entries];

describe('Markdown importer: rules of round 10 (issue 31)', () => {
  it('"Incident opened." first in a status timeline is the start (the outage was under way), not lead-up', () => {
    const md = (first: string) =>
      doc(
        '# Storage cluster problem',
        '',
        ...timeline(
          `* [2013-03-09 21:50 UTC] ${first}`,
          '* [2013-03-09 21:51 UTC] One of two storage nodes is down.',
          '* [2013-03-09 22:02 UTC] All systems are working again.',
        ),
      );
    assert.equal(read(md('Incident opened.')).fact('start'), '2013-03-09T21:50 +00:00');
    // An issue or a pull request opened is still lead-up: the start is the first entry about the outage.
    assert.equal(read(md('Pull request opened to change the storage driver.')).fact('start'), '2013-03-09T21:51 +00:00');
    assert.equal(read(md('Opened the rack for maintenance.')).fact('start'), '2013-03-09T21:51 +00:00');
  });

  it('a double hyphen after the time is a dash ("2013-03-27 00:29 UTC -- Incident opened.")', () => {
    const r = read(doc('# Loadbalancer outage', '', ...timeline('* 2013-03-27 00:29 UTC -- Incident opened.', '* 2013-03-27 00:35 UTC -- Routing is down.')));
    assert.deepEqual(
      r.timeline.map((e) => e.text),
      ['Incident opened.', 'Routing is down.'],
    );
    assert.equal(r.fact('start'), '2013-03-27T00:29 +00:00');
  });

  it('a partial recovery ("Some IP addresses come back online", then "only parts … are online again") is no end', () => {
    const md = (...rest: string[]) => doc('# Loadbalancer outage', '', ...timeline('* 2013-03-27 00:35 UTC -- Routing of all subnets is down.', ...rest));
    const some = '* 2013-03-27 01:59 UTC -- Some IP addresses come back online.';
    const restored = '* 2013-03-27 02:06 UTC -- Hetzner tells us the routing has been restored completely.';
    const parts = '* 2013-03-27 02:18 UTC -- We tell them that only parts of the subnets are online again.';
    const all = '* 2013-03-27 02:54 UTC -- All remaining IP addresses are online.';
    assert.equal(read(md(some, restored, parts, all)).fact('end'), '2013-03-27T02:54 +00:00');
    // Without the last entry, nothing says it was all back: "some" alone, or "restored" that only parts were.
    assert.equal(read(md(some)).fact('end'), undefined);
    assert.equal(read(md(restored, parts)).fact('end'), undefined);
    // An entry that says all of it came back is the end.
    assert.equal(read(md('* 2013-03-27 01:59 UTC -- IP addresses come back online.', all)).fact('end'), '2013-03-27T01:59 +00:00');
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', ...timeline(`* 2013-03-27 00:29 UTC -- ${'-- '.repeat(30000)}x`)));
    linear(doc('# Outage', '', ...timeline('* 2013-03-27 00:29 UTC: down', `* 2013-03-27 00:39 UTC: all remaining ${'ip '.repeat(30000)}are online`)));
    linear(doc('# Outage', '', ...timeline('* 2013-03-27 00:29 UTC: down', `* 2013-03-27 00:39 UTC: only ${'parts '.repeat(30000)}of it`)));
  });
});
