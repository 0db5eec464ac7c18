/** JSON Schemas generated from the zod schemas, for the YAML language extension. */
import { z } from 'zod';
import { actionRecordSchema, incidentSchema, runbookSchema } from './schema';

function generate(schema: z.ZodType, title: string, description: string, extra: Record<string, unknown> = {}): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...json, ...extra, title, description }, null, 2)}\n`;
}

/** File name (under schemas/) → content. */
export function jsonSchemas(): Record<string, string> {
  return {
    'incident.schema.json': generate(incidentSchema, 'Incident Lens incident record', 'One production incident (INC-<number>.yaml). Generated from src/core/records/schema.ts by `npm run schema`; do not edit.', {
      // priority and start are required, except in a record imported from a source that gave none (it has `source`; lint warns).
      if: { not: { required: ['source'] } },
      then: { required: ['priority', 'start'] },
    }),
    'action.schema.json': generate(actionRecordSchema, 'Incident Lens action record', 'One postmortem action (ACTION-INC<number>-<n>.yaml). Generated from src/core/records/schema.ts by `npm run schema`; do not edit.'),
    'runbook.schema.json': generate(runbookSchema, 'Incident Lens runbook', 'One runbook (RB-<name>.yaml): ordered steps with optional commands. Generated from src/core/records/schema.ts by `npm run schema`; do not edit.'),
  };
}
