/**
 * `incident-lens init --agents [--agent NAME]... [--check] [--command CLI]`:
 * writes, idempotently, the wiring each coding agent needs to meet the
 * incidents where it edits (src/core/ai/agentWiring.ts says what and why).
 * Default: the agents the repository shows it uses, else all. `--check`
 * changes nothing and exits 1 when a file is out of date (CI).
 */
import { AGENT_NAMES, type AgentName } from '../../core/ai/agentWiring';
import { syncAgentWiring } from '../../node/agentWiring';
import { didYouMean, json, openIndex, UsageError, type Io } from '../common';

export async function initAgents(
  root: string,
  values: { folder?: string; agent?: string[]; check?: boolean; command?: string; json?: boolean },
  io: Io,
): Promise<number> {
  const chosen = (values.agent ?? [])
    .flatMap((a) => a.split(','))
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  for (const a of chosen)
    if (!(AGENT_NAMES as readonly string[]).includes(a)) throw new UsageError(`--agent must be one of ${AGENT_NAMES.join(', ')}${didYouMean(a, AGENT_NAMES)}`);
  const index = await openIndex(root, values.folder);
  const run = await syncAgentWiring(root, index.incidents(), { agents: chosen as AgentName[], check: values.check, command: values.command });
  const changed = run.plan.filter((p) => p.action !== 'unchanged');
  for (const r of run.refused) io.err(`refused  ${r.reason}`);
  for (const p of run.problems) io.err(`left as is  ${p}`);
  if (run.note) io.err(`note: ${run.note}`);
  if (values.json)
    json(io, { agents: run.agents, files: run.plan.map(({ path, action }) => ({ path, action })), problems: run.problems, refused: run.refused });
  else {
    for (const p of changed)
      io.out(`${values.check ? (p.action === 'delete' ? 'stale    ' : 'outdated ') : p.action === 'delete' ? 'deleted  ' : 'wrote    '}${p.path}`);
    io.out(
      values.check
        ? changed.length
          ? `${changed.length} agent file${changed.length === 1 ? '' : 's'} out of date for ${run.agents.join(', ')}: run incident-lens init --agents`
          : `agent wiring up to date for ${run.agents.join(', ')} (${run.plan.length} files)`
        : `agents: ${run.agents.join(', ')}; ${changed.length} file${changed.length === 1 ? '' : 's'} written or deleted, ${run.plan.length - changed.length} unchanged`,
    );
  }
  return (values.check && changed.length) || run.refused.length || run.problems.length ? 1 : 0;
}
