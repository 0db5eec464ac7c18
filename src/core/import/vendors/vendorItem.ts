/**
 * What the three vendor mappings share: an item of a vendor's export (parsed
 * JSON with its JSON pointer), the problems reported at that pointer, and the
 * small readers of untrusted JSON values (own keys only, ISO times with a zone).
 * The mappings themselves are in incidentIo.ts, pagerDuty.ts and statuspage.ts.
 */
import type { ImportProblem } from '../types';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An ISO time with its zone, as the record format writes it (fractions of a second dropped). */
export function time(v: unknown): string | undefined {
  const s = str(v);
  if (!s || !ISO.test(s)) return undefined;
  return s.replace(/\.\d+(?=Z|[+-])/, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}
/** A mapping's value for a key the data chose: own keys only, so "constructor" or "__proto__" is no status. */
export function pick<T extends string>(map: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
export const ms = (t: string | undefined) => (t ? Date.parse(t) : NaN);

export interface VendorItem {
  readonly file: string;
  readonly pointer: string;
  readonly value: unknown;
}

export function problem(item: VendorItem, message: string): ImportProblem {
  return { where: `${item.file} ${item.pointer}`, message };
}

/** The item's id and name, or a problem naming what is missing (the item is skipped). */
export function idAndName(item: VendorItem, problems: ImportProblem[]): { inc: Obj; id: string; name: string } | undefined {
  const inc = obj(item.value);
  const id = str(inc.id);
  const name = str(inc.name);
  if (id && name) return { inc, id, name };
  problems.push(problem(item, `an incident needs id and name (${[!id && 'id', !name && 'name'].filter(Boolean).join(', ')} missing); skipped`));
  return undefined;
}

export function priorityFrom(name: string | undefined): string | undefined {
  const m = name && /^(?:P|SEV[- ]?|S)([1-4])$/i.exec(name.trim());
  return m ? `P${m[1]}` : undefined;
}

export function byTime<T extends { at: string }>(list: T[]): T[] {
  return list.sort((a, b) => ms(a.at) - ms(b.at));
}
