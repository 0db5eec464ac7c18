/**
 * Records in many YAML spellings, for the differential tests (the load cache,
 * the record-head reader): anchors and aliases, flow style, comments, block
 * and folded strings, quoted scalars, odd indentation, and broken files.
 */
import fc from 'fast-check';

const scalar = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => JSON.stringify(s)),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.()-]{0,30}[A-Za-z0-9.)]$/),
  fc.string({ maxLength: 20 }).map((s) => `'${s.replace(/'/g, "''").replace(/[\n\r]/g, ' ')}'`),
);
const blockText = fc.tuple(
  fc.constantFrom('|', '>', '|-', '>+', '|2'),
  fc.array(fc.stringMatching(/^[A-Za-z0-9 .,:#'"-]{0,40}$/), { minLength: 1, maxLength: 4 }),
);

/** A record in one of many YAML spellings (and sometimes a broken one). */
export const fuzzedRecord = fc.record({
  n: fc.integer({ min: 1, max: 9999 }),
  title: scalar,
  indent: fc.constantFrom(2, 3, 4),
  seqIndent: fc.boolean(),
  flowLinks: fc.boolean(),
  comments: fc.boolean(),
  anchor: fc.boolean(),
  text: blockText,
  status: fc.constantFrom('active', 'resolved', 'closed', 'resovled', 42),
  priority: fc.constantFrom('P1', 'P2', 'p3', 'P9', '~'),
  extra: fc.constantFrom('', 'owner: sre-team\n', 'duplicate: 1\nduplicate: 2\n', 'title: [unclosed\n', 'unknownField: {a: [1, 2]}\n', '\t- tab\n'),
});

export function spell(r: typeof fuzzedRecord extends fc.Arbitrary<infer T> ? T : never): { id: string; text: string } {
  const id = `INC-${String(r.n).padStart(3, '0')}`;
  const pad = ' '.repeat(r.indent);
  const dash = r.seqIndent ? `${pad}- ` : '- ';
  const cont = r.seqIndent ? `${pad}  ` : '  ';
  const c = (s: string) => (r.comments ? ` # ${s}` : '');
  const [style, lines] = r.text;
  const body = lines.map((l) => `${cont}${pad}${l}`).join('\n');
  const out = [
    ...(r.comments ? ['# a record, fuzzed', '---'] : []),
    `id: ${id}${c('the id')}`,
    `title: ${r.title}`,
    `status: ${r.status}${c('status')}`,
    `priority: ${r.priority}`,
    'start: 2026-03-01T10:00:00+02:00',
    'resolution: "2026-03-01T12:30:00Z"',
    'timeline:',
    `${dash}at: "10:05"${c('clock time')}`,
    `${cont}kind: event`,
    `${cont}text: ${r.anchor ? '&first ' : ''}${style}`,
    body,
    `${dash}at: 2026-03-01T11:00:00+02:00`,
    `${cont}kind: decision`,
    `${cont}text: ${r.anchor ? '*first' : '"second"'}`,
    r.flowLinks
      ? 'links: [{path: src/a.ts, symbol: handler}, {path: "src/dir/"}, {path: src/**/*.go}]'
      : `links:\n${dash}path: src/a.ts\n${cont}symbol: handler\n${dash}path: "src/dir/"`,
    r.extra,
  ];
  return { id, text: `${out.join('\n')}\n` };
}
