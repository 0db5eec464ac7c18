import * as vscode from 'vscode';
import type { FileAccess, FileStat } from '../core/index/fileAccess';

/** FileAccess through workspace.fs, so remote and virtual workspaces work too. */
export class WorkspaceFileAccess implements FileAccess {
  private readonly decoder = new TextDecoder('utf-8');

  constructor(readonly root: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...path.split('/').filter(Boolean));
  }

  async readFile(path: string): Promise<string> {
    return this.decoder.decode(await vscode.workspace.fs.readFile(this.uri(path)));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { mtimeMs: s.mtime, size: s.size };
    } catch {
      return undefined;
    }
  }

  async listFiles(dir: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(this.uri(rel));
      } catch {
        return;
      }
      for (const [name, type] of entries) {
        const child = rel ? `${rel}/${name}` : name;
        if (type & vscode.FileType.Directory) await walk(child);
        else if (type & vscode.FileType.File) out.push(child);
      }
    };
    await walk(dir.replace(/\/+$/, ''));
    return out.sort();
  }
}
