/**
 * mayLinkTo (issue 29, first CodeLens before the whole load): the raw-text
 * test that picks the records which may link an opened file must never leave
 * out a record that does link it. Checked against the real parser and the
 * real link index on every record of the fixtures and the demo, a generated
 * workspace, and fuzzed records that spell their links in every YAML style
 * (plain, quoted, escaped, flow, anchors, block scalars, "./" and "//").
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { generateWorkspace } from '../../../../scripts/bench/generate';
import { linkRuns, mayLinkFromRuns, mayLinkTo } from '../../../../src/core/links/mayLink';
import { LinkIndex, normalizePath } from '../../../../src/core/links/linkIndex';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { REPO_ROOT } from '../../../support/workspace';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === '.git') continue;
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const indexes = new WeakMap<ReadonlyMap<string, string>, Map<string, LinkIndex>>();
/** Files whose parsed record links the target, by the real index (each file parsed once). */
function linking(texts: ReadonlyMap<string, string>, target: string): Set<string> {
  let byFile = indexes.get(texts);
  if (!byFile) {
    byFile = new Map();
    for (const [file, text] of texts) {
      const record = parseRecordText(file, text, {}).record;
      if (!record) continue;
      const links = new LinkIndex();
      links.add(record);
      byFile.set(file, links);
    }
    indexes.set(texts, byFile);
  }
  const out = new Set<string>();
  for (const [file, links] of byFile) if (links.lookup(target).length) out.add(file);
  return out;
}

/** Targets worth asking about: every link's path, a file inside each directory link, files a glob could match. */
function targetsOf(texts: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [file, text] of texts) {
    for (const link of parseRecordText(file, text, {}).record?.links ?? []) {
      const p = normalizePath(link.path);
      if (p.endsWith('/')) out.add(`${p}inner/file.ts`);
      else if (/[*?{}]/.test(p))
        out.add(
          p
            .replace(/\{([^,}]*)[^}]*\}/g, '$1')
            .replace(/\*\*\//g, 'deep/')
            .replace(/[*?]/g, 'x'),
        );
      else out.add(p);
    }
  }
  return out;
}

function assertSound(texts: ReadonlyMap<string, string>, targets: Iterable<string>): { asked: number; linked: number; candidates: number } {
  let asked = 0;
  let linked = 0;
  let candidates = 0;
  for (const target of targets) {
    asked++;
    const chosen = [...texts].filter(([, text]) => mayLinkTo(text, [target])).map(([f]) => f);
    // The digest's answer (the text's runs kept) is the text's, for every target inside a folder.
    if (target.includes('/'))
      for (const [file, text] of texts) assert.equal(mayLinkFromRuns(linkRuns(text), [target]), chosen.includes(file), `${file} for ${target} from its runs`);
    for (const file of linking(texts, target)) {
      linked++;
      assert.ok(chosen.includes(file), `${file} links ${target} but was left out`);
    }
    candidates += chosen.length;
  }
  return { asked, linked, candidates };
}

describe('mayLinkTo: the records that may link a file, from their text', function () {
  this.timeout(120_000);

  it('never leaves out a record that links the file: every fixture and the demo', () => {
    const texts = new Map<string, string>();
    for (const dir of [join(REPO_ROOT, 'examples'), join(REPO_ROOT, 'test', 'fixtures')])
      for (const f of yamlFiles(dir)) texts.set(relative(REPO_ROOT, f), readFileSync(f, 'utf8'));
    const { asked, linked } = assertSound(texts, targetsOf(texts));
    assert.ok(asked >= 15 && linked >= 40, `${asked} targets, ${linked} links checked`);
  });

  it('never leaves out one in a generated workspace, and leaves out most of the others', () => {
    const base = mkdtempSync(join(tmpdir(), 'incident-lens-maylink-'));
    try {
      const ws = generateWorkspace(join(base, 'ws'), 300, 11);
      const texts = new Map<string, string>();
      for (const f of yamlFiles(join(ws.root, '.incidents'))) texts.set(relative(ws.root, f), readFileSync(f, 'utf8'));
      const targets = [...targetsOf(texts)].slice(0, 120);
      const { linked, candidates, asked } = assertSound(texts, targets);
      assert.ok(linked >= asked, 'each target is linked by at least one record');
      // Selective enough to be worth it: a few records per file, not the folder.
      assert.ok(candidates / asked < texts.size / 10, `${(candidates / asked).toFixed(1)} candidates a file of ${texts.size}`);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  const segment = fc.constantFrom('src', 'payments', 'app', '[id]', 'lib-core', 'v1.2', 'a', 'x_y', '@scope', 'index.ts', 'page.tsx');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
  const spelling = fc.constantFrom(
    (p: string) => `path: ${p}`,
    (p: string) => `path: './${p}'`,
    (p: string) => `path: "${p.replace(/\//g, '//')}"`,
    (p: string) => `path: "${p.replace(/\//g, '\\/')}"`,
    (p: string) => `path: "${[...p].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}"`,
    (p: string) => `path: |-\n      ${p}`,
    (p: string) => `path: >-\n      ${p}`,
    (p: string) => `path: &p ${p} # a comment`,
    (p: string) => `path: !!str ${p}`,
  );
  const kind = fc.constantFrom('file', 'dir', 'glob', 'globDeep', 'brace');
  const link = fc.record({ path, kind, spelling, flow: fc.boolean() });

  it('fuzzed spellings of links: every record that links the target is chosen', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(link, { minLength: 1, maxLength: 3 }), path, (links, asked) => {
        const paths = links.map((l) =>
          l.kind === 'dir'
            ? `${l.path}/`
            : l.kind === 'glob'
              ? `${l.path}/*`
              : l.kind === 'globDeep'
                ? `${l.path}/**/*.ts`
                : l.kind === 'brace'
                  ? `{${l.path},other dir}/**`
                  : l.path,
        );
        const block = links.map((l, i) => `  - ${l.spelling(paths[i]!).replace(/\n/g, '\n  ')}`).join('\n');
        const flow = `[${paths.map((p) => `{path: ${/[{},]/.test(p) ? `"${p}"` : p}}`).join(', ')}]`;
        const text = `id: INC-001\ntitle: t\nstatus: active\npriority: P2\nlinks${links[0]!.flow ? `: ${flow}` : `:\n${block}`}\n`;
        for (const target of [asked, `${asked}/index.ts`, `${asked}/deep/x.ts`, ...paths.map((p) => `${p.replace(/[{}*]/g, '')}`)]) {
          const t = normalizePath(target);
          if (!t || t.startsWith('/')) continue;
          if (linking(new Map([['INC-001.yaml', text]]), t).size) {
            checked++;
            assert.ok(mayLinkTo(text, [t]), `left out:\n${text}\ntarget ${t}`);
            if (t.includes('/')) assert.equal(mayLinkFromRuns(linkRuns(text), [t]), true, `left out from its runs:\n${text}\ntarget ${t}`);
          }
        }
      }),
      { numRuns: 800, seed: 29 },
    );
    assert.ok(checked > 300, `${checked} linking cases checked`);
  });

  it('repository-qualified links are chosen by the repository-relative target', () => {
    const text = 'id: INC-002\ntitle: t\nstatus: active\npriority: P2\nlinks:\n  - repo: github.com/acme/pay\n    path: services/api/charge.ts\n';
    assert.equal(mayLinkTo(text, ['charge2.ts']), false);
    assert.equal(mayLinkTo(text, ['api/charge.ts', 'services/api/charge.ts']), true);
  });

  it('leaves out records that only mention the name elsewhere, and turns itself off for targets it cannot reason about', () => {
    const text = 'id: INC-003\ntitle: checkout.ts was slow\nstatus: active\npriority: P2\nlinks:\n  - path: src/other/checkout.ts\n';
    assert.equal(mayLinkTo(text, ['src/payments/checkout.ts']), false);
    assert.equal(mayLinkTo(text, ['src/other/checkout.ts']), true);
    assert.equal(mayLinkTo(text, ['src/my dir/x.ts']), true, 'a space: no filtering');
    assert.equal(mayLinkTo(`${text}summary: "C:\\\\temp"\n`, ['src/payments/checkout.ts']), true, 'a backslash: no filtering');
  });
});

describe('mayLinkTo on hostile records (test/fixtures/hostile/early-links)', function () {
  this.timeout(30_000);
  const dir = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'early-links');
  const target = 'src/payments/checkout.ts';
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  for (const [name, links] of [
    ['INC-801.yaml', true],
    ['INC-803.yaml', true],
    ['INC-804.yaml', true],
  ] as const) {
    it(`${name}: links the file by the full parser, and the scan chooses it`, () => {
      const text = read(name);
      assert.equal(linking(new Map([[name, text]]), target).size > 0, links);
      assert.equal(mayLinkTo(text, [target]), true);
    });
  }

  it('INC-802.yaml: 300,000 wildcards and folder names are looked at once each, and the record is not chosen', () => {
    const text = read('INC-802.yaml').replace('****', `${'*'.repeat(300_000)}${' vendor/'.repeat(60_000)}${'payments/'.repeat(30_000)}`);
    assert.equal(linking(new Map([['INC-802.yaml', text]]), target).size, 0);
    // In a child process with a deadline: quadratic work blocks the thread, and mocha cannot stop a blocked test.
    const script = `const { linkRuns, mayLinkFromRuns, mayLinkTo } = require(${JSON.stringify(join(__dirname, '..', '..', '..', '..', 'src', 'core', 'links', 'mayLink.js'))});
      const text = require('node:fs').readFileSync(0, 'utf8');
      process.stdout.write(JSON.stringify([mayLinkTo(text, [${JSON.stringify(target)}]), mayLinkTo(text, ['src/other/file.ts']), mayLinkTo(text + 'notes: see src/ for the code\\n', [${JSON.stringify(target)}]), mayLinkFromRuns(linkRuns(text), [${JSON.stringify(target)}])]));`;
    const run = spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8', timeout: 15_000 });
    assert.equal(run.signal, null, 'the scan did not finish in 15 s');
    // Not chosen; chosen for the file it does link; a lone "src/" in prose reads like a link to that folder (a false positive only).
    // The digest's runs of the same text, in the same time bound, give the same answer.
    assert.deepEqual(JSON.parse(run.stdout), [false, true, true, false]);
  });
});
