/** Where a linked symbol is in a document: the language's symbols first, the text as fallback. */
import * as vscode from 'vscode';
import { findDeclaration } from '../core/links/declarations';

function flatten(symbols: readonly vscode.DocumentSymbol[], prefix = ''): Flat {
  return symbols.flatMap((s) => {
    const name = prefix ? `${prefix}.${s.name}` : s.name;
    return [{ name, symbol: s }, ...flatten(s.children, name)];
  });
}

type Flat = Array<{ name: string; symbol: vscode.DocumentSymbol }>;

/**
 * Document symbols by document version: CodeLens and every hover on a linked
 * file ask for the same symbols, and the language server need answer once.
 */
const cache = new Map<string, { version: number; symbols: Promise<Flat> }>();
const CACHE_SIZE = 32;

function documentSymbols(document: vscode.TextDocument): Promise<Flat> {
  const key = document.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === document.version) return hit.symbols;
  const symbols = Promise.resolve(
    vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', document.uri),
  ).then(
    (list) => flatten((list ?? []).filter((s): s is vscode.DocumentSymbol => 'selectionRange' in s)),
    // No symbol provider for this language: the text fallback answers.
    () => [] as Flat,
  );
  cache.delete(key);
  cache.set(key, { version: document.version, symbols });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  // A language server still warming up answers with nothing: do not keep that answer.
  void symbols.then((flat) => {
    if (!flat.length && cache.get(key)?.symbols === symbols) cache.delete(key);
  });
  return symbols;
}

/** Range of the symbol's name, or undefined. `Class.method` and plain `method` both work. */
export async function locateSymbol(document: vscode.TextDocument, symbol: string): Promise<vscode.Range | undefined> {
  const all = await documentSymbols(document);
  const found = all.find((s) => s.name === symbol) ?? all.find((s) => s.symbol.name === symbol);
  if (found) return found.symbol.selectionRange;
  const r = findDeclaration(document.getText(), symbol);
  return r && new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
