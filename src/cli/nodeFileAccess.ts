import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { FileAccess, FileStat } from '../core/fileAccess';

/** FileAccess on the local disk, rooted at a workspace folder. */
export class NodeFileAccess implements FileAccess {
  constructor(readonly root: string) {}

  private abs(path: string): string {
    return nodePath.join(this.root, ...path.split('/'));
  }

  async readFile(path: string): Promise<string> {
    return fs.readFile(this.abs(path), 'utf8');
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(this.abs(path));
      return { mtimeMs: s.mtimeMs, size: s.size };
    } catch {
      return undefined;
    }
  }

  async listFiles(dir: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(this.abs(rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(child);
        else if (e.isFile()) out.push(child);
      }
    };
    await walk(dir.replace(/\/+$/, ''));
    return out.sort();
  }
}
