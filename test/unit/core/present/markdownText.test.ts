import { strict as assert } from 'node:assert';
import { escapeMarkdown } from '../../../../src/core/links/hoverMarkdown';

describe('incident text in Markdown', () => {
  it('renders hostile text literally: no links, command URIs, HTML or emphasis', () => {
    const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** `code` javascript:alert(1)';
    const out = escapeMarkdown(hostile);
    assert.ok(!/\]\(/.test(out.replace(/\\\]\\\(/g, '')), 'no unescaped link syntax');
    assert.ok(!out.includes('<img'));
    assert.match(out, /\\\[click\\\]\\\(command:workbench\\\.action\\\.terminal\\\.new\\\)/);
    assert.match(out, /&lt;img src=x onerror=alert\\\(1\\\)/);
    assert.match(out, /\\\*\\\*bold\\\*\\\*/);
  });

  it('keeps spaces as spaces so long text wraps', () => {
    assert.equal(escapeMarkdown('Webhook handler  written\nwith Claude'), 'Webhook handler written with Claude');
  });
});
