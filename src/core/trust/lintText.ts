/**
 * Lint for record text that is meant for a machine rather than for the team:
 * hidden characters anywhere in a record, and instruction-like text in the
 * fields that reach AI tools as lessons (a lesson that talks to "the AI",
 * says to ignore instructions, pipes a download into a shell, or carries
 * chat role tags). These are warnings: a reviewer decides; the AI channels
 * quote the text as data either way (dataBlock.ts).
 */
import type { SemanticProblem } from '../records/model';
import type { FieldPath } from '../records/yamlPositions';
import { hiddenCharacters } from './hiddenText';

/** Fields whose text reaches agents as lessons and constraints. */
const LEARNING_FIELDS: ReadonlyArray<readonly string[]> = [
  ['title'],
  ['learning', 'lesson'],
  ['learning', 'promptTemplate'],
  ['rootCause', 'confirmed'],
  ['rootCause', 'note'],
  ['rootCause', 'trigger', 'text'],
];

const AGENT_WORDS = String.raw`(?:ai|a\.i\.|assistant|agent|llm|language model|chat ?bot|claude|copilot|chatgpt|gpt(?:-\d)?|gemini|codex|cursor)`;

/** Each pattern with what it is, for the message. */
const INSTRUCTION_LIKE: ReadonlyArray<{ re: RegExp; what: string }> = [
  {
    re: /\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|all|any|your|the|system)\b[^.\n]{0,20}?\b(?:instructions?|prompts?|rules|guidelines|directions)\b/i,
    what: 'tells the reader to ignore instructions',
  },
  {
    re: new RegExp(String.raw`\b(?:you are|you're|as|dear|hey|attention|note to|instructions? for)\s+(?:an?\s+|the\s+|any\s+)?${AGENT_WORDS}s?\b`, 'i'),
    what: 'addresses an AI assistant',
  },
  {
    re: new RegExp(String.raw`(?:^|[.!?]\s+)${AGENT_WORDS}s?\s*[,:]\s*(?:you|please|ignore|run|always|never|do|execute)\b`, 'im'),
    what: 'addresses an AI assistant',
  },
  {
    re: /\b(?:curl|wget|iwr|invoke-webrequest|fetch)\b[^|\n]{0,200}\|\s*(?:sudo\s+)?(?:ba|z|da|k|fi)?sh\b|\b(?:curl|wget)\b[^|\n]{0,200}\|\s*(?:sudo\s+)?(?:python\d?|node|perl|ruby|iex)\b|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b/i,
    what: 'pipes a download into a shell',
  },
  {
    re: /<\|?\s*\/?\s*(?:system|assistant|user|developer|tool|im_start|im_end|endoftext)\s*\|?>|\[\/?INST\]|<<\/?SYS>>|^\s*(?:system|assistant|developer)\s*:/im,
    what: 'carries chat role tags',
  },
];

/** What is instruction-like in a text, or undefined. */
export function instructionLike(text: string): string | undefined {
  return INSTRUCTION_LIKE.find((p) => p.re.test(text))?.what;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let v: unknown = data;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Every string in the record (unknown fields too), with its path. */
function* strings(value: unknown, path: FieldPath): Generator<{ path: FieldPath; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** A runbook step's command has its own, stricter rule (terminalText.ts: an error). */
function isRunbookCommand(kind: string, path: FieldPath): boolean {
  return kind === 'runbook' && path.length === 3 && path[0] === 'steps' && path[2] === 'command';
}

export function untrustedTextProblems(kind: 'incident' | 'action' | 'runbook', data: unknown): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  for (const { path, text } of strings(data, [])) {
    if (isRunbookCommand(kind, path)) continue;
    const hidden = hiddenCharacters(text);
    if (hidden.length) {
      problems.push({
        path,
        severity: 'warning',
        message: `holds hidden characters (${hidden.slice(0, 5).join(', ')}${hidden.length > 5 ? ', …' : ''}): a reviewer cannot see them, AI tools and terminals read them; Incident Lens shows them escaped. Remove them`,
        code: 'hidden-characters',
      });
    }
  }
  if (kind !== 'incident') return problems;
  for (const path of LEARNING_FIELDS) {
    const text = valueAt(data, path);
    if (typeof text !== 'string') continue;
    const what = instructionLike(text);
    if (what) {
      problems.push({
        path: [...path],
        severity: 'warning',
        message: `reads like an instruction to an AI tool (it ${what}); Incident Lens hands lessons to agents as quoted data, but a reviewer should check this text`,
        code: 'instruction-like',
      });
    }
  }
  return problems;
}
