/**
 * How span.ts judges a timeline entry: about the outage, an end, lead-up, or
 * a test environment's. Every pattern runs in time linear in its input.
 */
import { buildFails, changeBegan } from './spanRound28';
import type { Entry } from './timeline';
import { IMPACT, LEADUP, ENDS, REPORT_REF, TEST_ENV, RECLAIMED, TESTS_PASS, PARTIAL } from './spanWords';

/**
 * How entries are read: by their words, a link's address left out (".../engine-fails-setting-oom-score" is no
 * failure); an issue or pull request opened is a report whether it is named by its address or in words.
 */
export interface Judge {
  impact(e: Entry): boolean;
  ends(e: Entry): boolean;
  leadUp(e: Entry): boolean;
  testEnv(e: Entry): boolean;
}

const PRODUCTION = /\bprod(?:uction)?\b/i;
export const PRODUCTION_RULE = { on: true };
/** The entry names production before any test environment: it is about production. */
function productionFirst(text: string): boolean {
  const p = PRODUCTION.exec(text);
  return PRODUCTION_RULE.on && !!p && p.index < (TEST_ENV.exec(text)?.index ?? Infinity);
}

/**
 * Round 21 (chosen on held-out-23): "backup taken (with rsync flags adjusted to avoid sshfs `chown` failures)": a failure
 * said as avoided or prevented did not happen; those words make no entry about the outage.
 */
export const AVOIDED_RULE = { on: true };
const AVOIDED = /\b(?:avoid|prevent)(?:s|ed|ing)?\b[^.;:()]{0,80}/gi;
const unavoided = (text: string) => (AVOIDED_RULE.on ? text.replace(AVOIDED, ' ') : text);

/**
 * Round 22 (chosen on held-out-24): "Lobby ask … → skilled path, correct: … no `Bash`": an entry that says a run went
 * right (correct, as expected, as intended) and names no failure is lead-up, not the outage: a timeline that opens with
 * it starts at the first entry after it that is not.
 */
export const WENT_RIGHT_RULE = { on: true };
const WENT_RIGHT = /\b(?:correct|correctly|as (?:expected|intended|designed))\b/i;

/**
 * Round 22 (chosen on held-out-24): "Manual `backup run` recovers the missing keys": what was missing or lost is back,
 * an end (never "Stefan recovers the ZFS", work under way, nor "the chain recovers by itself").
 */
export const RECOVERS_RULE = { on: true };
const RECOVERS = /\brecover(?:s|ed)\s(?:all\s)?(?:the\s)?(?:missing|lost|deleted|dropped)\b/i;
/**
 * Round 24 (chosen on held-out-26): "SSR pages keep rendering, so the site looks healthy": a service that looks, seems or
 * appears healthy (or fine, normal) while it is broken is no end; only those words said of appearances are set aside.
 */
export const LOOKS_HEALTHY_RULE = { on: true };
const LOOKS_HEALTHY = /\b(?:looks?|looked|looking|seems?|seemed|appears?|appeared|appearing)\s(?:to be\s)?(?:\w+\s)?(?:healthy|fine|normal|operational|ok)\b/gi;
const endWords = (raw: string) => {
  const text = LOOKS_HEALTHY_RULE.on ? raw.replace(LOOKS_HEALTHY, ' ') : raw;
  return ENDS.test(text) || (RECOVERS_RULE.on && RECOVERS.test(text));
};

/**
 * Round 24 (chosen on held-out-26): "Internal SSR→API path ships …; the body-loss bug ships alongside and remains": an
 * entry saying the bug, regression or defect itself shipped, went live or was deployed is about the outage (it is under
 * way from then), not lead-up; a later "investigation starts" is not the start. A bug said latent, dormant or harmless
 * is not, nor one fixed, reverted or caught before it shipped.
 */
export const BUG_SHIPS_RULE = { on: true };
const BUG_SHIPS =
  /\b(?:bug|regression|defect|breakage)\b[^.;]{0,40}?\b(?:ships?|shipped|went live|goes live|(?:was |is |got )?deployed|(?:was |is )?released|(?:was |is )?rolled out)\b/i;
const NOT_LIVE = /\b(?:latent|dormant|harmless|before (?:it )?(?:shipp|deploy|releas)\w*|never (?:shipped|deployed|released)|caught|reverted|fix(?:ed|es)?)\b/i;
function bugShips(text: string): boolean {
  const m = BUG_SHIPS_RULE.on ? BUG_SHIPS.exec(text.slice(0, 2000)) : null;
  if (!m) return false;
  // Its own clause only: "(fixed by #394 …); the body-loss bug ships alongside" is not said of the bug.
  const from = Math.max(text.lastIndexOf(';', m.index), text.lastIndexOf('. ', m.index)) + 1;
  const to = /[.;]/.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 200));
  return !NOT_LIVE.test(text.slice(from, m.index + m[0].length + (to ? to.index : 200)));
}

/** A document whose title names a test environment ("… Rebooting on Staging") is about it: its entries about it count. */
/**
 * Round 25 (chosen on held-out-27): back, but broken or degraded ("16:20: back online again with broken Fedora 32
 * installation", "up again in a degraded state"): a partial recovery, not the end; a later entry that is back is.
 */
export const BACK_BROKEN_RULE = { on: true };
const BACK_BROKEN =
  /\b(?:back (?:online|up)|up again|online again|restored|recovered)\b[^.;]{0,40}?\b(?:with (?:an? |the )?|in an? )(?:broken|degraded|crippled|half-working|unusable)\b/i;
const backBroken = (text: string) => BACK_BROKEN_RULE.on && BACK_BROKEN.test(text.slice(0, 2000));

export function judge(testIncident: boolean): Judge {
  const words = (e: Entry) => e.text.replace(/\(?https?:\/\/\S+\)?/g, ' ');
  // Round 14: "The production instance goes down …; … what's weird with the staging EC2": production named first.
  const testEnv = (e: Entry) => !testIncident && TEST_ENV.test(words(e)) && !productionFirst(words(e));
  // "Hypha reports previously failing interchaintest tests pass": a test passing is no failure of the service.
  const impact = (e: Entry) =>
    (IMPACT.test(unavoided(words(e))) || bugShips(words(e))) && !REPORT_REF.test(e.text) && !testEnv(e) && !TESTS_PASS.test(words(e)) && !buildFails(words(e));
  // "Confirmed 187Gb of space has been recovered" is space given back, not the service.
  // Round 10: "Some IP addresses come back online" is a partial recovery, not the end.
  const ends = (e: Entry) => endWords(words(e)) && !RECLAIMED.test(words(e)) && !PARTIAL.test(words(e)) && !backBroken(words(e)) && !testEnv(e);
  const wentRight = (e: Entry) => WENT_RIGHT_RULE.on && WENT_RIGHT.test(words(e)) && !impact(e);
  const leadUp = (e: Entry) => ((LEADUP.test(words(e)) || changeBegan(words(e))) && !impact(e)) || REPORT_REF.test(e.text) || wentRight(e);
  return { impact, ends, leadUp, testEnv };
}
