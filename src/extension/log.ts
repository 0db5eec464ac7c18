import * as vscode from 'vscode';
import { STRINGS } from './strings';

/** The "Incident Lens" output channel; providers log failures here instead of breaking. */
export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel(STRINGS.outputChannel, { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  error(context: string, err: unknown): void {
    this.channel.error(`${context}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
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
