/**
 * A synthetic workspace of N incidents shaped like INC-023 (15-30 timeline
 * entries, 5-10 actions, 2-6 code links with symbols and globs over a tree of
 * 5,000 source paths, keywords), action records for a third of them and 1%
 * broken files. Deterministic from the seed: the same N and seed give the
 * same bytes.
 *
 *   node out/scripts/bench/generate.js DIR [--incidents N] [--seed S]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface GeneratedWorkspace {
  readonly root: string;
  readonly incidents: number;
  readonly files: number;
  readonly bytes: number;
  readonly sourcePaths: readonly string[];
  /** Queries whose expected first hit is known, for the search benchmark. */
  readonly queries: ReadonlyArray<{ kind: string; query: string; expected: string }>;
}

/** mulberry32: small, fast, good enough, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  'payments',
  'checkout',
  'auth',
  'notifications',
  'search',
  'billing',
  'inventory',
  'shipping',
  'ledger',
  'profile',
  'catalog',
  'gateway',
  'reports',
  'fraud',
  'pricing',
  'orders',
];
const VENDORS = [
  'Stripe',
  'Twilio',
  'SendGrid',
  'Auth0',
  'Algolia',
  'Kafka',
  'Redis',
  'Postgres',
  'S3',
  'Datadog',
  'PagerDuty',
  'Segment',
  'Shopify',
  'Adyen',
  'Okta',
  'Elastic',
];
const PROBLEMS = [
  'timeout',
  'type mismatch',
  'null pointer',
  'rate limit',
  'memory leak',
  'deadlock',
  'stale cache',
  'retry storm',
  'schema drift',
  'clock skew',
  'expired certificate',
  'connection pool exhaustion',
  'off-by-one',
  'encoding error',
  'race condition',
  'missing index',
];
const SYMPTOMS = [
  '500 errors',
  'slow responses',
  'duplicate charges',
  'lost messages',
  'logouts',
  'wrong totals',
  'empty results',
  'failed logins',
  'stuck jobs',
  'missing emails',
  'blank page',
  'high latency',
];
const PEOPLE = ['Ali', 'Zeynep', 'Mehmet', 'Selin', 'Burak', 'Deniz', 'Ayşe', 'Can', 'Elif', 'Emre', 'Ece', 'Kerem'];
const WORDS =
  'the handler returned a value the client did not expect and the deploy went out without a test for that path so errors grew until the alert fired and the team rolled back while users waited on retries'.split(
    ' ',
  );
/** Rare words planted once each, so a query has exactly one right answer. */
const RARE = [
  'zephyrine',
  'quillmoth',
  'brackenfold',
  'emberlight',
  'thistlewick',
  'marrowgate',
  'cobaltine',
  'wrenhollow',
  'saffrontide',
  'glimmerock',
  'driftmoss',
  'hollowmere',
  'ravenshale',
  'frostquill',
  'ambervale',
  'nettlebrook',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function sentence(r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(r, WORDS));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

function q(s: string): string {
  return JSON.stringify(s);
}

export function sourceTree(count = 5000): string[] {
  const paths: string[] = [];
  for (let i = 0; paths.length < count; i++) {
    const service = SERVICES[i % SERVICES.length]!;
    const module = `m${Math.floor(i / SERVICES.length) % 40}`;
    paths.push(`src/${service}/${module}/file${i}.ts`);
  }
  return paths;
}

/** Writes the source files the generated links point at (so link checks and CodeLens find them). */
export function writeSourceTree(root: string, paths: readonly string[]): void {
  for (const p of paths) {
    const abs = join(root, ...p.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, 'export {};\n');
  }
}

export function generateWorkspace(root: string, incidents = 10_000, seed = 23): GeneratedWorkspace {
  const r = rng(seed);
  const paths = sourceTree();
  rmSync(root, { recursive: true, force: true });
  const dir = join(root, '.incidents');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    writeFileSync(join(root, rel), text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const queries: Array<{ kind: string; query: string; expected: string }> = [];
  const rareAt = new Map<number, string>();
  RARE.forEach((w, i) => rareAt.set(Math.floor(((i + 0.5) / RARE.length) * incidents), w));

  for (let n = 1; n <= incidents; n++) {
    const id = `INC-${String(n).padStart(3, '0')}`;
    const service = pick(r, SERVICES);
    const vendor = pick(r, VENDORS);
    const problem = pick(r, PROBLEMS);
    const symptom = pick(r, SYMPTOMS);
    const rare = rareAt.get(n);
    const title = `${vendor} ${service} ${symptom} after ${problem}${rare ? ` in ${rare}` : ''}`;
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 2000) * 86_400_000).toISOString().slice(0, 10);
    const startMin = 8 * 60 + Math.floor(r() * 600);
    const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const entries = 15 + Math.floor(r() * 16);
    let t = startMin;
    const timeline: string[] = [];
    for (let e = 0; e < entries; e++) {
      const kind = e === 0 ? 'event' : pick(r, ['event', 'finding', 'decision', 'action', 'communication']);
      const milestone = e === 0 ? 'detected' : e === 1 ? 'acknowledged' : e === entries - 3 ? 'mitigated' : e === entries - 1 ? 'resolved' : undefined;
      timeline.push(
        `  - at: "${clock(t)}"\n    author: ${pick(r, PEOPLE)}\n    kind: ${kind}\n${milestone ? `    milestone: ${milestone}\n` : ''}    text: ${q(sentence(r, 8, 22))}`,
      );
      t += 1 + Math.floor(r() * 9);
    }
    const end = t;
    const actions: string[] = [];
    const actionCount = 5 + Math.floor(r() * 6);
    for (let a = 0; a < actionCount; a++) {
      actions.push(`  - text: ${q(sentence(r, 4, 10))}\n    owner: ${pick(r, PEOPLE)}\n    done: ${r() < 0.8}`);
    }
    const links: string[] = [];
    const linkCount = 2 + Math.floor(r() * 5);
    for (let l = 0; l < linkCount; l++) {
      const p = pick(r, paths);
      const roll = r();
      if (roll < 0.15) links.push(`  - path: ${p.split('/').slice(0, 3).join('/')}/**/*.ts`);
      else if (roll < 0.25) links.push(`  - path: ${p.split('/').slice(0, 3).join('/')}/`);
      else links.push(`  - path: ${p}\n    symbol: handle${vendor}${l}\n    note: ${q(sentence(r, 3, 8))}`);
    }
    const closed = r() < 0.9;
    const duration = end - startMin;
    const text = `# Synthetic incident ${id}, generated for the benchmark.
id: ${id}
title: ${q(title)}
status: ${closed ? 'closed' : pick(r, ['active', 'resolved', 'postmortem-pending'])}
priority: ${pick(r, ['P1', 'P2', 'P2', 'P3', 'P3', 'P4'])}
start: ${day}T${clock(startMin)}:00+00:00
detected:
  how: monitoring
  source: ${q(`${vendor} alert on ${service}`)}
resolution: ${day}T${clock(end)}:00+00:00
duration: ${Math.floor(duration / 60)}h ${duration % 60}m
roles:
  incidentLead: ${pick(r, PEOPLE)}
  commsOwner: ${pick(r, PEOPLE)}
  onCall: ${pick(r, PEOPLE)}
impact:
  system: ${q(`${service[0]!.toUpperCase()}${service.slice(1)} service`)}
  feature: ${q(`${vendor} integration`)}
  users:
    estimate: ${Math.floor(r() * 5000)}
  business: ${q(sentence(r, 6, 14))}
timeline:
${timeline.join('\n')}
actions:
${actions.join('\n')}
rootCause:
  initialHypothesis: ${q(`${problem} in the ${vendor} client`)}
  confirmed: ${q(`${sentence(r, 12, 24)} The ${problem} came from the ${vendor} ${service} code path.`)}
  trigger:
    text: ${q(`Deploy of ${service} at ${clock(startMin - 20)}`)}
    ref: ${q(((n * 2654435761) >>> 0).toString(16))}
  aiConnection: ${pick(r, ['ai-generated-code', 'ai-deploy-speed', 'not-related', 'not-related'])}
learning:
  lesson: ${q(`${sentence(r, 10, 20)} Always state the ${vendor} constraints.`)}
  promptTemplate: ${q(`When writing ${vendor} integration code, the following constraints apply: [type requirements], [format rules].`)}
links:
${links.join('\n')}
keywords: [${[service, vendor.toLowerCase(), problem.split(' ')[0]!, ...(rare ? [rare] : [])].map(q).join(', ')}]
`;
    // 1% broken: a YAML error or a schema error, as a hurried hand edit would leave.
    const broken = r() < 0.01;
    write(`.incidents/${id}.yaml`, broken ? (r() < 0.5 ? text.replace('status: ', 'status: [') : text.replace(/priority: P\d/, 'priority: P7')) : text);
    if (r() < 0.33) {
      const k = 1 + Math.floor(r() * 3);
      for (let a = 1; a <= k; a++) {
        const aid = `ACTION-INC${String(n).padStart(3, '0')}-${a}`;
        write(
          `.incidents/actions/${aid}.yaml`,
          `id: ${aid}\nincident: ${id}\ntitle: ${q(sentence(r, 4, 9))}\nowner: ${pick(r, PEOPLE)}\ndeadline: ${day}\nterm: ${pick(r, ['short', 'medium', 'long'])}\nstatus: ${pick(r, ['open', 'in-progress', 'done'])}\nlinks:\n  - path: ${pick(r, paths)}\n`,
        );
      }
    }
    if (rare && !broken) {
      queries.push({ kind: 'word', query: rare, expected: id });
      queries.push({ kind: 'two words', query: `${vendor} ${rare}`, expected: id });
      queries.push({ kind: 'typo', query: rare.slice(0, 3) + rare[4] + rare[3] + rare.slice(5), expected: id });
    }
  }
  const idNumber = Math.max(1, Math.floor(incidents * 0.37));
  queries.push({ kind: 'id', query: `INC-${String(idNumber).padStart(3, '0')}`, expected: `INC-${String(idNumber).padStart(3, '0')}` });
  return { root, incidents, files, bytes, sourcePaths: paths, queries };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: generate DIR [--incidents N] [--seed S]');
    process.exit(2);
  }
  const opt = (name: string, d: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const ws = generateWorkspace(dir, opt('--incidents', 10_000), opt('--seed', 23));
  console.log(`${ws.incidents} incidents, ${ws.files} files, ${(ws.bytes / 1e6).toFixed(1)} MB in ${dir}`);
}
