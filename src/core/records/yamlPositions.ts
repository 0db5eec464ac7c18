/** Maps field paths in a parsed YAML document to source ranges. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Position, Range } from './diagnostics';

export type FieldPath = ReadonlyArray<string | number>;

export class PositionMapper {
  constructor(private readonly lines: LineCounter) {}

  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line: line - 1, character: col - 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** From `start` to the end of its line (or `end`, if sooner). */
  firstLine(start: number, end: number): Range {
    const next = this.lines.lineStarts.find((s) => s > start);
    return this.range(start, Math.min(end, next === undefined ? end : next - 1));
  }

  nodeRange(node: Node | null | undefined): Range | undefined {
    if (!node?.range) return undefined;
    return this.range(node.range[0], node.range[1]);
  }
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

export interface Located {
  /** The key node of the deepest pair found on the path (if any). */
  key?: Node;
  /** The value node at the path, when the whole path exists. */
  value?: Node;
  /** How many path segments were found. */
  depth: number;
  /** The deepest node reached (the value at path[depth - 1]). */
  reached?: Node;
}

/** Walks `path` through the document, remembering the deepest node reached. */
export function locate(doc: Document, path: FieldPath): Located {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let depth = 0;
  for (const seg of path) {
    if (isMap(node) && typeof seg === 'string') {
      const pair = node.items.find((p) => keyOf(p) === seg);
      if (!pair) return { key, value: undefined, depth, reached: node };
      key = (pair.key as Node) ?? key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return { key, value: undefined, depth, reached: node };
      node = item;
    } else {
      return { key, value: undefined, depth, reached: (node as Node | null) ?? undefined };
    }
    depth++;
  }
  return { key, value: (node as Node | null) ?? undefined, depth };
}

/**
 * The range a diagnostic about `path` should point at: the value when it
 * exists, otherwise the key of the deepest existing parent, otherwise the
 * first line of the document.
 */
export function rangeForPath(doc: Document, mapper: PositionMapper, path: FieldPath, prefer: 'value' | 'key' = 'value'): Range {
  const found = locate(doc, path);
  const exact = found.depth === path.length;
  if (exact && prefer === 'key' && found.key) return mapper.nodeRange(found.key)!;
  if (exact && found.value?.range) {
    const r = found.value.range;
    const whole = mapper.range(r[0], r[1]);
    if (whole.end.line > whole.start.line && (isMap(found.value) || isSeq(found.value))) {
      // A block spans many lines: a list item is pointed at by its first line,
      // a named mapping or list by its key.
      if (typeof path[path.length - 1] === 'number' || !found.key) {
        return mapper.firstLine(r[0], r[1]);
      }
      return mapper.nodeRange(found.key)!;
    }
    return whole;
  }
  if (exact && found.key) return mapper.nodeRange(found.key)!;
  // A field missing from a list item ("- command: ls" without an instruction): the item's first line.
  if (!exact && found.depth > 0 && typeof path[found.depth - 1] === 'number' && found.reached?.range)
    return mapper.firstLine(found.reached.range[0], found.reached.range[1]);
  if (found.key) return mapper.nodeRange(found.key)!;
  const contents = doc.contents as Node | null;
  if (isMap(contents) && contents.items[0]?.key) return mapper.nodeRange(contents.items[0].key as Node)!;
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Range of a field in record text (for "open the record at this action"); first line when absent. */
export function fieldRange(text: string, path: FieldPath): Range {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return rangeForPath(doc, new PositionMapper(lines), path);
}
