/** incident-lens instructions: see src/cli/help.ts for what it does. */
import { syncInstructionFiles } from '../../node/instructionFiles';
import { json, openIndex, parse, workspaceRoot, type Io } from '../common';

export async function instructions(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { agents: { type: 'boolean' }, check: { type: 'boolean' } });
  const root = workspaceRoot(values, positionals[0]);
  const index = await openIndex(root, values.folder);
  const { plan, refused } = await syncInstructionFiles(root, index.incidents(), { agents: values.agents, check: values.check });
  const changed = plan.filter((p) => p.action !== 'unchanged');
  for (const r of refused) io.err(`refused  ${r.reason}`);
  if (values.json)
    json(
      io,
      plan.map(({ path: p, action }) => ({ path: p, action })),
    );
  else {
    for (const p of changed)
      io.out(`${values.check ? (p.action === 'delete' ? 'stale    ' : 'outdated ') : p.action === 'delete' ? 'deleted  ' : 'wrote    '}${p.path}`);
    const count = (a: string) => plan.filter((p) => p.action === a).length;
    io.out(
      values.check
        ? changed.length
          ? `${changed.length} instruction file${changed.length === 1 ? '' : 's'} out of date: run incident-lens instructions`
          : `${plan.length} instruction files up to date`
        : `${count('write')} written, ${count('delete')} deleted, ${count('unchanged')} unchanged`,
    );
  }
  return (values.check && changed.length) || refused.length ? 1 : 0;
}
