/**
 * Generates help/configuration.md, the reference of environment files: a hand-written introduction,
 * examples that are validated while generating, and one section per field taken from the JSON
 * Schema (type, default, allowed values, description) and from config/rules.ts (the rules).
 * Run through `npm run schema` (scripts/generate-schema.ts).
 */
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatIssues } from '../config/issues';
import { validateEnvironmentFile } from '../config/load';
import { isRuleId, RULES, RuleId } from '../config/rules';
import { environmentSchema } from '../config/schema';
import { environmentJsonSchema, JsonSchema } from './generate-json-schema';

/** Where the configuration reference is checked in. */
export const REFERENCE_FILE = path.join(__dirname, '..', 'help', 'configuration.md');

/** The examples of the reference; each must be valid, and the complete one must set every field. */
/** Fields the complete example leaves out because they exclude a field it sets (a restore has one source and one moment; a Route 53 zone has no Cloudflare id). */
export const EXCLUSIVE_ALTERNATIVES: readonly string[] = [
  'data.database.restore.snapshotIdentifier',
  'data.database.restore.pointInTime.latest',
  'edge.dns.cloudflareZoneId',
  'service.image.tag',
];

export const EXAMPLES = {
  minimal: {
    file: 'dev.yaml',
    text: `# yaml-language-server: $schema=../environment.schema.json
name: dev
account:
  id: '111111111111'
region: eu-west-1
owner: platform-team
costCenter: cc-1001
repository: example-org/platform-infra
domain:
  name: dev.example.com
network:
  cidr: 10.10.0.0/16
  availabilityZones: [eu-west-1a, eu-west-1b]
service:
  image:
    repository: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/platform-api
    tag: 1.4.2
budget:
  monthlyLimitUsd: 400
`,
  },
  complete: {
    file: 'prod.yaml',
    text: `# yaml-language-server: $schema=../environment.schema.json
name: prod
production: true
project: platform
account:
  id: '222222222222'
  alias: prod
region: eu-west-1
owner: platform-team
costCenter: cc-1000
repository: example-org/platform-infra
tags:
  data-classification: confidential
domain:
  name: example.com
network:
  cidr: 10.30.0.0/16
  availabilityZones: [eu-west-1a, eu-west-1b, eu-west-1c]
  subnetPrefixLength:
    public: 24
    private: 20
    isolated: 24
  natGateways: perAz
  flowLogs:
    destination: cloudwatch
    retentionDays: 365
    trafficType: ALL
  interfaceEndpoints: [ecr.api, ecr.dkr, logs, secretsmanager, kms, sts]
data:
  database:
    engineVersion: '18'
    instanceClass: db.m7g.large
    allocatedStorageGib: 100
    maxAllocatedStorageGib: 1000
    multiAz: true
    backupRetentionDays: 14
    backupWindow: '02:00-02:30'
    maintenanceWindow: 'sun:03:00-sun:04:00'
    deletionProtection: true
    insights: advanced
    proxy: true
    readReplica: true
    backupReplicationRegion: eu-central-1
    # Only during a restore drill or a recovery: a new instance platform-prod-db-r1 beside the live one.
    restore:
      identifierSuffix: r1
      pointInTime:
        sourceIdentifier: platform-prod-db
        time: '2026-11-20T03:00:00Z'
      cutover: false
  cache:
    engine: valkey
    nodeType: cache.m7g.large
    nodes: 3
    multiAz: true
    snapshotRetentionDays: 14
    snapshotWindow: '03:00-04:00'
    maintenanceWindow: 'sun:05:00-sun:06:00'
  backup:
    copyRegion: eu-central-1
    dailyRetentionDays: 7
    weeklyRetentionWeeks: 4
    monthlyRetentionMonths: 12
    vaultLock: true
  secrets:
    recoveryWindowDays: 30
edge:
  dns:
    provider: route53
    zoneName: example.com
    createZone: true
  apiSubdomain: api
  containerPort: 8080
  healthCheckPath: /health
  loadBalancerIngress: internet
  webSocketStickinessSeconds: 3600
  contentSecurityPolicy: "default-src 'self'; connect-src 'self' https://api.example.com wss://example.com; frame-ancestors 'none'"
  rateLimitPer5Minutes: 1000
  priceClass: PriceClass_200
service:
  image:
    repository: 222222222222.dkr.ecr.eu-west-1.amazonaws.com/platform-api
    digest: sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
  cpu: 1024
  memoryMiB: 2048
  architecture: ARM64
  minTasks: 3
  maxTasks: 12
  cpuTargetPercent: 60
  requestsPerTarget: 1000
  healthCheckGracePeriodSeconds: 60
  stopTimeoutSeconds: 120
  migrationCommand: [npm, run, migrate]
  logRetentionDays: 365
  environment:
    LOG_LEVEL: info
  alarms:
    cpuPercent: 85
    memoryPercent: 85
    loadBalancer5xxPercent: 5
    target5xxPercent: 5
    p99LatencySeconds: 1.5
    errorLogsPer5Minutes: 10
budget:
  monthlyLimitUsd: 6000
  emails: [finance-cloud@example.com]
alerts:
  emails: [oncall@example.com, platform-alerts@example.com]
state:
  bucket: platform-tfstate-222222222222
  region: eu-west-1
ci:
  deployBranch: main
  githubEnvironment: production
`,
  },
  json: {
    file: 'sandbox.json',
    text: `{
  "$schema": "../environment.schema.json",
  "name": "sandbox",
  "account": { "id": "333333333333" },
  "region": "us-east-1",
  "owner": "platform-team",
  "costCenter": "cc-1002",
  "repository": "example-org/platform-infra",
  "domain": { "name": "sandbox.example.com" },
  "network": { "cidr": "10.40.0.0/16", "availabilityZones": ["us-east-1a"] },
  "service": { "image": { "repository": "ghcr.io/example-org/api", "tag": "1.4.2" } },
  "budget": { "monthlyLimitUsd": 100 }
}
`,
  },
  invalid: {
    file: 'staging.yaml',
    text: `name: staging
account:
  id: 111111111111
region: eu-west-1
owner: platform-team
costCenter: cc-1001
repository: example-org/platform-infra
domain:
  name: staging.example.com
network:
  cidr: 10.20.0.0/33
  availabilityZones: [eu-west-1a, eu-west-2b]
  natGateway: single
`,
  },
} as const;

/** One documented field: its path (`a.b`), its JSON Schema and whether it must be written. */
export interface FieldRow {
  readonly path: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/** Every field of an environment file, in schema order (`$schema` left out: YAML files use a comment). */
export function fieldRows(root: JsonSchema = environmentJsonSchema()): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (node: JsonSchema, prefix: string) => {
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    const required = (node.required ?? []) as string[];
    for (const [key, child] of Object.entries(properties)) {
      if (key === '$schema') continue;
      const at = prefix ? `${prefix}.${key}` : key;
      rows.push({ path: at, schema: child, required: required.includes(key) });
      walk(child, at);
    }
  };
  walk(root, '');
  return rows;
}

/**
 * The fields each rule is reported at: zod checks found in the schema (their message is the rule
 * id), plus the `fields` of rules checked in code. List items are `path[]`, mapping keys `path.<key>`.
 */
export function ruleFields(): Map<RuleId, string[]> {
  const found = new Map<RuleId, Set<string>>();
  const add = (id: unknown, at: string) => {
    if (isRuleId(id)) found.set(id, (found.get(id) ?? new Set()).add(at));
  };
  const errorOf = (def: unknown) => {
    try {
      return (def as { error?: () => unknown }).error?.();
    } catch {
      return undefined;
    }
  };
  const walk = (schema: z.core.$ZodType, at: string) => {
    const def = schema._zod.def as unknown as Record<string, unknown> & {
      type: string;
      checks?: z.core.$ZodCheck[];
    };
    add(errorOf(def), at);
    for (const check of def.checks ?? []) add(errorOf(check._zod.def), at);
    const child = (key: string) => def[key] as z.core.$ZodType;
    if ('innerType' in def) walk(child('innerType'), at);
    if (def.type === 'pipe') [child('in'), child('out')].forEach((s) => walk(s, at));
    if (def.type === 'array') walk(child('element'), `${at}[]`);
    if (def.type === 'record') [child('keyType'), child('valueType')].forEach((s) => walk(s, `${at}.<key>`));
    if (def.type === 'object') {
      for (const [key, value] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
        walk(value, at ? `${at}.${key}` : key);
      }
    }
  };
  walk(environmentSchema, '');
  for (const [id, definition] of Object.entries(RULES) as [RuleId, { fields?: readonly string[] }][]) {
    for (const field of definition.fields ?? []) add(id, field);
  }
  return new Map(
    (Object.keys(RULES) as RuleId[]).map(
      (id) => [id, [...(found.get(id) ?? [])].sort()] as [RuleId, string[]],
    ),
  );
}

/**
 * The text of help/configuration.md. Written the way prettier formats markdown (no tables to align),
 * so that it needs no formatting: `npm run schema` checks that with prettier.
 */
export function generateConfigurationReference(): string {
  const rows = fieldRows();
  const rulesByField = ruleFields();
  checkExamples(rows);
  checkRuleFields(rows, rulesByField);

  const sections = [
    intro(),
    examples(),
    '## Fields',
    'Every field, in the order of the schema. A field with a default may be left out. Nested fields are ' +
      'written indented under their parent: `network:`, then `cidr: ...` on the next line, indented.',
    overview(rows),
    ...rows.map((row) => fieldSection(row, rulesOfRow(row, rulesByField))),
    rulesSection(rulesByField),
  ];
  return `${sections.join('\n\n')}\n`;
}

function intro(): string {
  const invalid = validateEnvironmentFile(
    `config/environments/${EXAMPLES.invalid.file}`,
    EXAMPLES.invalid.text,
  );
  return `# Environment configuration

<!-- Generated by \`npm run schema\` from config/schema.ts and config/rules.ts: edit those, not this file. -->

Each environment (dev, staging, prod, ...) is one file of data: its AWS account and region, its domain, its
network, who owns it and how it is deployed. Production and development differ here, not in code.

## Where the files are

- \`config/environments/<name>.yaml\` (or \`.yml\`, or \`.json\`): one environment per file, and the file
  name is the environment name (\`name: staging\` lives in \`staging.yaml\`). Other files in the folder are
  ignored.
- \`main.ts\` reads \`config/environments/\` by default; set \`INFRA_CONFIG_DIR\` to read another folder,
  e.g. \`INFRA_CONFIG_DIR=/tmp/envs npx cdktf synth\`.
- Every file is validated, on its own and against the other files (one state bucket per account,
  no overlapping networks in an account, ...), before a single stack is built.
- Editors complete and check the files with the JSON Schema \`config/environment.schema.json\`: a YAML
  file's first line \`# yaml-language-server: $schema=../environment.schema.json\` (the VS Code YAML
  extension reads it), a JSON file's \`"$schema": "../environment.schema.json"\`. The schema cannot
  express every rule below (e.g. zones in the region, the subnet plan, cross-file rules); the
  validation at synth time does.
- The JSON Schema and this page are generated from \`config/schema.ts\` and \`config/rules.ts\` by
  \`npm run schema\`; a test fails when they are out of date.

## What an error looks like

When any file is invalid, every problem is printed, the command exits with a non-zero code and nothing
is synthesized. Each problem names the file, the field, what is wrong with the rule id in brackets,
the value found, a hint and, when known, the line of the file. For this \`config/environments/${EXAMPLES.invalid.file}\`:

\`\`\`yaml invalid
${EXAMPLES.invalid.text.trimEnd()}
\`\`\`

the output is:

\`\`\`text
${formatIssues(invalid.issues)}
\`\`\``;
}

function examples(): string {
  return `## Examples

The smallest valid file, \`config/environments/${EXAMPLES.minimal.file}\` (every other field takes its default):

\`\`\`yaml
${EXAMPLES.minimal.text.trimEnd()}
\`\`\`

A file that sets every field, \`config/environments/${EXAMPLES.complete.file}\`:

\`\`\`yaml
${EXAMPLES.complete.text.trimEnd()}
\`\`\`

The same data as JSON, \`config/environments/${EXAMPLES.json.file}\`:

\`\`\`json
${EXAMPLES.json.text.trimEnd()}
\`\`\``;
}

/** The fields as a tree of links, with type and default. */
function overview(rows: readonly FieldRow[]): string {
  return rows
    .map((row) => {
      const indent = '  '.repeat(row.path.split('.').length - 1);
      return `${indent}- [\`${row.path}\`](#${anchor(row.path)}): ${typeOf(row.schema)}, ${defaultOf(row, 'default ')}`;
    })
    .join('\n');
}

function fieldSection(row: FieldRow, rules: readonly RuleId[]): string {
  const lines = [`### \`${row.path}\``, '', prose(describe(row.schema).text), ''];
  lines.push(`- **Type:** ${typeOf(row.schema)}`);
  lines.push(`- **Default:** ${defaultOf(row)}`);
  for (const allowed of allowedOf(row.schema)) lines.push(`- **${allowed.label}:** ${allowed.text}`);
  if (rules.length > 0) {
    lines.push('- **Rules:**');
    for (const id of rules)
      lines.push(`  - \`${id}\`: ${prose(RULES[id].message)}. Hint: ${prose(RULES[id].hint)}.`);
  }
  return lines.join('\n');
}

function rulesSection(rulesByField: Map<RuleId, string[]>): string {
  const ids = Object.keys(RULES) as RuleId[];
  const fieldsOf = (id: RuleId) => rulesByField.get(id) ?? [];
  const groups: [string, RuleId[]][] = [
    ['Reading the files', ids.filter((id) => fieldsOf(id).includes(''))],
    ['Any field', ids.filter((id) => fieldsOf(id).includes('*'))],
    ['Fields', ids.filter((id) => !fieldsOf(id).includes('') && !fieldsOf(id).includes('*'))],
  ];
  const lines = [
    '## Rules',
    '',
    'Every rule id an error can name, where it is reported and what it says. An error may carry a more ' +
      'specific hint than the one listed (e.g. "did you mean \'natGateways\'?").',
  ];
  for (const [title, group] of groups) {
    lines.push('', `### ${title}`, '');
    for (const id of group) {
      const where = fieldsOf(id).filter((f) => f !== '' && f !== '*');
      const at = where.length > 0 ? ` (at ${where.map((f) => `\`${f}\``).join(', ')})` : '';
      lines.push(`- \`${id}\`${at}: ${prose(RULES[id].message)}. Hint: ${prose(RULES[id].hint)}.`);
    }
  }
  return lines.join('\n');
}

/** The rules reported at a row's field, its list items or its mapping keys. */
function rulesOfRow(row: FieldRow, rulesByField: Map<RuleId, string[]>): RuleId[] {
  const here = new Set([row.path, `${row.path}[]`, `${row.path}.<key>`]);
  return [...rulesByField].filter(([, fields]) => fields.some((f) => here.has(f))).map(([id]) => id);
}

/** Fails the generation when a rule names a field that does not exist. */
function checkRuleFields(rows: readonly FieldRow[], rulesByField: Map<RuleId, string[]>): void {
  const known = new Set(rows.flatMap((row) => [row.path, `${row.path}[]`, `${row.path}.<key>`]));
  for (const [id, fields] of rulesByField) {
    if (fields.length === 0)
      throw new Error(`rule ${id} is reported nowhere: give it fields in config/rules.ts`);
    const unknown = fields.filter((f) => f !== '' && f !== '*' && !known.has(f));
    if (unknown.length > 0) throw new Error(`rule ${id} names unknown fields: ${unknown.join(', ')}`);
  }
}

/** Fails the generation when an example is invalid, or the complete one misses a field. */
function checkExamples(rows: readonly FieldRow[]): void {
  for (const [kind, example] of Object.entries(EXAMPLES)) {
    const { issues } = validateEnvironmentFile(example.file, example.text);
    if ((kind === 'invalid') !== issues.length > 0) {
      throw new Error(
        `the ${kind} example ${example.file} ${issues.length > 0 ? formatIssues(issues) : 'is valid'}`,
      );
    }
  }
  const complete = parseYaml(EXAMPLES.complete.text) as unknown;
  const missing = rows.filter((row) => !EXCLUSIVE_ALTERNATIVES.includes(row.path)).filter((row) => row.path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], complete) === undefined); // prettier-ignore
  if (missing.length > 0) {
    throw new Error(`the complete example does not set ${missing.map((row) => row.path).join(', ')}`);
  }
}

/** A description without its `@default` note, and the note. */
function describe(schema: JsonSchema): { text: string; computedDefault?: string } {
  const description = typeof schema.description === 'string' ? schema.description : '';
  const match = /^(.*?)\s*@default (.+)$/.exec(description);
  return match ? { text: match[1], computedDefault: match[2] } : { text: description };
}

function typeOf(schema: JsonSchema): string {
  const type = schema.type as string | undefined;
  if (type === 'array') return `list of ${typeOf((schema.items ?? {}) as JsonSchema)}`;
  if (type === 'object') {
    return schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? `mapping of string to ${typeOf(schema.additionalProperties as JsonSchema)}`
      : 'mapping';
  }
  return type ?? 'any';
}

function defaultOf(row: FieldRow, prefix = ''): string {
  if (row.required) return 'required';
  if ('default' in row.schema) return `${prefix}\`${flow(row.schema.default)}\``;
  const computed = describe(row.schema).computedDefault;
  return computed ? `${prefix}${prose(computed)}` : 'optional, no default';
}

/** What values a field accepts, as labelled lines. */
function allowedOf(schema: JsonSchema): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  const constraints = constraintsOf(schema);
  if (constraints) out.push({ label: 'Allowed', text: constraints });
  if (schema.type === 'array' && schema.items) {
    const items = constraintsOf(schema.items as JsonSchema);
    if (items) out.push({ label: 'Each item', text: items });
  }
  if (schema.propertyNames) {
    const keys = constraintsOf(schema.propertyNames as JsonSchema);
    if (keys) out.push({ label: 'Each key', text: keys });
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const values = constraintsOf(schema.additionalProperties as JsonSchema);
    if (values) out.push({ label: 'Each value', text: values });
  }
  return out;
}

function constraintsOf(schema: JsonSchema): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map((v) => `\`${flow(v)}\``).join(', ')}`);
  if ('const' in schema) parts.push(`exactly \`${flow(schema.const)}\``);
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min === undefined && max === undefined) return;
    const text = min === undefined ? `at most ${max}` : max === undefined ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`; // prettier-ignore
    parts.push(`${text}${unit}`);
  };
  range(schema.minimum, schema.maximum, '');
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minItems, schema.maxItems, ' items');
  range(schema.minProperties, schema.maxProperties, ' entries');
  if (schema.format) parts.push(`format ${schema.format}`);
  const patterns = [
    schema.pattern,
    ...((schema.allOf as JsonSchema[] | undefined) ?? []).map((s) => s.pattern),
  ];
  for (const pattern of patterns) if (typeof pattern === 'string') parts.push(`matches \`${pattern}\``);
  const not = schema.not as JsonSchema | undefined;
  const excluded = not
    ? [not.pattern, ...((not.anyOf as JsonSchema[] | undefined) ?? []).map((s) => s.pattern)]
    : [];
  for (const pattern of excluded)
    if (typeof pattern === 'string') parts.push(`does not match \`${pattern}\``);
  return parts.join('; ');
}

/** A value as it is written in YAML flow style, e.g. `{ public: 24 }`, `[]`, `main`. */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/** Text for markdown prose: `<name>` stays visible instead of becoming an HTML tag. */
function prose(text: string): string {
  return text.replace(/</g, '\\<');
}

/** The anchor GitHub gives the heading `` `path` ``. */
function anchor(fieldPath: string): string {
  return fieldPath.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}
