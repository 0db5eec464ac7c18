import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../../../../src/core/records/jsonSchema';
import { REPO_ROOT } from '../../../support/workspace';

describe('generated JSON Schema', () => {
  for (const [name, content] of Object.entries(jsonSchemas())) {
    it(`schemas/${name} is up to date (run npm run schema)`, () => {
      assert.equal(readFileSync(join(REPO_ROOT, 'schemas', name), 'utf8'), content);
    });
  }

  it('describes every part of the incident node', () => {
    const schema = JSON.parse(jsonSchemas()['incident.schema.json']!) as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(Object.keys(schema.properties), [
      'id',
      'title',
      'status',
      'priority',
      'start',
      'timeZone',
      'detected',
      'resolution',
      'duration',
      'roles',
      'impact',
      'timeline',
      'actions',
      'communications',
      'rootCause',
      'postmortem',
      'learning',
      'links',
      'commits',
      'keywords',
      'source',
      'runbooks',
    ]);
    assert.deepEqual(schema.required, ['id', 'title', 'status']);
    // priority and start: required unless the record was imported (source) from a system that gave none.
    assert.deepEqual((schema as unknown as { if: unknown; then: unknown }).if, { not: { required: ['source'] } });
    assert.deepEqual((schema as unknown as { then: unknown }).then, { required: ['priority', 'start'] });
  });
});
