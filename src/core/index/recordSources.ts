/**
 * Record sources: other folders whose records a workspace reads besides its
 * own, typically a local clone of the organisation's incidents repository.
 * Named in `.incident-lens.yaml` at the workspace root (committed, shared) and
 * in the user setting `incidentLens.sources` (local paths):
 *
 *   sources:
 *     - path: ../incidents          # relative to the workspace folder; absolute and ~ allowed
 *       name: acme incidents        # optional label (default: the folder's name)
 *       folder: .incidents          # optional records folder inside it (default .incidents)
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { CONFIG_FILE } from './configFile';

export { CONFIG_FILE };

export interface SourceEntry {
  readonly path: string;
  readonly name?: string;
  readonly folder?: string;
  /** Where it is written: "<file>:<line>:<column>" or the setting's name. */
  readonly from: string;
}

export interface ResolvedSource {
  readonly name: string;
  /** Absolute path of the folder holding the records folder. */
  readonly root: string;
  readonly folder: string;
  readonly from: string;
}

const entrySchema = z.union([z.string().min(1), z.object({ path: z.string().min(1), name: z.string().optional(), folder: z.string().optional() }).strict()]);
const fileSchema = z.object({ sources: z.array(entrySchema).optional() }).passthrough();

/** The sources a config file names, or the problems that stop it being read (file:line:column field: message). */
export function parseSourcesConfig(text: string, file = CONFIG_FILE): { entries: SourceEntry[]; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: false, keepSourceTokens: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return `${file}:1:1`;
    const before = text.slice(0, offset);
    return `${file}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
  };
  if (doc.errors.length) return { entries: [], problems: [`${at(doc.errors[0]!.pos[0])} ${doc.errors[0]!.message.split('\n')[0]}`] };
  const data = doc.toJS() ?? {};
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      entries: [],
      problems: parsed.error.issues.map((i) => {
        const node = doc.getIn(i.path as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
        return `${at(node?.range?.[0])} ${i.path.join('.') || 'sources'}: ${i.message}`;
      }),
    };
  }
  const entries = (parsed.data.sources ?? []).map((e, i): SourceEntry => {
    const node = doc.getIn(['sources', i], true) as { range?: [number, number, number] } | undefined;
    const from = at(node?.range?.[0]);
    return typeof e === 'string' ? { path: e, from } : { path: e.path, ...(e.name ? { name: e.name } : {}), ...(e.folder ? { folder: e.folder } : {}), from };
  });
  return { entries, problems: [] };
}
