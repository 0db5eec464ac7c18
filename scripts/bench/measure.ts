/**
 * Timing helpers shared by the benchmark and its pass inside the extension
 * host (test/integration/bench): how long, and how long the event loop was
 * blocked, with the longest garbage-collection pause in that time.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The longest stretch the event loop was blocked while `fn` ran, and the longest garbage-collection pause in it. */
export async function maxBlock<T>(fn: () => Promise<T>): Promise<{ blockedMs: number; gcMs: number; value: T }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  let gcMs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs = Math.max(gcMs, e.duration);
  });
  gcs.observe({ entryTypes: ['gc'] });
  h.enable();
  const value = await fn();
  h.disable();
  gcs.disconnect();
  return { blockedMs: h.max / 1e6, gcMs, value };
}
