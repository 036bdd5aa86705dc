/**
 * `npm run schema`: writes the frontmatter's JSON Schema from the zod schema. A unit test fails when
 * the committed file and the zod schema disagree, so run this after changing src/schemas/.
 */
import { writeFile } from 'node:fs/promises';
import { FRONTMATTER_SCHEMA_PATH, frontmatterJsonSchema } from '../src/lib/frontmatter-json-schema.ts';

await writeFile(FRONTMATTER_SCHEMA_PATH, `${JSON.stringify(frontmatterJsonSchema(), null, 2)}\n`);
console.log(FRONTMATTER_SCHEMA_PATH);
