/**
 * The one protocol between the timeline webview and the extension host, as
 * discriminated unions. Every message from the webview is validated with the
 * zod schema below before the host acts on it. The webview imports types only,
 * so zod stays out of its bundle.
 */
import { z } from 'zod';
import { ENTRY_KINDS, MILESTONES } from '../core/records/schema';
import type { TimelineViewModel } from '../core/present/timelineView';

// What the timeline app may use from core comes through here: the app imports nothing else of the extension's.
export type { TimelineItem, TimelineViewModel } from '../core/present/timelineView';
export { formatDuration } from '../core/time/recordTime';

export type HostMessage =
  { readonly type: 'state'; readonly model: TimelineViewModel } | { readonly type: 'entryAdded' } | { readonly type: 'error'; readonly message: string };

export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openEntry'), path: z.array(z.union([z.string().max(64), z.number().int().nonnegative()])).max(6) }),
  z.object({
    type: z.literal('addEntry'),
    kind: z.enum(ENTRY_KINDS),
    text: z.string().trim().min(1).max(10_000),
    milestone: z.enum(MILESTONES).optional(),
  }),
  z.object({ type: z.literal('copyPromptTemplate') }),
  z.object({ type: z.literal('runRunbook'), id: z.string().regex(/^RB-[a-z0-9-]{1,80}$/) }),
  z.object({ type: z.literal('openCommit'), sha: z.string().regex(/^[0-9a-f]{7,40}$/i) }),
  z.object({ type: z.literal('suggestCodeLinks') }),
  z.object({ type: z.literal('openIncident'), id: z.string().regex(/^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]{1,40}$/) }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

/** What the webview keeps across reloads (VS Code's webview state), for the serializer. */
export interface TimelinePanelState {
  readonly folder: string;
  readonly incident: string;
}
