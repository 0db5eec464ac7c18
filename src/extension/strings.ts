/** User-visible strings of the extension, in one place, through vscode.l10n. */
import * as vscode from 'vscode';

const t = vscode.l10n.t;

export const STRINGS = {
  outputChannel: 'Incident Lens',
  groupStatus: (label: string, count: number) => t('{0} ({1})', label, count),
  impact: t('Impact'),
  timeline: (n: number) => t('Timeline ({0})', n),
  actions: (open: number, total: number) => t('Actions ({0} open / {1})', open, total),
  rootCause: t('Root cause'),
  postmortem: t('Postmortem'),
  learning: t('Learning'),
  linkedCode: t('Linked code'),
  actionRecords: t('Action records'),
  notSet: t('not set'),
  due: (when: string) => t('due {0}', when),
  overdue: (when: string) => t('overdue since {0}', when),
  complete: t('complete'),
  searchPlaceholder: t('Search incidents: id, title, system, root cause, learning, timeline…'),
  searchNoResults: t('No incident matches'),
  groupByPlaceholder: t('Group incidents by'),
  sortByPlaceholder: t('Sort incidents by'),
  statusBarActive: (n: number, priority: string) => t('{0} active {1}', n, priority),
  statusBarOverdue: (n: number) => (n === 1 ? t('1 postmortem overdue') : t('{0} postmortems overdue', n)),
  statusBarTooltip: t('Incident Lens: click to show the incidents'),
  loadFailed: (folder: string, message: string) => t('Incident Lens could not read the incidents in {0}: {1}', folder, message),
  demoCopied: (path: string) => t('The demo workspace was copied to {0}.', path),
  noWorkspace: t('Open a folder to use Incident Lens.'),
  openWhere: t('Open the demo workspace'),
  openHere: t('Open in This Window'),
  openNew: t('Open in New Window'),
  recordNotFound: (id: string) => t('Incident {0} was not found.', id),
} as const;
