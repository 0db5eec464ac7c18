/**
 * The declaration reader behind suggested code links (`suggest`): a callback
 * passed to a call is no declaration. Found trying `suggest` on
 * outline/outline's history: every Koa route handler
 * (`router.post("groups.list", …, async (ctx: APIContext<…>) => {`) became a
 * link to a symbol named "async", and a mocha test whose title holds a colon
 * became a symbol named "it".
 */
import { strict as assert } from 'node:assert';
import { outline, symbolsAt } from '../../../../src/core/links/sourceOutline';

const names = (text: string) => outline(text).map((s) => [s.name, s.startLine, s.endLine]);

describe('outline: callbacks are not declarations', () => {
  it('a route handler passed to router.post is no symbol named "async"; the change falls in no symbol', () => {
    const text = [
      'const router = new Router();',
      '',
      'router.post(',
      '  "groups.list",',
      '  auth(),',
      '  async (ctx: APIContext<T.GroupsListReq>) => {',
      '    const { sort } = ctx.input.body;',
      '    ctx.body = { data: [] };',
      '  }',
      ');',
      '',
      'export default router;',
    ].join('\n');
    assert.deepEqual(names(text), []);
    assert.deepEqual(symbolsAt(outline(text), 7, 7), []);
  });

  it('a test whose title holds a colon, and a function passed as an argument, are no symbols', () => {
    const text = [
      "describe('cart', () => {",
      "  it('totals: sums the items', () => {",
      '    expect(total()).toBe(0);',
      '  });',
      '  helper(function () {',
      '    return 1;',
      '  });',
      '  on(item, function named(x) {',
      '    return x;',
      '  });',
      '});',
    ].join('\n');
    assert.deepEqual(names(text), []);
  });

  it('methods still count, with typed parameters, function types and return types', () => {
    const text = [
      'export class Bus {',
      '  on(cb: (x: number) => void): void {',
      '    this.cbs.push(cb);',
      '  }',
      '  async get(id: string): Promise<Item | undefined> {',
      '    return this.items.get(id);',
      '  }',
      '  static create(opts: { a: string }) {',
      '    return new Bus();',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(names(text), [
      ['Bus', 1, 11],
      ['Bus.on', 2, 4],
      ['Bus.get', 5, 7],
      ['Bus.create', 8, 10],
    ]);
  });

  it("a Ruby class method 'def self.run' is run, not self", () => {
    const text = ['class QueryCache', '  def self.run', '    new.call', '  end', '', '  def complete(state)', '    state', '  end', 'end'].join('\n');
    assert.deepEqual(names(text), [
      ['QueryCache', 1, 9],
      ['QueryCache.run', 2, 4],
      ['QueryCache.complete', 6, 8],
    ]);
  });

  it('lines of 100 kB (spaces after function, brackets, arrows) are read in linear time', () => {
    for (const line of [`  foo(function${' '.repeat(100_000)}x`, `  foo(${'('.repeat(100_000)}) {`, `  it('a: b', ${'=> '.repeat(30_000)}{`]) {
      const t0 = process.hrtime.bigint();
      outline(`class A {\n${line}\n}\n`);
      assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 500, `slow on ${line.slice(0, 16)}…`);
    }
  });
});
