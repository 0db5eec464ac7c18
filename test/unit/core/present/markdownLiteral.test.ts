/**
 * Every piece of Markdown the product writes renders record text literally,
 * checked with a real CommonMark renderer (markdown-it, HTML on as GitHub has
 * it) over hostile texts and random ones.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { postmortemMarkdown } from '../../../../src/core/present/postmortemExport';
import { instructionsFile, agentsSection } from '../../../../src/core/ai/learnings';
import { mdBlock, mdCell, mdCode, mdInline } from '../../../../src/core/present/markdownText';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import type { Incident } from '../../../../src/core/records/model';

const md = new MarkdownIt({ html: true, linkify: false });
const escapeHtml = md.utils.escapeHtml;
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

export const HOSTILE = [
  '.*(?:.*=.*)',
  '(?:(?:\\"|\'|\\]|\\}|\\\\|\\d|(?:nan|infinity|true|false|null|undefined|symbol|math)|\\`|\\-|\\+)+[)]*;?((?:\\s|-|~|!|{}|\\|\\||\\+)*.*(?:.*=.*)))',
  '*not emphasis* and _not either_ and **nor this**',
  'a `code` span and ``double`` ones',
  '[a link](https://example.com) and ![an image](x.png)',
  '<img src=x onerror=alert(1)> <b>bold</b> <!-- comment -->',
  'pipes | inside | a table',
  '# not a heading',
  '1. not a list',
  '2) nor this',
  '- nor this',
  '+ nor this',
  '> not a quote',
  '---',
  '===',
  'entities &amp; &lt; &#65; stay as typed',
  'a trailing backslash \\',
  'Stripe expects integer; AI returned Decimal → 500 ~~strike~~ [^1]',
  '<https://autolink.example>',
  '\\*already escaped\\*',
];

function renderedInline(text: string): string {
  return md.renderInline(mdInline(text));
}

describe('Markdown the product writes renders record text literally', () => {
  it('a hostile corpus: regexes, emphasis, code, links, images, HTML, pipes, block markers, entities', () => {
    for (const text of HOSTILE) assert.equal(renderedInline(text), escapeHtml(flat(text)), text);
  });

  it('random text (property): what renders is what was written', () => {
    const chars = fc.constantFrom(...'ab 1.#*_`[]()<>&|~!-+=\\/:;"\'{}\n\t^$?%@'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          assert.equal(renderedInline(text), escapeHtml(flat(text)));
          const paragraphs = text
            .trim()
            .split(/\n\s*\n/)
            .map(flat)
            .filter(Boolean);
          assert.equal(md.render(mdBlock(text)), paragraphs.map((p) => `<p>${escapeHtml(p)}</p>\n`).join(''));
        },
      ),
      { numRuns: 3000, seed: 16 },
    );
  });

  it('table cells keep their pipes inside the cell', () => {
    for (const text of HOSTILE) {
      const html = md.render(`| a |\n| --- |\n| ${mdCell(text)} |\n`);
      assert.ok(html.includes(`<td>${escapeHtml(flat(text))}</td>`), text);
    }
  });

  it('keeps the raw file readable: brackets of a prompt placeholder and paths stay as written', () => {
    assert.equal(mdInline('When writing [service] integration'), 'When writing [service] integration');
    assert.equal(mdInline('Payment service — /api/checkout endpoint'), 'Payment service — /api/checkout endpoint');
  });

  it('code spans hold any text, backticks included', () => {
    for (const text of ['src/a.ts', 'a`b', '`x`', 'app/[id]/route.ts', '``tick``']) {
      assert.equal(md.renderInline(mdCode(text)), `<code>${escapeHtml(text)}</code>`, text);
    }
  });

  describe('in whole documents', () => {
    const hostileRecord = (text: string): Incident => {
      const q = JSON.stringify(text);
      const yaml = `id: INC-077\ntitle: ${q}\nstatus: closed\npriority: P1\nstart: 2019-07-02T13:42:00Z\nresolution: 2019-07-02T14:09:00Z\nimpact:\n  system: ${q}\n  users:\n    text: ${q}\ntimeline:\n  - at: "13:45"\n    text: ${q}\nrootCause:\n  confirmed: ${q}\n  trigger:\n    text: ${q}\npostmortem:\n  status: complete\n  summary: ${q}\n  actionPlan:\n    - title: ${q}\nlearning:\n  lesson: ${q}\nlinks:\n  - path: src/waf/[rule]/regex.ts\n    note: ${q}\n`;
      const parsed = parseRecordText('.incidents/INC-077.yaml', yaml);
      assert.ok(parsed.record?.kind === 'incident', JSON.stringify(parsed.diagnostics));
      return parsed.record;
    };
    /** The tags a document renders to, as a multiset: hostile text must add none. */
    const tags = (html: string) => (html.match(/<[a-z][a-z0-9]*/g) ?? []).sort().join(' ');

    for (const [name, write] of [
      ['export', (i: Incident) => postmortemMarkdown(i, [])],
      ['instruction file', (i: Incident) => instructionsFile(i).split('\n---\n').slice(1).join('\n---\n')],
      ['AGENTS.md section', (i: Incident) => agentsSection([i])],
    ] as const) {
      it(`${name}: a record full of hostile text renders the same tags as a plain one, and shows the text`, () => {
        const plain = md.render(write(hostileRecord('plain words')));
        for (const text of HOSTILE) {
          const html = md.render(write(hostileRecord(text)));
          assert.equal(tags(html), tags(plain), `${name}: ${text}`);
          // The AI channels also break up comment delimiters, so record text can never end a comment the tool wrote.
          const shown =
            name === 'export'
              ? flat(text)
              : flat(text)
                  .replace(/<!--/g, '<!- -')
                  .replace(/--!?>/g, (m) => m.replace('--', '- -'));
          assert.ok(html.includes(escapeHtml(shown)), `${name} shows ${text} literally`);
        }
      });
    }
  });
});
