/**
 * `incident-lens task ID` (issue 30) as a real process: the demo's action
 * ACTION-INC023-1 as a task (the action and INC-023 each in a data block,
 * acceptance criteria, prompt template), an incident id refused with the
 * actions to pick from, and the hostile action record whose title forges a
 * block end and a SYSTEM line: quoted, and unable to ping people on GitHub.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, DEMO } from '../../support/workspace';
import { assertQuoted } from '../core/trust/trustBoundary.test';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const HOSTILE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'agents');
const task = (root: string, ...args: string[]) => spawnSync(process.execPath, [CLI, 'task', ...args, '--root', root], { encoding: 'utf8' });

describe('task: an action record handed to a coding agent', function () {
  this.timeout(30_000);

  it('the demo action: what to do, what happened and when it is done, record text quoted', () => {
    const r = task(DEMO, 'ACTION-INC023-1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Task ACTION-INC023-1: a follow-up action from incident INC-023$/m);
    assert.match(r.stdout, /^\| Acceptance criteria:\n\| {3}Type validation present for all Stripe fields, test coverage exists$/m);
    assert.match(r.stdout, /<<<INCIDENT-NOTES id="INC-023"/);
    assert.match(r.stdout, /^\| {3}When writing \[service\] integration/m);
    assert.match(r.stdout, /^## Done when$/m);
    assertQuoted(r.stdout, 'task', 'Stripe');
  });

  it('an incident id is refused with its actions to pick from (exit 2)', () => {
    const r = task(DEMO, 'INC-023');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /task takes an action record \(ACTION-INC023-1, ACTION-INC023-2/);
  });

  it('hostile action: forged block end and SYSTEM line stay inside the block, in markdown and as a GitHub issue body', () => {
    for (const format of ['markdown', 'github']) {
      const r = task(HOSTILE, 'ACTION-INC951-1', '--format', format);
      assert.equal(r.status, 0, r.stderr);
      assertQuoted(r.stdout, `task --format ${format}`);
    }
  });
});
