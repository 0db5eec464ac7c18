/** Real files in temporary folders for tests: a copy of the demo, or records written inline. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { IncidentIndex } from '../../src/core/index/incidentIndex';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';

/** The repository root (tests run from out/test/...). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const DEMO = join(REPO_ROOT, 'examples', 'payments-demo');

export class TempWorkspace {
  readonly root: string;

  constructor(fromDemo = false) {
    this.root = mkdtempSync(join(tmpdir(), 'incident-lens-'));
    if (fromDemo) cpSync(DEMO, this.root, { recursive: true });
  }

  write(path: string, text: string): string {
    const abs = join(this.root, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return abs;
  }

  read(path: string): string {
    return readFileSync(join(this.root, ...path.split('/')), 'utf8');
  }

  remove(path: string): void {
    rmSync(join(this.root, ...path.split('/')), { force: true });
  }

  async index(options: ConstructorParameters<typeof IncidentIndex>[1] = {}): Promise<IncidentIndex> {
    const index = new IncidentIndex(new NodeFileAccess(this.root), options);
    await index.load();
    return index;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A minimal valid incident; `extra` lines are appended verbatim. */
export function incidentYaml(id: string, extra = ''): string {
  return `id: ${id}
title: Something broke
status: active
priority: P2
start: 2025-03-18T14:37:00+03:00
${extra}`;
}

/** Every file under `dir` (relative to `root`, default the records folder), as root-relative paths with `/`, sorted. */
export function recordFiles(root: string, dir = '.incidents'): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...recordFiles(root, p));
    else out.push(p);
  }
  return out.sort();
}
