import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLORS, COMMANDS, CONFIG, CONTEXT, LM_TOOLS, VIEWS, WALKTHROUGH } from '../../../src/extension/constants';
import { REPO_ROOT } from '../../support/workspace';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    viewsWelcome: Array<{ view: string; when?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string; enumDescriptions?: string[] }> };
    walkthroughs: Array<{
      id: string;
      title: string;
      steps: Array<{ id: string; title: string; description: string; media: { svg?: string; altText: string }; completionEvents: string[] }>;
    }>;
    colors: Array<{ id: string; defaults: Record<string, string> }>;
    languageModelTools: Array<{ name: string; modelDescription: string; inputSchema: { required: string[] } }>;
  };
  activationEvents: string[];
}

const raw = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(raw) as Manifest;
/** A manifest string as VS Code shows it: %key% replaced from package.nls.json. */
const shown = (value: string | undefined): string => (value ?? '').replace(/^%([^%]+)%$/, (_, key: string) => nls[key] ?? `<missing ${key}>`);
const c = manifest.contributes;

describe('package.json matches the ids declared in code', () => {
  it('contributes exactly the commands in COMMANDS, each with a category and a codicon', () => {
    assert.deepEqual(c.commands.map((x) => x.command).sort(), Object.values(COMMANDS).sort());
    for (const cmd of c.commands) {
      assert.equal(shown(cmd.category), 'Incident Lens', cmd.command);
      assert.match(cmd.icon ?? '', /^\$\([a-z-]+\)$/, cmd.command);
    }
  });

  it('hides internal commands from the palette', () => {
    const hidden = c.menus
      .commandPalette!.filter((m) => m.when === 'false')
      .map((m) => m.command)
      .sort();
    assert.deepEqual(hidden, [COMMANDS.openLink, COMMANDS.openRecord, COMMANDS.showLinkedIncidents, COMMANDS.copyPromptTemplate, COMMANDS.openCommit].sort());
  });

  it('declares the views, container and context keys used in code', () => {
    assert.deepEqual(
      c.viewsContainers.activitybar.map((v) => v.id),
      [VIEWS.container],
    );
    assert.deepEqual(
      c.views[VIEWS.container]!.map((v) => v.id),
      [VIEWS.incidents, VIEWS.actions, VIEWS.runbooks],
    );
    const menuCommands = Object.values(c.menus)
      .flat()
      .map((m) => m.command);
    for (const m of menuCommands) assert.ok((Object.values(COMMANDS) as string[]).includes(m), m);
    const whens = [
      ...c.viewsWelcome.map((w) => w.when ?? ''),
      ...Object.values(c.menus)
        .flat()
        .map((m) => m.when ?? ''),
    ].join(' ');
    for (const key of whens.match(/incidentLens\.[a-zA-Z]+/g) ?? []) {
      if ((Object.values(VIEWS) as string[]).includes(key)) continue;
      assert.ok((Object.values(CONTEXT) as string[]).includes(key), `unknown context key ${key}`);
    }
  });

  it('describes every setting and knows them in code', () => {
    const keys = Object.keys(c.configuration.properties)
      .map((k) => k.replace(/^incidentLens\./, ''))
      .sort();
    const known = Object.entries(CONFIG)
      .filter(([k]) => k !== 'section')
      .map(([, v]) => v)
      .sort();
    assert.deepEqual(keys, known);
    for (const [key, p] of Object.entries(c.configuration.properties)) assert.ok(p.description || p.markdownDescription, key);
    assert.equal(shown(c.configuration.title), 'Incident Lens');
  });

  it('declares the language model tools registered in code, with a schema and an activation event', () => {
    assert.deepEqual(
      c.languageModelTools.map((t) => t.name),
      Object.values(LM_TOOLS),
    );
    for (const t of c.languageModelTools) {
      assert.ok(t.modelDescription.length > 100, t.name);
      assert.deepEqual(t.inputSchema.required, ['paths']);
      assert.ok(manifest.activationEvents.includes(`onLanguageModelTool:${t.name}`), t.name);
    }
  });

  it('gives every priority colour a default for light, dark and both high-contrast themes', () => {
    assert.deepEqual(
      c.colors.map((x) => x.id),
      Object.values(COLORS),
    );
    for (const color of c.colors) assert.deepEqual(Object.keys(color.defaults).sort(), ['dark', 'highContrast', 'highContrastLight', 'light']);
  });
});

describe('package.json is localisable (package.nls.json)', () => {
  it('every user-facing manifest string is a %key% found in package.nls.json, and every key is used', () => {
    const used = [...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    for (const key of used) assert.ok(key in nls, `package.nls.json lacks ${key}`);
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.includes(k)),
      [],
      'unused keys in package.nls.json',
    );
    const literal: string[] = [];
    const check = (where: string, value: unknown) => {
      if (typeof value === 'string' && !/^%[^%]+%$/.test(value)) literal.push(`${where}: ${value.slice(0, 40)}`);
    };
    check('displayName', (manifest as unknown as { displayName: string }).displayName);
    for (const cmd of c.commands) {
      check(cmd.command, cmd.title);
      check(cmd.command, cmd.category);
    }
    for (const v of Object.values(c.views).flat() as Array<{ id: string; name: string }>) check(v.id, v.name);
    for (const w of c.viewsWelcome as Array<{ view: string; contents: string }>) check(w.view, w.contents);
    for (const [k, p] of Object.entries(c.configuration.properties)) {
      check(k, p.description ?? p.markdownDescription);
      for (const d of p.enumDescriptions ?? []) check(k, d);
    }
    for (const w of c.walkthroughs) {
      for (const st of w.steps) {
        check(st.id, st.title);
        check(st.id, st.description);
        check(st.id, st.media.altText);
      }
    }
    assert.deepEqual(literal, []);
  });
});

describe('the walkthrough', () => {
  const [walkthrough] = c.walkthroughs;

  it('is the one the Get Started command opens and the welcome view points to', () => {
    assert.equal(c.walkthroughs.length, 1);
    assert.equal(walkthrough!.id, WALKTHROUGH);
    const welcome = c.viewsWelcome.map((w) => shown((w as unknown as { contents: string }).contents)).join('\n');
    assert.match(welcome, new RegExp(`\\(command:${COMMANDS.getStarted.replace('.', '\\.')}\\)`));
  });

  it('walks the product in order, each step completed by the real action, with a theme-aware image', () => {
    assert.deepEqual(
      walkthrough!.steps.map((st) => st.id),
      ['createIncident', 'logEntry', 'linkCode', 'seeCodeLens', 'aiInstructions', 'ciCheck'],
    );
    const commands = Object.values(COMMANDS) as string[];
    const contexts = Object.values(CONTEXT) as string[];
    for (const st of walkthrough!.steps) {
      assert.ok(st.completionEvents.length > 0, st.id);
      for (const event of st.completionEvents) {
        const [kind, id] = event.split(/:(.*)/s) as [string, string];
        if (kind === 'onCommand') assert.ok(commands.includes(id), `${st.id}: ${id} is not our command`);
        else if (kind === 'onContext') assert.ok(contexts.includes(id), `${st.id}: ${id} is not our context key`);
        else assert.fail(`${st.id}: ${event} is not a real action`);
      }
      // Every button runs a real command (ours or the workbench's view command).
      for (const [, id] of shown(st.description).matchAll(/\(command:([^)?]+)/g))
        assert.ok(commands.includes(id!) || id!.startsWith('workbench.view.extension.incidentLens'), `${st.id}: ${id}`);
      const svg = readFileSync(join(REPO_ROOT, st.media.svg!), 'utf8');
      assert.match(svg, /var\(--vscode-foreground\)/, `${st.id}: the image follows the theme's colours`);
      assert.doesNotMatch(svg, /<script|href=/, `${st.id}: a plain picture`);
      assert.ok(shown(st.media.altText).length > 20, `${st.id}: alt text`);
    }
  });
});
