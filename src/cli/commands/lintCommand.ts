/** incident-lens lint: see src/cli/help.ts for what it does. */
import { formatDiagnostic, hasErrors } from '../../core/records/diagnostics';
import { lintGithub, lintSarif } from '../../core/records/lintFormats';
import { didYouMean, json, openIndex, parse, UsageError, workflowCommands, workspaceRoot, type Io } from '../common';
import { VERSION } from '../version';

export async function lint(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!['text', 'json', 'sarif', 'github'].includes(format))
    throw new UsageError(`--format must be one of text, json, sarif, github${didYouMean(format, ['text', 'json', 'sarif', 'github'])}`);
  const root = workspaceRoot(values, positionals[0]);
  const index = await openIndex(root, values.folder, true);
  const diagnostics = index.diagnostics();
  if (format === 'sarif') json(io, lintSarif(diagnostics, VERSION));
  else if (format === 'github') {
    if (diagnostics.length) workflowCommands(io, lintGithub(diagnostics));
  } else if (format === 'json') {
    json(io, {
      files: index.allFiles().length,
      diagnostics: diagnostics.map((d) => ({ ...d, line: d.range.start.line + 1, column: d.range.start.character + 1 })),
    });
  } else {
    for (const d of diagnostics) io.out(formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    io.out(`${index.allFiles().length} records checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
