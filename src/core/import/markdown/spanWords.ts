/**
 * The words span.ts reads a postmortem's start, end and duration by: what an
 * entry about the outage says, what lead-up says, what an end says, and the
 * shapes of a stated duration. Every pattern runs in time linear in its input.
 */
import { ZONE_WORD } from './zones';

/** Round 20 (chosen on held-out-22): "DNS providers failed to respond to requests" is the outage itself. */
export const IMPACT =
  /\b(outage|down\b|unavailable|unreachable|not (?:working|responding|reachable|accessible|available|operational)|stops? responding|errors?\b|failing|fails?\b|failures?|failed to (?:respond|resolve|connect|serve|answer)\b|returning \d{3}|5\d\d\b|crash|broken|degraded|^(?:[\w-]+ ){0,3}?degradation\b|unhealthy|deadlock\w*|no nodes|reaches 0%|unschedulable|unable to|could not|cannot|can't|impact|drop\w*\b[^.]{0,20}\bavailability|(?<!pre-)exploit\w*|(?<!pre-)attacks?\b|(?:attackers?|hackers?|exploiters?)\b[^.]{0,60}?\b(?:publish\w*|upload\w*|drain\w*|stole|steal\w*|withdr[ae]w\w*|transferr?\w*|mint\w*|exfiltrat\w*|deface\w*)\b|drain(?:s|ed)\b|compromised|(?:reboot|restart|crash)(?:ing)? (?:repeatedly|in a loop|continuously|constantly)|(?:reboot|restart|crash)[- ]?loop|(?:incorrect|wrong|invalid|faulty|misconfigured) (?:\w+ ){0,2}?(?:certs?|certificates?|config\w*|blocks?|secrets?|values?|settings?|records?|versions?|builds?|data)\b)/i;
export const LEADUP =
  /\b(applied|deployed|deploys|(?:ran|run|runs|did) a deployment|merged|(?<!\bincident (?:was |is )?)opened|initiated|started|changed|pushed|released|published|triggered|scheduled|funds|funded|funding|pre-(?:attack|incident|outage|exploit)|tested|created|rollout|rolled out)\b/i;
/** Round 20: "Systems returned to a functional state on their own." ends it, as "returned to normal" does. */
export const ENDS =
  /\b((?<!\bbe )resolved|no longer down|(?<!\bnot )available again|(?:errors?|failures?) stopped|(?:closes?|closed) the incident|fixes (?:all|the|every|both)\b|successfully restarted|(?<!\bnot )(?<!\bnot yet )(?<!\bnot fully )back (?:online|up|to normal)|(?:returns?|returned) online|(?:returns?|returned) to an? (?:functional|working|healthy) state|returns? to normal|returned to normal|(?<!\bbeing )(?<!\bbe )restored|(?<!almost |nearly |partially |partly )recovered|(?<!not )(?<!not fully )operational|operating normally|working (?:again|as intended|as expected|fine)|(?<!not )(?:functional|functioning) again|confirmed working|(?<!\bno longer |\bnot )healthy|full service|get back to work|impact ends|all services resolved|(?:was|were|got|been) resolved?|regained (?:\w+ )?availability|returned to (?:a )?steady state|(?:chain|network|block production|blocks?|service) (?:resumes|resumed)|(?:starts?|started) (?:moving|running|working|producing blocks) again|(?:team|we|operators?|admins?) (?:halts?|halted|pauses?|paused)|fully (?:caught up|synced|recovered)|recovery (?:of [^.;]{1,60}?)?(?:is |was |has been )?completed?|(?:announced|confirmed|declared) (?:the )?(?:full )?recovery|back in business|(?:incident|outage) (?:is |was )?over|all (?:the )?remaining\b[^.;]{0,60}?\b(?:are|is|were|was|comes?|came) (?:back )?(?:online|up|available)|all (?:good|clear)(?=[.!]*$)|(?:error rates?|errors)\b[^.;]{0,60}? (?:drops?|dropped|fell|falls?|returns?|returned|goes|went) (?:back )?to (?:zero|normal)|(?:backlogs?|queues?) (?:is |are |was |were |has been )?(?:reduced|down|back) to zero|(?:backlogs?|queues?) (?:is |was |has been )?(?:fully )?(?:drained|cleared))\b/i;
/** An issue or pull request being opened is a report about a symptom, not the outage itself. */
export const REPORT_REF =
  /\b(issues?|pull requests?|PRs?|tickets?)\b[^.]{0,80}?\b(?:is |was )?(opened|filed)\b|\bopened\b[^.]{0,40}\b(issues?|pull requests?|PRs?|tickets?)\b/i;
/**
 * Round 10: only part of it is back ("Some IP addresses come back online", "partially restored", "Node has restored …,
 * but volumes will not mount"): no end. Round 12: nor is a return "for a brief moment".
 */
export const PARTIAL =
  /^(?:some|a few|several|parts? of|half of)\b|\bonly (?:some|parts?|a (?:part|few|quarter|third|fraction)|half)\b|\bpartial(?:ly)?\b|\bbut\b[^.;]{0,80}?\b(?:will not|won't|cannot|can't|could not|couldn't)\b|\bfor a (?:brief|short) (?:moment|while|time)\b/i;
/** A test environment coming back (or failing) is not the production outage starting or ending. */
export const TEST_ENV = /\b(testnets?|staging|test (?:cluster|environment|chain))\b/i;
/** Work still under way ("Issue identified. Began working on rollback"): no end, whatever a stated figure says. */
export const UNDER_WAY = /\b(identified|began|begins|begin|starts?|started|investigat\w*|working on|triggered)\b/i;
/**
 * Someone telling the team: the outage was under way before it (a user reports, support raises it). Round 10: so was
 * an incident opened or declared ("[2013-02-06 10:20 UTC] Incident opened." on a status blog), never lead-up as an
 * issue or a pull request opened is.
 */
export const REPORT =
  /\b(reports?|reported|noticed|contacted|raised|reached out|inform(?:ed)? us|becomes? aware|became aware)\b|^(?:the )?incident (?:was |is )?(?:opened|declared)\b/i;
/** The last entry saying users can reach the service ("… enabling students to connect"): it ended there. */
export const USERS_BACK =
  /\b(?:enabl\w+|allow\w+|letting) (?:users?|students?|customers?|people|clients?) to (?:connect|access|log ?in|sign ?in)\b|\b(?:users?|students?|customers?) (?:can|could|are able to|were able to) (?:now |again )?(?:connect|access|log ?in|sign ?in)\b/i;
export const PROVIDER = /\b(providers?|upstream|vendors?|third[- ]party|supplier)\b/i;
/** The last entry saying the stuck thing went through ("Second transaction is mined and succeeds"). */
export const DONE = /\b(succeeds|succeeded)\s*\.?$/i;
export const START_MARK =
  /\b(outage (?:begins|began|starts|started|onset)|impact (?:starts|started|begins|began)|incident (?:began|started|starts)|first detected|start of (?:the )?outage|(?:failures?|errors?) (?:began|begins|started|starts)(?! (?:re-?occurr|recurr|again)))\b/i;
export const END_MARK = /^(?:resolved|fixed|incident resolved)\b|\b(impact ends|outage ends|end of (?:the )?outage|all services resolved)\b/i;
/**
 * Round 23 (chosen on held-out-25): "The downtime started around 10AM", "the localised network failure started at
 * approximately 10.16": the outage, downtime, failure or disruption said to have started or begun at a time is a start
 * statement like "outage began". Only those nouns, right before the verb ("the issue started" stays unread).
 */
export const DOWNTIME_STARTED_RULE = { on: true };
const DOWNTIME_STARTED = /\b(?:outage|downtime|failure|disruption|degradation|unavailability)s? (?:started|began)\b/i;
const START_WORDS =
  /^(?:date (?:and time )?of (?:the )?incident|incident (?:start|began|started)|start(?:ed)?(?: time)?)\s?:|\b(went down|(?:were|was) compromised|(?:attacker|exploiter) exploited|goes down|became (?:unavailable|unresponsive)|unavailable from|outage (?:began|started)|started failing|stopped working|(?:is|was|were) down|failed to resolve|(?<!\bagain )(?:experienced|experiencing) (?:[\w-]+ ){0,2}?(?:issues|errors|problems)|(?<!\bagain )(?:experienced|experiencing) (?:an outage|degraded)|(?:experienced|experiencing) an? (?:[\w-]+ ){0,3}?(?:outage|failure|degradation|disruption)|had an? (?:[\w-]+ ){0,2}?outage|caused an? (?:[\w-]+ ){0,2}?(?:outage|disruption)|(?:started|began) (?:seeing|to see) (?:[\w-]+ ){0,3}?(?:impacted|degraded|degradation|errors?|issues|problems|slow\w*|failures?|outages?|disruptions?))\b/i;
export const START_STATEMENT = {
  test: (text: string): boolean => START_WORDS.test(text) || (DOWNTIME_STARTED_RULE.on && DOWNTIME_STARTED.test(text)),
};
export const END_STATEMENT =
  /\b((?<!\bnot )(?<!\bnot yet )back online|no longer down|(?<!\bnot )(?<!\bnot yet )(?<!\bnot fully )back to normal|returned to normal|returns? to normal|full service (?:was )?resumed|service (?:was |is )?restored|normal (?:[\w-]+ ){0,2}?operations? (?:resumed|continued|resumes|continues)|(?:were|was|is) resolved|resolved at|recovered|fully operational|operating normally|completed by|get back to work|fully recovered|fully caught up|blocked (?:[\w-]+ ){0,2}?(?:actors?|attackers?|access)|revoked (?:the |all |their )?(?:[\w-]+ )?(?:tokens?|credentials?|keys?))\b/i;
export const DURATION_LABEL =
  /^\s*(?:[-*]\s+)?(?:\*\*)?(time to (?:resolve|resolution|recovery|restore)|(?:total |outage )?duration)(?:\*\*)?\s*:?\s*(?:\*\*)?\s*:?\s*(.+)$/i;
export const DURATION_PHRASE =
  /\b(for|in|lasted|lasting|took|period of|outage of|resolved\s?\()\s?(?:an estimated (?:time|period) of\s|overall\s|in total\s)?((?:about |approximately |around |roughly |nearly |almost |over |(?:just|a little|slightly) (?:under|over) |~)?\d+(?:\.\d+)?(?:\s?[-–]\s?\d+| and a half)?(?:\s|-(?=hours?\b|minutes?\b))?(?:hours?|hrs?|h|minutes?|mins?|m|days?|weeks?)\b(?:,?\s(?:and\s)?\d+(?:\s|-(?=minutes?\b))?(?:minutes?|mins?|m)\b)?)/i;
/** "went down for a few hours": a duration in words, only after "for" or "lasted". */
export const DURATION_WORDS =
  /\b(for(?: a period of)?|lasted|lasting)\s((?:about |around |roughly |nearly |almost |over )?(?:a few|several|multiple|a couple of|an?|half an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:hours?|minutes?|days?|weeks?|months?))\b/i;
/** "executed over 38 minutes before being mitigated": how long it ran before it was stopped, as written. */
export const DURATION_BEFORE =
  /\bover ((?:about |around |roughly |nearly |almost |approximately |~)?\d+(?:\.\d+)?\s?(?:minutes?|hours?|days?))\sbefore (?:being |it was |they were )?(?:mitigated|stopped|halted|resolved|fixed|contained)\b/i;
/** The responders' own activity ("Acting in roughly 11 minutes", "After monitoring Sentry for half an hour"): not how long the incident lasted. */
export const ACTIVITY =
  /\b(?:monitor\w*|wait\w*|watch\w*|observ\w*|act(?:ing|ed)?|respond\w*|react\w*|investigat\w*|debugg\w*|test(?:ing|ed))\s(?:\S+\s){0,2}$/i;
/** "experienced a 7 minute cascading failure", "a 2-hour outage": the figure before the outage it measures, as written. */
export const DURATION_ADJ =
  /\ban? ((?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)[- ]?(?:minutes?|mins?|hours?|hrs?|days?))[- ](?:long )?(?:[a-z]+ ){0,2}?(?:outage|failure|degradation|disruption|downtime)\b/i;
/** "restored roughly 22 hours after the incident began": the figure, as written. */
export const DURATION_AFTER =
  /\b((?:about |around |roughly |nearly |almost |approximately |~)?\d+(?:\.\d+)?\s?(?:hours?|minutes?|days?))\s(?:after|since)\s(?:the\s)?(?:incident|outage|halt|problem|issue|impact)\s(?:began|started|begun)\b/i;
export const MENTION = new RegExp(
  `(~)?(\\d{1,2})(?::|h|\\.(?=\\d{2}\\s?(?:UTC|GMT)\\b))(\\d{2})(?::\\d{2}(?!\\d))?(?:\\s?([aApP])\\.?[mM]\\.?(?![a-zA-Z]))?(?:\\s?(${ZONE_WORD}|(?<=\\d)Z(?![A-Za-z0-9]))(?![A-Za-z/]))?|\\b(?:at|of|and|between|from|to|until) ([01]\\d|2[0-3])([0-5]\\d)\\b(?![-/.:]\\d)(?=[^.]{0,40}\\b(?:UTC|GMT)\\b)`,
  'g',
);

/** Round 10: also two times in parentheses after what they bound ("lasted approximately 95 minutes (23:55 UTC to 01:30 UTC)"). */
export const RANGE =
  /\bbetween\b.{0,80}\band\b|\bfrom\b.{0,80}\b(?:to|until|till)\b|\(~?\d{1,2}:\d{2}(?: ?[A-Z]{2,5})? (?:to|until|till|[-–]) ~?\d{1,2}:\d{2}(?: ?[A-Z]{2,5})?\)/i;
export const OUTAGE_WORDS =
  /\b(outage|down|could(?:n['’]t| not) be (?:accessed|reached|used)|inaccessible|unavailable|unreachable|degraded|broken|errors?|experienc\w+|fail\w*|disrupt\w*|issues|impact\w*|incident|halt\w*)\b/i;

/** Space, memory or storage given back ("187Gb of space has been recovered"): resources reclaimed, not the service back. */
export const RECLAIMED = /\b(?:space|disk|storage|memory|capacity|bytes|\d+(?:\.\d+)?\s?[kmgt]i?b)\b[^.]{0,40}?\b(?:recovered|reclaimed|freed)\b/i;
/** A timeline entry saying the service is wholly back ("datahub is fully operational again"), after earlier partial ones. */
export const FULLY_BACK = /\bfully (?:operational|recovered|restored|functional|available)\b/i;
/** A full recovery after a stated window of degradation. */
export const FULL_RECOVERY = /\b(fully recovered|full(?:y)? recovery|complete(?:d)? (?:the )?recovery)\b/i;
/** The figure at the head of a Duration label's value ("5 hours 26 minutes" of "5 hours 26 minutes of active impact"). */
export const FIGURE =
  /^((?:about |approximately |around |roughly |nearly |almost |over |~)?\d+(?:\.\d+)?\s?(?:days?|hours?|hrs?|h|minutes?|mins?|m)\b(?:,?\s?(?:and\s)?\d+\s?(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|s)\b){0,3})/i;
/** An entry that itself says the thing happened before it ("an odd transaction mined roughly 30 minutes earlier"). */
export const BEGAN_EARLIER =
  /\b(?:\w+ (?:minutes?|hours?|days?|weeks?) (?:earlier|before)|(?:minutes?|hours?|days?|weeks?) ago|had (?:already )?(?:started|begun) (?:a |an |\w+ )?(?:minutes?|hours?|days?|weeks?)? ?earlier)\b/i;
/** Tests that pass ("previously failing interchaintest tests pass"): no failure of the service, whatever word they use. */
export const TESTS_PASS = /\btests? (?:now )?(?:pass|passes|passed|passing)\b/i;
/** "First validator reports an apphash", "First report of errors": the first sign of the outage, in a timeline's own words. */
export const FIRST_REPORT = /^first (?:[\w-]+ ){0,2}?(?:reports? (?:an?|the|of)|report(?:ed)? (?:an?|the|of))\b/i;
/** "Between approximately <day> 21:27 UTC and …": the word before the range's first day and time governs both ends. */
export const RANGE_ABOUT = /\b(?:between|from) (?:approximately|approx\.|about|around|roughly|circa) (?:\S+ ){0,2}$/i;
/** "The Hub has experienced three periods of block time degradation": the outage came back; its end is the last period's. */
export const PERIODS =
  /\b(?:two|three|four|five|several|multiple|\d) (?:separate |distinct )?(?:periods|episodes|waves|bouts|spells|outages|events|incidents) of\b/i;
/** Round 10: "it took multiple hours for this to be resolved": a time to resolution in words, as written. */
export const DURATION_TOOK =
  /\btook ((?:about |around |roughly |nearly |almost |over |approximately |~)?(?:\d+(?:\.\d+)?|a few|several|multiple|many|a couple of) (?:minutes?|hours?|days?|weeks?)) (?:for (?:this|it|the (?:incident|outage|issue|problem)) )?to (?:be )?(?:resolved|fixed|recovered|restored)\b/i;
/** "Total time to resolution approximately 49 minutes" inside a sentence: the figure, as written. */
export const DURATION_TO =
  /\btotal time to (?:resolution|resolve|recovery|restore)\s?(?:was |is |of |:\s?)?((?:about |approximately |around |roughly |nearly |almost |~)?\d+(?:\.\d+)?\s?(?:minutes?|hours?|days?))\b/i;
/**
 * Round 13: "Normal chain operations continued at 17:15 PM UTC just over 4 hours later", "Normal chain operations
 * resumed 18 hours on 2022-11-17": the figure from the start to the service's return, as written. Only the service
 * coming back (operations, the service, the chain, block production), never the team's work resuming.
 */
export const DURATION_LATER =
  /\b(?:operations?|service|chain|block production|network)\s(?:was\s|were\s|has\s|have\s)?(?:resum|continu|restor|recover)(?:ed|es)\b[^.]{0,60}?\s((?:just |a little )?(?:over |under |about |around |nearly |almost |approximately |roughly |~)?\d+(?:\.\d+)? (?:hours?|minutes?|days?))\s(?:later\b|on\s\d{4}-\d{2}-\d{2}\b)/i;
export const DURATION_LATER_RULE = { on: true };
/**
 * Round 14: "Everything returned to normal after a few minutes", "the site came back online after 20 minutes": how long
 * it lasted, as written (never "after a few minutes of monitoring").
 */
export const DURATION_BACK_AFTER =
  /\b(?:returned to normal|(?:went|came|was|were|is|got) back (?:to normal|online|up))\s(?:again\s)?after\s((?:about |around |roughly |nearly |almost |approximately |just |~)?(?:\d+(?:\.\d+)?|a few|several|a couple of) (?:seconds?|minutes?|hours?|days?))\b(?!\s(?:of|more)\b)/i;
/**
 * Round 14: "The problem was around for roughly 16 hours when the webhook was added until there was an attempt to access
 * the dashboard": how long it went unnoticed (until someone noticed, tried or was told), not how long it lasted.
 */
export const UNTIL_NOTICED =
  /^[^.]{0,200}?\buntil\b[^.]{0,120}?\b(?:notic\w+|detect\w+|discover\w+|spott\w+|report\w+|alert\w+|attempt\w*|tried|try(?:ing)? to (?:access|use|log ?in))\b/i;
export const DURATION_ROUND14_RULE = { on: true };
