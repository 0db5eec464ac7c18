/** What the palette commands share: their optional argument object, checked with zod, and the local clock offset. */
import type { z } from 'zod';
import { IncidentNode } from '../tree/incidentNodes';
import { InlineActionNode } from '../tree/actionNodes';

export const localOffset = (): number => -new Date().getTimezoneOffset();

/** The argument object of a command run programmatically; undefined when run from the palette or a tree item. */
export function parseArgs<T extends z.ZodType>(schema: T, arg: unknown): z.infer<T> | undefined {
  if (arg === undefined || arg instanceof IncidentNode || arg instanceof InlineActionNode) return undefined;
  const r = schema.safeParse(arg);
  if (!r.success) throw new Error(`invalid arguments: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
