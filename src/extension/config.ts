/** Typed access to the incidentLens.* settings. */
import * as vscode from 'vscode';
import { DEFAULT_INCIDENTS_FOLDER } from '../core/index';
import { DEFAULT_MAX_FILE_BYTES } from '../core/parse';
import { STATUSES, type IncidentStatus } from '../core/schema';
import { CONFIG } from './constants';

export type GroupBy = 'status' | 'priority' | 'system';
export type SortBy = 'priority' | 'start' | 'id';

export interface Settings {
  readonly incidentsFolder: string;
  readonly author: string;
  readonly groupBy: GroupBy;
  readonly sortBy: SortBy;
  readonly statuses: readonly IncidentStatus[];
  readonly maxFileSize: number;
}

export function settings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG.section, scope);
  const statuses = c.get<string[]>(CONFIG.statuses, [...STATUSES]).filter((s): s is IncidentStatus => (STATUSES as readonly string[]).includes(s));
  return {
    incidentsFolder: c.get<string>(CONFIG.incidentsFolder, DEFAULT_INCIDENTS_FOLDER) || DEFAULT_INCIDENTS_FOLDER,
    author: c.get<string>(CONFIG.author, ''),
    groupBy: c.get<GroupBy>(CONFIG.groupBy, 'status'),
    sortBy: c.get<SortBy>(CONFIG.sortBy, 'priority'),
    statuses,
    maxFileSize: c.get<number>(CONFIG.maxFileSize, DEFAULT_MAX_FILE_BYTES),
  };
}

export function affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
  return event.affectsConfiguration(`${CONFIG.section}.${key}`);
}

export async function update(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG.section).update(key, value, vscode.ConfigurationTarget.Workspace);
}
