/**
 * A part of the extension loaded on first use (extension/lazyPart.ts): the
 * first command loads it, the ones that come while it loads wait for the same
 * load (one module instance, its listeners registered once), a failed load is
 * tried again by the next command instead of failing forever, and the tests'
 * internals say plainly when a part is not loaded yet.
 */
import { strict as assert } from 'node:assert';
import { LazyPart } from '../../../src/extension/lazyPart';

describe('a part of the extension loaded on first use', () => {
  it('loads once, on the first call; calls during the load share it', async () => {
    let loads = 0;
    const part = new LazyPart('Insights', async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { panels: loads };
    });
    assert.equal(loads, 0, 'nothing is loaded before it is used');
    const [a, b] = await Promise.all([part.get(), part.get()]);
    assert.equal(a, b);
    assert.equal(await part.get(), a);
    assert.equal(loads, 1);
    assert.equal(part.loaded, a);
  });

  it('a failed load is tried again on the next use', async () => {
    let attempt = 0;
    const part = new LazyPart('git history', async () => {
      if (++attempt === 1) throw new Error('chunk missing');
      return 'loaded';
    });
    await assert.rejects(part.get(), /chunk missing/);
    assert.throws(() => part.loaded, /git history is not loaded yet/);
    assert.equal(await part.get(), 'loaded');
    assert.equal(attempt, 2);
  });
});
