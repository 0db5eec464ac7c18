import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { quietMentions } from '../../../../src/core/trust/mentions';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'pr-mentions', 'INC-903.yaml');

/** The text GitHub would scan for mentions: rendered HTML outside code, tags removed, entities decoded. */
function pingableText(markdown: string): string {
  const html = new MarkdownIt({ html: true }).render(markdown);
  return html
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}
const PING = /(^|[^\w])@[A-Za-z0-9]/m;

describe('@mentions in the PR comment (test/fixtures/hostile/pr-mentions)', () => {
  it('quietMentions puts each mention outside code in a code span; code, fences and e-mail addresses are left alone', () => {
    assert.equal(quietMentions('cc @alice, @acme/sre and bob@example.com'), 'cc `@alice`, `@acme/sre` and bob@example.com');
    assert.equal(quietMentions('@lead first'), '`@lead` first');
    assert.equal(quietMentions('in `@x code` and ``a ` @y`` then @z'), 'in `@x code` and ``a ` @y`` then `@z`');
    assert.equal(quietMentions('\\`@team'), '\\``@team`');
    assert.equal(quietMentions('```\nask @erin\n```\nthen @erin'), '```\nask @erin\n```\nthen `@erin`');
    assert.equal(pingableText(quietMentions('hey @a\n\n> (@b)\n\n| @c |\n| - |\n| @d |')).match(PING), null);
  });

  it('risk --format markdown (real process): nothing in the comment pings, the mentions still read as written', () => {
    const ws = new TempWorkspace(true);
    try {
      ws.write('.incidents/INC-903.yaml', readFileSync(FIXTURE, 'utf8'));
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'risk', 'src/payments/checkout.ts', '--format', 'markdown'], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T12:00:00Z' },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /INC-903/);
      const pingable = pingableText(r.stdout);
      assert.equal(PING.exec(pingable)?.[0], undefined, `a mention GitHub would notify:\n${r.stdout}`);
      for (const m of ['`@acme/payments-oncall`', '`@alice`', '`@bob-smith`', '`@acme/sre`', '`@everyone`', '(`@carol`)', '`@dave`'])
        assert.ok(r.stdout.includes(m), `${m} in:\n${r.stdout}`);
      assert.ok(r.stdout.includes('support@example.com'), 'an e-mail address is left as it is');
      assert.doesNotMatch(r.stdout, /[\u200B-\u200D\u2060\uFEFF]/, 'no invisible character added');
    } finally {
      ws.dispose();
    }
  });
});
