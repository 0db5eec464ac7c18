/**
 * What the Markdown importer gives where it misses a person's reading of a real postmortem
 * (markdownRealPostmortems.test.ts): each miss listed with the importer's value, so the table in docs/import.md stays
 * true and a fix (or a regression) shows in the test.
 */
import type { Reading } from './markdownRealPostmortems.test';
import { OLDER_KNOWN_MISSES } from './realPostmortemMissesOlder';

/** Misses as of this commit: [field, what the import gives]. */
export const KNOWN_MISSES: Record<string, Array<[keyof Reading, string | number | null]>> = {
  ...OLDER_KNOWN_MISSES,
  // Held-out-24 (LiteLLM ×3, pgmac-net ×4, Eyevinn, GNS Science), read and committed before the importer ran on it
  // (9c55334), measured once with the round-21 reader (8a298af; the same table as f4987ca's build): 0/9 fully right,
  // 8 wrong facts: a start at an earlier skilled run (Eyevinn 20:29), at the first human-visible day (GNS), without the
  // reading's '~' (pvek8s), at the first contention (k8s02 16:04) with its end at the freeze (20:04), pvek8s' end at the
  // snapshot it was restored from, and two durations taken from a longer line ('~31 minutes' for '~31m'; sonarr's whole
  // line). Tuning material in round 22 (general rules only; markdownRound22.test.ts): 9/9 fully right and no wrong fact
  // since, not a held-out figure; no miss left.
  // Held-out-13 (Foundries.io ×4, Inngest ×3, Allegro ×2, Gitpod ×2, Terp Network, Felvin), read and committed before
  // the importer ran on it (1bf40ac), measured once with the round-10 reader (10fc346): 4/13 fully right, 1 wrong fact
  // (Foundries 2025's end at its own service's recovery, not Google's full one: the reading's alternative). Tuning
  // material in round 11: 8/13 fully right and no wrong fact since, not a held-out figure. Left: Allegro's prose without
  // a zone, Foundries' dated updates, Inngest's October retrospective.
  'allegro-2014-10-23-task-processing-failure': [
    ['start', null],
    ['end', null],
  ],
  'allegro-2018-07-18-site-down': [
    ['start', null],
    ['end', null],
    ['duration', null],
    ['timeline', 0],
  ],
  // Round 24: its list of bold times is read as the timeline (9 entries, start at 23:00 UTC on April 5); the end stays.
  'foundries-2022-04-05-aws-ci-failures': [['end', null]],
  // The opening's 'The service was unavailable from 20:13UTC to 20:35UTC' repeated as a paragraph inside the timeline's
  // list is read as a seventh entry (the reading counts six).
  'foundries-2024-10-09-ota-lite-outage': [['timeline', 7]],
  'inngest-2024-10-04-october-queue-retrospective': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  // Held-out-14 (Packit ×3, Civo ×3, LiveAgent ×2, dddice ×2, Nibiru Chain), read and committed before the importer ran on
  // it (e1b9acd), measured once with the round-11 reader (e2c2cce): 1/11 fully right, 6 wrong facts (Civo 2023's start
  // from its newest-first last update; dddice's starts and ends from the status front matter's posted and closed times,
  // not the text's timeline; Packit 2024-05's start from the front matter's 14:20 where the text says 'since 2pm
  // CEST'). Tuning material in round 12 (general rules only; markdownRound12.test.ts): 7/11 fully right and no wrong
  // fact since, not a held-out figure. Left:
  // The whole file is YAML front matter (Jekyll 'incident_states:' with their dates), no Markdown body: not read.
  'liveagent-2021-03-23-de-connection-issues': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  'liveagent-2023-11-15-panel-slowness': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  // 'On Sept 30 @ 22:16:01 UTC time' with no year in the text (the file name's only).
  'nibiru-2023-09-30-itn2-chain-halt': [['start', null]],
  // Updates stamped ctime-style without a year ('- Tue Oct 11 12:24:02 UTC: …'): not read as entries.
  'packit-2022-10-11-task-execution': [['timeline', 0]],
  // Held-out-15 (Helium ×4, QFieldCloud ×4, Wikibase Cloud ×2, xREL ×2, Lum Network), measured once with the round-12
  // reader (2/13 fully right, 4 wrong facts; Helium 2022-11-16's reading corrected after the measurement to 11 entries),
  // then tuned on in round 13: 13/13, no miss left.
  // Held-out-16 (Mataroa ×4, IaSQL ×3, Copernica ×3), read and committed before the importer ran on it (d087adb), measured
  // once with the round-13 reader (e70d370): 3/10 fully right, 3 wrong facts; tuned on in round 14 (6/10, 0 wrong facts).
  // The wrong facts as measured: IaSQL 003's
  // start at its last item (2023-02-06, 'the production instance went down again') where the reading takes 2023-01-30;
  // IaSQL 005's duration 'roughly 16 hours' (how long until it was noticed, not how long it lasted); IaSQL 006's start at
  // 2023-03-21 ('test suite failing almost on every run') over 2023-03-20's 'test suite degradation'. Left empty: the
  // day-only timelines' ends, Copernica's notices (no heading or front matter: not read as incidents; two in Dutch),
  // Mataroa 2022-05-04's 'returned to normal after a few minutes' (read since round 14). Left after round 14: Copernica's
  // three notices (no language-safe rule found for a notice without a title) and IaSQL 006's end, a weekday in prose.
  'copernica-2012-07-12-database-server-downtime': [
    ['start', null],
    ['end', null],
  ],
  'copernica-2012-10-02-interface-interruption': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  'copernica-2012-12-22-saturday-night-interruption': [
    ['start', null],
    ['end', null],
    ['timeline', 0],
  ],
  // Round 14: IaSQL 003's start (2023-02-06 -> 2023-01-30) and end, 005's duration and 006's start now right.
  'iasql-2023-03-20-igw-route-deleted': [['end', null]],
  // Held-out-17 (AGRC's status page ×4, Secret Network ×3, Overclock's status page ×2, Status ×1), read and committed
  // before the importer ran on it (f5f92c3), measured once with the round-14 reader (e3c4d70): 1/10 fully right, 3 wrong
  // facts. Not tuned on. The wrong facts: Overclock 2021-12-27's start and end at its front matter's two times, 50 ms
  // apart (when the notice was posted already closed); Status's start at its last row (11:05 EDT, a comment after the
  // removal from sale) where the reading takes 07:38 EDT, the Android publication. Left empty: AGRC's StatusKit files
  // (TOML front matter between '+++' lines, taken as the publication date; their track-stamped updates not read),
  // Secret Network's 'Date: 16/03/2020 3am UTC' labels (day first), the day-only 'afternoon of Feb 21, 2022' and 'for
  // multiple days on end', Status's end (11:03, 'Developer Removed From Sale') and its two rows written '07:7:47'.
  // Round 15 (tuned on it, general rules): 9/10 fully right, 0 wrong facts (a tuned figure). Left: Status's start (its
  // first entry about the outage is a remark quoted from chat, so none is taken), its end (11:03, 'Developer Removed From
  // Sale': no word of the service's return); its two rows written '07:7:47' are read since round 22 as entries of their
  // day, the time kept in their text (a time cell opening with a full date and more).
  'status-2020-02-06-v1-prelaunch-release': [
    ['start', null],
    ['end', null],
  ],
  // Held-out-18 (OpenStreetMap Operations ×4, Flathub's status page ×3, COG-UK DIPI ×3, Bloggulus ×1), read and committed
  // before the importer ran on it (6857a54), measured once with the round-15 reader (e83eebc): 3/11 fully right, 7 wrong
  // facts; tuned on in round 16: 9/11, 0 wrong facts (a tuned figure). Left: COG-UK 2022-04-20's end (the reading takes
  // the listener's restart, 10:39, as a judgement; the table's 'Resolved' row is the next day's failure notification, and
  // '10:40 … messages are being properly consumed' is no end in the reader's words); OpenStreetMap 2022-06's six items without a date or time among dated ones (an
  // entry needs a time or a day, and giving them the item above's would be a guess).
  'cogukdipi-2022-04-20-foel-listener-failure': [['end', null]],
  'osm-2022-06-11-primary-site-outage': [['timeline', 15]],
  // Held-out-19 (Papirfly's status page ×2, Miniflux's ×2, Hygraph's StatusKit page ×3, UBIKA's ×3, SURFsara's HPC
  // Cloud notice ×1), read and committed before the importer ran on it (60931b3), measured once with the round-16 reader
  // (e560d87): 6/11 fully right, 7 wrong facts; tuned on in round 17: 11/11, 0 wrong facts (a tuned figure). None left.
  // Held-out-20 (drand's blog ×2, the CocoaPods blog ×2, the RubyGems blog ×4, the Ruby website's news ×3), read and
  // committed before the importer ran on it (9656122), measured once with the round-17 reader (8f07996): 1/11 fully
  // right, 1 wrong fact (Bundler 2014-07's 'roughly 53 minutes'); tuned on in round 18 (a tuned figure, not a held-out
  // one). Read since: two downtimes on two days (no duration; the days are the start and end), stamped update headings
  // (the notice's day, the last update saying the service is back), an indented code-block timeline (the first timed
  // entry naming the intrusion, the host disconnected), a bold-day list (the last day's removal), and in posts without
  // entries a period on a named day, 'fixed as of' a time and day, a paragraph opening 'On <date>,' with the report's
  // time and the fix's day, a network that 'stopped for around 45mins'. 11/11, 0 wrong facts. None left.
  // Held-out-21 (the Scala website's release post-mortems ×3, Redis To Go's blog ×2, the Drizzle project's blog ×1, the
  // University of Warwick Computing Society's news ×3, a personal cState status page ×2), read and committed before the
  // importer ran on it (3cea12f), measured once with the round-18 reader (502f382): 3/11 fully right, 2 wrong facts (two
  // UWCS starts at their 'Edited by … on 2002-06-15 12:29:51.' stamps). Tuned on in round 19: an edit stamp is never an
  // event; days with weekdays and ordinals ('On Friday, 18th of October 2024'), a year from the document's day or the
  // post's date, 'On April 6th' without a comma, 'from approx 7:15 until 11:45', a fix 'available since' a later day,
  // 'today' and 'last night' against the post's own date, 'fully working … at 6pm Friday' on a post dated that Friday.
  // 9/11, 0 wrong facts. Left: Goosefish's 'At over half an hour it was an unacceptable recovery time' (a recovery time,
  // not read as the outage's length), the UWCS 2004-12 start (a notice 'currently non-functional', no day said).
  'redistogo-2010-09-06-goosefish': [['duration', null]],
  'uwcs-2004-12-08-insomnia-reboot': [['start', null]],
  // Held-out-22 (Galaxy Europe's website ×4, the NIG supercomputer's notices ×3, SimpleLogin's blog ×2, the Beacon
  // documentation's post-mortems ×3), read and committed before the importer ran on it (cbbcc36), measured once with the
  // round-19 reader (4cc45d0): 1/12 fully right, 8 wrong facts. Tuned on in round 20, wrong facts first: a planned
  // figure ('will go down in 7 days') is no duration; a start whose line says the work was completed, an end that came
  // back and failed again in the same entry (the next entry that ends it and stays up is the end), an end that only
  // believes or hopes, a start at a notice after an earlier user report: each left empty; an offset written after the
  // time ('16:10:16+01:00') is kept; '20:00 (approx.)' is approximate; a day-only start takes the timeline's first
  // failing entry that day; 'failed to respond' is the outage; 'returned to a functional state' is the end; a dot inside
  // a name ('usegalaxy.eu') ends no clause, 'stopped responding' ties a figure to the outage. 3/12 fully right, 0 wrong
  // facts (a tuned figure). Left: three of the four stated durations, ends in prose and tables, SimpleLogin's dates, a
  // table with a date column and no year, a status list.
  'beacon-2021-10-24-network-congestion': [['duration', null]],
  'beacon-2025-05-15-node-restart': [['start', null]],
  'galaxyeu-2017-12-11-job-submission': [
    ['end', null],
    ['duration', null],
  ],
  'galaxyeu-2019-03-18-upgrade-downtime': [
    ['start', null],
    ['duration', null],
    ['timeline', 0],
  ],
  'nigsc-2024-06-05-lustre7-ost': [
    ['start', null],
    ['end', null],
  ],
  'nigsc-2025-07-29-gateway-ssh': [['end', null]],
  'nigsc-2025-09-05-lightning-power-outage': [
    ['end', null],
    ['timeline', 0],
  ],
  'simplelogin-2020-08-11-email-delay': [
    ['start', null],
    ['end', null],
  ],
  'simplelogin-2021-07-13-database-outage': [['end', null]],
  // Held-out-23 (the UC Berkeley Statistics computing facility's messages of the day ×3, HealthArchive's operations
  // incident notes ×4, t2bot.io's blog ×2), read and committed before the importer ran on it (9c354ed), measured once with
  // the round-20 reader (f1341d4): 2/9 fully right, 4 wrong facts. Wrong then: the watchdog note's start at the fix (its
  // title's day) and its duration kept with the line's parenthesis; the root-disk note's start at the backup (14:52), not
  // the metadata's 13:23; the 502 note's end at the timeline's restoration (16:32), the reading's stated alternative to
  // the metadata's 16:29. Round 21 tuned on it (general rules only; markdownRound21.test.ts): 6/9 fully right, no wrong
  // fact, and that is not a held-out figure (a dated aside after a duration's figure dropped; a first dated time that is
  // a fix no start; a failure said as avoided no failure; a metadata End label the stated duration confirms kept over the
  // timeline's, else no end; status headings with 12-hour times read as the timeline, a reopened notice's later end).
  // Still not read: three timeline entries with unknown digits ('14:4xZ'), the watchdog's start and end, t2bot 2024's end
  // ('Manual fix verified').
  // Round 21: its first dated time is the fix ('**Fix deployed**: 2026-02-02 03:00 UTC'), no start (nor the title's
  // day, the fix's); the last successful run under Impact (the reading's start) and the fix as the end are not read.
  'healtharchive-2026-02-02-watchdog-unmount-bug': [
    ['start', null],
    ['end', null],
  ],
  // Round 21: start right (the backup's 'avoid … failures' is no failure); '13:52:xxZ', '14:4xZ', '15:3xZ' rows unread.
  'healtharchive-2026-02-04-root-disk-pressure': [['timeline', 6]],
  't2bot-2024-01-13-discord-bridge-reset': [['end', null]],
  // Held-out-25 (cloud.gov.au ×3, Val Town ×2, the VU Amsterdam RDM handbook, Bitcoin.org, Void Linux, X4B), read and
  // committed before the importer ran on it (00f85b0), measured once with the round-22 reader (0284e4d; src/core/import
  // as of a0c0f32): 1/9 fully right, 3 wrong facts: Bitcoin.org's start at the notice's 'Last update: 2015-07-15 13:00'
  // line, cloud.gov.au 2016-08-12's start as the heading's day without the prose's 'approximately 10.16', Val Town's
  // SQLite start at the lead-up launch (Sep 11th) where the data sharing began on Oct 17th. Tuned on in round 23
  // (general rules only; markdownRound23.test.ts): 6/9 fully right, 0 wrong facts (a tuned figure, not a held-out one).
  // Left: Bitcoin.org's start (the forks table's '4 July @ 02:10' has no year) and its one update ('**6 July 04:00:**',
  // no year); cloud.gov.au 2016-06-05's end (the reading's judgement: the day of a two-hour outage; no end stated);
  // Void's notice ('this morning' in a post whose only date is its file name's, and a '2h window' an update could break).
  'bitcoinorg-2015-07-04-spv-mining': [
    ['start', null],
    ['timeline', 0],
  ],
  'govau-2016-06-05-aws-sydney-power': [['end', null]],
  'void-2019-08-13-xbps-missing-bin-sh': [
    ['start', null],
    ['end', null],
    ['duration', null],
  ],
  // Held-out-26 (AcoustID's blog and status page ×4, Revel ×3, Alma Career's Spirit design system, Anže Pečar's blog
  // ×2), read and committed before the importer ran on it (be2ace8), measured once with the round-23 reader (911dc5e;
  // src/core/import unchanged at f481255): 5/10 fully right, 6 wrong facts: AcoustID's import backlog from its front
  // matter without the zone its body names ('14:41 UTC'; the reading's alternative, start and end), Alma's start at the
  // lead-up SSR problem of 27 December 2023 (first timeline entry), the Fly.io post's duration cut to '41 minutes' from
  // '1h and 41 minutes', Revel's login outage from the investigation (~20:16 on 06-12) and '~2 days' (Impact) for the
  // Summary's 'roughly two days'. Alma's 11 entries are the source's count: the reading's 12 is a miscount (kept, as
  // read before measuring). Not read: bold-UTC progress bullets without a date, 'evening' and a date-line timeline's
  // end, twelve untimed numbered steps.
  // Tuned on in round 24 (general rules only; markdownRound24.test.ts): 7/10 fully right, 1 wrong fact (a tuned figure,
  // not a held-out one). Left: Alma's start (a first entry weeks before the rest is the start in two seen documents,
  // so no rule sets it aside) and end (a release, not said to end anything), its 11 entries (the reading's miscount);
  // Revel's 'evening' end (one document) and the guest-user postmortem's untimed numbered steps.
  'alma-2024-01-10-deprecated-icon-rendering': [
    ['start', null],
    ['end', null],
    ['timeline', 11],
  ],
  'revel-2026-02-19-guest-user-verification-bypass': [['timeline', 0]],
  'revel-2026-06-10-ssr-post-body-loss': [['end', null]],
  // Held-out-27 (pico.sh's blog ×3, datasci.social's notices ×3, the F# compiler team's postmortems ×2, a personal
  // server's postmortem), read and committed before the importer ran on it (8d914b5), measured once with the round-24
  // reader (4842e85; src/core/import unchanged at 0dfaa78, the HEAD measured): 1/9 fully right, 4 wrong facts:
  // datasci.social's April outage starts at '10:01' on its first day, read from the length '10h01min'; pico.sh's VM
  // outage starts at its awareness ('12:19 PM EST') where the Offline bullet says 11:02; pico.sh's pgs outage starts
  // on its day alone where 'Between 4am-7am EST' gives the times; the personal server's outage ends at 16:20 ('back
  // online again with broken Fedora 32 installation'; the reading's named alternative) where the reading takes 20:51.
  // Not read: lengths written '4h14min', '10h01min' and a front matter's 'for around two days', a Saturday and 'the
  // last two days' counted from the post, April's second day and pico.sh's ends, the month-only and '≤ 2021', '~2026-08',
  // '—' timeline rows, the legacy-inline regression's start (2026-07-02).
  // Tuned on in round 25 (general rules only; markdownRound25.test.ts): 6/9 fully right, 0 wrong facts (a tuned figure,
  // not a held-out one). Left: 'in the last two days' counted from the post (the reading's approximate start, a
  // judgement), a front matter's description 'for around two days', the FS0229 table's month-only rows, the
  // legacy-inline start (a latent regression merged) and its rows dated '≤ 2021', '~2026-08' and '—'.
  'datasci-2025-06-04-image-loading-issues': [
    ['start', null],
    ['duration', null],
  ],
  'fsharp-2026-04-15-fs0229-bstream-misalignment': [['timeline', 0]],
  'fsharp-2026-07-02-legacy-inline-metadata': [
    ['start', null],
    ['timeline', 4],
  ],
  // Held-out-28 (Algolia's engineering blog ×5, SourceHut's status page ×3, PINE64's blog), read and committed before
  // the importer ran on it (6fb90e1), measured once with the round-25 reader (src/core/import unchanged at 586f919,
  // the HEAD measured 6fb90e1): 2/9 fully right, 1 wrong fact: SourceHut's builds disruption ends at its front
  // matter's resolvedWhen (20:42 on 24 November, the first 'Resolved', reopened at 21:03; the reading's named
  // alternative) where the reading takes the last update, 'Full service has been restored' on 27 November 03:54.
  // Not read: '4am EST' with the day only in a dig output, 'by 3pm PDT on Monday, April 7th' with the year only in the
  // file name, 'During a few hours on March 17th' and 'a few hours', 'a total of 5 hours', '12 minutes last night',
  // a Hugo post's front-matter day ('Outage January 21st'), six 'UPDATE June 16:' paragraphs.
  // Tuned on in round 26 (general rules only; markdownRound26.test.ts): 7/9 fully right, 0 wrong facts (a tuned figure,
  // not a held-out one). Left: the DNS change's '4am EST' (its day only in a fenced dig output) and the six 'UPDATE
  // June 16:' paragraphs.
  'algolia-2014-11-27-black-thursday-dns': [['start', null]],
  'algolia-2015-06-15-ssd-data-corruption': [['timeline', 0]],
  // Held-out-29 (Freifunk München's blog ×3, Freifunk Bremen's website ×2, Rspamd's blog, Schullogin's status page ×3),
  // read and committed before the importer ran on it (98069e9), measured once with the round-26 reader
  // (src/core/import unchanged at 59427bf, the HEAD measured 23169e5): 0/9 fully right, 4 wrong facts, all starts:
  // the Jitsi outage on its day alone (the title's 'von 10:04 - 10:24' not read), the DENIC notice on its day alone
  // (not '~22:00' MESZ), LernSax at its front matter's 08:00 (the reading's named alternative; the body's first update,
  // 'LernSax ist nicht verfügbar', is at 07:00), Schullogin's file-storage outage on its day alone (its front matter's
  // 09:30, with '# Resolving: …' comments after the fields, not read). Not read: 'Seit gestern' and 'von gestern
  // Morgen' counted back from the post, 'On Saturday, October 18th, 2025' in a post without a date field, the
  // follow-up's day from a quoted statement, cState update headings ('### Update 26.08.2022 18:00 Uhr:',
  // '## 01.10.2025 - 10:52', '## 2025-01-21T18:00:00 - …'), two front matters with commented fields.
  // Tuned on in round 27 (general rules only; markdownRound27.test.ts): 8/9 fully right, 0 wrong facts (a tuned figure,
  // not a held-out one). Left: the DENIC follow-up's end, its day only in a quoted statement ('06. Mai 2026').
  'ffmuc-2026-05-06-denic-dnssec-resolved': [['end', null]],
  // Held-out-30 (MCPT's WLMOJ incident reports ×4, ARP Networks' blog, Chef's community-summit wiki, the RIT DAS site's
  // developer blog, AlphaGameBot's blog), read and committed before the importer ran on it (b359feb), measured once
  // with the round-27 reader (src/core/import unchanged since ec8b641, the HEAD measured 5878f28): 1/8 fully right,
  // 5 wrong facts: Chef's 12.2.0 release starts at its first failed build (11:04 on 27 February, 'Build fails because
  // of network connectivity issues') where the reading takes the release, 19:00 on the 26th; the mathoid outage ends
  // when texoid came back (19:57 on 11 June, the first 'restored') where the reading takes the last service restored
  // on 15 June; the Zerotier disruption starts when the updates began (11:10, the reading's named alternative) where
  // the reading takes 'Disruption first noticed' at 11:18; the database exposure starts at the first evidence of
  // access (18:28 on 5 December, the reading's named alternative) where the reading takes the vulnerable deployment on
  // 10 November; the RIT outage starts on its day alone where the sentence says 'at approximately 12:05pm'.
  // Not read: 'approximately 02/28/2019 11:30 PST' and 'resolved at 20:30 PST' in prose; 'until Friday, November
  // 18th, at 3:01pm' and 'a downtime of over twenty four hours'; the ends '5:51 Incident over' (an afternoon time
  // without pm), 'reconnects to Zerotier network', 'wstunnel stopped' and 'droplet deleted' (stamped '2021-11-18
  // 00:58' after 23:47); Chef's untimed entry and its '2015-02-30' one (18 of 20 entries). Tuned on in round 28 (2/8,
  // 0 wrong facts, a tuned figure): the five wrong facts removed (three now right, the database start left empty).
  'arpnetworks-2019-02-28-kct09-outage': [
    ['start', null],
    ['end', null],
  ],
  // Round 28: the release is the start now; its '5:51 Incident over' (a 12-hour clock after 12:39) is not read as an end.
  'chef-2015-02-26-chef-client-12.2.0-release': [
    ['end', null],
    ['timeline', 18],
  ],
  'mcpt-2020-12-04-auth-server-zerotier': [['end', null]],
  'mcpt-2021-10-28-judge-server-compromised': [['end', null]],
  // Round 28: the first evidence of access after the vulnerable deployment: the start left empty, no longer a wrong fact.
  'mcpt-2022-12-06-judge-database-compromised': [
    ['start', null],
    ['end', null],
  ],
  'ritdas-2016-11-17-website-downtime': [['duration', null]],
  // Held-out-31 (Dotabod's blog ×3, typesofants.org's debugging notes ×2, the Canadian Digital Service's blog, Pine.blog's
  // post-mortem, Joe Thor's homelab post), read and committed before the importer ran on it (2cb2779), measured once with
  // the round-28 reader (src/core/import unchanged since 86f4c8b, the HEAD measured 7d301cf): 2/8 fully right, 1 wrong
  // fact: Pine.blog's start at its header's 'published: Mon, 17 Feb 2020 at 04:57 AM' (04:57, no zone) where the
  // reading takes the day alone (the post's 'today'; the publishing time is not the outage's). Not read: 'On March 29th,
  // at around 10:00 a.m. EST' (the year only in the post's date), 'From **September 26 at 16:22 UTC** until
  // **September 27 at 14:08 UTC**' (likewise), 'last Sunday morning' counted back from a Monday post, the last day of a
  // title's range ('# May 23-25, 2024 …'), 'will end on April 6, 2025'; the durations 'around an hour', '7-day', '22
  // hours' and '~6 hours'. Not tuned on.
  'cds-2022-03-29-gc-notify-secrets-in-logs': [
    ['start', null],
    ['duration', null],
  ],
  'dotabod-2025-03-30-twitch-suspension': [
    ['end', null],
    ['duration', null],
  ],
  'dotabod-2026-09-26-chat-outage': [
    ['start', null],
    ['end', null],
    ['duration', null],
  ],
  'joethor-2024-07-14-power-outage-homelab': [['start', null]],
  'pineblog-2020-02-17-disk-full-downtime': [
    ['start', '2020-02-17T04:57'],
    ['duration', null],
  ],
  'typesofants-2024-05-23-non-tweeting-event': [['end', null]],
};
