/** Where a linked symbol is in a document: the language's symbols first, the text as fallback. */
import * as vscode from 'vscode';
import { findDeclaration } from '../core/declarations';

function flatten(symbols: readonly vscode.DocumentSymbol[], prefix = ''): Array<{ name: string; symbol: vscode.DocumentSymbol }> {
  return symbols.flatMap((s) => {
    const name = prefix ? `${prefix}.${s.name}` : s.name;
    return [{ name, symbol: s }, ...flatten(s.children, name)];
  });
}

/** Range of the symbol's name, or undefined. `Class.method` and plain `method` both work. */
export async function locateSymbol(document: vscode.TextDocument, symbol: string): Promise<vscode.Range | undefined> {
  try {
    const symbols = await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
    const docSymbols = (symbols ?? []).filter((s): s is vscode.DocumentSymbol => 'selectionRange' in s);
    const all = flatten(docSymbols);
    const found = all.find((s) => s.name === symbol) ?? all.find((s) => s.symbol.name === symbol);
    if (found) return found.symbol.selectionRange;
  } catch {
    // No symbol provider for this language: fall back to the text.
  }
  const r = findDeclaration(document.getText(), symbol);
  return r && new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
