import * as vscode from 'vscode';
import { STRINGS } from './strings';

/** The "Incident Lens" output channel; providers log failures here instead of breaking. */
export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel(STRINGS.outputChannel, { log: true });
  /** The last failures logged, newest last (what "Show Output" would show; read by the integration tests). */
  readonly recentErrors: string[] = [];

  info(message: string): void {
    this.channel.info(message);
  }

  error(context: string, err: unknown): void {
    const line = `${context}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    this.channel.error(line);
    this.recentErrors.push(line);
    if (this.recentErrors.length > 50) this.recentErrors.shift();
  }

  /** Runs `fn`, logging (not throwing) a failure; returns `fallback` then. */
  guard<T>(context: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.error(context, err);
      return fallback;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}
