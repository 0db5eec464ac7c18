/**
 * The commands that write or wire things (editing, linking, postmortems,
 * reviews, runbooks, hand to agent, getting started, the coding agents), loaded together the first time one of them runs: one chunk
 * of the production bundle (esbuild.mjs), so the code they share with the
 * activation path costs one shared chunk, not one per command.
 */
export { EditingCommands } from './editing';
export { PostmortemCommands } from './postmortemCommands';
export { newIncident } from './newIncident';
export { LinkingCommands } from './linking';
export { ReviewCommands } from './reviewCommands';
export { HandToAgent } from './handToAgent';
export { RunbookCommands } from './runbooks';
export { addCiCheck, openWalkthrough } from './gettingStarted';
export { wireCodingAgents } from '../agentWiringCommand';
