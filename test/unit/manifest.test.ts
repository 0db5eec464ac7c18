import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLORS, COMMANDS, CONFIG, CONTEXT, LM_TOOLS, VIEWS } from '../../src/extension/constants';
import { REPO_ROOT } from '../support/workspace';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    viewsWelcome: Array<{ view: string; when?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string }> };
    colors: Array<{ id: string; defaults: Record<string, string> }>;
    languageModelTools: Array<{ name: string; modelDescription: string; inputSchema: { required: string[] } }>;
  };
  activationEvents: string[];
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const c = manifest.contributes;

describe('package.json matches the ids declared in code', () => {
  it('contributes exactly the commands in COMMANDS, each with a category and a codicon', () => {
    assert.deepEqual(c.commands.map((x) => x.command).sort(), Object.values(COMMANDS).sort());
    for (const cmd of c.commands) {
      assert.equal(cmd.category, 'Incident Lens', cmd.command);
      assert.match(cmd.icon ?? '', /^\$\([a-z-]+\)$/, cmd.command);
    }
  });

  it('hides internal commands from the palette', () => {
    const hidden = c.menus.commandPalette!.filter((m) => m.when === 'false').map((m) => m.command).sort();
    assert.deepEqual(hidden, [COMMANDS.openLink, COMMANDS.openRecord, COMMANDS.showLinkedIncidents, COMMANDS.copyPromptTemplate].sort());
  });

  it('declares the views, container and context keys used in code', () => {
    assert.deepEqual(c.viewsContainers.activitybar.map((v) => v.id), [VIEWS.container]);
    assert.deepEqual(c.views[VIEWS.container]!.map((v) => v.id), [VIEWS.incidents, VIEWS.actions, VIEWS.runbooks]);
    const menuCommands = Object.values(c.menus).flat().map((m) => m.command);
    for (const m of menuCommands) assert.ok((Object.values(COMMANDS) as string[]).includes(m), m);
    const whens = [...c.viewsWelcome.map((w) => w.when ?? ''), ...Object.values(c.menus).flat().map((m) => m.when ?? '')].join(' ');
    for (const key of whens.match(/incidentLens\.[a-zA-Z]+/g) ?? []) {
      if ((Object.values(VIEWS) as string[]).includes(key)) continue;
      assert.ok((Object.values(CONTEXT) as string[]).includes(key), `unknown context key ${key}`);
    }
  });

  it('describes every setting and knows them in code', () => {
    const keys = Object.keys(c.configuration.properties).map((k) => k.replace(/^incidentLens\./, '')).sort();
    const known = Object.entries(CONFIG).filter(([k]) => k !== 'section').map(([, v]) => v).sort();
    assert.deepEqual(keys, known);
    for (const [key, p] of Object.entries(c.configuration.properties)) assert.ok(p.description || p.markdownDescription, key);
    assert.equal(c.configuration.title, 'Incident Lens');
  });

  it('declares the language model tools registered in code, with a schema and an activation event', () => {
    assert.deepEqual(c.languageModelTools.map((t) => t.name), Object.values(LM_TOOLS));
    for (const t of c.languageModelTools) {
      assert.ok(t.modelDescription.length > 100, t.name);
      assert.deepEqual(t.inputSchema.required, ['paths']);
      assert.ok(manifest.activationEvents.includes(`onLanguageModelTool:${t.name}`), t.name);
    }
  });

  it('gives every priority colour a default for light, dark and both high-contrast themes', () => {
    assert.deepEqual(c.colors.map((x) => x.id), Object.values(COLORS));
    for (const color of c.colors) assert.deepEqual(Object.keys(color.defaults).sort(), ['dark', 'highContrast', 'highContrastLight', 'light']);
  });
});
