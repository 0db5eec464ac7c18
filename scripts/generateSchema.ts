// Writes schemas/*.json from the zod schemas (npm run schema). A unit test fails when they are stale.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../src/core/records/jsonSchema';

const dir = join(__dirname, '..', '..', 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, name), content);
  console.log(`wrote schemas/${name}`);
}
