/**
 * The JSON Schema of environment files, generated from config/schema.ts (written by `npm run schema`
 * to config/environment.schema.json).
 */
import * as path from 'node:path';
import { z } from 'zod';
import { isRuleId, RULES } from '../config/rules';
import { environmentSchema } from '../config/schema';

/** Where the JSON Schema is checked in; environment files point at it for editor completion and checks. */
export const SCHEMA_FILE = path.join(__dirname, '..', 'config', 'environment.schema.json');

/** A JSON Schema node, loosely typed: the generator only reads and adds keywords. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * The JSON Schema of an environment file's input (defaults make fields optional), as an object.
 * Descriptions keep their `@default` notes; {@link generateJsonSchema} turns them into prose.
 */
export function environmentJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(environmentSchema, {
    io: 'input',
    // Draft 7: what the YAML and JSON language servers of common editors understand best.
    target: 'draft-07',
    // Cross-field refinements have no JSON Schema form; the ones editors can use are added as
    // `if`/`then` through `.meta()` in the schema itself.
    unrepresentable: 'throw',
    override: ({ zodSchema, jsonSchema }) => addPatternMessages(zodSchema, jsonSchema as JsonSchema),
  }) as JsonSchema;
  return { $schema: schema.$schema, title: 'platform-infra environment', ...schema };
}

/** The text of config/environment.schema.json. */
export function generateJsonSchema(): string {
  return `${JSON.stringify(proseDefaults(environmentJsonSchema()), null, 2)}\n`;
}

/**
 * Editors print "does not match pattern ^...$" for a failed pattern; `patternErrorMessage` (read
 * by the YAML and JSON language servers) lets them print the rule's message and hint instead.
 */
function addPatternMessages(zodSchema: z.core.$ZodType, json: JsonSchema): void {
  const checks = (zodSchema._zod.def as { checks?: z.core.$ZodCheck[] }).checks ?? [];
  for (const check of checks) {
    const def = check._zod.def as { check: string; format?: string; pattern?: RegExp; error?: () => unknown };
    if (def.check !== 'string_format' || def.format !== 'regex' || !def.pattern) continue;
    const id = def.error?.();
    if (!isRuleId(id)) continue;
    const text = `${RULES[id].message}: ${RULES[id].hint}`;
    const nodes = [json, ...((json.allOf as JsonSchema[] | undefined) ?? [])];
    for (const node of nodes) {
      if (node.pattern === def.pattern.source) node.patternErrorMessage = text;
    }
  }
}

/** Rewrites `... @default X` in every description as `... Default: X.` for editor tooltips. */
function proseDefaults<T>(node: T): T {
  if (Array.isArray(node)) return node.map(proseDefaults) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'description' && typeof value === 'string'
        ? value.replace(/\s*@default (.+)$/, (_, text: string) => ` Default: ${text}.`)
        : proseDefaults(value),
    ]),
  ) as T;
}
