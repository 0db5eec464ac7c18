/**
 * A real git history for a copy of the demo workspace, told as INC-023
 * happened (times +03:00 on 2025-03-18): unrelated work the day before, the
 * 14:15 deploy that updated the Stripe webhook handler, a checkout change
 * 13 minutes later, the 15:02 revert, the fix on branch fix/inc-023-… merged
 * at 16:45, and the postmortem's records the next morning. The last commit
 * leaves the folder exactly as it was copied.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gitPath } from './run';

const WEBHOOK = 'src/payments/stripeWebhook.ts';

/** The handler before the 14:15 deploy: no toStripeAmount, amount converted inline. */
const WEBHOOK_BEFORE = `import { toMinorUnits, type Money } from './money';

export interface StripeEvent {
  readonly id: string;
  readonly type: 'payment_intent.succeeded' | 'payment_intent.payment_failed';
  readonly data: { readonly order: string; readonly total: Money };
}

export interface StripeCharge {
  readonly order: string;
  /** Stripe requires an integer amount in minor units. */
  readonly amount: number;
  readonly currency: string;
}

export function handleStripeWebhook(event: StripeEvent): StripeCharge | undefined {
  if (event.type !== 'payment_intent.succeeded') return undefined;
  return {
    order: event.data.order,
    amount: toMinorUnits(event.data.total.amount),
    currency: event.data.total.currency,
  };
}
`;

/** The 14:15 deploy, written with an AI assistant: the amount leaves as the Decimal string. */
const WEBHOOK_DEPLOYED = `import { type Money } from './money';

export interface StripeEvent {
  readonly id: string;
  readonly type: 'payment_intent.succeeded' | 'payment_intent.payment_failed';
  readonly data: { readonly order: string; readonly total: Money };
}

export interface StripeCharge {
  readonly order: string;
  /** Stripe requires an integer amount in minor units. */
  readonly amount: number;
  readonly currency: string;
}

/** The charge amount for Stripe, from the order total. */
export function toStripeAmount(total: Money): number {
  // The total is already a decimal amount ("12.50").
  return total.amount as unknown as number;
}

export function handleStripeWebhook(event: StripeEvent): StripeCharge | undefined {
  if (event.type !== 'payment_intent.succeeded') return undefined;
  const total = event.data.total;
  return {
    order: event.data.order,
    amount: toStripeAmount(total),
    currency: total.currency.toLowerCase(),
  };
}
`;

interface Step {
  readonly at: string;
  readonly author: string;
  readonly message: string;
  /** Files written (path → text) before committing; "final" writes the copied text. */
  readonly files: Record<string, string | 'final'>;
  readonly branch?: string;
}

/** The text with one line left out: an earlier version a later commit completes. */
function withoutLine(text: string, pattern: RegExp): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => pattern.test(l));
  if (i < 0) return `${text}\n`;
  lines.splice(i, 1);
  return lines.join('\n');
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === '.git') return [];
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? listFiles(root, abs) : [relative(root, abs).split('\\').join('/')];
  });
}

/** Gives `root` (a fresh copy of examples/payments-demo) its history; does nothing when it already is a git repository. Returns the SHAs by step name. */
export function writeDemoHistory(root: string): Record<'deploy' | 'checkout' | 'revert' | 'fix' | 'merge', string> | undefined {
  if (existsSync(join(root, '.git'))) return undefined;
  const final = new Map(listFiles(root).map((p) => [p, readFileSync(join(root, p), 'utf8')] as const));
  const code = [...final.keys()].filter((p) => !p.startsWith('.incidents/'));
  const run = (args: string[], at?: string, author = 'Fixture') =>
    execFileSync(gitPath(), ['-c', `user.name=${author}`, '-c', `user.email=${author.toLowerCase()}@example.invalid`, '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}) },
    }).trim();
  const put = (path: string, text: string) => writeFileSync(join(root, path), text);
  const f = (p: string) => final.get(p) ?? '';

  // Earlier versions of the files later commits touch; the records come with the postmortem.
  for (const p of final.keys()) if (p.startsWith('.incidents/')) execFileSync('rm', ['-f', join(root, p)]);
  put(WEBHOOK, WEBHOOK_BEFORE);
  if (final.has('src/auth/session.ts')) put('src/auth/session.ts', withoutLine(f('src/auth/session.ts'), /\S/));
  if (final.has('src/notifications/emailWorker.ts')) put('src/notifications/emailWorker.ts', withoutLine(f('src/notifications/emailWorker.ts'), /\S/));
  if (final.has('src/payments/checkout.ts')) put('src/payments/checkout.ts', withoutLine(f('src/payments/checkout.ts'), /\S/));
  if (final.has('README.md')) put('README.md', withoutLine(f('README.md'), /\S/));

  run(['init', '-q', '-b', 'main']);
  run(['add', '--', ...code]);
  run(['commit', '-qm', 'Initial import of the payments service'], '2025-03-10T10:00:00+03:00', 'Mehmet');

  const steps: Array<Step & { name?: 'deploy' | 'checkout' | 'revert' | 'fix' | 'merge' }> = [
    { at: '2025-03-17T11:20:00+03:00', author: 'Zeynep', message: 'auth: tighten session expiry', files: { 'src/auth/session.ts': 'final' } },
    { at: '2025-03-17T16:05:00+03:00', author: 'Mehmet', message: 'docs: how to run the service locally', files: { 'README.md': 'final' } },
    {
      at: '2025-03-18T11:30:00+03:00',
      author: 'Zeynep',
      message: 'notifications: retry e-mail sends with backoff',
      files: { 'src/notifications/emailWorker.ts': 'final' },
    },
    {
      name: 'deploy',
      at: '2025-03-18T14:15:00+03:00',
      author: 'Ali',
      message: 'Update Stripe webhook handler\n\nGenerated with Claude: amount conversion moved into toStripeAmount, currency lower-cased.',
      files: { [WEBHOOK]: WEBHOOK_DEPLOYED },
    },
    {
      name: 'checkout',
      at: '2025-03-18T14:28:00+03:00',
      author: 'Mehmet',
      message: 'checkout: tidy the order summary',
      files: { 'src/payments/checkout.ts': 'final' },
    },
  ];
  const shas: Partial<Record<'deploy' | 'checkout' | 'revert' | 'fix' | 'merge', string>> = {};
  const commitStep = (s: Step & { name?: keyof typeof shas }) => {
    for (const [p, text] of Object.entries(s.files)) if (final.has(p) || text !== 'final') put(p, text === 'final' ? f(p) : text);
    run(['add', '--', ...Object.keys(s.files).filter((p) => existsSync(join(root, p)))]);
    run(['commit', '-qm', s.message], s.at, s.author);
    const sha = run(['rev-parse', 'HEAD']);
    if (s.name) shas[s.name] = sha;
  };
  steps.forEach(commitStep);

  run(['revert', '--no-edit', shas.deploy!], '2025-03-18T15:02:00+03:00', 'Mehmet');
  shas.revert = run(['rev-parse', 'HEAD']);

  run(['checkout', '-q', '-b', 'fix/inc-023-stripe-amount']);
  commitStep({
    name: 'fix',
    at: '2025-03-18T16:40:00+03:00',
    author: 'Ali',
    message:
      'Stripe amount: integer minor units, validated\n\nReapplies the webhook update with toStripeAmount converting the Decimal total to integer minor units and rejecting anything else.',
    files: { [WEBHOOK]: 'final' },
  });
  run(['checkout', '-q', 'main']);
  run(['merge', '--no-ff', '-q', '-m', "Merge branch 'fix/inc-023-stripe-amount'", 'fix/inc-023-stripe-amount'], '2025-03-18T16:45:00+03:00', 'Ali');
  shas.merge = run(['rev-parse', 'HEAD']);

  for (const [p, text] of final) put(p, text);
  run(['add', '-A']);
  run(['commit', '-qm', 'Postmortem for INC-023: records, actions and runbook'], '2025-03-19T10:00:00+03:00', 'Ali');
  return shas as Record<'deploy' | 'checkout' | 'revert' | 'fix' | 'merge', string>;
}
