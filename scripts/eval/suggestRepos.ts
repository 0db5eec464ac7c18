/**
 * The repositories of the held-out evaluation of suspect commits
 * (scripts/eval/suggest.ts). Weights and rules of src/core/git/rank.ts are
 * chosen on the "tune" half only; the README reports the "held-out" half.
 * The split was fixed before any held-out case was run, and is by repository
 * (not by case) so that a repository's habits (its release bot, its folder
 * names) cannot leak from one half into the other.
 *
 * None of them is kept in this project: `npm run eval:suggest -- --clone`
 * clones the missing ones (full history, no checkout) under --dir.
 */

export type Split = 'tune' | 'held-out';

export interface EvalRepo {
  /** owner/name on GitHub. */
  readonly name: string;
  readonly split: Split;
  /** The shape of history it stands for. */
  readonly shape: string;
}

export const EVAL_REPOS: readonly EvalRepo[] = [
  // Tuned on: the three the first version was measured (and tuned) on, and two more.
  { name: 'flutter/cocoon', split: 'tune', shape: 'service (CI backend, Dart), small' },
  { name: 'denoland/deno', split: 'tune', shape: 'runtime monorepo (crates, ext/), release commits' },
  { name: 'electron/electron', split: 'tune', shape: 'release trains, bot version bumps' },
  { name: 'withastro/astro', split: 'tune', shape: 'JS monorepo, changesets release bot' },
  { name: 'ethereum-optimism/optimism', split: 'tune', shape: 'services monorepo (Go, TS)' },
  // Held out: never run while choosing weights and rules.
  { name: 'vitejs/vite', split: 'held-out', shape: 'JS monorepo, release commits per package' },
  { name: 'renovatebot/renovate', split: 'held-out', shape: 'bot-heavy (dependency bot), semantic-release tags' },
  { name: 'outline/outline', split: 'held-out', shape: 'service (web app, server + client)' },
  { name: 'prettier/prettier', split: 'held-out', shape: 'library / tool, release commits' },
  { name: 'colinhacks/zod', split: 'held-out', shape: 'small library' },
  { name: 'axios/axios', split: 'held-out', shape: 'small library, release bot' },
];

/** The folder a repository is cloned into under --dir: owner+name. */
export function cloneFolder(name: string): string {
  return name.replace('/', '+');
}
