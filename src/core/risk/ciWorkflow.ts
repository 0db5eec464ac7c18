/** The CI check the walkthrough's last step adds: a GitHub Actions workflow running the CLI. */

export const CI_WORKFLOW_PATH = '.github/workflows/incident-lens.yml';

/** The workflow text; `recordsFolder` is passed on when it is not the default. */
export function ciWorkflowText(recordsFolder = '.incidents'): string {
  const folder = recordsFolder === '.incidents' ? '' : ` --folder ${JSON.stringify(recordsFolder)}`;
  return `# Incident Lens: incident records lint clean, their AI instruction files are current,
# and a pull request that touches code linked to a past incident says which and why.
# Written by "Incident Lens: Add the CI Check"; edit it freely, it is not rewritten.
name: Incident Lens
on:
  pull_request:
  push:
    branches: [main]
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
      - name: Records lint clean
        run: npx --yes incident-lens lint${folder}
      - name: AI instruction files are up to date
        run: npx --yes incident-lens instructions --check${folder}
      - name: Past incidents on the changed code
        if: github.event_name == 'pull_request'
        run: npx --yes incident-lens risk --diff \${{ github.event.pull_request.base.sha }} --fail-on P1${folder}
`;
}
