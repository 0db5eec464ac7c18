/** Typed access to the incidentLens.* settings. */
import * as vscode from 'vscode';
import { DEFAULT_INCIDENTS_FOLDER, DEFAULT_RUNBOOK_STALE_DAYS } from '../core/index/incidentIndex';
import { DEFAULT_WINDOW_HOURS } from '../core/git/suggestTypes';
import { DEFAULT_MAX_FILE_BYTES } from '../core/records/parseRecord';
import { PRIORITIES, STATUSES, type IncidentStatus, type Priority } from '../core/records/schema';
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
  readonly codeLensEnabled: boolean;
  readonly hoverEnabled: boolean;
  readonly decorationsEnabled: boolean;
  readonly minimumPriority: Priority;
  readonly hideClosedOlderThanDays: number;
  readonly updateLinksOnRename: 'prompt' | 'always' | 'never';
  readonly runbookStaleAfterDays: number;
  readonly suggestWindowHours: number;
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
    codeLensEnabled: c.get<boolean>(CONFIG.codeLensEnabled, true),
    hoverEnabled: c.get<boolean>(CONFIG.hoverEnabled, true),
    decorationsEnabled: c.get<boolean>(CONFIG.decorationsEnabled, true),
    minimumPriority: (PRIORITIES as readonly string[]).includes(c.get<string>(CONFIG.minimumPriority, 'P4'))
      ? c.get<Priority>(CONFIG.minimumPriority, 'P4')
      : 'P4',
    hideClosedOlderThanDays: Math.max(0, c.get<number>(CONFIG.hideClosedOlderThanDays, 0)),
    updateLinksOnRename: c.get<'prompt' | 'always' | 'never'>(CONFIG.updateLinksOnRename, 'prompt'),
    runbookStaleAfterDays: Math.max(0, c.get<number>(CONFIG.runbookStaleAfterDays, DEFAULT_RUNBOOK_STALE_DAYS)),
    suggestWindowHours: Math.max(1, c.get<number>(CONFIG.suggestWindowHours, DEFAULT_WINDOW_HOURS)),
  };
}

export function affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
  return event.affectsConfiguration(`${CONFIG.section}.${key}`);
}

export async function update(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG.section).update(key, value, vscode.ConfigurationTarget.Workspace);
}
