/**
 * The compact word index (typed arrays of postings) against the plain model
 * it replaced, a Map of Maps: after every step of random adds, re-adds and
 * removes (fast-check), each word holds the same documents with the same
 * best weights, and a query word expands to the same vocabulary words as an
 * index built afresh from what is held.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { WordIndex } from '../../../../src/core/search/wordIndex';
import { readSearchWords } from '../../../../src/core/search/searchWords';

const VOCABULARY = ['stripe', 'strip', 'webhook', 'webhok', 'retry', 'retries', 'queue', 'payments', 'payment', 'timeout', 'zephyr', 'a1', 'données'];
const WEIGHTS = [4, 3, 2, 1.5, 1, 0.75, 0.5];

/** A document's words as searchWords.ts encodes them: "weight\tword word…" lines. */
function encode(words: ReadonlyArray<readonly [string, number]>): string {
  const byWeight = new Map<number, string[]>();
  for (const [w, weight] of words) byWeight.set(weight, [...(byWeight.get(weight) ?? []), w]);
  return [...byWeight].map(([weight, list]) => `${weight}\t${list.join(' ')}`).join('\n');
}

/** The model: word → document → best weight. */
class Model {
  readonly postings = new Map<string, Map<number, number>>();
  add(d: number, list: ReadonlyArray<readonly [string, number]>): void {
    for (const [w, weight] of list) {
      const p = this.postings.get(w) ?? new Map<number, number>();
      this.postings.set(w, p);
      if ((p.get(d) ?? 0) < weight) p.set(d, weight);
    }
  }
  remove(d: number, words: readonly string[]): void {
    for (const w of words) {
      this.postings.get(w)?.delete(d);
      if (this.postings.get(w)?.size === 0) this.postings.delete(w);
    }
  }
}

const doc = fc.uniqueArray(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...WEIGHTS)), { selector: ([w]) => w, maxLength: 8 });
const step = fc.oneof(
  fc.record({ op: fc.constant('add' as const), d: fc.nat(30), words: doc }),
  fc.record({ op: fc.constant('remove' as const), d: fc.nat(30) }),
  fc.record({ op: fc.constant('removeEverywhere' as const), d: fc.nat(30) }),
);

describe('the compact word index of search', () => {
  it('holds what a Map per word holds after any adds and removes, and expands query words alike', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const index = new WordIndex();
        const model = new Model();
        const held = new Map<number, ReadonlyArray<readonly [string, number]>>();
        for (const s of steps) {
          if (s.op === 'add') {
            // A document is added once until removed (as IncidentSearch does with its slots).
            if (held.has(s.d)) continue;
            const encoded = encode(s.words);
            index.addEncoded(s.d, encoded);
            model.add(s.d, readSearchWords(encoded));
            held.set(s.d, s.words);
          } else {
            const words = held.get(s.d);
            if (!words) continue;
            if (s.op === 'remove') index.remove(s.d, words);
            else index.removeEverywhere(s.d);
            model.remove(s.d, [...model.postings.keys()]);
            held.delete(s.d);
          }
          for (const w of VOCABULARY) {
            const got = new Map<number, number>();
            index.forEachDoc(w, (d, weight) => got.set(d, weight));
            const want = model.postings.get(w) ?? new Map<number, number>();
            assert.equal(index.count(w), want.size, w);
            assert.deepEqual(
              [...got].sort((a, b) => a[0] - b[0]),
              [...want].sort((a, b) => a[0] - b[0]),
              w,
            );
          }
          // The vocabulary kept up to date step by step expands query words as one built afresh from what is held.
          const fresh = new WordIndex();
          for (const [w, p] of model.postings) for (const [d, weight] of p) fresh.addEncoded(d, `${weight}\t${w}`);
          for (const token of ['strip', 'webhok', 'retrie', 'zepyhr', 'paymnts', 'donnees', 'queue'])
            assert.deepEqual(index.expand(token), fresh.expand(token), token);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads the encoded lines as searchWords.ts writes them (weights, several lines, stray spaces)', () => {
    const index = new WordIndex();
    index.addEncoded(0, '3\tstripe webhook\n1.5\tqueue  retry \n0.5\tstripe');
    index.addEncoded(1, 'no tab here\n2\tqueue');
    const of = (w: string) => {
      const out: Array<[number, number]> = [];
      index.forEachDoc(w, (d, weight) => out.push([d, weight]));
      return out;
    };
    assert.deepEqual(of('stripe'), [[0, 3]]);
    assert.deepEqual(of('queue'), [
      [0, 1.5],
      [1, 2],
    ]);
    assert.deepEqual(of('retry'), [[0, 1.5]]);
    assert.deepEqual(of('here'), []);
    assert.equal(index.count(''), 0);
  });
});
