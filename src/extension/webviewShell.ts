/**
 * The one HTML shell of our webview panels: a strict CSP (nothing by default;
 * styles, fonts and images from the extension only; scripts only with a fresh
 * nonce from crypto, and none at all in Restricted Mode), the codicons and the
 * panel's stylesheet, and a body the panel writes (escaped by the caller).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from './staticTimeline';

export interface WebviewShell {
  readonly nonce: string;
  /** A file of the extension as the webview may load it. */
  asset(...path: string[]): string;
  /** The page: `body(nonce, asset)` is HTML the caller has escaped. */
  html(options: { title: string; stylesheet: string; styleNonce?: boolean; scripts: boolean; body: string }): string;
}

export function webviewShell(webview: vscode.Webview, extensionUri: vscode.Uri): WebviewShell {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return {
    nonce,
    asset,
    html: ({ title, stylesheet, styleNonce, scripts, body }) => {
      const csp = [
        "default-src 'none'",
        `style-src ${webview.cspSource}${styleNonce ? ` 'nonce-${nonce}'` : ''}`,
        `font-src ${webview.cspSource}`,
        `img-src ${webview.cspSource}`,
        ...(scripts ? [`script-src 'nonce-${nonce}'`] : []),
      ].join('; ');
      return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(asset('dist', 'codicons', 'codicon.css'))}">
<link rel="stylesheet" href="${escapeHtml(asset('media', stylesheet))}">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>`;
    },
  };
}
