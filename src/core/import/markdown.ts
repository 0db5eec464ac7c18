/**
 * The Markdown postmortem reader lives in ./markdown/: parse.ts (the document
 * into a draft), sections, timeline and stamp (entries), zones, span (start,
 * end, duration), actions, texts, own (our own export read back).
 */
export { parseMarkdownPostmortem, type MarkdownOptions } from './markdown/parse';
export { findDate, inlineText, monthNumber } from './markdown/inline';
