/**
 * Writes the JSON Schema of `/postmortems.json` from its zod schema, so tools that read the file
 * can validate it. Run it after changing `src/schemas/postmortems-export.ts`; a unit test fails
 * while the committed file is out of date.
 *
 * Usage: node scripts/generate-json-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJsonSchemaFile, exportJsonSchemaText } from '../src/schemas/postmortems-export.ts';

const path = join(import.meta.dirname, '..', exportJsonSchemaFile);
writeFileSync(path, exportJsonSchemaText());
console.log(`Wrote ${exportJsonSchemaFile}.`);
