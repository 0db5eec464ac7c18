/**
 * npm run eval:similar [-- --verbose]
 *
 * Precision@3 of "similar past incidents" (src/core/search/similarIncidents.ts) on the
 * labelled set of real public incidents (scripts/eval/similarSet.ts), for
 * BM25F (the default), TF-IDF cosine over the same weighted fields, and a
 * baseline: TF-IDF cosine over all the text in one bag, without fields.
 * Classes with fewer than 3 members cap precision@3 below 1 for themselves;
 * each class here has at least 4, so 1.0 is reachable.
 */
import { join } from 'node:path';
import { evaluateSimilar, loadSimilarSet } from './similarSet';

const verbose = process.argv.includes('--verbose');
const cases = loadSimilarSet(join(__dirname, '..', '..', '..'));
const classes = [...new Set(cases.map((c) => c.class))];
console.log(`${cases.length} incidents from ${new Set(cases.map((c) => c.company)).size} companies' public postmortems, ${classes.length} cause classes`);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const results = (['bm25', 'tfidf', 'baseline'] as const).map((m) => evaluateSimilar(cases, m));
console.log('\n| Method | Precision@3 | First is alike |');
console.log('| --- | --: | --: |');
for (const r of results)
  console.log(
    `| ${r.method === 'bm25' ? 'BM25F, weighted fields (default)' : r.method === 'tfidf' ? 'TF-IDF cosine, weighted fields' : 'Baseline: TF-IDF cosine, one bag of words'} | ${pct(r.precisionAt3)} | ${pct(r.hitAt1)} |`,
  );
console.log('\nPrecision@3 per class (BM25F / baseline):');
for (const cls of classes)
  console.log(
    `  ${cls.padEnd(22)} ${String(results[0]!.perClass.get(cls)!.cases).padStart(2)} cases  ${pct(results[0]!.perClass.get(cls)!.precisionAt3).padStart(7)} / ${pct(results[2]!.perClass.get(cls)!.precisionAt3).padStart(7)}`,
  );
if (verbose) {
  console.log('\nMisses (BM25F): case → top 3');
  for (const m of results[0]!.misses) console.log(`  ${m.id} (${m.class}) → ${m.top.map((t) => `${t.id} (${t.class})`).join(', ')}`);
}
