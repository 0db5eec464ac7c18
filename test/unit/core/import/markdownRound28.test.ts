/**
 * Issue 31, round 28: the rules chosen on held-out-30 (MCPT's WLMOJ incident reports, Chef's 12.2.0 release
 * post-mortem, the RIT Access Services developer blog), wrong facts first: small documents written for this test, each
 * rule with a case where it fires and one where it must not, each rule checked off, and a 100 kB line read in linear time.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import {
  BUILD_FAILS_RULE,
  CHANGE_BEGAN_RULE,
  CLOCK_BACK_RULE,
  FIRST_EVIDENCE_RULE,
  OPENING_TIME_RULE,
  RELEASE_REPORTED_RULE,
  RESTORED_RUN_RULE,
} from '../../../../src/core/import/markdown/spanRound28';

const report = (...entries: string[]) => doc('# Incident 2021-03-02: Queue outage', '', '## Timeline (UTC)', ...entries.map((e) => `- ${e}`), '');
const post = (...body: string[]) => doc('---', 'title: "Website Downtime"', 'date: 2019-03-08 18:00:00', '---', '', '# Postmortem', '', ...body, '');

describe('Markdown importer: rules of round 28 (issue 31)', () => {
  it('a release the next entry reports an issue against is the start; a build failing is not the outage', () => {
    const md = report(
      '2021-03-01 19:00 Worker 4.1.0 released',
      '2021-03-01 20:00 Issue 812 reported on the tracker',
      '2021-03-02 09:27 Build is started for 4.1.1',
      '2021-03-02 11:04 Build fails because of network connectivity issues',
      '2021-03-02 11:10 Build restarted',
      '2021-03-02 13:50 Start rebuilding broken node',
    );
    assert.equal(read(md).fact('start'), '2021-03-01T19:00 +00:00');
    assert.equal(without(RELEASE_REPORTED_RULE, 'on', () => read(md)).fact('start'), '2021-03-02T13:50 +00:00');
    assert.equal(without(BUILD_FAILS_RULE, 'on', () => without(RELEASE_REPORTED_RULE, 'on', () => read(md))).fact('start'), '2021-03-02T11:04 +00:00');
    // Must not fire: the next entry reports nothing against the release; the service itself failing is the outage.
    const plain = report('2021-03-01 19:00 Worker 4.1.0 released', '2021-03-01 20:00 Queue workers fail to start', '2021-03-01 21:00 Queue back online');
    assert.equal(read(plain).fact('start'), '2021-03-01T20:00 +00:00');
  });

  it("an update said to begin is lead-up; 'Disruption first noticed' is the first entry about the outage", () => {
    const md = report(
      '2021-03-02 11:10 Updates began on the queue server.',
      '2021-03-02 11:18 Disruption first noticed.',
      '2021-03-02 11:29 Server force restarted.',
    );
    assert.equal(read(md).fact('start'), '2021-03-02T11:18 +00:00');
    assert.equal(without(CHANGE_BEGAN_RULE, 'on', () => read(md)).fact('start'), '2021-03-02T11:10 +00:00');
    // Must not fire: no update began and nothing is said to be first noticed; an update that failed is about the outage.
    const other = report(
      '2021-03-02 11:10 Investigation began on the queue server.',
      '2021-03-02 11:18 Someone asked about it.',
      '2021-03-02 11:29 Restarted.',
    );
    assert.equal(read(other).fact('start'), '2021-03-02T11:10 +00:00');
    const failed = report('2021-03-02 11:10 Update failed on the queue server.', '2021-03-02 11:18 Disruption first noticed.');
    assert.equal(read(failed).fact('start'), '2021-03-02T11:10 +00:00');
  });

  it("'First evidence of … being accessed' after an earlier entry leaves the start empty", () => {
    const md = report(
      '2021-02-10 22:56 tunnel deployed with vulnerable configuration',
      '2021-03-01 18:28 First evidence (logs) of the tunnel being accessed by unauthorized users',
      '2021-03-02 16:15 tunnel stopped',
    );
    assert.equal(read(md).fact('start'), undefined);
    assert.equal(without(FIRST_EVIDENCE_RULE, 'on', () => read(md)).fact('start'), '2021-03-01T18:28 +00:00');
    // Must not fire: the entry itself tells of the attack, or it is the timeline's first entry.
    const exploited = report(
      '2021-02-10 22:56 droplet created with improper firewall configuration',
      '2021-03-01 18:28 First sign of the vulnerability being exploited',
    );
    assert.equal(read(exploited).fact('start'), '2021-03-01T18:28 +00:00');
    const alone = report('2021-03-01 18:28 First evidence of errors in the queue', '2021-03-01 19:00 Queue back online');
    assert.equal(read(alone).fact('start'), '2021-03-01T18:28 +00:00');
  });

  it("parts restored in turn to the timeline's last entry: the outage ends with the last", () => {
    const md = report(
      '2021-03-01 02:11 Queue outage first identified.',
      '2021-03-01 19:57 Mailer functionality restored.',
      '2021-03-01 20:11 Renderer functionality restored.',
      '2021-03-02 22:21 Live updates restored.',
    );
    assert.equal(read(md).fact('end'), '2021-03-02T22:21 +00:00');
    assert.equal(without(RESTORED_RUN_RULE, 'on', () => read(md)).fact('end'), '2021-03-01T19:57 +00:00');
    // Must not fire: an entry after the first restored one is not a restoration.
    const mixed = report(
      '2021-03-01 02:11 Queue outage first identified.',
      '2021-03-01 19:57 Mailer functionality restored.',
      '2021-03-02 10:00 Postmortem meeting held.',
    );
    assert.equal(read(mixed).fact('end'), '2021-03-01T19:57 +00:00');
  });

  it('an end after the clock went back on the same day with no am or pm is not read', () => {
    const md = report(
      '2021-03-01 19:00 Worker 4.1.0 released',
      '2021-03-01 20:00 Issue 812 reported',
      '2021-03-02 12:39 Nodes wiped',
      '2021-03-02 1:50 Start rebuilding broken node',
      '2021-03-02 5:51 Incident over',
    );
    assert.equal(read(md).fact('end'), undefined);
    assert.equal(without(CLOCK_BACK_RULE, 'on', () => read(md)).fact('end'), '2021-03-02T05:51 +00:00');
    // Must not fire: the times go forward.
    const forward = report(
      '2021-03-01 19:00 Worker 4.1.0 released',
      '2021-03-01 20:00 Issue 812 reported',
      '2021-03-02 12:39 Nodes wiped',
      '2021-03-02 17:51 Incident over',
    );
    assert.equal(read(forward).fact('end'), '2021-03-02T17:51 +00:00');
  });

  it("'On Thursday, March 7th, 2019 at approximately 12:05pm … until Friday, March 8th, at 3:01pm': the opening's times", () => {
    const said = 'On Thursday, March 7th, 2019 at approximately 12:05pm our website went down for maintenance and lasted until Friday, March 8th, at 3:01pm.';
    assert.equal(read(post(said)).fact('start'), '~2019-03-07T12:05 (zone not stated)');
    assert.equal(read(post(said)).fact('end'), '2019-03-08T15:01 (zone not stated)');
    assert.equal(without(OPENING_TIME_RULE, 'on', () => read(post(said))).fact('start'), '2019-03-07');
    // Must not fire: no time after the day (the day alone), or the time is not at the opening.
    assert.equal(read(post('On Thursday, March 7th, 2019, our website went down for maintenance.')).fact('start'), '2019-03-07');
    const late = 'On Thursday, March 7th, 2019, our website went down. We fixed it at 3:01pm.';
    assert.equal(read(post(late)).fact('start'), '2019-03-07');
  });

  it('reads a 100 kB line of each shape in linear time', () => {
    const long = 'x '.repeat(50000);
    linear(
      report(
        `2021-03-01 19:00 ${'Worker released '.repeat(6000)}`,
        `2021-03-01 20:00 ${'issue '.repeat(16000)} reported`,
        `2021-03-02 11:04 ${'build '.repeat(16000)}fails`,
      ),
    );
    linear(
      report(`2021-03-02 11:10 ${'updates '.repeat(12000)}began`, `2021-03-02 11:18 ${'disruption '.repeat(9000)}`, `2021-03-02 11:20 First evidence ${long}`),
    );
    linear(report('2021-03-01 02:11 Queue outage.', `2021-03-01 19:57 ${'restored '.repeat(11000)}`, `2021-03-02 1:00 ${long} restored`));
    linear(
      post(
        `On Thursday, March 7th, 2019 ${'at approximately '.repeat(6000)}12:05pm our site went down.`,
        `On March 7th, 2019 at 1:00pm down ${'until Friday, March 8th, '.repeat(4000)}`,
      ),
    );
  });
});
