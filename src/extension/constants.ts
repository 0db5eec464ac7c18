/**
 * Every id the extension shares with package.json, declared once. A unit test
 * checks that package.json contributes exactly these (and nothing unknown).
 */
export const EXTENSION_ID = 'incident-lens.incident-lens';
/** The walkthrough's id in package.json (contributes.walkthroughs). */
export const WALKTHROUGH = 'incidentLens.gettingStarted';
/** The read-only documents that show a commit's change (commands/gitHistory.ts serves them). */
export const COMMIT_SCHEME = 'incident-lens-commit';
/** The timeline view's webview type (activation event onWebviewPanel:incidentLens.timeline). */
export const TIMELINE_VIEW_TYPE = 'incidentLens.timeline';

export const COMMANDS = {
  searchIncidents: 'incidentLens.searchIncidents',
  refresh: 'incidentLens.refresh',
  groupBy: 'incidentLens.groupBy',
  sortBy: 'incidentLens.sortBy',
  openDocs: 'incidentLens.openDocs',
  openDemo: 'incidentLens.openDemo',
  showOutput: 'incidentLens.showOutput',
  newIncident: 'incidentLens.newIncident',
  logTimelineEntry: 'incidentLens.logTimelineEntry',
  setStatus: 'incidentLens.setStatus',
  addAction: 'incidentLens.addAction',
  completeAction: 'incidentLens.completeAction',
  recordCommunication: 'incidentLens.recordCommunication',
  setRootCause: 'incidentLens.setRootCause',
  startPostmortem: 'incidentLens.startPostmortem',
  markReviewed: 'incidentLens.markReviewed',
  handToAgent: 'incidentLens.handToAgent',
  allowRecordSources: 'incidentLens.allowRecordSources',
  exportPostmortem: 'incidentLens.exportPostmortem',
  createActionRecords: 'incidentLens.createActionRecords',
  showTimeline: 'incidentLens.showTimeline',
  linkFile: 'incidentLens.linkFile',
  linkSymbol: 'incidentLens.linkSymbol',
  linkCommitFiles: 'incidentLens.linkCommitFiles',
  suggestCodeLinks: 'incidentLens.suggestCodeLinks',
  importIncidents: 'incidentLens.importIncidents',
  showInsights: 'incidentLens.showInsights',
  registerMergeDriver: 'incidentLens.registerMergeDriver',
  writeAiInstructions: 'incidentLens.writeAiInstructions',
  wireCodingAgents: 'incidentLens.wireCodingAgents',
  runRunbookStep: 'incidentLens.runRunbookStep',
  getStarted: 'incidentLens.getStarted',
  addCiCheck: 'incidentLens.addCiCheck',
  /** Internal: CodeLens click with several incidents. */
  showLinkedIncidents: 'incidentLens.showLinkedIncidents',
  /** Internal: hover link. */
  copyPromptTemplate: 'incidentLens.copyPromptTemplate',
  /** Internal: opens a record at a field path (tree items, search). */
  openRecord: 'incidentLens.openRecord',
  /** Internal: shows a commit's change (hover, tree, timeline). */
  openCommit: 'incidentLens.openCommit',
  /** Internal: opens a linked file, at the symbol when there is one. */
  openLink: 'incidentLens.openLink',
} as const;

export const VIEWS = {
  container: 'incidentLens',
  incidents: 'incidentLens.incidents',
  actions: 'incidentLens.actions',
  runbooks: 'incidentLens.runbooks',
} as const;

export const CONTEXT = {
  hasIncidents: 'incidentLens.hasIncidents',
  loaded: 'incidentLens.loaded',
  /** Set once a CodeLens of a past incident has been shown (the walkthrough's "see it on the code" step). */
  codeLensShown: 'incidentLens.codeLensShown',
} as const;

export const CONFIG = {
  section: 'incidentLens',
  incidentsFolder: 'incidentsFolder',
  author: 'author',
  groupBy: 'tree.groupBy',
  sortBy: 'tree.sortBy',
  statuses: 'tree.statuses',
  maxFileSize: 'maxFileSize',
  codeLensEnabled: 'codeLens.enabled',
  hoverEnabled: 'hover.enabled',
  decorationsEnabled: 'decorations.enabled',
  minimumPriority: 'minimumPriority',
  hideClosedOlderThanDays: 'hideClosedOlderThanDays',
  updateLinksOnRename: 'links.updateOnRename',
  aiInstructionsAutoUpdate: 'aiInstructions.autoUpdate',
  aiInstructionsAgentsFile: 'aiInstructions.agentsFile',
  runbookStaleAfterDays: 'runbooks.staleAfterDays',
  suggestWindowHours: 'suggest.windowHours',
  mergeDriverOffer: 'mergeDriver.offer',
  sources: 'sources',
  mcpAllowWrites: 'mcp.allowWrites',
} as const;

/** Language model tools (package.json "languageModelTools"). */
export const LM_TOOLS = {
  pastIncidents: 'incidentLens_pastIncidents',
} as const;

export const COLORS = {
  P1: 'incidentLens.priority.p1',
  P2: 'incidentLens.priority.p2',
  P3: 'incidentLens.priority.p3',
  P4: 'incidentLens.priority.p4',
} as const;
