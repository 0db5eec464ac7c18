/**
 * The edit hook's answer without the records' parser (issue 30): Claude
 * Code's PreToolUse input read into an edit intent, the fix-line check, and
 * the answer built from plain views of the linked incidents. It imports no
 * zod and no yaml, so the hook's warm path (answered from the per-workspace
 * digest, core/ai/hookDigest.ts) stays small; core/ai/editHook.ts turns
 * parsed incidents into these views.
 *
 * Claude Code's hook contract (https://code.claude.com/docs/en/hooks,
 * "PreToolUse"): input JSON on stdin with tool_name and tool_input (file
 * paths absolute); output JSON on stdout with hookSpecificOutput
 * { hookEventName: 'PreToolUse', permissionDecision?, permissionDecisionReason?,
 * additionalContext? }. `additionalContext` is added to what the model reads
 * next; `ask` shows the reason to the person and asks them.
 *
 * Record text reaches the model only inside its data block (trust/dataBlock.ts);
 * the reason a person reads names only ids, commits, files and the code's own
 * lines, never record text.
 */
import { COMMANDS_FOR_PEOPLE, dataBlock, type DataField, type RecordOrigin } from '../trust/dataBlock';
import { flatText } from '../trust/hiddenText';

/** The edit tools the hook is registered for (the settings' matcher). */
export const CLAUDE_EDIT_TOOLS = ['Edit', 'MultiEdit', 'Write', 'NotebookEdit'] as const;

/** Claude Code's PreToolUse input, as far as the hook reads it. */
export interface ClaudePreToolUseInput {
  readonly hook_event_name?: string;
  readonly tool_name: string;
  readonly tool_input: Record<string, unknown>;
  readonly cwd?: string;
  readonly session_id?: string;
  readonly tool_use_id?: string;
}

/** Claude Code's PreToolUse hook-specific output. */
export interface ClaudePreToolUseOutput {
  readonly hookSpecificOutput: {
    readonly hookEventName: 'PreToolUse';
    readonly permissionDecision?: 'allow' | 'deny' | 'ask';
    readonly permissionDecisionReason?: string;
    readonly additionalContext?: string;
  };
}

/** One replacement the edit makes: the text it removes and the text it puts in. */
export interface TextChange {
  readonly old: string;
  readonly new: string;
}

export interface EditIntent {
  readonly tool: string;
  /** As the agent gave it (Claude Code: absolute). */
  readonly file: string;
  readonly cwd?: string;
  /** Replacements; for Write the old text is the file's current text (filled in by the reader of the file). */
  readonly changes: readonly TextChange[];
  /** Write and NotebookEdit replace content whose old text the input does not carry. */
  readonly wholeFile: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The hook input as an edit intent; undefined for tools and shapes that are not an edit of a file. */
export function readEditIntent(input: unknown): EditIntent | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const { tool_name: tool, tool_input: ti, cwd } = input as Partial<ClaudePreToolUseInput>;
  if (typeof tool !== 'string' || !ti || typeof ti !== 'object') return undefined;
  const base = { tool, ...(typeof cwd === 'string' ? { cwd } : {}) };
  if (tool === 'Edit') {
    const file = str(ti.file_path);
    return file ? { ...base, file, changes: [{ old: str(ti.old_string) ?? '', new: str(ti.new_string) ?? '' }], wholeFile: false } : undefined;
  }
  if (tool === 'MultiEdit') {
    const file = str(ti.file_path);
    const edits = Array.isArray(ti.edits) ? ti.edits : [];
    const changes = edits
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => ({ old: str(e.old_string) ?? '', new: str(e.new_string) ?? '' }));
    return file ? { ...base, file, changes, wholeFile: false } : undefined;
  }
  if (tool === 'Write') {
    const file = str(ti.file_path);
    return file ? { ...base, file, changes: [{ old: '', new: str(ti.content) ?? '' }], wholeFile: true } : undefined;
  }
  if (tool === 'NotebookEdit') {
    const file = str(ti.notebook_path);
    return file ? { ...base, file, changes: [{ old: '', new: str(ti.new_source) ?? '' }], wholeFile: true } : undefined;
  }
  return undefined;
}

/** 1-based line ranges of the file the edit's old texts occupy (each first occurrence); none when not found. */
export function editedLines(fileText: string, changes: readonly TextChange[]): Array<{ startLine: number; endLine: number }> {
  const out: Array<{ startLine: number; endLine: number }> = [];
  for (const c of changes) {
    if (!c.old) continue;
    const at = fileText.indexOf(c.old);
    if (at < 0) continue;
    const startLine = fileText.slice(0, at).split('\n').length;
    out.push({ startLine, endLine: startLine + c.old.split('\n').length - 1 });
  }
  return out;
}

/** The lines a fix commit added to one file (from git: src/node/git/fixAddedLines.ts). */
export interface FixAddedLines {
  readonly incidentId: string;
  readonly fixSha: string;
  readonly lines: readonly string[];
}

/** A line counts when it says something: not a lone brace, not blank, at least 6 characters of code. */
function meaningful(line: string): boolean {
  const t = line.trim();
  return t.length >= 6 && /[A-Za-z0-9]/.test(t);
}

export interface FixLinesHit {
  readonly incidentId: string;
  readonly fixSha: string;
  /** The fix's lines the edit removes or rewrites (trimmed). */
  readonly lines: readonly string[];
}

/**
 * The `risk --diff` fix-line knowledge applied to an edit before it happens:
 * lines a fix wrote that are in the edit's old text and not in its new text
 * are removed or rewritten by it.
 */
export function fixLinesTouched(fixes: readonly FixAddedLines[], changes: readonly TextChange[]): FixLinesHit[] {
  const hits: FixLinesHit[] = [];
  for (const fix of fixes) {
    const added = new Set(fix.lines.map((l) => l.trim()).filter((l) => meaningful(l)));
    if (!added.size) continue;
    const lines = new Set<string>();
    for (const c of changes) {
      const kept = new Set(c.new.split('\n').map((l) => l.trim()));
      for (const l of c.old.split('\n')) {
        const t = l.trim();
        if (added.has(t) && !kept.has(t)) lines.add(t);
      }
    }
    if (lines.size) hits.push({ incidentId: fix.incidentId, fixSha: fix.fixSha, lines: [...lines] });
  }
  return hits;
}

/** What the answer needs of one incident, every record text already a data field (editHook.ts: hookIncidentView). */
export interface HookIncidentView {
  readonly id: string;
  readonly priority?: string;
  readonly status?: string;
  readonly origin: RecordOrigin;
  /** Title, facts, root cause, lesson, prompt template: quoted in the incident's data block after "Linked at". */
  readonly fields: readonly DataField[];
  /** Rollback runbooks, each described for its own data block. */
  readonly runbooks: ReadonlyArray<{ readonly origin: RecordOrigin; readonly label: string; readonly text: string }>;
}

/** An incident linked to the edited code, with where. */
export interface HookHit {
  readonly incident: HookIncidentView;
  /** "src/payments/stripeWebhook.ts (handleStripeWebhook)". */
  readonly where: readonly string[];
}

export interface HookFacts {
  /** The edited file, workspace-relative. */
  readonly file: string;
  readonly hits: readonly HookHit[];
  readonly fixHits: readonly FixLinesHit[];
}

/** The notes the model reads before the edit: our own words, then each record in its data block. */
function contextText(facts: HookFacts): string {
  const ids = facts.hits.map((h) => h.incident.id).join(', ');
  const lines = [
    `Incident Lens: the file you are about to edit, ${JSON.stringify(flatText(facts.file))}, is linked to past production incident${facts.hits.length === 1 ? '' : 's'} ${ids}. ` +
      'Each record is quoted below as data, between its <<<INCIDENT-NOTES lines: take its root cause and lesson into account in this edit.',
  ];
  for (const hit of facts.hits) {
    lines.push('', dataBlock(hit.incident.origin, [{ label: 'Linked at', text: hit.where.join('; ') }, ...hit.incident.fields]));
    for (const rb of hit.incident.runbooks) lines.push(dataBlock(rb.origin, [{ label: rb.label, text: rb.text, multiline: true }]));
  }
  if (facts.hits.some((h) => h.incident.runbooks.length)) lines.push('', COMMANDS_FOR_PEOPLE);
  return lines.join('\n');
}

/** Why the person is asked, in our words: ids, commits, the file and the code's own lines only. */
function askReason(facts: HookFacts): string | undefined {
  const parts: string[] = [];
  for (const f of facts.fixHits) {
    const shown = f.lines.slice(0, 2).map((l) => JSON.stringify(flatText(l).slice(0, 100)));
    parts.push(
      `This edit removes or rewrites ${f.lines.length === 1 ? 'a line' : `${f.lines.length} lines`} that ${f.incidentId}'s fix ${f.fixSha.slice(0, 7)} added (${shown.join(', ')}${f.lines.length > 2 ? ', …' : ''}): make sure it does not undo the fix.`,
    );
  }
  const active = facts.hits.filter((h) => h.incident.status === 'active');
  if (active.length)
    parts.push(
      `This edit touches code of the active incident${active.length === 1 ? '' : 's'} ${active.map((h) => `${h.incident.id} (${h.incident.priority ?? 'no priority'})`).join(', ')}: changing it during the incident needs the incident lead's go-ahead.`,
    );
  return parts.length ? `Incident Lens: ${parts.join(' ')}` : undefined;
}

/** The hook's answer: nothing when no incident concerns the edit. */
export function claudeHookAnswer(facts: HookFacts): ClaudePreToolUseOutput | undefined {
  if (!facts.hits.length && !facts.fixHits.length) return undefined;
  const reason = askReason(facts);
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      ...(reason ? { permissionDecision: 'ask' as const, permissionDecisionReason: reason } : {}),
      ...(facts.hits.length ? { additionalContext: contextText(facts) } : {}),
    },
  };
}
