/** JSON Schemas generated from the zod schemas, for the YAML language extension. */
import { z } from 'zod';
import { actionRecordSchema, incidentSchema, runbookSchema } from './schema';

/**
 * Where the schemas are published: each file's `$id` is this base and its
 * name, stable across releases (the SchemaStore catalog entry points at the
 * same URLs, docs/publishing.md).
 */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/incident-lens/incident-lens/main/schemas/';

function generate(file: string, schema: z.ZodType, title: string, description: string, extra: Record<string, unknown> = {}): string {
  const { $schema, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return `${JSON.stringify({ $schema, $id: `${SCHEMA_BASE_URL}${file}`, ...json, ...extra, title, description }, null, 2)}\n`;
}

/** File name (under schemas/) → content. */
export function jsonSchemas(): Record<string, string> {
  return {
    'incident.schema.json': generate(
      'incident.schema.json',
      incidentSchema,
      'Incident Lens incident record',
      'One production incident (INC-<number>.yaml). Generated from src/core/records/schema.ts by `npm run schema`; do not edit.',
      {
        // priority and start are required, except in a record imported from a source that gave none (it has `source`; lint warns).
        if: { not: { required: ['source'] } },
        then: { required: ['priority', 'start'] },
      },
    ),
    'action.schema.json': generate(
      'action.schema.json',
      actionRecordSchema,
      'Incident Lens action record',
      'One postmortem action (ACTION-INC<number>-<n>.yaml). Generated from src/core/records/schema.ts by `npm run schema`; do not edit.',
    ),
    'runbook.schema.json': generate(
      'runbook.schema.json',
      runbookSchema,
      'Incident Lens runbook',
      'One runbook (RB-<name>.yaml): ordered steps with optional commands. Generated from src/core/records/schema.ts by `npm run schema`; do not edit.',
    ),
  };
}
