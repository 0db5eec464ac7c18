/** Who is writing: the setting, else `git config user.name`, else the OS user. */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { settings } from './config';
import { findExecutable } from '../node/executable';

export async function currentAuthor(folder?: vscode.WorkspaceFolder): Promise<string> {
  const configured = settings(folder).author.trim();
  if (configured) return configured;
  if (vscode.workspace.isTrusted && folder?.uri.scheme === 'file') {
    const name = await new Promise<string>((resolve) => {
      const git = findExecutable('git');
      if (!git) return resolve('');
      execFile(git, ['config', 'user.name'], { cwd: folder.uri.fsPath, timeout: 2000 }, (err, stdout) => resolve(err ? '' : stdout.trim()));
    });
    if (name) return name;
  }
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
