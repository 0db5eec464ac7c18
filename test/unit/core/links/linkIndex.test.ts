import { strict as assert } from 'node:assert';
import { checkLinkPath, compileGlob, linkCoversLine } from '../../../../src/core/links/linkIndex';
import type { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import { incidentYaml, TempWorkspace } from '../../../support/workspace';

describe('link matching', () => {
  let ws: TempWorkspace;
  let index: IncidentIndex;
  before(async () => {
    ws = new TempWorkspace(true);
    ws.write(
      '.incidents/INC-040.yaml',
      incidentYaml(
        'INC-040',
        'links:\n  - path: src/payments/\n  - path: ./src/payments/stripeWebhook.ts\n    symbol: handleStripeWebhook\n    lines: 30-38\n  - path: "src/{auth,payments}/*.ts"\n',
      ),
    );
    index = await ws.index();
  });
  after(() => ws.dispose());

  it('finds incidents by exact path, most severe first', () => {
    assert.deepEqual(
      index.incidentsForFile('src/payments/stripeWebhook.ts').map((i) => i.id),
      ['INC-023', 'INC-040', 'INC-019'].filter((id) => id !== 'INC-019'),
    );
  });

  it('finds incidents by directory and by glob', () => {
    assert.deepEqual(
      index.incidentsForFile('src/payments/money.ts').map((i) => i.id),
      ['INC-040', 'INC-019'],
    );
    assert.deepEqual(
      index.incidentsForFile('src/auth/session.ts').map((i) => i.id),
      ['INC-031', 'INC-040'],
    );
    assert.deepEqual(
      index.incidentsForFile('src/notifications/emailWorker.ts').map((i) => i.id),
      ['INC-027'],
    );
    assert.deepEqual(
      index.incidentsForFile('src/notifications/deep/nested/x.ts').map((i) => i.id),
      ['INC-027'],
    );
    assert.deepEqual(
      index.incidentsForFile('src/auth/nested/session.ts').map((i) => i.id),
      [],
      'single * stays in one segment',
    );
    assert.deepEqual(index.incidentsForFile('README.md'), []);
  });

  it('finds links to a symbol, and through action records', () => {
    const refs = index.linksForSymbol('src/payments/stripeWebhook.ts', 'toStripeAmount');
    assert.deepEqual(refs.map((r) => r.record.id).sort(), ['ACTION-INC023-1', 'INC-023']);
    assert.deepEqual(
      index
        .linksForSymbol('src/payments/stripeWebhook.ts', 'handleStripeWebhook')
        .map((r) => r.record.id)
        .sort(),
      ['INC-023', 'INC-040', 'RB-payments-rollback'],
    );
    const ranged = index.linksForFile('src/payments/stripeWebhook.ts').find((r) => r.link.lines);
    assert.ok(ranged && linkCoversLine(ranged.link, 31) && !linkCoversLine(ranged.link, 29));
  });

  it('compiles globs like editors do, and bounds hostile ones', () => {
    const re = (g: string) => compileGlob(g).matcher!;
    assert.ok(re('**/*.ts').test('a/b/c.ts'));
    assert.ok(re('**/*.ts').test('c.ts'));
    assert.ok(!re('*.ts').test('a/c.ts'));
    assert.ok(re('src/**').test('src/a/b'));
    // Brackets are literal (route folders), not character classes.
    assert.ok(re('app/[id]/*.ts').test('app/[id]/route.ts'));
    assert.ok(!re('src/[ab].ts').test('src/a.ts'));
    assert.ok(re('file?.go').test('file1.go'));
    assert.ok(re('a.b+c(d).ts').test('a.b+c(d).ts'), 'regex characters are literal');
    assert.match(compileGlob(`${'*a'.repeat(20)}`).error!, /more than 12 wildcards/);
    assert.match(compileGlob('{a,{b,c}}').error!, /nested/);
    assert.match(compileGlob('x'.repeat(400)).error!, /longer than/);
    const t0 = Date.now();
    re('**/*a*a*a*a*a*a*b').test(`${'a/'.repeat(200)}${'a'.repeat(5000)}`);
    assert.ok(Date.now() - t0 < 1000, 'no catastrophic backtracking');
  });

  it('links route folders with brackets literally (Next.js, SvelteKit, Remix, Nuxt)', async () => {
    const ws = new TempWorkspace();
    try {
      for (const f of [
        'packages/medusa/src/api/hooks/payment/[provider]/route.ts',
        'packages/medusa/src/api/hooks/payment/p/route.ts',
        'app/[[...slug]]/page.tsx',
        'app/(shop) cart/@modal/+page.ts',
        'src/ünïcode dir/a.ts',
      ])
        ws.write(f, 'export {}\n');
      ws.write(
        '.incidents/INC-050.yaml',
        `id: INC-050\ntitle: Webhook route\nstatus: closed\npriority: P2\nstart: 2025-03-18T14:37:00+03:00\nresolution: 2025-03-18T15:37:00+03:00\nlinks:\n  - path: packages/medusa/src/api/hooks/payment/[provider]/route.ts\n  - path: app/[[...slug]]/page.tsx\n  - path: "app/(shop) cart/@modal/+page.ts"\n  - path: src/ünïcode dir/a.ts\n`,
      );
      const idx = await ws.index({ checkLinkTargets: true });
      assert.deepEqual(
        idx.diagnostics().map((d) => d.message),
        [],
        'lint clean: every target exists',
      );
      assert.deepEqual(
        idx.incidentsForFile('packages/medusa/src/api/hooks/payment/[provider]/route.ts').map((i) => i.id),
        ['INC-050'],
      );
      assert.deepEqual(idx.incidentsForFile('packages/medusa/src/api/hooks/payment/p/route.ts'), [], 'not a character class');
      assert.deepEqual(
        idx.incidentsForFile('app/[[...slug]]/page.tsx').map((i) => i.id),
        ['INC-050'],
      );
      assert.deepEqual(
        idx.incidentsForFile('app/(shop) cart/@modal/+page.ts').map((i) => i.id),
        ['INC-050'],
      );
      assert.deepEqual(
        idx.incidentsForFile('src/ünïcode dir/a.ts').map((i) => i.id),
        ['INC-050'],
      );
    } finally {
      ws.dispose();
    }
  });

  it('refuses paths outside the workspace', () => {
    assert.match(checkLinkPath('../x.ts')!, /leaves the workspace/);
    assert.match(checkLinkPath('src/../../x.ts')!, /leaves the workspace/);
    assert.match(checkLinkPath('/etc/passwd')!, /absolute/);
    assert.match(checkLinkPath('C:\\x.ts')!, /absolute/);
    assert.equal(checkLinkPath('src/ok.ts'), undefined);
  });
});
