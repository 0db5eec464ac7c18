/**
 * The one edit path: YAML text in, YAML text out, changed only where the edit
 * touches. Each operation is located with the `yaml` Document API and applied
 * as a text patch at the node's range, so comments, key order, quoting, blank
 * lines and unknown fields elsewhere stay byte-for-byte. Every result is
 * re-parsed and checked against the same operation applied to the data; a
 * patch that would mean anything else is refused, never written.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, stringify, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FieldPath } from './yamlPositions';
import { deepNestingAt, MAX_NESTING } from './yamlNesting';

export type EditOp =
  /** Sets a value; missing parent mappings are created. Objects are merged leaf by leaf. */
  | { readonly kind: 'set'; readonly path: FieldPath; readonly value: unknown }
  /** Appends an item to a list, creating the list when missing. */
  | { readonly kind: 'append'; readonly path: FieldPath; readonly value: unknown }
  /** Removes a key from a mapping (no-op when absent). */
  | { readonly kind: 'delete'; readonly path: FieldPath }
  /** Inserts an item into a block list before position `index` (at the end when index is the length). */
  | { readonly kind: 'insert'; readonly path: FieldPath; readonly index: number; readonly value: unknown }
  /** Removes item `index` of a block list, with its lines. */
  | { readonly kind: 'remove'; readonly path: FieldPath; readonly index: number };

export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

class EditError extends Error {}

const STRINGIFY = { lineWidth: 0, minContentWidth: 0 } as const;

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function indent(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block
    .split('\n')
    .map((l) => (l.length ? pad + l : l))
    .join('\n');
}

/** Whitespace and format characters YAML does not treat as spaces but readers trim or drop: always escaped. */
const INVISIBLE_CHARS = '\\u0085\\u00a0\\u1680\\u2000-\\u200f\\u2028-\\u202f\\u205f\\u3000\\ufeff';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`);
const INVISIBLE_ALL = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');

/** A double-quoted YAML scalar (JSON's escapes are YAML's), with invisible characters escaped. */
function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(INVISIBLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A scalar as it would be written inline: plain when safe, else double-quoted. */
function inlineScalar(value: unknown, previousType?: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (previousType === 'QUOTE_DOUBLE' || s.includes('\n') || CLOCK.test(s) || INVISIBLE.test(s)) return doubleQuoted(s);
  if (previousType === 'QUOTE_SINGLE') return `'${s.replace(/'/g, "''")}'`;
  const plain = stringify(s, STRINGIFY).trimEnd();
  return plain.includes('\n') ? JSON.stringify(s) : plain;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const CLOCK = /^\d{1,2}:\d{2}(:\d{2})?$/;

/**
 * Block YAML for new content. Clock times are double-quoted, as in the demo:
 * YAML 1.1 tools would read a plain 14:37 as the number 877.
 */
function block(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && (CLOCK.test(node.value) || INVISIBLE.test(node.value))) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(STRINGIFY);
}

/** Block YAML for `key: value` (value may be a mapping or list). */
function blockPair(key: string, value: unknown): string {
  return block({ [key]: value });
}

function ensureNewlineAt(text: string, offset: number): { text: string; offset: number } {
  if (offset > 0 && text[offset - 1] !== '\n') {
    return { text: `${text.slice(0, offset)}\n${text.slice(offset)}`, offset: offset + 1 };
  }
  return { text, offset };
}

function insertAt(text: string, offset: number, insertion: string): string {
  return text.slice(0, offset) + insertion + text.slice(offset);
}

/** Inserts `key: value` as the last pair of a block mapping (or the document root). */
function insertPair(text: string, map: YAMLMap | null, key: string, value: unknown): string {
  if (!map || map.items.length === 0 || !map.range) {
    throw new EditError(`cannot add "${key}" to an empty mapping without reformatting it`);
  }
  if (map.flow) throw new EditError(`cannot add "${key}" to a flow mapping ({ … }) without reformatting it`);
  const col = column(text, map.range[0]);
  const at = ensureNewlineAt(text, map.range[1]);
  return insertAt(at.text, at.offset, indent(blockPair(key, value), col));
}

function appendItem(text: string, seq: YAMLSeq, value: unknown): string {
  if (!seq.range) throw new EditError('list has no position');
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range[1]);
    if (close < 0) throw new EditError('flow list without "]"');
    if (isPlainObject(value) || Array.isArray(value)) throw new EditError('cannot add a mapping to a flow list ([ … ]) without reformatting it');
    const separator = seq.items.length ? ', ' : '';
    return insertAt(text, close, `${separator}${inlineScalar(value)}`);
  }
  if (seq.items.length === 0) throw new EditError('cannot add to an empty block list');
  const col = column(text, seq.range[0]);
  const at = ensureNewlineAt(text, seq.range[1]);
  return insertAt(at.text, at.offset, indent(block([value]), col));
}

/** A value that holds nothing yet: `key:`, `key: null`-less, `key: []` or `key: {}` with nothing inside. */
function isEmptySlot(text: string, node: Node | null): boolean {
  if (node === null) return true;
  if (isScalar(node)) return node.value === null && !!node.range && node.range[0] === node.range[1];
  if ((isMap(node) || isSeq(node)) && node.flow && node.items.length === 0 && node.range) {
    return /^[[{]\s*[\]}]$/.test(text.slice(node.range[0], node.range[1]));
  }
  return false;
}

/**
 * Writes block content under a key whose value is empty (`key:`, `key: []`,
 * `key: {}`): the empty brackets go, the key's line (and any comment on it)
 * stays, the content follows indented on the next lines.
 */
function fillEmpty(text: string, doc: Document, path: FieldPath, value: unknown): string {
  const parentNode = walk(doc, path.slice(0, -1)).node;
  const pair = isMap(parentNode) && !parentNode.flow ? parentNode.items.find((p) => keyOf(p) === path[path.length - 1]) : undefined;
  const keyNode = pair?.key as Node | undefined;
  if (!pair || !keyNode?.range) throw new EditError(`cannot write into ${path.join('.')} without reformatting it`);
  if (!isPlainObject(value) && !Array.isArray(value)) throw new EditError('internal: fillEmpty takes a mapping or a list');
  let out = text;
  const node = pair.value as Node | null;
  if (node && !isScalar(node) && node.range) {
    const colon = out.indexOf(':', keyNode.range[1]);
    out = out.slice(0, colon + 1) + out.slice(node.range[1]);
  }
  const col = column(out, keyNode.range[0]);
  const eol = out.indexOf('\n', keyNode.range[1]);
  const lineEnd = eol < 0 ? out.length : eol;
  const body = indent(block(value), col + 2).replace(/\n$/, '');
  return `${out.slice(0, lineEnd)}\n${body}${out.slice(lineEnd)}`;
}

/** The deepest existing node on the path and the missing rest. */
function walk(doc: Document, path: FieldPath): { node: Node | null; parent: YAMLMap | YAMLSeq | null; found: number } {
  let node = doc.contents as Node | null;
  let parent: YAMLMap | YAMLSeq | null = null;
  let found = 0;
  for (const seg of path) {
    if (isMap(node) && typeof seg === 'string') {
      const pair = node.items.find((p) => keyOf(p) === seg);
      if (!pair) break;
      parent = node;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (item === undefined) throw new EditError(`list item ${seg} does not exist`);
      parent = node;
      node = item;
    } else {
      break;
    }
    found++;
  }
  return { node, parent, found };
}

/** Nests `value` under the missing path segments: ['a','b'], v → { a: { b: v } }. */
function nest(path: FieldPath, value: unknown): { key: string; value: unknown } {
  const [first, ...rest] = path;
  if (typeof first !== 'string') throw new EditError('cannot create a list item by path');
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const seg = rest[i];
    if (typeof seg !== 'string') throw new EditError('cannot create a list item by path');
    v = { [seg]: v };
  }
  return { key: first, value: v };
}

function nestObject(path: FieldPath, value: unknown): Record<string, unknown> {
  const nested = nest(path, value);
  return { [nested.key]: nested.value };
}

function applyOne(text: string, op: EditOp): string {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) throw new EditError(`the record has YAML errors: ${doc.errors[0]!.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new EditError('the record is not a mapping of fields');
  const { node, found } = walk(doc, op.path);
  const missing = op.path.slice(found);

  if (op.kind === 'delete') {
    if (missing.length) return text;
    const parentPath = op.path.slice(0, -1);
    const parentNode = walk(doc, parentPath).node;
    const key = op.path[op.path.length - 1];
    if (!isMap(parentNode) || parentNode.flow) throw new EditError('can only delete keys of block mappings');
    const pair = parentNode.items.find((p) => keyOf(p) === key)!;
    const keyNode = pair.key as Node;
    const start = lineStart(text, keyNode.range![0]);
    if (start !== keyNode.range![0] - column(text, keyNode.range![0])) throw new EditError('key does not start its line');
    const valueNode = pair.value as Node | null;
    let end = valueNode?.range ? valueNode.range[2] : keyNode.range![2];
    const eol = text.indexOf('\n', Math.max(end - 1, keyNode.range![1]));
    if (!(valueNode && (isMap(valueNode) || isSeq(valueNode)) && !valueNode.flow)) end = eol < 0 ? text.length : eol + 1;
    return text.slice(0, start) + text.slice(end);
  }

  if (op.kind === 'insert' || op.kind === 'remove') {
    if (missing.length || !isSeq(node)) throw new EditError(`${op.path.join('.')} is not a list`);
    if (node.flow) throw new EditError(`cannot change a flow list ([ … ]) at ${op.path.join('.')} without reformatting it`);
    const items = node.items as Node[];
    if (op.kind === 'insert' && op.index === items.length) return applyOne(text, { kind: 'append', path: op.path, value: op.value });
    const item = items[op.index];
    if (!item?.range) throw new EditError(`list item ${op.index} of ${op.path.join('.')} does not exist`);
    // An item's lines start at its "- " (comments above it belong to it).
    const dash = text.lastIndexOf('-', item.range[0]);
    const start = lineStart(text, dash);
    if (text.slice(start, dash).trim() !== '') throw new EditError(`list item ${op.index} of ${op.path.join('.')} does not start its line`);
    if (op.kind === 'insert') return insertAt(text, start, indent(block([op.value]), dash - start));
    const next = items[op.index + 1];
    let end: number;
    if (next?.range) end = lineStart(text, text.lastIndexOf('-', next.range[0]));
    else {
      const eol = text.indexOf('\n', Math.max(item.range[1] - 1, dash));
      end = isMap(item) || isSeq(item) ? item.range[2] : eol < 0 ? text.length : eol + 1;
      if (text[end - 1] !== '\n') {
        const e = text.indexOf('\n', end - 1);
        end = e < 0 ? text.length : e + 1;
      }
    }
    return text.slice(0, start) + text.slice(end);
  }

  if (op.kind === 'append') {
    if (missing.length === 0) {
      if (isEmptySlot(text, node)) return fillEmpty(text, doc, op.path, [op.value]);
      if (!isSeq(node)) throw new EditError(`${op.path.join('.')} is not a list`);
      return appendItem(text, node, op.value);
    }
    const container = walk(doc, op.path.slice(0, found)).node;
    if (found > 0 && isEmptySlot(text, container)) return fillEmpty(text, doc, op.path.slice(0, found), nestObject(missing, [op.value]));
    if (!isMap(container)) throw new EditError(`${op.path.slice(0, found).join('.')} is not a mapping`);
    const nested = nest(missing, [op.value]);
    return insertPair(text, container, nested.key, nested.value);
  }

  // set
  if (missing.length === 0) {
    if ((isPlainObject(op.value) || Array.isArray(op.value)) && isEmptySlot(text, node)) return fillEmpty(text, doc, op.path, op.value);
    if (isPlainObject(op.value) && isMap(node)) {
      let out = text;
      for (const [k, v] of Object.entries(op.value)) if (v !== undefined) out = applyOne(out, { kind: 'set', path: [...op.path, k], value: v });
      return out;
    }
    const empty = node === null || (isScalar(node) && node.value === null && node.range![0] === node.range![1]);
    if (!empty && isScalar(node) && !isPlainObject(op.value) && !Array.isArray(op.value)) {
      const [start, end] = node.range!;
      const type = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL' ? undefined : node.type;
      let replacement = inlineScalar(op.value, type);
      // A block scalar's range runs to its last line break; keep that break.
      if ((node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') && text[end - 1] === '\n') replacement += '\n';
      return text.slice(0, start) + replacement + text.slice(end);
    }
    if (empty) {
      // `key:` with no value: write the value after the colon.
      const parentNode = walk(doc, op.path.slice(0, -1)).node;
      const pair = isMap(parentNode) ? parentNode.items.find((p) => keyOf(p) === op.path[op.path.length - 1]) : undefined;
      const keyNode = pair?.key as Node | undefined;
      if (!keyNode?.range || isPlainObject(op.value) || Array.isArray(op.value)) throw new EditError('cannot fill an empty value with a block');
      const colon = text.indexOf(':', keyNode.range[1]);
      return `${text.slice(0, colon + 1)} ${inlineScalar(op.value)}${text.slice(colon + 1).replace(/^[ \t]*/, '')}`;
    }
    // A block list item that is a mapping, replaced by a scalar ("- title: …" → "- ACTION-INC023-5").
    if ((isMap(node) || isSeq(node)) && !node.flow && typeof op.path[op.path.length - 1] === 'number' && !isPlainObject(op.value) && !Array.isArray(op.value)) {
      const [start, end] = node.range!;
      const keepNewline = text[end - 1] === '\n' ? '\n' : '';
      return text.slice(0, start) + inlineScalar(op.value) + keepNewline + text.slice(end);
    }
    throw new EditError(`cannot replace ${op.path.join('.')} (a ${isMap(node) ? 'mapping' : isSeq(node) ? 'list' : 'value'}) without reformatting it`);
  }
  const container = walk(doc, op.path.slice(0, found)).node;
  if (found > 0 && isEmptySlot(text, container)) return fillEmpty(text, doc, op.path.slice(0, found), nestObject(missing, op.value));
  if (!isMap(container)) throw new EditError(`${op.path.slice(0, found).join('.')} is not a mapping`);
  const nested = nest(missing, op.value);
  return insertPair(text, container, nested.key, nested.value);
}

/** The same operation on plain data: what the patched text must mean. */
function applyToData(data: Record<string, unknown>, op: EditOp): void {
  let cur: Record<string | number, unknown> = data;
  const path = op.path;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    if (cur[seg] === undefined || cur[seg] === null) {
      if (op.kind === 'delete') return;
      cur[seg] = {};
    }
    cur = cur[seg] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (op.kind === 'delete') delete cur[last];
  else if (op.kind === 'insert') (cur[last] as unknown[]).splice(op.index, 0, structuredClone(op.value));
  else if (op.kind === 'remove') (cur[last] as unknown[]).splice(op.index, 1);
  else if (op.kind === 'append') {
    if (!Array.isArray(cur[last])) cur[last] = [];
    (cur[last] as unknown[]).push(structuredClone(op.value));
  } else if (isPlainObject(op.value) && isPlainObject(cur[last])) {
    const target = cur[last] as Record<string, unknown>;
    for (const [k, v] of Object.entries(op.value)) if (v !== undefined) applyToData(target, { kind: 'set', path: [k], value: v });
  } else cur[last] = structuredClone(op.value);
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies operations in order; refuses (and changes nothing) if any cannot be done exactly. */
export function applyEdits(original: string, ops: readonly EditOp[]): EditResult {
  // Work in LF; give a CRLF file its line endings back.
  const crlf = original.includes('\r\n');
  const bom = original.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const text = (bom ? original.slice(1) : original).replace(/\r\n/g, '\n');
  const finish = (out: string) => bom + (crlf ? out.replace(/\n/g, '\r\n') : out);
  if (deepNestingAt(text, MAX_NESTING) >= 0) return { ok: false, error: `the record is nested more than ${MAX_NESTING} levels deep; nothing was written` };
  try {
    const before = parseDocument(text, { prettyErrors: false });
    if (before.errors.length) return { ok: false, error: `the record has YAML errors: ${before.errors[0]!.message.split('\n')[0]}` };
    const expected = (before.toJS() ?? {}) as Record<string, unknown>;
    let out = text;
    for (const op of ops) {
      out = applyOne(out, op);
      applyToData(expected, op);
    }
    const after = parseDocument(out, { prettyErrors: false });
    if (after.errors.length) return { ok: false, error: `the edit would break the YAML (${after.errors[0]!.message.split('\n')[0]}); nothing was written` };
    if (!sameData(after.toJS(), expected)) return { ok: false, error: 'the edit could not be applied without changing other fields; nothing was written' };
    return { ok: true, text: finish(out) };
  } catch (err) {
    if (err instanceof EditError) return { ok: false, error: err.message };
    return { ok: false, error: `unexpected error while editing: ${(err as Error).message}` };
  }
}

/** A new record file from data, formatted like the demo (block style, no line wrapping). */
export function newRecordText(data: Record<string, unknown>, headerComment?: string): string {
  const body = block(data);
  return headerComment ? `# ${headerComment}\n${body}` : body;
}
