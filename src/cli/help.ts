export const HELP = `incident-lens — incident records as YAML next to the code

Usage: incident-lens <command> [options]

Commands:
  lint [workspace]           check every record; exit 1 when there is an error
  list                       list incidents (--status, --priority)
  show ID                    one incident or action record
  search TEXT                fuzzy search across incidents
  similar ID | --text TEXT   past incidents alike in cause (root cause, trigger, lesson, findings)
  risk FILE... | --diff REV  past incidents on these files: verdict GO / CAUTION / NO-GO, findings
  suggest ID                 code links and commits from git history: trigger, revert, fix (--apply writes them)
  init [--hooks]             register the record merge driver in this clone (--hooks: and a pre-push hook)
  init --agents              wire the coding agents: Claude Code hook + MCP, Cursor rules, Codex, Gemini CLI, Copilot (--agent, --check)
  task ID                    an action record as a task for a coding agent or an issue (--format markdown|github)
  hook claude-code           Claude Code's PreToolUse hook: the incidents of the code an edit changes (set up by init --agents)
  merge-driver O A B P       git's merge driver for records (set up by init)
  metrics                    incidents and time to detect/mitigate/resolve per month, week, system or priority
  hotspots                   the files, folders and symbols with the most (and most severe) incidents
  export ID                  the postmortem as Markdown (--format markdown, --output FILE);
                             --all --format ndjson: every record of a kind (incidents by default), one JSON line each
  instructions               write the AI instruction files from the learnings (--agents, --check)
  review ID | --list         mark an imported record reviewed by a person (until then agents see it as third-party text)
  runbooks [--for FILE]      list runbooks (stale ones flagged), or the runbooks for a file
  mcp [--allow-writes]       Model Context Protocol server over stdio for coding agents (read-only by default)
  import PATH...             records from incident.io, PagerDuty, Statuspage, CSV or Markdown postmortems (--dry-run)

Options for every command:
  -r, --root DIR     workspace folder (default: the nearest folder up holding the records folder)
      --folder DIR   records folder inside the workspace (default: .incidents)
      --no-cache     neither read nor write the shared record cache (INCIDENT_LENS_NO_CACHE=1 does the same)
      --json         machine-readable output
  -h, --help         help for a command

Exit codes: 0 ok, 1 check failed, 2 usage error.`;

const COMMAND_HELP: Record<string, string> = {
  suggest: `incident-lens suggest ID [--apply [--min-score X]] [--window-hours N] [--deploys FILE] [--environment NAME] [--json]

Reads the git history around the incident and suggests the commits it
concerns and the code they changed, each with its reason:
  - commits the record names (commits, rootCause.trigger.ref, action records);
  - commits whose message names the id (fixes, reverts, branch merges);
  - reverts during the incident (the reverted commit is the prime suspect);
  - the commits that wrote the lines the fixes changed (SZZ);
  - what landed in the N hours before start (default 24), ranked by
    closeness, by how much of it is production code in the impacted system,
    and by the record's words found in messages, paths and symbols.
What shipped: the deploy log (--deploys, default .incident-lens/deploys.jsonl:
lines of {"time", "environment", "revision"}; --environment, default
production) or deploy tags (deploy-*, prod-*, …): commits not yet deployed at
start are not ranked and the last deploy's batch comes first. Release and
version-bump commits mark a batch and are never suspects. When no suspect is
clearly ahead it says "no strong candidate" and selects nothing.
Links name the symbols the suspect commits changed, at today's paths.
--apply writes the selected links and commits into the record (✓ in the
listing; --min-score X selects every commit scoring X or more, with the code
it changed, and every other link scoring X or more).`,
  lint: `incident-lens lint [workspace] [--folder DIR] [--format text|json|sarif|github]

Validates every record under the records folder: YAML syntax, the schema,
times and durations, and cross-record checks (duplicate ids, missing parents
and action records, links to files that do not exist). Prints
FILE:LINE:COLUMN SEVERITY FIELD: MESSAGE for each problem.
Exit code 1 when any error is found (warnings alone exit 0).`,
  list: `incident-lens list [--status STATUS] [--priority P1..P4] [--json]

STATUS is one of active, resolved, postmortem-pending, closed.`,
  show: `incident-lens show ID [--json]

Shows an incident (INC-023) or an action record (ACTION-INC023-1). For an
incident, also the three most similar past incidents and why.`,
  similar: `incident-lens similar ID | --text TEXT [--limit N] [--source DIR]... [--json]

Past incidents alike in cause, not only in place: compares root cause,
trigger, lesson and keywords, timeline findings and decisions, title,
postmortem summary, affected system and AI involvement (BM25F: rare words
weigh more). Give an incident id, or a free text such as a task
description or a diff: --text "$(git diff origin/main)", or --text - to
read it from stdin (git diff origin/main | incident-lens similar --text -).
Each result says which words and fields it shares.`,
  import: `incident-lens import [--from FORMAT] PATH... [--dry-run] [--json]
         [--map field=Header,… | --mapping FILE] [--time-zone ZONE] [--system NAME]

Brings a team's history in. FORMAT is markdown, incident-io, pagerduty,
statuspage or csv; without --from it is told from each file (.md, .csv, and
the JSON's fields). A folder means its .md, .json and .csv files.
Each record keeps where it came from (source: system, id, url). Re-import
is idempotent: it fills fields still empty and appends timeline entries
and communications not yet there; a value already in a record is never
changed. Ids continue the workspace's numbering. A file that is not valid
stops nothing else but imports nothing; an item that cannot be read is
skipped with its position (JSON pointer, CSV row and column, Markdown
line). --dry-run prints the same report and writes nothing.
CSV needs a mapping: fields id, title, status, priority, started, resolved,
commander, system, summary, rootCause, trigger, lesson, url → column
headers; statuses/priorities value maps; timeZone for times without an
offset. Exit 1 when a file failed or a record could not be written.`,
  mcp: `incident-lens mcp [--allow-writes | --read-only] [--source DIR]...

A Model Context Protocol server over stdio, for coding agents (Claude Code,
Cursor, Codex, VS Code's agent mode). Tools: incidents_for_code,
search_incidents, get_incident, similar_incidents, check_diff,
log_timeline_entry. Resources: incident://ID. Prompt: before_changing_file.
Records are re-read as they change on disk. Read-only by default:
log_timeline_entry answers with an error unless --allow-writes is given.
Only the protocol goes to stdout; messages go to stderr.`,
  search: `incident-lens search TEXT [--limit N] [--json]

Fuzzy search over id, title, keywords, system, feature, root cause, trigger,
learning, impact texts, detection source, postmortem summary and action plan,
and timeline; each hit says which field matched.`,
  risk: `incident-lens risk FILE... [--diff REV] [--fail-on P1..P4] [--format FORMAT] [--no-go-p1-days N]

Finds the incidents linked to the given files (relative to the current
directory), or to the files changed since the merge base of REV and HEAD
(plus uncommitted and untracked files), and gives a verdict with its reasons:
  NO-GO    the change touches code of an active incident, or of a P1 that
           started within N days (--no-go-p1-days, default 90; 0 turns it off)
  CAUTION  it touches code of any other linked incident, or a stale runbook
  GO       none
--format text      verdict, then each incident with root cause and learning
         json      verdict, reasons, incidents, findings (with fingerprints)
         sarif     SARIF 2.1.0 for GitHub code scanning (upload-sarif)
         github    workflow-command annotations on the changed lines
         markdown  a pull request comment (starts <!-- incident-lens:risk -->)
--fail-on P2 exits 1 when an incident at P2 or above (P1, P2) is touched.
--pre-push REMOTE  (used by the hook) reads git's pre-push input from stdin;
                   warns about active and P1 incidents; exits 1 only when
                   git config incident-lens.prePush is "block".

CI example:  incident-lens risk --diff origin/main --format sarif > incident-lens.sarif
             (install an exact version in CI, never npx: see docs/ci.md)`,
  metrics: `incident-lens metrics [--since DATE] [--until DATE] [--by month|week|system|priority] [--format table|json|csv]

Per group: incidents by priority; time to detect, acknowledge, mitigate and
resolve (median and p90, with how many incidents have the milestone and how
many do not: they are left out, never counted as zero); the share marked
AI-generated code or AI deploy speed and its time to resolve against the rest.
--since is inclusive, --until exclusive (dates like 2025-03-01).`,
  hotspots: `incident-lens hotspots [--limit N] [--format table|json|csv]

Files, folders and symbols ranked by the incidents linked to them, weighted by
severity (P1 8, P2 4, P3 2, P4 1), with the incidents named.`,
  init: `incident-lens init [--hooks] [--folder DIR]

Registers the record merge driver: the .gitattributes lines that route the
records to it (commit them once for everyone) and this clone's git config
merge.incident-lens.driver (git does not share config: every clone runs init).
Responders who log entries from their own clones then pull without conflicts.
A clone with no records folder gets one (.incidents/ with an empty .gitkeep to
commit); a file or symbolic link of that name is left as it is.

--hooks also installs a git pre-push hook in this clone (git does not share hooks) that
warns when the pushed commits touch code linked to an active incident or a
P1, and lets the push go on (git config incident-lens.prePush block: stop it).
An existing pre-push hook is kept as pre-push.chained and run first.

incident-lens init --agents [--agent NAME]... [--check] [--command CLI] [--json]

Writes, idempotently, what each coding agent needs to meet the incidents where
it edits (NAME: claude-code, cursor, codex, gemini, copilot; default: the
agents the repository shows it uses, else all):
  claude-code  a PreToolUse hook on Edit|MultiEdit|Write|NotebookEdit in the
               shared .claude/settings.json (merged: the team's permissions and
               hooks kept) and the read-only MCP server in .mcp.json
  cursor       .cursor/rules/incident-<id>.mdc scoped with globs to the linked
               code, and .cursor/mcp.json
  codex        [mcp_servers.incident-lens] in .codex/config.toml and AGENTS.md
  gemini       mcpServers and context.fileName in .gemini/settings.json, AGENTS.md
  copilot      .github/instructions/*.instructions.md
The agents start the CLI from node_modules/.bin, PATH or --command (a path;
never npx). A file it cannot parse is left as it is (file:line:column, exit 1);
nothing is written through a symbolic link. --check writes nothing and exits 1
when a file is out of date (CI).`,
  hook: `incident-lens hook claude-code [--verbose]

Claude Code's PreToolUse hook on its edit tools (init --agents wires it). Reads
the hook input on stdin; for an edit of a file or symbol linked to an incident
it prints hookSpecificOutput.additionalContext: each incident's root cause,
lesson, prompt template and rollback runbook, quoted as data. When the edit
removes or rewrites lines a fix commit added, or touches code of an active
incident, it answers permissionDecision "ask" with the reason. Otherwise it
prints nothing. On any error it exits 0 and says why on stderr: a hook never
stops an edit by failing.`,
  'merge-driver': `incident-lens merge-driver BASE OURS THEIRS [PATH]

Git runs it as merge.incident-lens.driver with %O %A %B %P. Timeline entries,
communications, actions, links and commits of both sides are kept (an entry
added on both sides once; timed entries in time order); a field changed on one
side takes that change; a field changed differently on both sides is a
conflict marked in that field only (exit 1). A file that is not a readable
record goes to git's own text merge (git merge-file).`,
  export: `incident-lens export ID [--format markdown] [--output FILE] [--json]
incident-lens export --all --format ndjson [--kind incident|action|runbook] [--source DIR] [--output FILE]

Writes the postmortem document (summary, impact, root cause, why not caught,
why so long, action plan, learning, timeline) to stdout or FILE.
With --all: the records of one kind (--kind; incidents by default) of the
workspace and its record sources, streamed,
one JSON object a line in the JSON Schema's shape (schemas/*.schema.json),
for a warehouse (DuckDB: SELECT * FROM read_json('incidents.ndjson')).`,
  instructions: `incident-lens instructions [folder] [--agents] [--check] [--json]

Writes one .github/instructions/incident-<id>.instructions.md per incident
with a learning (lesson, prompt template or confirmed root cause) and code
links. Its applyTo front matter is made from the links, so VS Code's chat
attaches the incident's constraints to requests about exactly that code.
Files are rewritten only when their content changes; generated files of
incidents that no longer qualify are deleted. Each record is quoted as data
(a <<<INCIDENT-NOTES block naming its file); imported records not yet
marked reviewed (incident-lens review) and links that match every file are
left out. Files are written only inside the workspace, never through a
symbolic link.
--agents  also keeps a section between <!-- incident-lens:start/end --> in AGENTS.md
--check   write nothing; exit 1 when a file is missing or out of date (for CI)`,
  review: `incident-lens review ID [--by NAME] [--json]
incident-lens review --list [--json]

An imported record (one with source:, from incident-lens import) reaches AI
tools only as labelled third-party text until a person has read it. review
writes source.reviewed (who: --by or git config user.name; when: now)
through the edit path; from then on the record is written into the AI
instruction files and AGENTS.md like a team record. --list shows the
imported records still waiting.`,
  runbooks: `incident-lens runbooks [--for FILE] [--stale-days N] [--json]

Lists the runbooks (RB-… records): steps, last verified date, and STALE when
not verified for more than N days (default 90; lint warns about them too).
--for FILE shows, in full, the runbooks whose links cover FILE and those
offered to the incidents linked to it (named by the incident, same system,
or linked to the same code).`,
};

export function commandHelp(command: string): string {
  return COMMAND_HELP[command] ?? HELP;
}
