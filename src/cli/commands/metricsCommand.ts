/** incident-lens metrics: see src/cli/help.ts for what it does. */
import { PRIORITIES } from '../../core/records/schema';
import { changedLinesOf } from '../../node/git/changeRates';
import { GROUP_BY, hotspots, metricsReport, withChangeRates, type GroupBy, type MetricsRow } from '../../core/insights/insightsReport';
import { formatDuration, parseTime } from '../../core/time/recordTime';
import { csvRow } from '../../core/insights/csvCell';
import { didYouMean, json, now, openIndex, parse, UsageError, workspaceRoot, type Io } from '../common';

/** A --since/--until date (2025-03-01 or an ISO time) as epoch ms. */
function dateOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const t = parseTime(raw, { allowDate: true });
  if (t.kind === 'instant') return t.instant.ms;
  if (t.kind === 'date') return Date.UTC(t.year, t.month - 1, t.day);
  throw new UsageError(`--${name} must be a date like 2025-03-01 or an ISO time, got "${raw}"`);
}

export async function metrics(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { since: { type: 'string' }, until: { type: 'string' }, by: { type: 'string' }, format: { type: 'string' } });
  const by = (values.by ?? 'month') as GroupBy;
  if (!GROUP_BY.includes(by)) throw new UsageError(`--by must be one of ${GROUP_BY.join(', ')}${didYouMean(values.by!, GROUP_BY)}`);
  const format = values.format ?? (values.json ? 'json' : 'table');
  if (!['table', 'json', 'csv'].includes(format))
    throw new UsageError(`--format must be one of table, json, csv${didYouMean(format, ['table', 'json', 'csv'])}`);
  const index = await openIndex(workspaceRoot(values), values.folder);
  const report = metricsReport(index.incidents(), {
    by,
    since: dateOption('since', values.since),
    until: dateOption('until', values.until),
    sinceText: values.since,
    untilText: values.until,
  });
  const minutes = (v: number | undefined) => (v === undefined ? '' : formatDuration(v));
  const figure = (r: MetricsRow, k: keyof MetricsRow['figures']) => r.figures[k];
  if (format === 'json') json(io, report);
  else if (format === 'csv') {
    const head = [
      by,
      'incidents',
      ...PRIORITIES,
      ...(['ttd', 'tta', 'ttm', 'ttr'] as const).flatMap((k) => [`${k}_median_min`, `${k}_p90_min`, `${k}_n`, `${k}_missing`]),
      'ai_incidents',
      'ai_share',
      'ai_ttr_median_min',
      'other_ttr_median_min',
    ];
    io.out(head.join(','));
    for (const r of report.rows) {
      const figs = (['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve'] as const).flatMap((k) => [
        figure(r, k).median,
        figure(r, k).p90,
        figure(r, k).n,
        figure(r, k).missing,
      ]);
      io.out(
        csvRow([
          r.group,
          r.incidents,
          ...PRIORITIES.map((p) => r.byPriority[p]),
          ...figs,
          r.ai.incidents,
          r.ai.share.toFixed(3),
          r.ai.resolveMedian,
          r.ai.otherResolveMedian,
        ]),
      );
    }
  } else {
    io.out(
      `${'group'.padEnd(16)} ${'n'.padStart(4)}  P1 P2 P3 P4  ${'detect (med/p90)'.padEnd(18)} ${'mitigate (med/p90)'.padEnd(20)} ${'resolve (med/p90)'.padEnd(20)} AI share  AI vs rest resolve`,
    );
    for (const r of report.rows) {
      const f = (k: keyof MetricsRow['figures']) => (figure(r, k).n ? `${minutes(figure(r, k).median)}/${minutes(figure(r, k).p90)}` : '—');
      io.out(
        `${r.group.slice(0, 16).padEnd(16)} ${String(r.incidents).padStart(4)}  ${PRIORITIES.map((p) => String(r.byPriority[p]).padStart(2)).join(' ')}  ${f('timeToDetect').padEnd(18)} ${f('timeToMitigate').padEnd(20)} ${f('timeToResolve').padEnd(20)} ${`${Math.round(r.ai.share * 100)}%`.padStart(8)}  ${r.ai.incidents ? `${minutes(r.ai.resolveMedian) || '—'} vs ${minutes(r.ai.otherResolveMedian) || '—'}` : '—'}`,
      );
    }
    const missing = report.rows.reduce((s, r) => s + r.figures.timeToMitigate.missing, 0);
    // Imported records often have no priority yet: they count in n, in no P column.
    const unset = report.rows.reduce((s, r) => s + r.incidents - PRIORITIES.reduce((n, p) => n + r.byPriority[p], 0), 0);
    io.out(
      `${report.counted} incident${report.counted === 1 ? '' : 's'} counted${report.withoutStart ? `; ${report.withoutStart} without a readable start left out` : ''}; ${missing} without a timed "mitigated" milestone left out of the mitigate figures${unset ? `; ${unset} without a priority (P?) in n but in no P column` : ''}.`,
    );
  }
  return 0;
}

export async function hotspotsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { limit: { type: 'string' }, format: { type: 'string' } });
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number above 0');
  const format = values.format ?? (values.json ? 'json' : 'table');
  if (!['table', 'json', 'csv'].includes(format))
    throw new UsageError(`--format must be one of table, json, csv${didYouMean(format, ['table', 'json', 'csv'])}`);
  const root = workspaceRoot(values);
  const index = await openIndex(root, values.folder);
  // Where git history is at hand: lines changed in the last year, and incidents per 1,000 of them.
  const list = withChangeRates(hotspots(index, limit), await changedLinesOf(root, hotspots(index, limit), now()));
  if (format === 'json') json(io, list);
  else if (format === 'csv') {
    io.out('kind,target,score,worst,incidents,changed_lines,per_1000_lines');
    for (const h of list) io.out(csvRow([h.kind, h.target, h.score, h.worst, h.incidents.join(' '), h.changedLines, h.perThousandLines]));
  } else if (!list.length) io.out('no code is linked to an incident yet');
  else
    for (const h of list)
      io.out(
        `${String(h.score).padStart(4)}  ${h.worst}  ${h.kind.padEnd(6)}  ${h.target}  (${h.incidents.join(', ')})${h.perThousandLines !== undefined ? `  ${h.perThousandLines} per 1,000 changed lines` : ''}`,
      );
  return 0;
}
