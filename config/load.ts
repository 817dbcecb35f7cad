import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, ConfigIssue, fromZodIssue } from './issues';
import { RULES } from './rules';
import { EnvironmentConfig, environmentSchema } from './schema';
import { parseIpv4Cidr } from '../lib/network/subnet-plan';
import { stateBackendOf } from './derived';

/** Where `main.ts` reads environments from unless `INFRA_CONFIG_DIR` says otherwise. */
export const DEFAULT_CONFIG_DIR = path.join(__dirname, 'environments');

const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** A validated environment and the file it came from. */
export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/**
 * Reads and validates every environment file in `dir`, then checks the files against each other.
 * Throws a {@link ConfigError} holding every problem found; returns only when all files are valid.
 */
export function loadEnvironments(dir: string): LoadedEnvironment[] {
  const relative = path.relative(process.cwd(), dir);
  const display = relative.startsWith('..') ? path.resolve(dir) : relative || '.';
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(dir).filter((f) => CONFIG_EXTENSIONS.includes(path.extname(f))).sort();
  } catch {
    throw new ConfigError([
      { file: display, field: '', rule: 'config-dir', message: 'cannot read the configuration folder', value: dir, hint: 'set INFRA_CONFIG_DIR to a folder of environment files' },
    ]); // prettier-ignore
  }
  if (entries.length === 0) {
    throw new ConfigError([
      { file: display, field: '', rule: 'config-dir', message: 'no environment files found', value: dir, hint: 'add <name>.yaml files (see help/configuration.md)' },
    ]); // prettier-ignore
  }

  const issues: ConfigIssue[] = [];
  const loaded: LoadedEnvironment[] = [];
  for (const entry of entries) {
    const file = path.join(display, entry);
    const result = validateEnvironmentFile(file, readFileSync(path.join(dir, entry), 'utf8'));
    issues.push(...result.issues);
    if (result.config) loaded.push({ file, config: result.config });
  }
  issues.push(...crossFileIssues(loaded));
  if (issues.length > 0) throw new ConfigError(issues);
  return loaded;
}

/** Parses and validates one environment file's text; `file` names it in the issues and fixes the expected name. */
export function validateEnvironmentFile(
  file: string,
  text: string,
): { config?: EnvironmentConfig; issues: ConfigIssue[] } {
  const parsed = parseText(file, text);
  if ('issues' in parsed) return { issues: parsed.issues };
  const result = environmentSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    return { issues: result.error.issues.flatMap((i) => fromZodIssue(file, i, parsed.data, knownKeysAt)) };
  }
  const expected = path.basename(file, path.extname(file));
  if (result.data.name !== expected) {
    return { issues: [issue(file, 'name', 'file-name', result.data.name, `name this file ${result.data.name}${path.extname(file)} or set name: ${expected}`)] }; // prettier-ignore
  }
  return { config: result.data, issues: [] };
}

function parseText(file: string, text: string): { data: unknown } | { issues: ConfigIssue[] } {
  if (path.extname(file) === '.json') {
    try {
      return { data: JSON.parse(text) };
    } catch (error) {
      return { issues: [{ file, field: '', rule: 'json-syntax', message: (error as Error).message, value: undefined, hint: 'fix the JSON syntax' }] }; // prettier-ignore
    }
  }
  // uniqueKeys: a key written twice is an error, not a silent override.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file: `${file}:${e.linePos?.[0].line ?? '?'}`,
        field: '',
        rule: 'yaml-syntax',
        message: e.message.split('\n')[0],
        value: undefined,
        hint: 'fix the YAML syntax at that line',
      })),
    };
  }
  return { data: doc.toJS() };
}

function crossFileIssues(loaded: readonly LoadedEnvironment[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byName = new Map<string, LoadedEnvironment>();
  for (const env of loaded) {
    const other = byName.get(env.config.name);
    if (other) issues.push(issue(env.file, 'name', 'unique-environment', env.config.name, `also defined in ${other.file}`));
    byName.set(env.config.name, env);
  }
  const byAccount = new Map<string, LoadedEnvironment>();
  for (const env of loaded) {
    const first = byAccount.get(env.config.account.id);
    if (!first) {
      byAccount.set(env.config.account.id, env);
      continue;
    }
    const a = stateBackendOf(first.config);
    const b = stateBackendOf(env.config);
    if (a.bucket !== b.bucket || a.region !== b.region) {
      issues.push(issue(env.file, 'state', 'account-state-bucket', b, `${first.file} uses ${JSON.stringify(a)}`));
    }
    if (first.config.account.alias !== env.config.account.alias) {
      issues.push(issue(env.file, 'account.alias', 'account-alias-consistent', env.config.account.alias, `${first.file} uses ${JSON.stringify(first.config.account.alias)}`)); // prettier-ignore
    }
    if (first.config.repository !== env.config.repository) {
      issues.push(issue(env.file, 'repository', 'account-repository', env.config.repository, `${first.file} uses ${first.config.repository}`)); // prettier-ignore
    }
  }
  for (let i = 0; i < loaded.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [loaded[j], loaded[i]];
      if (a.config.account.id === b.config.account.id && cidrsOverlap(a.config.network.cidr, b.config.network.cidr)) {
        issues.push(issue(b.file, 'network.cidr', 'unique-cidr', b.config.network.cidr, `${a.file} uses ${a.config.network.cidr}`)); // prettier-ignore
      }
    }
  }
  return issues;
}

function cidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  const prefix = Math.min(x.prefix, y.prefix);
  const block = 2 ** (32 - prefix);
  return Math.floor(x.address / block) === Math.floor(y.address / block);
}

function issue(file: string, field: string, rule: keyof typeof RULES, value: unknown, hint?: string): ConfigIssue {
  return { file, field, rule, message: RULES[rule].message, value, hint: hint ?? RULES[rule].hint };
}

/** The field names the schema accepts at `path`, for "did you mean" hints on unknown keys. */
function knownKeysAt(at: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType | undefined = environmentSchema;
  for (const key of [...at, undefined]) {
    // Unwrap defaults, optionals and the like until an object, array or record shows.
    for (let guard = 0; schema && guard < 10; guard++) {
      const def = schema._zod.def as unknown as { type: string; innerType?: z.core.$ZodType };
      if (!def.innerType) break;
      schema = def.innerType;
    }
    if (!schema) return [];
    const def = schema._zod.def as unknown as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      element?: z.core.$ZodType;
      valueType?: z.core.$ZodType;
    };
    if (key === undefined) return def.shape ? Object.keys(def.shape).filter((k) => k !== '$schema') : [];
    schema = def.type === 'object' ? def.shape?.[String(key)] : def.type === 'array' ? def.element : def.valueType;
  }
  return [];
}
