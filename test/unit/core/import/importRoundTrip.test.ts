/**
 * Property: a record exported as a postmortem (export.ts) and imported back
 * (import/markdown.ts) is the record it was, in every field the export
 * carries. Texts are compared with their whitespace collapsed (Markdown
 * paragraphs are how the export writes them); times as instants.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { postmortemMarkdown } from '../../../../src/core/present/postmortemExport';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';
import { planImport } from '../../../../src/core/import/plan';
import { buildIncident, type Incident } from '../../../../src/core/records/model';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { AI_CONNECTIONS, DETECTION_METHODS, ENTRY_KINDS, MILESTONES, PRIORITIES, STATUSES, type IncidentRecord } from '../../../../src/core/records/schema';
import { formatInstant } from '../../../../src/core/time/recordTime';

const SCALE = Number(process.env.FC_SCALE ?? '1');

// Words with every character Markdown could take for markup.
const word = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('payment', 'Stripe', 'webhook', 'a', 'of', '500', 'x.ts', 'snake_case', 'INC-023', 'p95', '10%', 'über', '日本', '✓'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '*',
      '_x_',
      '**b**',
      '`code`',
      '\\',
      '[link](x)',
      '<b>',
      '&amp;',
      '~~',
      '#',
      '1.',
      '-',
      '+',
      '|',
      '(',
      ')',
      '(a)',
      '[x]',
      '!',
      ':',
      '—',
      '"q"',
      "it's",
    ),
  },
);
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const offset = fc.constantFrom('Z', '+03:00', '-05:00', '+05:30');

const record = fc
  .record({
    title: text,
    status: fc.constantFrom(...STATUSES),
    priority: fc.constantFrom(...PRIORITIES),
    startMin: fc.integer({ min: 0, max: 600_000 }),
    offset,
    durationMin: fc.integer({ min: 5, max: 3 * 24 * 60 }),
    detected: opt(fc.record({ how: fc.constantFrom(...DETECTION_METHODS), source: opt(text) }, { requiredKeys: ['how'] })),
    impact: opt(fc.record({ system: opt(text), feature: opt(text), users: opt(fc.record({ text })), business: opt(text) })),
    rootCause: opt(
      fc.record({
        initialHypothesis: opt(text),
        confirmed: opt(text),
        trigger: opt(fc.record({ text: opt(text), ref: opt(fc.constantFrom('deploy-1415', 'a1b2c3d', 'v2.14')) })),
        aiConnection: opt(fc.constantFrom(...AI_CONNECTIONS)),
        note: opt(text),
      }),
    ),
    postmortem: opt(
      fc.record({
        status: opt(fc.constantFrom('pending', 'in-progress', 'complete' as const)),
        owner: opt(text),
        summary: opt(text),
        whyNotCaught: opt(text),
        whyTookLong: opt(text),
      }),
    ),
    learning: opt(fc.record({ lesson: opt(text), promptTemplate: opt(text) })),
    entries: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 600 }),
        author: opt(text),
        kind: opt(fc.constantFrom(...ENTRY_KINDS)),
        milestone: opt(fc.constantFrom(...MILESTONES)),
        text,
      }),
      { maxLength: 6 },
    ),
  })
  .map((g): IncidentRecord => {
    const off = g.offset === 'Z' ? 0 : (g.offset.startsWith('-') ? -1 : 1) * (Number(g.offset.slice(1, 3)) * 60 + Number(g.offset.slice(4, 6)));
    const at = (min: number) => formatInstant({ ms: Date.UTC(2024, 0, 1) + min * 60_000, offsetMinutes: off });
    let t = g.startMin;
    const seen = new Set<string>();
    const timeline = g.entries.map((e) => {
      t += e.gap;
      const m = e.milestone && !seen.has(e.milestone) ? e.milestone : undefined;
      if (m) seen.add(m);
      return { at: at(t), ...(e.author ? { author: e.author } : {}), ...(e.kind ? { kind: e.kind } : {}), ...(m ? { milestone: m } : {}), text: e.text };
    });
    const done = g.status !== 'active';
    return {
      id: 'INC-007',
      title: g.title,
      status: g.status,
      priority: g.priority,
      start: at(g.startMin),
      ...(done ? { resolution: at(Math.max(t, g.startMin) + g.durationMin) } : {}),
      ...(g.detected ? { detected: g.detected } : {}),
      ...(g.impact ? { impact: g.impact } : {}),
      ...(g.rootCause ? { rootCause: g.rootCause } : {}),
      ...(g.postmortem ? { postmortem: g.postmortem } : {}),
      ...(g.learning ? { learning: g.learning } : {}),
      ...(timeline.length ? { timeline } : {}),
    } as IncidentRecord;
  });

const flat = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() || undefined : s);

/** The fields the export carries, comparable. */
function view(i: Incident) {
  const r = i.record;
  return {
    title: flat(r.title),
    status: r.status,
    priority: r.priority,
    start: i.start?.ms,
    resolution: i.resolution?.ms,
    detected: r.detected && { how: r.detected.how, source: flat(r.detected.source) },
    impact: [r.impact?.system, r.impact?.feature, r.impact?.users?.text, r.impact?.business].map(flat),
    rootCause: [r.rootCause?.initialHypothesis, r.rootCause?.confirmed, r.rootCause?.trigger?.text, r.rootCause?.trigger?.ref, r.rootCause?.note].map(flat),
    ai: i.aiConnections,
    postmortem: [r.postmortem?.status, r.postmortem?.owner, r.postmortem?.summary, r.postmortem?.whyNotCaught, r.postmortem?.whyTookLong].map(flat),
    learning: [r.learning?.lesson, r.learning?.promptTemplate].map(flat),
    timeline: i.timeline.map((e) => ({
      at: e.at?.ms,
      author: flat(e.entry.author),
      kind: e.entry.kind,
      milestone: e.entry.milestone,
      text: flat(e.entry.text),
    })),
  };
}

describe('export → import round trip (property)', () => {
  it('every field the export carries comes back', () => {
    let n = 0;
    fc.assert(
      fc.property(record, (r) => {
        const original = buildIncident('.incidents/INC-007.yaml', r).incident;
        const md = postmortemMarkdown(original, []);
        const { drafts, problems } = parseMarkdownPostmortem(md, { file: 'INC-007.md' });
        assert.deepEqual(problems, []);
        const [item] = planImport(drafts, { incidents: [], actions: [], ids: [] }, { folder: '.incidents', actionsFolder: '.incidents/actions' });
        assert.equal(item?.status, 'create', item?.changes.join('; '));
        assert.equal(item!.id, 'INC-007', 'the id is kept when free');
        const parsed = parseRecordText(item!.file!, item!.text!);
        assert.deepEqual(
          parsed.diagnostics.filter((d) => d.severity === 'error'),
          [],
        );
        assert.deepEqual(view(parsed.record as Incident), view(original), md);
        n++;
      }),
      { numRuns: Math.max(20, Math.round(400 * SCALE)), seed: 20_261_128 },
    );
    assert.ok(n >= 20);
  });
});
