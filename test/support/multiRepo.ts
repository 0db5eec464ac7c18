/** Three real repositories side by side: a central incidents repository and two services reading it as a record source. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A central incidents repository and two service repositories beside it, each a real clone with its remote. */
export function multiRepo(base = mkdtempSync(join(tmpdir(), 'incident-lens-multi-'))): {
  dir: string;
  write: (p: string, t: string) => void;
  git: (repo: string, ...a: string[]) => string;
} {
  const dir = base;
  const write = (p: string, t: string) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  };
  const gitAt = (at: string | undefined, repo: string, ...a: string[]) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...a], {
      cwd: join(dir, repo),
      encoding: 'utf8',
      env: { ...process.env, ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}) },
    });
  const git = (repo: string, ...a: string[]) => gitAt(undefined, repo, ...a);
  write(
    'incidents/.incidents/INC-500.yaml',
    `id: INC-500
title: Checkout charged twice
status: resolved
priority: P2
start: 2026-10-02T10:00:00+02:00
resolution: 2026-10-02T11:30:00+02:00
rootCause:
  confirmed: The charge retried without an idempotency key.
links:
  - repo: git@github.com:acme/payments.git
    path: src/charge.ts
    symbol: charge
  - repo: https://github.com/acme/web
    path: app/checkout/[step]/page.tsx
  # Unqualified: a file of the incidents repository itself, never a service's.
  - path: src/charge.ts
`,
  );
  write('incidents/src/charge.ts', '// the incidents repository has its own tooling\n');
  write('payments/src/charge.ts', 'export function charge(amount: number): number {\n  return amount;\n}\n');
  write('payments/src/refund.ts', 'export function refund(): void {}\n');
  write('payments/.incident-lens.yaml', 'sources:\n  - path: ../incidents\n    name: acme incidents\n');
  write('web/app/checkout/[step]/page.tsx', 'export default function Page() { return null; }\n');
  write('web/.incident-lens.yaml', 'sources:\n  - ../incidents\n');
  for (const [repo, remote] of [
    ['incidents', 'git@github.com:acme/incidents.git'],
    ['payments', 'https://ci-bot:ghs_token@github.com/acme/payments.git'],
    ['web', 'ssh://git@github.com/acme/web'],
  ] as const) {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'remote', 'add', 'origin', remote);
    git(repo, 'add', '-A');
    gitAt('2026-09-01T09:00:00+02:00', repo, 'commit', '-qm', 'init');
  }
  // The change that triggered INC-500, 25 minutes before it started.
  write('payments/src/charge.ts', 'export function charge(amount: number): number {\n  const retried = amount;\n  return retried;\n}\n');
  git('payments', 'add', '-A');
  gitAt('2026-10-02T09:35:00+02:00', 'payments', 'commit', '-qm', 'charge: retry on gateway timeout');
  return { dir, write, git };
}
