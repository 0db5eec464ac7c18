import MarkdownIt from 'markdown-it';
import { strict as assert } from 'node:assert';
import { postmortemMarkdown } from '../../../../src/core/present/postmortemExport';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

describe('postmortem export', () => {
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace(true)));
  after(() => ws.dispose());

  it('follows the seed structure for INC-023', async () => {
    const index = await ws.index();
    const md = postmortemMarkdown(index.incident('INC-023')!, index.actionRecordsOf('INC-023'));
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, [
      '# Postmortem — INC-023: Payment page 500 error',
      '## Summary',
      '## Impact',
      '## Root cause',
      "## Why wasn't it caught?",
      '## Why did it take this long?',
      '## Action plan',
      '### Short term — this sprint',
      '### Medium term — this quarter',
      '## Learning',
      '## Timeline',
      '## Communications',
    ]);
    assert.match(md, /- \*\*Duration:\*\* 2h 15m/);
    assert.match(md, /- \[x\] \*\*ACTION-INC023-1\*\* Input validation template for Stripe integration/);
    assert.match(md, /- \[ \] \*\*ACTION-INC023-4\*\* .*\n {2}- Owner: Ali — Deadline: To be prioritized in Q2 sprint planning — Status: open/);
    assert.match(
      md,
      /```text\nWhen writing \[service\] integration, the following constraints apply: \[type requirements\], \[format rules\], \[error behavior expectations\]\n```/,
    );
    assert.match(md, /- \*\*15:11\*\* — Rollback complete\. Error rate dropped to 0\.2% — returned to normal\. \(Mehmet\) _\[event, milestone: mitigated\]_/);
    assert.equal((md.match(/^- \*\*\d\d:\d\d\*\* — /gm) ?? []).length, 14);
  });

  it('never lets incident text become HTML', async () => {
    ws.write('.incidents/INC-070.yaml', incidentYaml('INC-070').replace('Something broke', '<img src=x onerror=alert(1)>'));
    const index = await ws.index();
    const md = postmortemMarkdown(index.incident('INC-070')!, []);
    // Rendered as GitHub would (HTML allowed): the tag shows as text, no element is made.
    const html = new MarkdownIt({ html: true }).render(md);
    assert.ok(!html.includes('<img'));
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('a section whose facts the record does not have says so, never a bare heading (an imported postmortem without a root cause)', async () => {
    ws.write('.incidents/INC-071.yaml', incidentYaml('INC-071').replace('status: active', 'status: resolved'));
    const index = await ws.index();
    const md = postmortemMarkdown(index.incident('INC-071')!, []);
    assert.match(md, /\n## Impact\n\n_Not written yet\._\n\n## Root cause\n\n_Not written yet\._\n\n## Why wasn't it caught\?/);
    const inc023 = postmortemMarkdown(index.incident('INC-023')!, index.actionRecordsOf('INC-023'));
    assert.match(inc023, /\n## Root cause\n\n- \*\*Initial hypothesis:\*\* /);
    assert.doesNotMatch(inc023, /## Root cause\n\n_Not written yet/);
  });
});
