/** Which repository a folder is in, for repository-qualified links: its remotes' keys and its path inside the clone. */
import type { LinkScope } from '../../core/index/incidentIndex';
import { repoKey } from '../../core/links/repoUrl';
import { git, GitError } from './run';

export async function repoScope(dir: string, foreign = false): Promise<LinkScope | undefined> {
  try {
    const prefix = (await git(dir, ['rev-parse', '--show-prefix'])).trim();
    const remotes = await git(dir, ['remote', '-v']);
    const repos = [
      ...new Set(
        remotes.split('\n').flatMap((l) => {
          const url = l.split(/\s+/)[1];
          const key = url && repoKey(url);
          return key ? [key] : [];
        }),
      ),
    ];
    return { repos, prefix, ...(foreign ? { foreign } : {}) };
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}
