/**
 * Reads a vendor's JSON export as a stream: the items of its arrays (the
 * top-level array, or the arrays under top-level keys: "incidents",
 * "log_entries", "follow_ups") come out one at a time with their JSON
 * pointer and line, so a 50 MB export never sits in memory as one object
 * tree. The whole file is still checked: a syntax error anywhere fails the
 * file (with its line and column), and callers write nothing from it.
 */

export interface JsonItem {
  /** JSON pointer: "/incidents/3", or "/3" in a top-level array. */
  readonly pointer: string;
  /** 1-based line where the item starts. */
  readonly line: number;
  readonly value: unknown;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** An incremental scanner: feed it chunks; it returns the complete items each chunk finished. */
export class JsonItemScanner {
  private depth = 0;
  private stack: string[] = [];
  private inString = false;
  private escape = false;
  private line = 1;
  private column = 0;
  /** The string just read at depth 1 of an object (a candidate key), and the current top-level key. */
  private lastString = '';
  private collecting = '';
  private key: string | undefined;
  private arrayPointer: string | undefined;
  private index = 0;
  private item: { text: string[]; line: number; column: number; depth: number } | undefined;
  private sawValue = false;
  private ended = false;
  /** The document with each item replaced by null (and its line breaks kept): parsed at the end, it checks everything outside the items. */
  private skeleton: string[] = [];

  /** Keys of top-level arrays whose items are wanted (a top-level array is always read). */
  constructor(private readonly keys: ReadonlySet<string>) {}

  feed(chunk: string): JsonItem[] {
    const out: JsonItem[] = [];
    let itemStart = this.item ? 0 : -1;
    let outside = this.item ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      // Characters outside items go to the skeleton.
      if (!this.item && outside < 0) outside = i;
      if (c === '\n') {
        this.line++;
        this.column = 0;
      } else this.column++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === '\\') this.escape = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 1 && this.stack[0] === '{') this.lastString = this.collecting;
        } else if (this.depth === 1 && this.stack[0] === '{' && this.collecting.length < 200) this.collecting += c;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (this.ended) throw new JsonSyntaxError(`unexpected "${c}" after the end of the JSON`, this.line, this.column);
      // The first character of an item of a wanted array.
      if (
        this.arrayPointer !== undefined &&
        !this.item &&
        this.depth === this.stack.length &&
        this.stack.at(-1) === '[' &&
        this.isItemDepth() &&
        c !== ']' &&
        c !== ','
      ) {
        this.item = { text: [], line: this.line, column: this.column, depth: this.depth };
        itemStart = i;
        if (outside >= 0) this.skeleton.push(chunk.slice(outside, i));
        outside = -1;
      }
      switch (c) {
        case '"':
          this.inString = true;
          this.collecting = '';
          break;
        case '{':
        case '[':
          if (this.depth === 0 && this.sawValue) throw new JsonSyntaxError(`unexpected "${c}" after the end of the JSON`, this.line, this.column);
          if (c === '[' && (this.depth === 0 || (this.depth === 1 && this.stack[0] === '{' && this.key !== undefined && this.keys.has(this.key)))) {
            this.arrayPointer = this.depth === 0 ? '' : `/${this.key}`;
            this.index = 0;
          }
          this.stack.push(c);
          this.depth++;
          break;
        case '}':
        case ']': {
          const open = this.stack.pop();
          if ((c === '}' && open !== '{') || (c === ']' && open !== '['))
            throw new JsonSyntaxError(open ? `"${c}" closes a "${open}"` : `unexpected "${c}"`, this.line, this.column);
          // The end of a wanted array ends its last item.
          if (this.item && this.depth === this.item.depth) {
            out.push(this.finishItem(chunk, itemStart, i));
            outside = i;
          }
          this.depth--;
          if (c === ']' && this.arrayPointer !== undefined && this.depth === (this.arrayPointer === '' ? 0 : 1)) this.arrayPointer = undefined;
          if (this.depth === 0) {
            this.ended = true;
            this.sawValue = true;
          }
          break;
        }
        case ':':
          if (this.depth === 1 && this.stack[0] === '{') this.key = this.lastString;
          break;
        case ',':
          if (this.item && this.depth === this.item.depth) {
            out.push(this.finishItem(chunk, itemStart, i));
            itemStart = -1;
            outside = i;
          }
          break;
        default:
          if (this.depth === 0) {
            if (this.sawValue) throw new JsonSyntaxError(`unexpected "${c}" after the end of the JSON`, this.line, this.column);
            if (!/[-0-9tfn]/.test(c)) throw new JsonSyntaxError(`unexpected "${c}": not JSON`, this.line, this.column);
          }
      }
      if (this.item && itemStart < 0) itemStart = i;
    }
    if (this.item && itemStart >= 0) this.item.text.push(chunk.slice(itemStart));
    if (!this.item && outside >= 0) this.skeleton.push(chunk.slice(outside));
    return out;
  }

  private isItemDepth(): boolean {
    return this.depth === (this.arrayPointer === '' ? 1 : 2);
  }

  private finishItem(chunk: string, start: number, end: number): JsonItem {
    const item = this.item!;
    this.item = undefined;
    if (start >= 0) item.text.push(chunk.slice(start, end));
    const text = item.text.join('');
    this.skeleton.push(`null${'\n'.repeat(text.split('\n').length - 1)}`);
    const pointer = `${this.arrayPointer}/${this.index++}`;
    try {
      return { pointer, line: item.line, value: JSON.parse(text) };
    } catch (err) {
      // Where in the item: JSON.parse says "at position N".
      const pos = /position (\d+)/.exec((err as Error).message);
      let line = item.line;
      let column = item.column;
      if (pos) {
        const before = text.slice(0, Number(pos[1]));
        const nl = before.split('\n');
        line += nl.length - 1;
        column = nl.length > 1 ? nl.at(-1)!.length + 1 : column + before.length;
      }
      throw new JsonSyntaxError(
        `${(err as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected')} (in ${pointer})`,
        line,
        column,
      );
    }
  }

  /** Call after the last chunk: an unfinished document is a syntax error. */
  end(): void {
    if (this.inString) throw new JsonSyntaxError('the file ends inside a string', this.line, this.column);
    if (this.depth > 0)
      throw new JsonSyntaxError(
        `the file ends before its ${this.stack.length} open ${this.stack.at(-1) === '[' ? 'array' : 'object'}${this.stack.length > 1 ? 's' : ''} close`,
        this.line,
        this.column,
      );
    if (!this.sawValue) throw new JsonSyntaxError('the file is empty or holds no JSON object or array', this.line, this.column);
    const skeleton = this.skeleton.join('');
    try {
      JSON.parse(skeleton);
    } catch (err) {
      const pos = /position (\d+)/.exec((err as Error).message);
      const before = pos ? skeleton.slice(0, Number(pos[1])) : skeleton;
      const lines = before.split('\n');
      throw new JsonSyntaxError(
        (err as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected'),
        lines.length,
        lines.at(-1)!.length + 1,
      );
    }
  }
}

/** Reads every wanted item of a stream of chunks; throws JsonSyntaxError for a broken file. */
export async function readJsonItems(chunks: AsyncIterable<string>, keys: readonly string[], onItem: (item: JsonItem) => void): Promise<void> {
  const scanner = new JsonItemScanner(new Set(keys));
  for await (const chunk of chunks) for (const item of scanner.feed(chunk)) onItem(item);
  scanner.end();
}
