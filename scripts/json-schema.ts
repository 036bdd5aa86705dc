/**
 * `npm run schema`: writes the JSON Schemas generated from zod schemas: the frontmatter's, for
 * editors and tools, and that of `/postmortems.json`, for its readers. Unit tests fail while a
 * committed file is out of date, so run this after changing src/schemas/.
 */
import { writeFile } from 'node:fs/promises';
import { FRONTMATTER_SCHEMA_PATH, frontmatterJsonSchema } from '../src/lib/frontmatter-json-schema.ts';
import { exportJsonSchemaFile, exportJsonSchemaText } from '../src/schemas/postmortems-export.ts';

await writeFile(FRONTMATTER_SCHEMA_PATH, `${JSON.stringify(frontmatterJsonSchema(), null, 2)}\n`);
await writeFile(exportJsonSchemaFile, exportJsonSchemaText());
console.log(`Wrote ${FRONTMATTER_SCHEMA_PATH} and ${exportJsonSchemaFile}.`);
