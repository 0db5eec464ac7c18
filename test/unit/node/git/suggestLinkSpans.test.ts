/**
 * A suggested code link for a change outside any symbol names its lines only
 * when they lie together. Found trying `suggest` on outline/outline's history:
 * one commit's hunks in a 2,000-line route file became the link
 * "documents.ts:114-2069", a range that is the whole file in all but name.
 */
import { strict as assert } from 'node:assert';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { suggestFromHistory } from '../../../../src/core/git/suggestCommits';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';

const NOW = Date.parse('2026-11-26T10:30:00Z');

/** A rates table: 300 top-level lines, no function or class around any of them. */
const rates = (changed: Record<number, string>) =>
  Array.from({ length: 300 }, (_, i) => changed[i + 1] ?? `export const RATE_${i + 1} = ${i + 1};`).join('\n') + '\n';

const record = `id: INC-050
title: Rates wrong at checkout
status: resolved
priority: P2
start: 2025-06-10T14:00:00+02:00
resolution: 2025-06-10T16:00:00+02:00
impact:
  system: billing
`;

async function linksOf(root: string, searched?: string[]): Promise<string[]> {
  const index = new IncidentIndex(new NodeFileAccess(root), { now: () => NOW });
  await index.load();
  const real = (await ProcessGitHistory.open(root))!;
  // The real git history, its whole-repository searches counted.
  const git = new Proxy(real, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (key === 'filesContaining' && typeof v === 'function')
        return (name: string, limit: number) => (searched?.push(name), (v as (n: string, l: number) => Promise<string[]>).call(target, name, limit));
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const s = await suggestFromHistory(index.byId('INC-050') as Incident, [], git, { now: NOW, recordsFolder: '.incidents' });
  return s.links.map((l) => `${l.link.path}${l.link.symbol ? `#${l.link.symbol}` : ''}${l.link.lines ? `:${l.link.lines}` : ''}`);
}

describe('suggested links: a change outside any symbol', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => (repo = new GitRepo()));
  afterEach(() => repo.dispose());

  it('hunks near each other give their lines; hunks scattered over the file give the file', async () => {
    repo.write('src/billing/rates.ts', rates({})).write('src/billing/fees.ts', rates({}));
    repo.commit('Initial import', '2025-05-01T09:00:00+02:00');
    repo.write('src/billing/rates.ts', rates({ 10: 'export const RATE_10 = 10.5;', 14: 'export const RATE_14 = 14.5;' }));
    repo.commit('billing: new rates for two tiers', '2025-06-10T11:40:00+02:00');
    repo.write('src/billing/fees.ts', rates({ 5: 'export const RATE_5 = 5.5;', 290: 'export const RATE_290 = 290.5;' }));
    repo.commit('billing: fees for the first and last tiers', '2025-06-10T12:10:00+02:00');
    repo.write('.incidents/INC-050.yaml', record);
    repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
    const links = await linksOf(repo.root);
    assert.ok(links.includes('src/billing/rates.ts:10-14'), links.join('\n'));
    assert.ok(links.includes('src/billing/fees.ts'), links.join('\n'));
    assert.ok(!links.some((l) => l.startsWith('src/billing/fees.ts:')), links.join('\n'));
  });

  it('a .json or .diff file has no declarations: its change links the lines, never a made-up symbol', async () => {
    const json = (v: number) => `{\n  "name": "billing",\n  "rates": {\n    "standard": ${v}\n  }\n}\n`;
    repo.write('src/billing/rates.json', json(1)).write('src/billing/patch.diff', 'function old() {\n  return 1;\n}\n');
    repo.commit('Initial import', '2025-05-01T09:00:00+02:00');
    repo.write('src/billing/rates.json', json(2)).write('src/billing/patch.diff', 'function old() {\n  return 2;\n}\n');
    repo.commit('billing: new standard rate', '2025-06-10T11:40:00+02:00');
    repo.write('.incidents/INC-050.yaml', record);
    repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
    const links = await linksOf(repo.root);
    assert.ok(links.includes('src/billing/rates.json:4'), links.join('\n'));
    assert.ok(links.includes('src/billing/patch.diff:2'), links.join('\n'));
    assert.ok(!links.some((l) => l.includes('#')), links.join('\n'));
  });

  it('symbols gone from their file since are searched for across the repository at most four times a run', async () => {
    const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
    const body = (v: number) => names.map((n) => `export function ${n}(): number {\n  return ${v};\n}\n`).join('\n');
    repo.write('src/billing/fns.ts', body(1));
    repo.commit('Initial import', '2025-05-01T09:00:00+02:00');
    repo.write('src/billing/fns.ts', body(2));
    repo.commit('billing: every function returns 2', '2025-06-10T11:40:00+02:00');
    // Since then every function was renamed: none is declared where the commit left it.
    repo.write('src/billing/fns.ts', body(2).replace(/function (\w+)/g, 'function $1Renamed'));
    repo.commit('billing: rename', '2025-06-10T13:50:00+02:00');
    repo.write('.incidents/INC-050.yaml', record);
    repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
    const searched: string[] = [];
    await linksOf(repo.root, searched);
    assert.equal(searched.length, 4, searched.join(', '));
  });
});
