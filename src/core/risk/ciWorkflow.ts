/** The CI check the walkthrough's last step adds: a GitHub Actions workflow running the CLI. */

export const CI_WORKFLOW_PATH = '.github/workflows/incident-lens.yml';

/**
 * The step that installs the CLI: exactly `version`, from the npm registry, into the runner's
 * temporary folder (outside the checkout, so the change under review supplies neither the CLI
 * nor its lockfile), with no install scripts, and puts it on PATH. Never `npx --yes
 * incident-lens`: that runs whichever package of that name the registry holds at that moment,
 * unpinned, with the job's token in reach. The same text serves docs/ci.md's examples.
 */
export function ciInstallStep(version: string, indent = '      '): string {
  return [
    `- name: Install Incident Lens ${version} (this exact version, outside the checkout)`,
    `  env:`,
    `    VERSION: ${JSON.stringify(version)}`,
    `  run: |`,
    `    npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$RUNNER_TEMP/incident-lens" "incident-lens@$VERSION"`,
    `    echo "$RUNNER_TEMP/incident-lens/node_modules/.bin" >> "$GITHUB_PATH"`,
  ]
    .map((l) => `${indent}${l}`)
    .join('\n');
}

/** The workflow text; `recordsFolder` is passed on when it is not the default; `version` is the CLI version it installs. */
export function ciWorkflowText(recordsFolder = '.incidents', version = '0.1.0'): string {
  if (!/^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(version)) throw new Error(`not a version to pin: ${version}`);
  const folder = recordsFolder === '.incidents' ? '' : ` --folder ${JSON.stringify(recordsFolder)}`;
  return `# Incident Lens: incident records lint clean, their AI instruction files are current,
# and a pull request that touches code linked to a past incident says which and why.
# Written by "Incident Lens: Add the CI Check"; edit it freely, it is not rewritten.
# The CLI is installed at an exact version (raise it when you update the extension).
name: Incident Lens
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  incidents:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # risk --diff needs the merge base
      - uses: actions/setup-node@v4
        with:
          node-version: 20
${ciInstallStep(version)}
      - name: Records lint clean
        run: incident-lens lint${folder}
      - name: AI instruction files are up to date
        run: incident-lens instructions --check${folder}
      - name: Past incidents on the changed code
        if: github.event_name == 'pull_request'
        run: incident-lens risk --diff \${{ github.event.pull_request.base.sha }} --fail-on P1${folder}
`;
}
