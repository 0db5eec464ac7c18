/**
 * Issue 31: an action item's owner, due date and priority written in its own
 * line, in the shapes real postmortems use: HealthArchive's
 * "(owner=ops, priority=high, due=2026-02-08)", PostHog's "… Owner: @handle"
 * (both in test/fixtures/import/markdown-real), and "(owner: api team)".
 */
import { strict as assert } from 'node:assert';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';
import { actionMeta } from '../../../../src/core/import/markdown/actionMeta';

function actionsOf(items: string) {
  const d = parseMarkdownPostmortem(`# Queue outage\n\n## Action items\n\n${items}\n`, { file: 'pm.md' }).drafts[0]!;
  return { actions: d.actions, planned: ((d.record.postmortem as { actionPlan?: unknown[] } | undefined)?.actionPlan ?? []) as Array<Record<string, string>> };
}

describe('Markdown importer: owner, due date and priority inside an action item', () => {
  it('"(owner=ops, priority=high, due=2026-02-08)" gives the owner, the deadline and the priority; the title loses the pairs', () => {
    const { actions } = actionsOf('- [ ] Add a runbook section for reboots (owner=ops, priority=high, due=2026-02-08)');
    assert.equal(actions.length, 1);
    const a = actions[0]!;
    assert.equal(a.title, 'Add a runbook section for reboots');
    assert.equal(a.owner, 'ops');
    assert.equal(a.deadline, '2026-02-08');
    assert.equal(a.acceptanceCriteria, 'Priority: high');
    assert.equal(a.status, 'open');
    // The key is the item's words as written before, so a re-import finds the record it made then.
    assert.equal(a.source.id, 'pm.md#add-a-runbook-section-for-reboots-owner-ops-priority-high-du');
  });

  it('a month as due date is kept as written; empty pairs give nothing; colons work as well as equals', () => {
    const { actions, planned } = actionsOf(
      '- [x] Investigate the crash (owner=, priority=, due=)\n- Add a CI guard for missing columns (owner: api team; due: 2026-03)',
    );
    assert.equal(actions[0]!.title, 'Investigate the crash');
    assert.equal(actions[0]!.owner, undefined);
    assert.equal(actions[0]!.deadline, undefined);
    assert.equal(actions[0]!.acceptanceCriteria, undefined);
    assert.deepEqual(planned, [{ title: 'Add a CI guard for missing columns', owner: 'api team', deadline: '2026-03' }]);
  });

  it('a closing "Owner: @handle" sentence gives the owner; the sentence before it stays whole', () => {
    const { planned } = actionsOf(
      '- **Version compatibility testing**: Add tests that run the latest extension against the last N minor. Owner: @lucasheriques',
    );
    assert.equal(planned[0]!.owner, '@lucasheriques');
    assert.equal(planned[0]!.title, 'Version compatibility testing: Add tests that run the latest extension against the last N minor.');
  });

  it('must not fire: a parenthesis of prose, or one mixing a pair with prose, stays in the title', () => {
    for (const t of ['Rotate the keys (see #123)', 'Rotate the keys (owner: ops, once the audit is done)', 'Ask the owner: who runs it?', '(owner=ops)']) {
      assert.deepEqual(actionMeta(t), { title: t }, t);
    }
  });

  it('a 100 kB line of spaces, brackets and dashes finishes in linear time', () => {
    for (const line of [' '.repeat(100_000) + 'x', '('.repeat(100_000), `a ${'— '.repeat(50_000)}owner`, `x. ${' '.repeat(100_000)}y`]) {
      const t0 = process.hrtime.bigint();
      actionMeta(line);
      assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 200, `slow on ${line.slice(0, 12)}…`);
    }
  });
});
