/**
 * The one SARIF 2.1.0 writer: the envelope (schema, version, one run, the
 * tool with its rules, the automation id) and a result's location. `lint` and
 * `risk` fill it with their own rules and results.
 */
export const INFORMATION_URI = 'https://github.com/incident-lens/incident-lens';

export interface SarifRun {
  /** `incident-lens/lint/`, `incident-lens/risk/`: GitHub code scanning keeps the runs apart by it. */
  readonly automationId: string;
  readonly toolVersion: string;
  readonly rules: readonly object[];
  readonly results: readonly object[];
  readonly properties?: object;
}

export function sarifLog(run: SarifRun): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'Incident Lens', version: run.toolVersion, semanticVersion: run.toolVersion, informationUri: INFORMATION_URI, rules: run.rules },
        },
        automationDetails: { id: run.automationId },
        results: run.results,
        ...(run.properties ? { properties: run.properties } : {}),
      },
    ],
  };
}

/** A result's location: a workspace-relative file (URI-encoded, against %SRCROOT%) and its region. */
export function sarifLocation(file: string, region: object): object {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region } };
}
