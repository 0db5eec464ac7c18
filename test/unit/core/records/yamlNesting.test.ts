/**
 * The nesting guard's quick path (yamlNesting.ts): a text the native
 * searches clear is one the full scan clears too. Compared on every record
 * in the repository's fixtures and examples and on random texts built to sit
 * around the limits (brackets, quotes, comments, indentation, chained "- ").
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deepNestingAt, MAX_NESTING, nestingScan } from '../../../../src/core/records/yamlNesting';
import { REPO_ROOT } from '../../../support/workspace';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('the nesting guard', () => {
  it('answers like the full scan on every record of the fixtures and examples', () => {
    const files = [...yamlFiles(join(REPO_ROOT, 'test', 'fixtures')), ...yamlFiles(join(REPO_ROOT, 'examples'))];
    assert.ok(files.length > 50);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const max of [MAX_NESTING, 3, 1]) assert.equal(deepNestingAt(text, max), nestingScan(text, max), `${f} at ${max}`);
    }
  });

  it('answers like the full scan on 20,000 random texts around the limits', () => {
    const next = rng(29);
    const pieces = ['[', ']', '{', '}', '- ', '? ', '    ', '  ', ' ', '\n', '"[', ']"', "'{'", '# [[', 'a: ', 'x', ',', '\r\n', '\t', "''", '\\"'];
    let deep = 0;
    for (let n = 0; n < 20_000; n++) {
      const max = 1 + Math.floor(next() * 6);
      let text = '';
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      const want = nestingScan(text, max);
      if (want >= 0) deep++;
      assert.equal(deepNestingAt(text, max), want, JSON.stringify({ text, max }));
    }
    assert.ok(deep > 1_000, `the random texts reach the limit often (${deep})`);
  });

  it('still finds the absurd ones: 10,000 "[", 101 chained "- ", 404 columns of indentation', () => {
    assert.equal(deepNestingAt(`a: ${'['.repeat(10_000)}`, MAX_NESTING), 3 + MAX_NESTING);
    assert.ok(deepNestingAt(`${'- '.repeat(101)}x\n`, MAX_NESTING) >= 0);
    assert.ok(deepNestingAt(`a:\n${' '.repeat(404)}b: 1\n`, MAX_NESTING) >= 0);
    assert.equal(deepNestingAt(`a:\n${' '.repeat(400)}b: 1\n`, MAX_NESTING), -1);
  });
});
