import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { formatIssues } from '../../config/issues';
import { validateEnvironmentFile } from '../../config/load';
import { RULES, RuleId } from '../../config/rules';
import {
  EXAMPLES,
  EXCLUSIVE_ALTERNATIVES,
  fieldRows,
  ruleFields,
} from '../../scripts/generate-config-reference';
import { environmentJsonSchema, JsonSchema } from '../../scripts/generate-json-schema';
import { generatedFiles, REFERENCE_FILE, SCHEMA_FILE } from '../../scripts/generate-schema';
import { baseInput, fileFor, validateData, withFields } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'config', 'environments');

describe('generated files', () => {
  it.each(generatedFiles().map(({ file, text }) => [path.relative(ROOT, file), text]))(
    '%s is up to date',
    (file, text) => {
      if (readFileSync(path.join(ROOT, file), 'utf8') !== text) {
        throw new Error(`${file} is stale: run \`npm run schema\` and commit the result`);
      }
    },
  );

  it('are written where the environment files and the help pages expect them', () => {
    expect(path.relative(ROOT, SCHEMA_FILE)).toBe(path.join('config', 'environment.schema.json'));
    expect(path.relative(ROOT, REFERENCE_FILE)).toBe(path.join('help', 'configuration.md'));
  });

  it('come out the same on every run', () => {
    expect(generatedFiles()).toEqual(generatedFiles());
  });
});

/** The fenced blocks of a markdown text: language, the rest of the info string, and the content. */
function codeBlocks(markdown: string): { lang: string; info: string; text: string }[] {
  return [...markdown.matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1],
    info: m[2].trim(),
    text: m[3],
  }));
}

describe('help/configuration.md', () => {
  const reference = readFileSync(REFERENCE_FILE, 'utf8');
  const blocks = codeBlocks(reference);

  it('has a valid YAML and JSON example, and each of them validates', () => {
    const examples = blocks.filter((b) => (b.lang === 'yaml' || b.lang === 'json') && b.info === '');
    expect(examples.map((b) => b.lang).sort()).toEqual(['json', 'yaml', 'yaml']);
    for (const example of examples) {
      const name = (parse(example.text) as { name: string }).name;
      const { issues } = validateEnvironmentFile(fileFor(name, `.${example.lang}`), example.text);
      expect({ example: example.text, issues }).toEqual({ example: example.text, issues: [] });
    }
  });

  it('shows the real output for its invalid example', () => {
    const index = blocks.findIndex((b) => b.info === 'invalid');
    const [invalid, output] = [blocks[index], blocks[index + 1]];
    expect(output.lang).toBe('text');
    const name = (parse(invalid.text) as { name: string }).name;
    const { issues } = validateEnvironmentFile(`config/environments/${name}.yaml`, invalid.text);
    expect(issues.length).toBeGreaterThan(1);
    expect(output.text.trimEnd()).toBe(formatIssues(issues));
  });

  it('documents every field and every rule', () => {
    for (const row of fieldRows()) expect(reference).toContain(`### \`${row.path}\``);
    for (const id of Object.keys(RULES)) expect(reference).toContain(`\`${id}\``);
  });

  it('tells where the files are found and how to point elsewhere', () => {
    expect(reference).toContain('config/environments/');
    expect(reference).toContain('INFRA_CONFIG_DIR');
  });

  it('shows a complete example that sets every field', () => {
    const complete = parse(EXAMPLES.complete.text) as Record<string, unknown>;
    for (const row of fieldRows().filter((r) => !EXCLUSIVE_ALTERNATIVES.includes(r.path))) {
      const value = row.path
        .split('.')
        .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], complete);
      expect({ field: row.path, set: value !== undefined }).toEqual({ field: row.path, set: true });
    }
  });

  it('places every rule at a field, at any field or at the whole file', () => {
    const fields = ruleFields();
    for (const id of Object.keys(RULES) as RuleId[]) {
      expect({ id, fields: fields.get(id)!.length > 0 }).toEqual({ id, fields: true });
    }
    expect(fields.get('cidr-syntax')).toEqual(['network.cidr']);
    expect(fields.get('tag-key')).toEqual(['tags.<key>']);
    expect(fields.get('availability-zone')).toEqual(['network.availabilityZones[]']);
  });
});

/**
 * A small JSON Schema (draft 7) checker for the keywords the generated schema uses, so the test can
 * tell whether an editor would accept a file, without a validator dependency.
 */
function jsonSchemaErrors(schema: JsonSchema, value: unknown, at = '(root)'): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${at}: ${why}`);
  const sub = (s: unknown, v: unknown, where = at) => jsonSchemaErrors(s as JsonSchema, v, where);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const types: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    number: (v) => typeof v === 'number',
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === 'boolean',
    array: Array.isArray,
    object: isObject,
  };
  if (typeof schema.type === 'string' && !types[schema.type](value)) return [`${at}: not ${schema.type}`];
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => JSON.stringify(v) === JSON.stringify(value)))
    fail('enum');
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) fail('const');
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail('minLength');
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail('maxLength');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      fail(`pattern ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('maximum');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('minItems');
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail('maxItems');
    if (schema.items) value.forEach((item, i) => errors.push(...sub(schema.items, item, `${at}[${i}]`)));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) fail(`missing ${key}`);
    if (typeof schema.maxProperties === 'number' && Object.keys(value).length > schema.maxProperties) fail('maxProperties'); // prettier-ignore
    for (const [key, item] of Object.entries(value)) {
      if (schema.propertyNames) errors.push(...sub(schema.propertyNames, key, `${at}.${key} (key)`));
      if (key in properties) errors.push(...sub(properties[key], item, `${at}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown ${key}`);
      else if (isObject(schema.additionalProperties))
        errors.push(...sub(schema.additionalProperties, item, `${at}.${key}`));
    }
  }
  for (const part of (schema.allOf ?? []) as unknown[]) errors.push(...sub(part, value));
  if (schema.anyOf && !(schema.anyOf as unknown[]).some((part) => sub(part, value).length === 0))
    fail('anyOf');
  if (schema.not && sub(schema.not, value).length === 0) fail('not');
  if (schema.if && sub(schema.if, value).length === 0 && schema.then) errors.push(...sub(schema.then, value));
  return errors;
}

describe('config/environment.schema.json', () => {
  const schema = environmentJsonSchema();
  const bundled = readdirSync(BUNDLED).map((file) => [
    file,
    parse(readFileSync(path.join(BUNDLED, file), 'utf8')),
  ]);

  it('is draft 7, with a title and a description on every field', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toEqual(expect.any(String));
    for (const row of fieldRows(schema)) {
      expect({ field: row.path, description: typeof row.schema.description }).toEqual({ field: row.path, description: 'string' }); // prettier-ignore
    }
  });

  it('has only patterns that editors can compile (ECMAScript, unicode mode)', () => {
    const patterns: string[] = [];
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === 'pattern' && typeof value === 'string') patterns.push(value);
      return value;
    });
    expect(patterns.length).toBeGreaterThan(10);
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'u')).not.toThrow();
  });

  it('turns @default notes into prose for editors', () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    expect(text).not.toContain('@default');
    expect(text).toContain('Default: <project>-tfstate-<account id>.');
  });

  it.each(bundled)('accepts %s', (_, data) => {
    expect(jsonSchemaErrors(schema, data)).toEqual([]);
  });

  it('accepts the reference examples', () => {
    expect(jsonSchemaErrors(schema, parse(EXAMPLES.minimal.text))).toEqual([]);
    expect(jsonSchemaErrors(schema, parse(EXAMPLES.complete.text))).toEqual([]);
    expect(jsonSchemaErrors(schema, JSON.parse(EXAMPLES.json.text))).toEqual([]);
  });

  // Each of these is invalid for zod too: the editor and the synth agree.
  const invalid: [string, Record<string, unknown>][] = [
    ['an unknown key', { netwrok: {} }],
    ['a missing field', { region: undefined }],
    ['a bad region', { region: 'eu-wset-1' }],
    ['a public VPC CIDR', { 'network.cidr': '11.0.0.0/16' }],
    ['a /8 VPC CIDR', { 'network.cidr': '10.0.0.0/8' }],
    ['4 zones', { 'network.availabilityZones': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d'] }],
    ['a zone id', { 'network.availabilityZones': ['euw1-az1'] }],
    ['a reserved tag', { tags: { Environment: 'x' } }],
    ['an aws: tag', { tags: { 'AWS:x': 'x' } }],
    ['a bad bucket', { 'state.bucket': 'a--b' }],
    ['a reserved bucket suffix', { 'state.bucket': 'state-s3alias' }],
    ['a long domain', { 'domain.name': `${'a'.repeat(60)}.example.com` }],
    ['production without a second zone', { name: 'live', production: true, 'alerts.emails': ['a@example.com'], 'network.availabilityZones': ['eu-west-1a'] }], // prettier-ignore
    ['production without alert emails', { name: 'live', production: true }],
    ['a production name without production', { name: 'prod' }],
    ['a .git repository', { repository: 'a/b.git' }],
    ['a bad branch', { 'ci.deployBranch': 'a..b' }],
  ];

  it.each(invalid)('rejects %s, as the zod schema does', (_, changes) => {
    const data = withFields(baseInput(), changes);
    expect(validateData(data).issues.length).toBeGreaterThan(0);
    expect(jsonSchemaErrors(schema, data).length).toBeGreaterThan(0);
  });
});
