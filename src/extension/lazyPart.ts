/**
 * A part of the extension loaded the first time it is used. Each part's
 * `import()` in extension.ts is a chunk of its own in the production bundle
 * (esbuild.mjs splits it), so activation reads only what the first screen
 * needs: the tree, the status bar, CodeLens and Problems. Import, Insights,
 * git history, the timeline view and the editing commands come from disk
 * when first asked for, once.
 */
export class LazyPart<T> {
  private loading?: Promise<T>;
  private value?: T;

  constructor(
    private readonly name: string,
    private readonly load: () => Promise<T>,
  ) {}

  /** The part, loaded on the first call; a failed load is tried again next time. */
  get(): Promise<T> {
    this.loading ??= this.load().then(
      (value) => (this.value = value),
      (err: unknown) => {
        this.loading = undefined;
        throw err;
      },
    );
    return this.loading;
  }

  /** The part once loaded (the integration tests' internals); before that, an error saying so. */
  get loaded(): T {
    if (this.value === undefined) throw new Error(`${this.name} is not loaded yet: it loads on first use`);
    return this.value;
  }
}
