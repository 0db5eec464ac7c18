/**
 * Incident text inside Markdown (hovers, tooltips) is data: every Markdown
 * and HTML character is escaped so it renders literally and cannot form
 * links, command URIs or markup. Unlike MarkdownString.appendText, spaces
 * stay spaces, so long root causes wrap.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}
