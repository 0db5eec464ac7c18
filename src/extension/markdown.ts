/** Record text inside Markdown (hovers, tooltips) renders literally: the one escape lives in core. */
export { escapeMarkdown } from '../core/links/hoverMarkdown';
