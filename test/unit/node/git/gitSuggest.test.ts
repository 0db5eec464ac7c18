import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { acceptOps, suggestFromHistory, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { outline, symbolsAt } from '../../../../src/core/links/sourceOutline';
import { applyEdits } from '../../../../src/core/records/yamlEdit';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { writeDemoHistory } from '../../../../src/node/git/demoHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const NOW = Date.parse('2026-11-26T10:30:00Z');

function amountTs(rounding: string): string {
  return `/** Amounts in minor units. */
export const CURRENCY = 'EUR';

export function roundAmount(value: number): number {
  const cents = value * 100;
  ${rounding}
  return result;
}

export function formatAmount(value: number): string {
  return value.toFixed(2);
}
`;
}

const HANDLER = `import { roundAmount } from '../../../billing/amount';

export function handle(body: { total: number }): number {
  const total = body.total;
  return roundAmount(total);
}
`;

function incident(id: string, extra: string): string {
  return `id: ${id}
title: Checkout totals off by a cent
status: resolved
priority: P2
start: 2025-06-10T14:00:00+02:00
resolution: 2025-06-10T16:00:00+02:00
impact:
  system: billing
${extra}`;
}

async function suggestIn(root: string, id: string): Promise<{ s: Suggestions; incident: Incident; index: IncidentIndex }> {
  const index = new IncidentIndex(new NodeFileAccess(root), { now: () => NOW });
  await index.load();
  const incident = index.byId(id) as Incident;
  const git = (await ProcessGitHistory.open(root))!;
  const s = await suggestFromHistory(incident, index.actionRecordsOf(id), git, { now: NOW, recordsFolder: '.incidents' });
  return { s, incident, index };
}

const linkKey = (l: { path: string; symbol?: string; lines?: string }) => `${l.path}${l.symbol ? `#${l.symbol}` : ''}${l.lines ? `:${l.lines}` : ''}`;

/** A history with the usual noise: other systems, docs, tests and a release bump landing between the trigger and the incident. */
function baseHistory(repo: GitRepo): { trigger: string } {
  repo.write('src/billing/amount.ts', amountTs('const result = Math.round(cents);')).write('src/api/handler.ts', HANDLER);
  repo
    .write('src/search/index.ts', 'export function search(q: string): string[] {\n  return [q];\n}\n')
    .write('README.md', '# shop\n')
    .write('package.json', '{ "version": "1.0.0" }\n');
  repo.write('test/billing.test.ts', "it('rounds', () => {});\n");
  repo.commit('Initial import', '2025-05-01T09:00:00+02:00');
  repo.write('src/search/index.ts', 'export function search(q: string): string[] {\n  return [q.trim()];\n}\n');
  repo.commit('search: trim the query', '2025-06-09T17:00:00+02:00');
  repo.write('src/billing/amount.ts', amountTs('const result = Math.floor(cents) / 1;'));
  const trigger = repo.commit('Speed up amount calculation', '2025-06-10T11:40:00+02:00');
  repo.write('test/billing.test.ts', "it('rounds', () => {});\nit('floors', () => {});\n");
  repo.commit('billing: more tests', '2025-06-10T12:50:00+02:00');
  repo.write('src/search/index.ts', 'export function search(q: string): string[] {\n  return [q.trim().toLowerCase()];\n}\n');
  repo.commit('search: case-insensitive queries', '2025-06-10T13:20:00+02:00');
  repo.write('README.md', '# shop\n\nBilling rounds amounts.\n');
  repo.commit('docs: billing rounding', '2025-06-10T13:40:00+02:00');
  repo.write('package.json', '{ "version": "1.0.1" }\n');
  repo.commit('Release 1.0.1', '2025-06-10T13:45:00+02:00');
  return { trigger };
}

describe('suggestions from git history (real repositories)', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => (repo = new GitRepo()));
  afterEach(() => repo.dispose());

  it('window only: the production change in the impacted system ranks above later noise', async () => {
    const { trigger } = baseHistory(repo);
    repo.write('.incidents/INC-042.yaml', incident('INC-042', ''));
    repo.commit('Open INC-042', '2025-06-10T14:10:00+02:00');
    const { s } = await suggestIn(repo.root, 'INC-042');
    assert.equal(s.commits[0]!.sha, trigger, JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
    assert.equal(s.commits[0]!.role, 'trigger');
    assert.match(
      s.commits[0]!.reasons[0]!,
      /^landed 2h 20m before start \(11:40\), in the impacted system; shipped in the last release before start \(release commit [0-9a-f]{7} "Release 1\.0\.1", 13:45\): "Speed up amount calculation"$/,
    );
    // The record's own commit is not evidence; docs are below the trigger; the release bump marks the batch and is no suspect.
    assert.ok(!s.commits.some((c) => c.subject === 'Open INC-042'));
    assert.equal(s.commits.find((c) => c.subject === 'Release 1.0.1')?.role, 'related');
    assert.deepEqual(s.links.map((l) => linkKey(l.link))[0], 'src/billing/amount.ts#roundAmount');
  });

  it('squash-merged fix naming the id, file renamed since: SZZ blames the trigger, links follow the rename', async () => {
    const { trigger } = baseHistory(repo);
    repo.move('src/billing/amount.ts', 'src/money/amount.ts');
    repo.write('src/api/handler.ts', HANDLER.replace('../billing/amount', '../money/amount'));
    repo.commit('Move billing helpers to money/', '2025-06-10T15:10:00+02:00');
    repo.write('src/money/amount.ts', amountTs('const result = Math.round(cents);'));
    const fix = repo.commit('Round amounts half-up again (#42)\n\nFixes INC-042.', '2025-06-10T15:40:00+02:00');
    repo.write('.incidents/INC-042.yaml', incident('INC-042', ''));
    repo.commit('Postmortem INC-042', '2025-06-11T10:00:00+02:00');
    const { s } = await suggestIn(repo.root, 'INC-042');
    const table = s.commits.filter((c) => [trigger, fix].includes(c.sha)).map((c) => [c.sha, c.role]);
    assert.equal(s.commits[0]!.sha, trigger);
    assert.deepEqual(table, [
      [trigger, 'trigger'],
      [fix, 'fix'],
    ]);
    const t = s.commits[0]!;
    assert.ok(
      t.reasons.some((r) => /^wrote 100% of the lines the fix [0-9a-f]{7} changed \(2h 20m before start\)$/.test(r)),
      t.reasons.join('\n'),
    );
    assert.equal(linkKey(s.links[0]!.link), 'src/money/amount.ts#roundAmount');
    assert.match(s.links[0]!.reason, /renamed from src\/billing\/amount\.ts since/);
  });

  it('fix merged by a PR merge commit whose branch names the incident, a revert during it, a symbol moved to another file', async () => {
    repo
      .write('src/billing/amount.ts', amountTs('const result = Math.round(cents);'))
      .write('src/api/handler.ts', HANDLER)
      .write('src/api/routes.ts', 'export const ROUTES = [];\n');
    repo.commit('Initial import', '2025-05-01T09:00:00+02:00');
    repo.write('src/api/handler.ts', HANDLER.replace('const total = body.total;', 'const total = Number(String(body.total));'));
    const trigger = repo.commit('api: accept totals as strings', '2025-06-10T13:30:00+02:00');
    repo.write('src/billing/amount.ts', amountTs('const result = Math.round(cents); // unchanged').replace('toFixed(2)', 'toFixed(3)'));
    repo.commit('billing: three decimals in formatAmount', '2025-06-10T13:50:00+02:00');
    const revert = repo.gitAt('2025-06-10T14:40:00+02:00', 'revert', '--no-edit', trigger) && repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'fix/inc-042-string-totals');
    // The handler moves into routes.ts, fixed.
    repo.write('src/api/handler.ts', "export { handle } from '../../routes';\n");
    repo.write(
      'src/api/routes.ts',
      `import { roundAmount } from '../../../billing/amount';\n\nexport const ROUTES = [];\n\nexport function handle(body: { total: number | string }): number {\n  const total = typeof body.total === 'string' ? Number.parseFloat(body.total) : body.total;\n  return roundAmount(total);\n}\n`,
    );
    repo.commit('api: parse string totals safely', '2025-06-10T15:30:00+02:00');
    repo.git('checkout', '-q', 'main');
    repo.gitAt(
      '2025-06-10T15:45:00+02:00',
      'merge',
      '--no-ff',
      '-q',
      '-m',
      'Merge pull request #7 from acme/fix/inc-042-string-totals',
      'fix/inc-042-string-totals',
    );
    const merge = repo.git('rev-parse', 'HEAD');
    repo.write('.incidents/INC-042.yaml', incident('INC-042', '').replace('system: billing', 'system: api'));
    repo.commit('Postmortem INC-042', '2025-06-11T10:00:00+02:00');
    const { s } = await suggestIn(repo.root, 'INC-042');
    const table = s.commits.filter((c) => [trigger, revert, merge].includes(c.sha)).map((c) => [c.sha, c.role, c.reasons[0]]);
    assert.equal(s.commits[0]!.sha, trigger);
    assert.deepEqual(table, [
      [trigger, 'trigger', `reverted at 14:40 by ${revert.slice(0, 7)}`],
      [revert, 'revert', `reverts ${trigger.slice(0, 7)} at 14:40, during the incident`],
      [merge, 'fix', `its message names INC-042 (fixed at 15:45): "Merge pull request #7 from acme/fix/inc-042-string-totals"`],
    ]);
    assert.equal(linkKey(s.links[0]!.link), 'src/api/routes.ts#handle');
    assert.match(s.links[0]!.reason, /^handle \(now in src\/api\/routes\.ts\) changed by [0-9a-f]{7} "api: accept totals as strings"/);
  });

  it('commits the record names come first and are not suggested again; accepting writes links and commits through the edit path', async () => {
    const { trigger } = baseHistory(repo);
    repo.write(
      '.incidents/INC-042.yaml',
      incident('INC-042', `rootCause:\n  trigger:\n    text: 11:40 deploy\n    ref: ${trigger.slice(0, 10)}\n# keep this comment\n`),
    );
    repo.commit('Open INC-042', '2025-06-10T14:10:00+02:00');
    const { s, incident: inc } = await suggestIn(repo.root, 'INC-042');
    assert.equal(s.commits[0]!.sha, trigger);
    assert.equal(s.commits[0]!.onRecord, true);
    assert.equal(s.commits[0]!.reasons[0], 'named in the record as trigger');
    const ops = acceptOps(
      inc,
      s.links.slice(0, 1).map((l) => l.link),
      s.commits,
    );
    const before = readFileSync(join(repo.root, '.incidents/INC-042.yaml'), 'utf8');
    const after = applyEdits(before, ops);
    assert.ok(after.ok);
    assert.ok(after.text.startsWith(before.replace('# keep this comment\n', '')), 'untouched text stays byte for byte');
    assert.match(after.text, /^# keep this comment$/m);
    assert.match(after.text, /links:\n {2}- path: src\/billing\/amount\.ts\n {4}symbol: roundAmount\n/);
    assert.doesNotMatch(after.text, new RegExp(`sha: ${trigger.slice(0, 12)}`), 'the named trigger is not written twice');
  });

  it('a named commit the repository lacks is a note, not an error', async () => {
    baseHistory(repo);
    repo.write('.incidents/INC-042.yaml', incident('INC-042', 'commits:\n  - sha: deadbeefdeadbeef\n    role: fix\n'));
    repo.commit('Open INC-042', '2025-06-10T14:10:00+02:00');
    const { s } = await suggestIn(repo.root, 'INC-042');
    assert.deepEqual(s.notes, ["deadbeefdeadbeef (fix, named in the record) is not in this repository's history"]);
  });
});

describe('suggestions on the demo history', function () {
  this.timeout(60_000);
  it('INC-023: the 14:15 deploy first (reverted at 15:02), the merge of fix/inc-023-… as the fix, handleStripeWebhook and toStripeAmount as links; CLI --apply writes them', async () => {
    const ws = new TempWorkspace(true);
    try {
      const text = ws.read('.incidents/INC-023.yaml');
      ws.write('.incidents/INC-023.yaml', text.slice(0, text.indexOf('links:\n')) + text.slice(text.indexOf('keywords:')));
      const shas = writeDemoHistory(ws.root)!;
      const { s } = await suggestIn(ws.root, 'INC-023');
      const known = new Set([shas.deploy, shas.revert, shas.merge]);
      assert.equal(s.commits[0]!.sha, shas.deploy);
      assert.deepEqual(
        s.commits.filter((c) => known.has(c.sha)).map((c) => [c.sha, c.role]),
        [
          [shas.deploy, 'trigger'],
          [shas.revert, 'revert'],
          [shas.merge, 'fix'],
        ],
      );
      assert.deepEqual(
        s.links
          .slice(0, 2)
          .map((l) => linkKey(l.link))
          .sort(),
        ['src/payments/stripeWebhook.ts#handleStripeWebhook', 'src/payments/stripeWebhook.ts#toStripeAmount'],
      );
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'suggest', 'INC-023', '--apply'], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00' },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /wrote 2 link\(s\) and 3 commit\(s\) to \.incidents\/INC-023\.yaml/);
      const written = ws.read('.incidents/INC-023.yaml');
      assert.match(
        written,
        new RegExp(`- sha: ${shas.deploy.slice(0, 12)}\n {4}role: trigger\n {4}subject: Update Stripe webhook handler\n {4}at: 2025-03-18T14:15:00\\+03:00\n`),
      );
      const lint = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'lint'], { cwd: ws.root, encoding: 'utf8' });
      assert.match(lint.stdout, /0 errors/);
    } finally {
      ws.dispose();
    }
  });
});

describe('outline (the core declaration reader)', () => {
  it('spans functions, classes and methods; the innermost symbol holds a line', () => {
    const text = `import x from 'y';\n\nexport class Cart {\n  private items = [];\n\n  add(item: string): void {\n    this.items.push(item);\n  }\n}\n\nexport const total = (cart: Cart) => {\n  return 0;\n};\n\ndef helper():\n    return 1\n`;
    const o = outline(text);
    assert.deepEqual(
      o.map((s) => [s.name, s.startLine, s.endLine]),
      [
        ['Cart', 3, 9],
        ['Cart.add', 6, 8],
        ['total', 11, 13],
        ['helper', 15, 16],
      ],
    );
    assert.deepEqual(
      symbolsAt(o, 7, 7).map((s) => s.name),
      ['Cart.add'],
    );
    assert.deepEqual(symbolsAt(o, 1, 1), []);
  });
});
