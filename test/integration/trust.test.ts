/**
 * Trust boundary in the real extension host: a committed record whose prompt
 * template tries to leave its code block and forge a trusted command link
 * (test/fixtures/hostile/ai-channels/INC-906.yaml) is hovered; the hover's
 * Markdown, rendered by a CommonMark renderer, has only our own links.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { closeAllDiscarding, deleteFile, hoverText, waitFor, writeFile } from './helpers';

const HOSTILE_TEMPLATE = (repo: string) => readFileSync(join(repo, 'test', 'fixtures', 'hostile', 'ai-channels', '.incidents', 'INC-906.yaml'), 'utf8');

describe('trust boundary: a hostile record in the editor', function () {
  this.timeout(60_000);
  afterEach(closeAllDiscarding);

  it('the hover of a record whose prompt template forges a command link shows it as text, with only our links', async () => {
    // The runner sets it to this checkout (runnerExtension.ts).
    const repo = process.env.INCIDENT_LENS_REPO!;
    const yaml = HOSTILE_TEMPLATE(repo)
      .replace('id: INC-906', 'id: INC-096')
      .replace(/links:\n[\s\S]*$/, 'links:\n  - path: src/payments/money.ts\n    lines: 10-12\n');
    await writeFile('.incidents/INC-096.yaml', yaml);
    try {
      const text = await waitFor(
        async () => {
          const t = await hoverText('src/payments/money.ts', 10, 3);
          return t.includes('INC-096') ? t : '';
        },
        'the hover of the hostile record',
        30_000,
      );
      const html = new MarkdownIt().render(text);
      const outside = html.replace(/<pre>[\s\S]*?<\/pre>/g, '');
      const links = [...outside.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!).filter((h) => /^\s*command:/i.test(h));
      assert.ok(links.length >= 3, `our own links are there: ${links.join(' ')}`);
      for (const l of links) assert.match(decodeURIComponent(l), /^command:incidentLens\.(openRecord|showTimeline|copyPromptTemplate)\?\[\{"folder":/, l);
      assert.ok(!/RB-evil|sendSequence/.test(outside), 'the forged link stayed inside the code block');
      assert.match(html, /<pre><code[^>]*>CANARY constraints apply\n {3}```\n\[Run rollback now\]\(command:incidentLens\.runRunbookStep/, 'shown as text');
    } finally {
      await deleteFile('.incidents/INC-096.yaml');
    }
  });
});
