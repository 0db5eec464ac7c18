/** Broken records where a pull request shows them: SARIF 2.1.0 and GitHub workflow annotations of `lint`. */
import type { RecordDiagnostic } from './diagnostics';
import { escapeData, escapeProperty } from '../risk/riskFormats';
import { INFORMATION_URI, sarifLocation, sarifLog } from '../risk/sarifLog';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function lintSarif(diagnostics: readonly RecordDiagnostic[], toolVersion: string): object {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = codes.map((code) => ({
    id: `incident-lens/record-${code}`,
    shortDescription: { text: `Incident record check: ${code}` },
    helpUri: INFORMATION_URI,
  }));
  return sarifLog({
    automationId: 'incident-lens/lint/',
    toolVersion,
    rules,
    results: diagnostics.map((d) => ({
      ruleId: `incident-lens/record-${d.code}`,
      ruleIndex: codes.indexOf(d.code),
      level: LEVEL[d.severity],
      message: { text: d.field ? `${d.field}: ${d.message}` : d.message },
      locations: [
        sarifLocation(d.file, {
          startLine: d.range.start.line + 1,
          startColumn: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: Math.max(d.range.end.character, d.range.start.character) + 1,
        }),
      ],
    })),
  });
}

export function lintGithub(diagnostics: readonly RecordDiagnostic[]): string {
  const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return diagnostics
    .map(
      (d) =>
        `::${command[d.severity]} file=${escapeProperty(d.file)},line=${d.range.start.line + 1},col=${d.range.start.character + 1},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1}${d.field ? `,title=${escapeProperty(d.field)}` : ''}::${escapeData(d.message)}`,
    )
    .join('\n');
}
