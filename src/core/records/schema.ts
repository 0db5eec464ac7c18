/**
 * The record format: zod schemas for incident and action records.
 *
 * The schemas describe the YAML as people write it (no transforms), so the
 * same schemas generate the JSON Schema used by the YAML language extension.
 * Interpretation (times, durations, AI connection lists) happens in model.ts.
 */
import { z } from 'zod';

export const INCIDENT_ID = /^INC-\d+$/;
export const ACTION_ID = /^ACTION-INC\d+-\d+$/;
export const RUNBOOK_ID = /^RB-[a-z0-9]+(-[a-z0-9]+)*$/;

export const STATUSES = ['active', 'resolved', 'postmortem-pending', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  active: 'Active',
  resolved: 'Resolved',
  'postmortem-pending': 'Postmortem pending',
  closed: 'Closed',
};

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The seed's severity definitions, shown in pickers, hovers and the tree. */
export const PRIORITY_DEFINITIONS: Record<Priority, string> = {
  P1: 'Full outage, all users affected',
  P2: 'Critical feature broken, no workaround',
  P3: 'Important feature degraded, workaround exists',
  P4: 'Minor issue, most users can proceed',
};

/** How a record without a priority shows (imported from a source that gave none; lint warns until one is set). */
export const NO_PRIORITY = 'P?';

/** P1 0 … P4 3; no priority sorts after P4. */
export function priorityRank(p: Priority | undefined): number {
  return p === undefined ? PRIORITIES.length : PRIORITIES.indexOf(p);
}

export function priorityText(p: Priority | undefined): string {
  return p ?? NO_PRIORITY;
}

/** The codicon a priority shows with (tree, pickers, hovers); a record without one shows a question mark. */
const PRIORITY_ICONS: Record<Priority, string> = { P1: 'flame', P2: 'warning', P3: 'info', P4: 'circle-small-filled' };

export function priorityIconName(p: Priority | undefined): string {
  return p ? PRIORITY_ICONS[p] : 'question';
}

/** `imported`: the record came from another system (its `source`), which is why it may lack one. */
export function priorityDefinition(p: Priority | undefined, imported = false): string {
  return p ? PRIORITY_DEFINITIONS[p] : imported ? 'not set yet (the source it was imported from gave none)' : 'not set yet';
}

export const DETECTION_METHODS = ['monitoring', 'user', 'team'] as const;
export const ENTRY_KINDS = ['event', 'finding', 'decision', 'action', 'communication'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const MILESTONES = ['detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];
export const AI_CONNECTIONS = ['ai-generated-code', 'ai-deploy-speed', 'not-related'] as const;
export type AiConnection = (typeof AI_CONNECTIONS)[number];
export const AI_CONNECTION_LABELS: Record<AiConnection, string> = {
  'ai-generated-code': 'AI-generated code',
  'ai-deploy-speed': 'AI deploy speed',
  'not-related': 'Not related',
};
export const POSTMORTEM_STATUSES = ['pending', 'in-progress', 'complete'] as const;
export const ACTION_TERMS = ['short', 'medium', 'long'] as const;
export type ActionTerm = (typeof ACTION_TERMS)[number];
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** ISO 8601 (with offset, or in the record's timeZone), a bare HH:MM read forward, a bare date; "~" marks it approximate. */
const time = z.string().meta({
  description:
    'ISO 8601 time with offset (2025-03-18T14:37:00+03:00) or, when the record names its timeZone, without one; HH:MM, read forward from the entry before it (past midnight when earlier); a date (2025-03-18) where only the day is known; a leading ~ marks it approximate (~23:30).',
});
const text = z.string();

const timelineEntry = z.object({
  at: time,
  author: text.optional(),
  kind: z.enum(ENTRY_KINDS).optional().meta({ description: 'event, finding, decision, action or communication (default: event).' }),
  milestone: z.enum(MILESTONES).optional().meta({ description: 'Marks the moment the incident was detected, acknowledged, mitigated or resolved.' }),
  text,
});

const inlineAction = z.object({
  text,
  owner: text.optional(),
  deadline: time.optional(),
  done: z.boolean().optional(),
  doneAt: time.optional(),
  doneBy: text.optional(),
});

const communication = z.object({
  at: time,
  text: text.optional(),
  by: text.optional(),
});

const codeLink = z.object({
  path: text.meta({
    description: 'Repository-relative file path, directory (ending in /) or glob (src/payments/**/*.ts).',
  }),
  symbol: text.optional().meta({ description: 'Function, class or method name inside the file.' }),
  lines: z
    .string()
    .regex(/^\d+(-\d+)?$/, 'expected a line or a range like 12-30')
    .optional()
    .meta({ description: 'Line or line range (12-30) inside the file.' }),
  note: text.optional(),
  repo: text.optional().meta({
    description:
      'The repository the path is in, as any remote URL (git@github.com:acme/payments.git, https://github.com/acme/payments). Without it, the repository holding the record.',
  }),
});

export const COMMIT_ROLES = ['trigger', 'revert', 'fix', 'related'] as const;
export type CommitRole = (typeof COMMIT_ROLES)[number];
export const COMMIT_ROLE_LABELS: Record<CommitRole, string> = {
  trigger: 'introduced by',
  revert: 'reverted by',
  fix: 'fixed by',
  related: 'related',
};

/** A commit the incident concerns: the change that triggered it, the revert that mitigated it, the fix that closed it. */
const commitRef = z.object({
  sha: z
    .string()
    .regex(/^[0-9a-fA-F]{7,40}$/, 'expected a commit SHA (7 to 40 hex digits)')
    .meta({ description: 'Commit SHA (abbreviated to at least 7 digits, or full).' }),
  role: z.enum(COMMIT_ROLES).meta({ description: 'trigger (introduced the fault), revert (undid it during the incident), fix (closed it) or related.' }),
  subject: text.optional().meta({ description: "The commit's subject line, kept so the record reads without git." }),
  at: time.optional().meta({ description: 'When the commit landed (its committer time).' }),
  note: text.optional(),
});

/** A postmortem action not yet opened as its own record. */
const plannedAction = z.object({
  title: text.min(1, 'must not be empty'),
  owner: text.optional(),
  deadline: text.optional(),
  term: z.enum(['short', 'medium', 'long']).optional(),
  acceptanceCriteria: text.optional(),
});

/** Where an imported record came from: re-imports match on system and id. */
const importSource = z
  .object({
    system: text
      .min(1, 'must not be empty')
      .meta({ description: 'The system it was imported from: markdown, incident-io, pagerduty, statuspage, csv, incident-lens.' }),
    id: text.min(1, 'must not be empty').meta({ description: "The record's id or reference in that system (PT4KHLK, INC-123, OPS-101, a file name)." }),
    url: text.optional(),
    reviewed: z
      .object({
        by: text.min(1, 'must not be empty'),
        at: text.min(1, 'must not be empty').meta({ description: 'When (ISO 8601).' }),
      })
      .optional()
      .meta({
        description:
          'Set by "incident-lens review ID" (or Incident Lens: Mark Imported Record Reviewed) when a person has read the imported text. Until then the record reaches AI tools only as labelled third-party text, never in instruction files or AGENTS.md.',
      }),
  })
  .meta({ description: 'Where this record was imported from (incident-lens import). Set by the importer; re-imports match on system and id.' });

const aiConnection = z.union([z.enum(AI_CONNECTIONS), z.array(z.enum(AI_CONNECTIONS))]);

export const incidentSchema = z.object({
  id: z.string().regex(INCIDENT_ID, 'expected an id like INC-023'),
  title: text.min(1, 'must not be empty'),
  status: z.enum(STATUSES).meta({ description: 'active, resolved, postmortem-pending (after close, postmortem due in 48 h) or closed.' }),
  priority: z
    .enum(PRIORITIES)
    .optional()
    .meta({
      description: PRIORITIES.map((p) => `${p} — ${PRIORITY_DEFINITIONS[p]}`).join('; '),
    }),
  start: time.optional(),
  timeZone: text.optional().meta({ description: 'IANA time zone (America/Los_Angeles) for times written without an offset, and for display.' }),
  detected: z
    .object({
      how: z.enum(DETECTION_METHODS),
      source: text.optional().meta({ description: 'Free text: the alert, the user report…' }),
    })
    .optional(),
  resolution: time.optional(),
  duration: text.optional().meta({ description: 'Filled when resolved, e.g. "2h 15m"; must agree with start and resolution.' }),
  roles: z
    .object({
      incidentLead: text.optional(),
      commsOwner: text.optional(),
      technicalLead: text.optional(),
      onCall: text.optional(),
    })
    .optional(),
  impact: z
    .object({
      system: text.optional(),
      feature: text.optional(),
      users: z
        .object({
          estimate: z.number().int().nonnegative().optional(),
          text: text.optional(),
        })
        .optional(),
      business: text.optional(),
    })
    .optional(),
  timeline: z.array(timelineEntry).optional(),
  actions: z.array(inlineAction).optional(),
  communications: z
    .object({
      customerNotification: z.array(communication).optional(),
      teamUpdates: z.array(communication).optional(),
      statusPage: z.array(communication).optional(),
    })
    .optional(),
  rootCause: z
    .object({
      initialHypothesis: text.optional(),
      confirmed: text.optional(),
      trigger: z
        .object({
          text: text.optional(),
          ref: text.optional().meta({ description: 'Commit SHA, tag or deploy id that triggered the incident.' }),
        })
        .optional(),
      aiConnection: aiConnection.optional(),
      note: text.optional(),
    })
    .optional(),
  postmortem: z
    .object({
      status: z.enum(POSTMORTEM_STATUSES).optional(),
      deadline: time.optional().meta({ description: 'Defaults to 48 hours after resolution.' }),
      owner: text.optional(),
      summary: text.optional(),
      whyNotCaught: text.optional(),
      whyTookLong: text.optional(),
      actionPlan: z
        .array(z.union([z.string().regex(ACTION_ID, 'expected an action id like ACTION-INC023-1'), plannedAction]))
        .optional()
        .meta({
          description:
            'Action record ids, or planned actions (title, owner, deadline, term, acceptanceCriteria) that "Create Action Records from Postmortem" turns into records.',
        }),
    })
    .optional(),
  learning: z
    .object({
      lesson: text.optional(),
      promptTemplate: text.optional(),
    })
    .optional(),
  links: z.array(codeLink).optional(),
  commits: z.array(commitRef).optional().meta({
    description:
      'Commits the incident concerns, each with its role: trigger, revert, fix or related. rootCause.trigger.ref, when a SHA, counts as the trigger.',
  }),
  keywords: z.array(text).optional(),
  source: importSource.optional(),
  runbooks: z
    .array(z.string().regex(RUNBOOK_ID, 'expected a runbook id like RB-payments-rollback'))
    .optional()
    .meta({ description: 'Runbooks (RB-…) to follow for this incident, e.g. its rollback procedure.' }),
});

export const actionRecordSchema = z.object({
  id: z.string().regex(ACTION_ID, 'expected an id like ACTION-INC023-1'),
  incident: z.string().regex(INCIDENT_ID, 'expected an incident id like INC-023'),
  title: text.min(1, 'must not be empty'),
  owner: text.optional(),
  deadline: text.optional().meta({ description: 'A date (2025-03-21) or free text ("Q2 sprint planning").' }),
  acceptanceCriteria: text.optional(),
  term: z.enum(ACTION_TERMS).optional(),
  status: z.enum(ACTION_STATUSES),
  source: importSource.optional(),
  links: z.array(codeLink).optional(),
  commits: z.array(commitRef).optional().meta({ description: 'Commits that carried out this action (role fix, usually).' }),
  runbooks: z
    .array(z.string().regex(RUNBOOK_ID, 'expected a runbook id like RB-payments-rollback'))
    .optional()
    .meta({ description: 'Runbooks this action wrote or changed.' }),
});

const runbookStep = z.object({
  instruction: text.min(1, 'must not be empty'),
  command: text.optional().meta({ description: 'Shell command for the step; Incident Lens puts it in a terminal without running it.' }),
  expected: text.optional().meta({ description: 'What you should see when the step worked.' }),
  whoMayRun: text.optional().meta({ description: 'Who may run this step (role or names).' }),
});

export const runbookSchema = z.object({
  id: z.string().regex(RUNBOOK_ID, 'expected a runbook id like RB-payments-rollback (lower case, dashes)'),
  title: text.min(1, 'must not be empty'),
  system: text.optional().meta({ description: 'The system it applies to; incidents whose impact.system matches get it offered.' }),
  owner: text.optional(),
  approvedBy: text.optional(),
  lastVerified: text
    .optional()
    .meta({ description: 'Date the procedure was last tried for real (2025-03-25); flagged when older than incidentLens.runbooks.staleAfterDays.' }),
  links: z.array(codeLink).optional(),
  steps: z.array(runbookStep).min(1, 'a runbook needs at least one step'),
});

export type IncidentRecord = z.infer<typeof incidentSchema>;
export type ActionRecord = z.infer<typeof actionRecordSchema>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type InlineAction = z.infer<typeof inlineAction>;
export type CodeLink = z.infer<typeof codeLink>;
export type CommitRef = z.infer<typeof commitRef>;
export type Communication = z.infer<typeof communication>;
export type PlannedAction = z.infer<typeof plannedAction>;
export const COMMUNICATION_CHANNELS = ['customerNotification', 'teamUpdates', 'statusPage'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];
export const COMMUNICATION_LABELS: Record<CommunicationChannel, string> = {
  customerNotification: 'Customer notification',
  teamUpdates: 'Team update',
  statusPage: 'Status page',
};

export type RunbookRecord = z.infer<typeof runbookSchema>;
export type RunbookStep = z.infer<typeof runbookStep>;
export type RecordKind = 'incident' | 'action' | 'runbook';
