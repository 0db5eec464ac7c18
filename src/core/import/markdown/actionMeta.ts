/**
 * Who, when and how urgent, written inside an action item's own line:
 * "(owner=ops, priority=high, due=2026-02-08)", "(owner: api team)",
 * "… block PRs. Owner: @lucasheriques". Read only when every part of the
 * parenthesis is such a pair, so a parenthesis of prose stays in the title.
 */

export interface ActionMeta {
  /** The title without the pairs. */
  readonly title: string;
  readonly owner?: string;
  /** As written: a date, a month ("2026-03") or words. */
  readonly deadline?: string;
  readonly priority?: string;
  readonly status?: string;
}

const PAIR = /^\s*(owner|owners|assignee|priority|prio|severity|due|deadline|status|state)\s*[:=]\s*(.*?)\s*$/i;
const TRAILING_PARENS = /\(([^()]{1,300})\)\.?\s*$/;
const TRAILING_OWNER = /(?:[.;]|[—–])\s+(?:owner|assignee)\s*:\s*(@?[\w.-]+(?:\s+[\w.-]+){0,2})\s*$/i;

export function actionMeta(title: string): ActionMeta {
  const parens = TRAILING_PARENS.exec(title);
  if (parens) {
    const parts = parens[1]!.split(/[,;]/).map((p) => PAIR.exec(p));
    if (parts.every((p) => p !== null)) {
      const found: Record<string, string> = {};
      for (const p of parts) {
        const key = p![1]!.toLowerCase();
        const field =
          key === 'owners' || key === 'assignee'
            ? 'owner'
            : key === 'prio' || key === 'severity'
              ? 'priority'
              : key === 'due'
                ? 'deadline'
                : key === 'state'
                  ? 'status'
                  : key;
        if (p![2]) found[field] = p![2];
      }
      const rest = title.slice(0, parens.index).trim();
      if (rest) return { title: rest, ...found };
    }
  }
  const owner = TRAILING_OWNER.exec(title);
  if (owner) {
    const rest = title.slice(0, owner.index + (owner[0].startsWith('.') ? 1 : 0)).trim();
    if (rest) return { title: rest, owner: owner[1]!.replace(/\.+$/, '') };
  }
  return { title };
}
