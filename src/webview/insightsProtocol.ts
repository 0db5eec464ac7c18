/**
 * The one protocol between the Insights webview and the extension host, as
 * discriminated unions; every message from the webview is validated with zod
 * before the host acts on it (the webview imports types only).
 */
import { z } from 'zod';
import { INSIGHT_CHARTS, type InsightsData } from '../core/insights/insightsView';
import { PRIORITIES, STATUSES } from '../core/records/schema';

// What the Insights app may use from core comes through here: the app imports nothing else of the extension's.
export type { InsightChart, InsightsData, InsightsFilter } from '../core/insights/insightsView';
export type { MetricsRow } from '../core/insights/insightsReport';
export { formatDuration } from '../core/time/recordTime';

export type InsightsHostMessage = { readonly type: 'state'; readonly data: InsightsData } | { readonly type: 'error'; readonly message: string };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const insightsFilterSchema = z
  .object({
    since: day.optional(),
    until: day.optional(),
    system: z.string().max(200).optional(),
    priorities: z.array(z.enum(PRIORITIES)).max(4).readonly().optional(),
    statuses: z.array(z.enum(STATUSES)).max(4).readonly().optional(),
    by: z.enum(['month', 'week']).optional(),
  })
  .strict();

export const insightsMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The charts of the last state are on screen (first paint, measured by the benchmark). */
  z.object({ type: z.literal('painted') }),
  z.object({ type: z.literal('setFilter'), filter: insightsFilterSchema }),
  z.object({ type: z.literal('openHotspot'), target: z.string().min(1).max(1000), kind: z.enum(['file', 'folder', 'symbol']) }),
  z.object({ type: z.literal('copyCsv'), chart: z.enum(INSIGHT_CHARTS) }),
  z.object({ type: z.literal('saveSvg'), chart: z.enum(INSIGHT_CHARTS), svg: z.string().startsWith('<svg').max(5_000_000) }),
]);

export type InsightsWebviewMessage = z.infer<typeof insightsMessageSchema>;
