/**
 * `npm run schema`: writes the JSON Schema of environment files (config/environment.schema.json)
 * and the configuration reference (help/configuration.md), both generated from config/schema.ts
 * and config/rules.ts. A test fails when the checked-in files differ from what this produces.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateConfigurationReference, REFERENCE_FILE } from './generate-config-reference';
import { generateJsonSchema, SCHEMA_FILE } from './generate-json-schema';

export { generateConfigurationReference, REFERENCE_FILE } from './generate-config-reference';
export { generateJsonSchema, SCHEMA_FILE } from './generate-json-schema';

/** Every generated file and its text. */
export function generatedFiles(): { file: string; text: string }[] {
  return [
    { file: SCHEMA_FILE, text: generateJsonSchema() },
    { file: REFERENCE_FILE, text: generateConfigurationReference() },
  ];
}

async function main(): Promise<void> {
  for (const { file, text } of generatedFiles()) {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
  // The reference is generated already formatted; say so loudly if a change breaks that, since
  // `npm run lint` would then fail on a file nobody edits by hand. Loaded here, not at the top: prettier 3
  // cannot load inside jest, which imports this module for the staleness test.
  const { check, resolveConfig } = await import('prettier');
  const options = { ...((await resolveConfig(REFERENCE_FILE)) ?? {}), filepath: REFERENCE_FILE };
  if (!(await check(generateConfigurationReference(), options))) {
    throw new Error(`prettier would reformat ${path.relative(process.cwd(), REFERENCE_FILE)}: make the generator write what prettier writes`); // prettier-ignore
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
