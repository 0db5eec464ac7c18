/**
 * Issue 31, round 27: the rules chosen on held-out-29 (Freifunk München's and Freifunk Bremen's German blogs, Rspamd's
 * blog, Schullogin's German cState status page), wrong facts first: small documents written for this test, each rule
 * with a case where it fires and one where it must not, each rule checked off, and a 100 kB line read in linear time.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { YAML_COMMENT_RULE } from '../../../../src/core/import/markdown/sections';
import { STAMP_HEADING_RULE } from '../../../../src/core/import/markdown/statusStampHeadings';
import { EARLIER_UPDATE_RULE, LATE_CLOSE_RULE } from '../../../../src/core/import/markdown/statusLate';
import { TITLE_LAST_PAIR_RULE } from '../../../../src/core/import/markdown/spanStated';
import { GERMAN_ZONE_RULE } from '../../../../src/core/import/markdown/zones';
import { SINCE_OPENING_RULE } from '../../../../src/core/import/markdown/blogSince';
import { GERMAN_YESTERDAY_RULE } from '../../../../src/core/import/markdown/blogDays';
import { DISRUPTED_RULE } from '../../../../src/core/import/markdown/blogProse';

const page = (front: string[], ...body: string[]) => doc('---', 'title: "Störung Dateiablage"', ...front, 'section: issue', '---', '', ...body, '');
const post = (title: string, ...body: string[]) => doc('---', `title: "${title}"`, 'date: 2020-04-21 09:00:00', '---', '', ...body, '');

describe('Markdown importer: rules of round 27 (issue 31)', () => {
  it("front matter values are read as YAML reads them: a '#' after a space begins a comment", () => {
    const md = page(
      ['date: 2025-01-21T09:30:00', 'resolved: true # Resolving: set to true', 'resolvedWhen: 2025-01-21T12:00:00 # Resolving: set the end'],
      'The file storage is not reachable.',
    );
    assert.equal(read(md).fact('start'), '2025-01-21T09:30 (zone not stated)');
    assert.equal(read(md).fact('end'), '2025-01-21T12:00 (zone not stated)');
    assert.equal(without(YAML_COMMENT_RULE, 'on', () => read(md)).fact('end'), undefined);
    // Must not cut: a '#' inside quotes, or without a space before it.
    const quoted = doc('---', 'title: "Outage #42 # of the C# build"', 'date: 2025-01-21', '---', '', 'The build failed.', '');
    assert.equal(read(quoted).rec.title, 'Outage #42 # of the C# build');
    const bare = doc('---', 'title: Outage#42 of C#', 'date: 2025-01-21', '---', '', 'The build failed.', '');
    assert.equal(read(bare).rec.title, 'Outage#42 of C#');
  });

  it("update headings that are a stamp alone ('## 2025-01-21T16:00:00', '### Update 26.08.2022 18:00 Uhr:') are the timeline", () => {
    const md = page(
      ['date: 2022-08-25T07:00:00', 'resolved: true', 'resolvedWhen: 2022-08-26T10:00:00'],
      '### Update 26.08.2022 10:00 Uhr:',
      'Der Dienst ist wieder verfügbar.',
      '### Update 25.08.2022 11:24 Uhr:',
      'Ein Teilsystem ist abgestürzt.',
      '## 25.08.2022 – 09:05 Uhr',
      'Analyse läuft.',
      '### Update 25.08.2022 07:00 Uhr:',
      'Der Dienst ist nicht verfügbar.',
    );
    const t = read(md).timeline;
    assert.equal(t.length, 4);
    assert.match(t[0]!.text, /nicht verfügbar/);
    assert.match(t[3]!.text, /wieder verfügbar/);
    const iso = page(
      ['date: 2025-01-21T09:30:00', 'resolved: true', 'resolvedWhen: 2025-01-21T18:00:00'],
      '## 2025-01-21T18:00:00 - NC ist wieder erreichbar',
      '* Plugin deaktiviert.',
      '## 2025-01-21T14:00:00',
      '* Analyse.',
      '## 2025-01-21T09:30:00',
      '* Nicht erreichbar.',
    );
    assert.equal(read(iso).timeline.length, 3);
    assert.equal(without(STAMP_HEADING_RULE, 'on', () => read(iso)).timeline.length, 0);
    // Must not fire: two such headings, or headings with words before the stamp.
    const two = page(
      ['date: 2025-01-21T09:30:00', 'resolved: true', 'resolvedWhen: 2025-01-21T18:00:00'],
      '## 2025-01-21T18:00:00',
      'Back.',
      '## 2025-01-21T09:30:00',
      'Down.',
    );
    assert.equal(read(two).timeline.length, 0);
    const worded = page(
      ['date: 2025-01-21T09:30:00', 'resolved: true', 'resolvedWhen: 2025-01-21T18:00:00'],
      '## Release notes 2025-01-21T18:00:00',
      'x',
      '## Release notes 2025-01-20T18:00:00',
      'y',
      '## Release notes 2025-01-19T18:00:00',
      'z',
    );
    assert.equal(read(worded).timeline.length, 0);
    const days = page(
      ['date: 2025-10-01T08:00:00', 'resolved: true', 'resolvedWhen: 2025-11-13T08:00:00'],
      '## 13.11.2025',
      'a',
      '## 21.10.2025',
      'b',
      '## 01.10.2025',
      'c',
    );
    assert.equal(read(days).timeline.length, 0);
  });

  it('a first update stamped before the front matter date, on its day, is the start', () => {
    const md = (first: string) =>
      page(
        ['date: 2022-08-25T08:00:00', 'resolved: true', 'resolvedWhen: 2022-08-26T10:00:00'],
        '### Update 26.08.2022 10:00 Uhr:',
        'Wieder verfügbar.',
        '### Update 25.08.2022 11:24 Uhr:',
        'Absturz.',
        `### Update ${first} Uhr:`,
        'Nicht verfügbar.',
      );
    assert.equal(read(md('25.08.2022 07:00')).fact('start'), '2022-08-25T07:00 (zone not stated)');
    assert.equal(read(md('25.08.2022 07:00')).fact('end'), '2022-08-26T10:00 (zone not stated)');
    assert.equal(without(EARLIER_UPDATE_RULE, 'on', () => read(md('25.08.2022 07:00'))).fact('start'), '2022-08-25T08:00 (zone not stated)');
    // Must not fire: the first update after the date, or on the day before.
    assert.equal(read(md('25.08.2022 08:30')).fact('start'), '2022-08-25T08:00 (zone not stated)');
    assert.equal(read(md('24.08.2022 23:00')).fact('start'), '2022-08-25T08:00 (zone not stated)');
  });

  it('a resolvedWhen more than a day after the last update ends at the update saying service is back, else none', () => {
    const md = (closed: string, back: string) =>
      page(
        ['date: 2025-01-21T09:30:00', 'resolved: true', `resolvedWhen: ${closed}`],
        '## 2025-01-22T08:00:00',
        '* Keine Auffälligkeiten.',
        `## 2025-01-21T18:00:00 - ${back}`,
        '* Plugin deaktiviert.',
        '## 2025-01-21T14:00:00',
        '* Analyse.',
        '## 2025-01-21T09:30:00',
        '* Der Dienst ist nicht erreichbar.',
      );
    assert.equal(read(md('2025-01-24T07:30:00', 'NC ist wieder erreichbar')).fact('end'), '2025-01-21T18:00 (zone not stated)');
    assert.equal(read(md('2025-01-24T07:30:00', 'Analyse dauert an')).fact('end'), undefined);
    assert.equal(
      without(LATE_CLOSE_RULE, 'on', () => read(md('2025-01-24T07:30:00', 'NC ist wieder erreichbar'))).fact('end'),
      '2025-01-24T07:30 (zone not stated)',
    );
    // Must not fire: closed within a day of the last update.
    assert.equal(read(md('2025-01-22T09:00:00', 'NC ist wieder erreichbar')).fact('end'), '2025-01-22T09:00 (zone not stated)');
  });

  it("a title's period after a dash of its own ('MEET - Ausfall am 21.04.2020 von 10:04 - 10:24') is read", () => {
    const body = 'Leider hatten wir heute einen Ausfall.';
    assert.equal(read(post('MEET - Ausfall am 21.04.2020 von 10:04 - 10:24', body)).fact('start'), '2020-04-21T10:04 (zone not stated)');
    assert.equal(read(post('MEET - Ausfall am 21.04.2020 von 10:04 - 10:24', body)).fact('end'), '2020-04-21T10:24 (zone not stated)');
    assert.equal(read(post('Ausfall am 21.04.2020 von 10:04 bis 10:24', body)).fact('end'), '2020-04-21T10:24 (zone not stated)');
    assert.notEqual(
      without(TITLE_LAST_PAIR_RULE, 'on', () => read(post('MEET - Ausfall am 21.04.2020 von 10:04 - 10:24', body))).fact('end'),
      '2020-04-21T10:24 (zone not stated)',
    );
    // Must not fire: no time before the last dash, or no date before that time.
    assert.equal(read(post('MEET - Ausfall am 21.04.2020 - Nachtrag 16:30', body)).fact('end'), undefined);
    assert.equal(read(post('MEET - Ausfall von 10:04 - 10:24', body)).fact('end'), undefined);
  });

  it("'Seit ca. 22:00 Uhr (MESZ) am 05.05.2026' opens with the start, MESZ read as +02:00", () => {
    const md = (s: string) => doc('---', 'title: "DNS-Störung"', 'date: 2026-05-05 22:30:00 +0200', '---', '', s, '');
    const seit = 'Seit ca. 22:00 Uhr (MESZ) am 05.05.2026 besteht eine massive Störung bei der Registry.';
    assert.equal(read(md(seit)).fact('start'), '~2026-05-05T22:00 +02:00');
    assert.equal(read(md('Seit 21:10 MEZ am 05.01.2026 ist der Dienst gestört.')).fact('start'), '2026-01-05T21:10 +01:00');
    assert.equal(read(md('Since approximately 10:00 PM (CEST) on 05 May 2026, the registry has had a disruption.')).fact('start'), '~2026-05-05T22:00 +02:00');
    assert.equal(without(SINCE_OPENING_RULE, 'on', () => read(md(seit))).fact('start'), undefined);
    assert.equal(without(GERMAN_ZONE_RULE, 'on', () => read(md(seit))).fact('start'), undefined);
    // Must not fire: no zone, or no year, or not at the sentence's opening.
    assert.equal(read(md('Seit ca. 22:00 Uhr am 05.05.2026 besteht eine Störung.')).fact('start'), undefined);
    assert.equal(read(md('Wir melden: seit 22:00 Uhr (MESZ) am 05.05.2026 besteht eine Störung.')).fact('start'), undefined);
  });

  it("'gestern' with what went wrong is the day before the post's date, the day alone", () => {
    const md = (s: string) => doc('---', 'title: VPN01 down', 'date: 2015-12-15 16:00:00 +0200', '---', '', s, '');
    assert.equal(read(md('Seit gestern ist unser Gateway VPN01 nicht mehr erreichbar.')).fact('start'), '2015-12-14');
    assert.equal(read(md('Beim Update von gestern Morgen ist leider ein Problem aufgetreten: alle Nodes sind im Configmode.')).fact('start'), '2015-12-14');
    assert.equal(read(md('Beim Update von 01.01.2016 hat die Firmware einen Ausfall gehabt.')).fact('start'), undefined);
    assert.equal(without(GERMAN_YESTERDAY_RULE, 'on', () => read(md('Seit gestern ist unser Gateway VPN01 nicht mehr erreichbar.'))).fact('start'), undefined);
    // Must not fire: nothing went wrong, or no post date; 'heute' is not read.
    assert.equal(read(md('Gestern haben wir einen neuen Server aufgestellt.')).fact('start'), undefined);
    assert.equal(read(md('Heute ist unser Gateway VPN01 nicht mehr erreichbar.')).fact('start'), undefined);
    assert.equal(read(doc('# VPN01 down', '', 'Seit gestern ist unser Gateway VPN01 nicht mehr erreichbar.', '')).fact('start'), undefined);
  });

  it("'On Saturday, October 18th, 2025, the service was disrupted' names the day", () => {
    const md = (s: string) => doc('---', 'title: Incident Disclosure', 'authors: team', '---', '', s, '');
    const said = 'On Saturday, October 18th, 2025, the public fuzzy service was disrupted due to an unexpected server block.';
    assert.equal(read(md(said)).fact('start'), '2025-10-18');
    assert.equal(without(DISRUPTED_RULE, 'on', () => read(md(said))).fact('start'), undefined);
    // Must not fire: nothing disrupted.
    assert.equal(read(md('On Saturday, October 18th, 2025, we released version 3.13 of the filter.')).fact('start'), undefined);
  });

  it('reads a 100 kB line of each shape in linear time', () => {
    const long = 'x '.repeat(50000);
    linear(page(['date: 2025-01-21T09:30:00', `resolved: true #${' '.repeat(50000)}#`, 'resolvedWhen: 2025-01-21T18:00:00'], long));
    linear(doc('## Update 26.08.2022 18:00 Uhr:', long, `## ${'26.08.2022 '.repeat(9000)}`, long, `## 2025-01-21T16:00:00 - ${long}`));
    linear(post(`MEET - ${'21.04.2020 von 10:04 - '.repeat(4000)}10:24`, long));
    linear(post('Ausfall', `Seit gestern ${'nicht mehr '.repeat(9000)}`, `On October 18th, 2025, ${'disrupt '.repeat(12000)}`));
    linear(post('Ausfall', `Seit ca. ${'22:00 Uhr (MESZ) '.repeat(6000)} am 05.05.2026.`, `Since ${'10:00 PM (CEST) '.repeat(6000)} on 5 May 2026.`));
  });
});
