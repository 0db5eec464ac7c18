/**
 * Round 8: a duration said in a sentence ("for 40 minutes", "took 2 hours")
 * is the incident's only when its own clause ties it to the outage, the
 * impact, the incident or its resolution ("The search was unavailable for 13
 * minutes", "The issue lasted 5 hours", "It took 1 hour from the start of the
 * incident to the fix", "a period of 30 minutes where jobs could not be
 * scheduled"). A figure in a clause about something else is not: a table
 * locked "for 40 minutes" while trying a remedy, a script run "for a few days
 * without error", an upgrade or a review that "took" an hour. The clause is
 * the text between the nearest commas, semicolons, colons or linking words
 * around the figure; a figure put first ("for approximately 47 minutes, CI
 * jobs … had spurious failures") is tied by the clause after it. Every
 * pattern here runs in time linear in its input.
 */

/**
 * Words that say the outage, the impact, the incident or its end (round 17: "was not reachable", "not available"; round
 * 20: "stopped responding").
 */
const TIED =
  /\b(outages?|down(?:time)?|offline|unavailable|inaccessible|unreachable|unresponsive|out of service|degraded|degradation|disrupt\w*|halt(?:ed|s)?|stall(?:ed|s)?|clogged|congested|broken|fail\w*|errors?|exposed|exposure|ddos|attacks?|exploit\w*|drain(?:s|ed)|compromised|incidents?|issues?|problems?|impact\w*|could(?:n['’]t| not)|unable|not (?:reachable|available|accessible|responding)|stop(?:ped|s)? responding|fixed|resolved|recover\w*|restored|mitigated)\b/i;
/**
 * Round 18: "The `default`, `testnet-g` and `testnet-unchained-3s` networks stopped for around 45mins in total": a
 * network, service or system that stopped is the outage ("we stopped the deploy for an hour" is not).
 */
export const STOPPED_RULE = { on: true };
const STOPPED = /\b(?:networks?|services?|sites?|servers?|systems?|apis?|chains?|nodes?)\s(?:\w+\s)?stopped\s*$/i;
/** Said absent: "without error", "no downtime". */
const NEGATED = /\b(?:without|no|any|zero)\s(?:\w+\s){0,2}?(?:errors?|issues?|problems?|failures?|downtime|impact|outages?|incidents?)\b/gi;
/** Another period before the verb: "the upgrade took", "the review lasted", "a maintenance window of". */
const OTHER_PERIOD =
  /\b(?:maintenance|upgrades?|migrations?|reviews?|meetings?|retrospectives?|windows?|calls?)\s(?:(?:was|is|were|has|had|then|only|itself)\s)?$/i;
/**
 * Where a clause ends (never inside a word, nor a time or a figure: "from 11:45 to 13:56", "2.5 hours"; round 20: nor
 * a name with a dot in it, "requests for usegalaxy.eu for 35 minutes").
 */
const BOUNDARY = /[,;:!?](?!\d)|\.(?![\w])|\s(?:so|but|because|while|whereas|although|though|until|before|after|then|and then)\s/gi;
/** Nothing but a lead-in before a figure put first: "", "This means that", "- ". */
const LEAD_IN = /^(?:[\s*\-–]*|.*\b(?:that|means|meant)\s*)$/i;

/**
 * Is the duration matched at [index, index + length) of the sentence tied to the outage by its own clause?
 * `verb` is the word that introduces the figure ("for", "took", "lasted", "period of").
 */
export function durationTied(sentence: string, index: number, length: number, verb: string): boolean {
  const text = sentence.slice(0, 2000);
  if (index > text.length) return false;
  const head = text.slice(0, index);
  const verbAt =
    index +
    Math.max(
      0,
      text
        .slice(index, index + length)
        .toLowerCase()
        .indexOf(verb.toLowerCase()),
    );
  const before = clauseBefore(text.slice(0, verbAt));
  if (OTHER_PERIOD.test(before)) return false;
  if (tied(`${before} ${verb}`) || (STOPPED_RULE.on && STOPPED.test(before))) return true;
  // "The queues drained only once, for a few hours": a figure right after a comma belongs to the clause before it.
  const comma = /,\s*$/.exec(text.slice(0, verbAt - before.length));
  if (!before.trim() && comma && tied(clauseBefore(text.slice(0, comma.index)))) return true;
  const rest = text.slice(index + length);
  const after = clauseAfter(rest);
  if (tied(after.text)) return true;
  // "This means that for approximately 47 minutes, CI jobs … may have had spurious failures": the next clause.
  if (/^for$/i.test(verb.trim()) && !after.text.trim() && after.stop === ',' && LEAD_IN.test(clauseBefore(head).replace(/\bfor\s*$/i, ''))) {
    return tied(clauseAfter(rest.slice(after.end + 1)).text);
  }
  return false;
}

/** Round 22 (chosen on held-out-24): "toshi S3 sync blocked for ~3 days": work held up is the outage too. */
export const BLOCKED_RULE = { on: true };
const BLOCKED = /\bblocked\b/i;
/**
 * Round 24 (chosen on held-out-26): "For roughly two days, nobody could log in or register": no one able to use the
 * service is the outage ("nobody could", "no one was able to", "no users could"); "anyone could" is not.
 */
export const NOBODY_COULD_RULE = { on: true };
const NOBODY_COULD = /\b(?:nobody|no one|no-one|no (?:users?|customers?|visitors?|clients?))\s(?:could|was able to|were able to|managed to)\b/i;
/**
 * Round 26 (chosen on held-out-28): "Our ISP decided to … by unplugging us for 12 minutes": a connection cut (unplugged,
 * disconnected, cut off, knocked offline, lost power or connectivity) is the outage.
 */
export const CUT_OFF_RULE = { on: true };
const CUT_OFF =
  /\b(?:unplugg(?:ed|ing)|disconnect(?:ed|ing)|cut (?:us |them |it )?off|knock(?:ed|ing) (?:us |it |them )?offline|lost (?:power|connectivity|network connectivity|internet (?:access|connectivity)))\b/i;
/**
 * Round 26 (chosen on held-out-28): "During a few hours on March 17th you may have noticed longer response times": a
 * service slower than usual (longer, slower, higher, increased or elevated response times, latency or load times) is
 * the degradation; "latency" alone is not.
 */
export const SLOWER_RULE = { on: true };
const SLOWER = /\b(?:longer|slower|higher|increased|elevated) (?:response times?|latenc(?:y|ies)|load(?:ing)? times?)\b/i;
const tied = (clause: string) =>
  TIED.test(clause.replace(NEGATED, ' ')) ||
  (CUT_OFF_RULE.on && CUT_OFF.test(clause.replace(NEGATED, ' '))) ||
  (SLOWER_RULE.on && SLOWER.test(clause.replace(NEGATED, ' '))) ||
  (BLOCKED_RULE.on && BLOCKED.test(clause.replace(NEGATED, ' '))) ||
  (NOBODY_COULD_RULE.on && NOBODY_COULD.test(clause));

function clauseBefore(text: string): string {
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) start = (m.index ?? 0) + m[0].length;
  return text.slice(start);
}

function clauseAfter(text: string): { text: string; end: number; stop: string } {
  BOUNDARY.lastIndex = 0;
  const m = BOUNDARY.exec(text);
  BOUNDARY.lastIndex = 0;
  if (!m) return { text, end: text.length, stop: '' };
  return { text: text.slice(0, m.index), end: m.index, stop: m[0].trim() };
}
