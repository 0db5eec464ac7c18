/**
 * Issue 31, round 8: the rules chosen on held-out-9, one small document each
 * (written for this test), through the Markdown reader, each with a case
 * where the rule must not fire. Abstaining first: a fact is taken only from
 * a line clearly about the outage itself.
 */
import { strict as assert } from 'node:assert';
import { read, doc } from '../../../support/markdownDraft';

/** Reads a 100 kB line in well under a second (a pattern that backtracks would take minutes). */
function linear(md: string): void {
  const t = Date.now();
  read(md);
  assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
}

describe('Markdown importer: rules of round 8 (issue 31)', () => {
  it('a duration in a sentence is kept only when its own clause ties it to the outage', () => {
    const md = (sentence: string) => doc('# Database full', '', '## Summary', '', `The database filled up. ${sentence}`);
    assert.equal(read(md('The API was unavailable for 40 minutes.')).fact('duration'), '40 minutes');
    assert.equal(read(md('It took 2 hours from the start of the incident to the fix.')).fact('duration'), '2 hours');
    assert.equal(read(md('This means that for about 47 minutes, some jobs had spurious failures.')).fact('duration'), 'about 47 minutes');
    assert.equal(read(md('This resulted in a period of 30 minutes where jobs could not be scheduled.')).fact('duration'), '30 minutes');
    // A figure about something else: a remedy's lock, a script run without error, an upgrade or a review.
    assert.equal(read(md('Adding one locks the table for 40 minutes, so it takes the DB offline for longer.')).fact('duration'), undefined);
    assert.equal(read(md('We want to run this for a few days without error before deleting data.')).fact('duration'), undefined);
    assert.equal(read(md('The upgrade took 2 hours.')).fact('duration'), undefined);
    assert.equal(read(md('The incident review took 2 hours.')).fact('duration'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', `The site ${'was, '.repeat(20000)} down for 40 minutes.`));
    linear(doc('# Outage', '', `The site ${'so '.repeat(30000)}for 40 minutes${' no'.repeat(30000)}.`));
    linear(doc('# Outage', '', `For 40 minutes, ${'without '.repeat(12000)}x.`));
  });
});
