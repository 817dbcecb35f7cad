import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLError } from 'yaml';
import * as z from 'zod';
import { parseIpv4Cidr } from '../lib/network/subnet-plan';
import { stateBackendOf } from './derived';
import { ConfigError, ConfigIssue, fromZodIssue, ruleIssue } from './issues';
import { RuleId } from './rules';
import { EnvironmentConfig, environmentSchema } from './schema';

/**
 * Where `main.ts` reads environments from unless `INFRA_CONFIG_DIR` says otherwise, relative to the
 * working directory: cdktf runs the app from the project root, where `cdktf.json` is.
 */
export const DEFAULT_CONFIG_DIR = 'config/environments';

/** File extensions read as environment files; every other file in the folder is ignored. */
export const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** A validated environment and the file it came from. */
export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/** The line of the value (or, for a missing field, of the nearest enclosing key) at a field path. */
type LineAt = (at: readonly PropertyKey[]) => number | undefined;

/**
 * Reads and validates every environment file in `dir`, then checks the files against each other.
 * Throws a {@link ConfigError} holding every problem found; returns only when all files are valid.
 */
export function loadEnvironments(dir: string): LoadedEnvironment[] {
  const relative = path.relative(process.cwd(), dir);
  const display =
    relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(dir) : relative || '.';
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(dir)
      .filter((f) => CONFIG_EXTENSIONS.includes(path.extname(f)) && statSync(path.join(dir, f)).isFile())
      .sort();
  } catch {
    throw new ConfigError([ruleIssue(display, '', 'config-dir', dir)]);
  }
  if (entries.length === 0) {
    throw new ConfigError([
      { ...ruleIssue(display, '', 'config-dir', dir, `add <name>.yaml files (see help/configuration.md), or point INFRA_CONFIG_DIR at the folder that has them`), message: 'no environment files (.yaml, .yml, .json) in the configuration folder' }, // prettier-ignore
    ]);
  }

  const issues: ConfigIssue[] = [];
  const loaded: (LoadedEnvironment & { lineAt: LineAt })[] = [];
  for (const entry of entries) {
    const file = path.join(display, entry);
    let text: string;
    try {
      text = readFileSync(path.join(dir, entry), 'utf8');
    } catch (error) {
      issues.push({ ...ruleIssue(file, '', 'config-dir', entry, 'check the file permissions'), message: `cannot read the file: ${(error as Error).message}` }); // prettier-ignore
      continue;
    }
    const result = checkFile(file, text);
    issues.push(...result.issues);
    if (result.config) loaded.push({ file, config: result.config, lineAt: result.lineAt });
  }
  issues.push(...crossFileIssues(loaded));
  if (issues.length > 0) throw new ConfigError(issues);
  return loaded.map(({ file, config }) => ({ file, config }));
}

/**
 * Parses and validates one environment file's text. `file` names it in the issues, its extension
 * picks the parser (`.json`, else YAML) and its base name is the environment name it must hold.
 * Returns the config, defaults applied, only when there is no issue.
 */
export function validateEnvironmentFile(
  file: string,
  text: string,
): { config?: EnvironmentConfig; issues: ConfigIssue[] } {
  const { config, issues } = checkFile(file, text);
  return config ? { config, issues } : { issues };
}

function checkFile(
  file: string,
  text: string,
): { config?: EnvironmentConfig; issues: ConfigIssue[]; lineAt: LineAt } {
  const parsed = path.extname(file) === '.json' ? parseJson(file, text) : parseYaml(file, text);
  const { lineAt } = parsed;
  if (!('data' in parsed)) return { issues: parsed.issues, lineAt };
  const { data } = parsed;
  if (data === null || data === undefined) {
    return { issues: [...parsed.issues, ruleIssue(file, '', 'empty-file', undefined)], lineAt };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      issues: [...parsed.issues, ruleIssue(file, '', 'not-a-mapping', data, undefined, lineAt([]))],
      lineAt,
    };
  }

  const issues = [...parsed.issues];
  const result = environmentSchema.safeParse(data, { reportInput: true, jitless: true });
  if (!result.success) {
    // One unknown key at a time, so each gets its own line.
    const zodIssues = result.error.issues.flatMap((i): z.core.$ZodIssue[] => (i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ ...i, keys: [key] })) : [i])); // prettier-ignore
    for (const zodIssue of zodIssues) {
      const at = zodIssue.code === 'unrecognized_keys' ? [...zodIssue.path, zodIssue.keys[0]] : zodIssue.path;
      const line = lineAt(at);
      issues.push(
        ...fromZodIssue(file, zodIssue, data, knownKeysAt).map((i) =>
          line === undefined ? i : { ...i, line },
        ),
      );
    }
  }
  // The name must match the file; checked whenever the name itself is valid, so it shows with other problems.
  const name = (data as { name?: unknown }).name;
  const expected = path.basename(file, path.extname(file));
  if (typeof name === 'string' && name !== expected && !issues.some((i) => i.field === 'name')) {
    issues.push(ruleIssue(file, 'name', 'file-name', name, `name the file ${name}${path.extname(file)} or set name: ${expected}`, lineAt(['name']))); // prettier-ignore
  }
  if (issues.length > 0) return { issues: tidy(issues), lineAt };
  return { config: result.data, issues: [], lineAt };
}

/** One issue per field and rule, in the order of the file's lines (issues without a line last). */
function tidy(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const key = JSON.stringify([i.field, i.rule, i.field === '' ? i.line : undefined]);
      return !seen.has(key) && seen.add(key);
    })
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.order - b.order)
    .map(({ issue }) => issue);
}

type Parsed = { lineAt: LineAt } & ({ data: unknown; issues: ConfigIssue[] } | { issues: ConfigIssue[] });

const YAML_HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: "one environment per file: remove the '---' separator and move the rest to its own file",
  BLOCK_AS_IMPLICIT_KEY:
    "put a nested mapping on its own indented lines, or quote a value that contains ': '",
  BAD_INDENT: 'indent the entries of one mapping or list by the same number of spaces',
  MISSING_CHAR: 'close the quote or bracket that was opened',
};

function parseYaml(file: string, text: string): Parsed {
  const lineCounter = new LineCounter();
  // uniqueKeys: a key written twice is an error, not a silent override.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const lineAt = lineFinder(doc.contents, lineCounter);
  const issues = doc.errors.map((error) => yamlIssue(file, text, error, lineCounter, 'yaml-syntax'));
  if (doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return { issues, lineAt };
  // Only duplicate keys: the rest of the file still says something worth checking.
  return { data: text.trim() === '' ? undefined : doc.toJS({ maxAliasCount: 100 }), issues, lineAt };
}

function parseJson(file: string, text: string): Parsed {
  if (text.trim() === '') return { data: undefined, issues: [], lineAt: () => undefined };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const line = Number.isNaN(position) ? undefined : text.slice(0, position).split('\n').length;
    const issue = ruleIssue(file, '', 'json-syntax', line === undefined ? undefined : sourceLine(text, line), undefined, line); // prettier-ignore
    return { issues: [{ ...issue, message: `${issue.message}: ${message}` }], lineAt: () => undefined };
  }
  // JSON is YAML: read it again as YAML for line numbers and for keys written twice, which JSON.parse ignores.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const duplicates = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY');
  return {
    data,
    issues: duplicates.map((error) => yamlIssue(file, text, error, lineCounter, 'json-syntax')),
    lineAt: doc.errors.length > duplicates.length ? () => undefined : lineFinder(doc.contents, lineCounter),
  };
}

function yamlIssue(
  file: string,
  text: string,
  error: YAMLError,
  lines: LineCounter,
  syntax: RuleId,
): ConfigIssue {
  const line = lines.linePos(error.pos[0]).line;
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*?)\s*:/.exec(text.slice(error.pos[0]))?.[1] ?? '';
    return ruleIssue(file, '', 'duplicate-key', key.replace(/^["']|["']$/g, ''), undefined, line);
  }
  const issue = ruleIssue(file, '', syntax, sourceLine(text, line), YAML_HINTS[error.code], line);
  return { ...issue, message: `${issue.message}: ${error.message.split('\n')[0]}` };
}

function sourceLine(text: string, line: number): string {
  return (text.split('\n')[line - 1] ?? '').trim();
}

function lineFinder(root: unknown, lines: LineCounter): LineAt {
  const lineOf = (node: unknown) => {
    const start = (node as Node | null)?.range?.[0];
    return start === undefined ? undefined : lines.linePos(start).line;
  };
  return (at) => {
    let node: unknown = root;
    let line = at.length === 0 ? lineOf(root) : undefined;
    for (const key of at) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        line = lineOf(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
        node = node.items[key];
        line = lineOf(node) ?? line;
      } else {
        break;
      }
      if (isAlias(node)) break;
    }
    return line;
  };
}

function crossFileIssues(loaded: readonly (LoadedEnvironment & { lineAt: LineAt })[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (env: (typeof loaded)[number], field: string, id: RuleId, value: unknown, hint: string) =>
    issues.push(ruleIssue(env.file, field, id, value, hint, env.lineAt(field.split('.'))));

  const byName = new Map<string, (typeof loaded)[number]>();
  const byDomain = new Map<string, (typeof loaded)[number]>();
  for (const env of loaded) {
    const other = byName.get(env.config.name);
    if (other) at(env, 'name', 'unique-environment', env.config.name, `also defined in ${other.file}`);
    else byName.set(env.config.name, env);
    const sameDomain = byDomain.get(env.config.domain.name);
    if (sameDomain)
      at(env, 'domain.name', 'unique-domain', env.config.domain.name, `${sameDomain.file} serves it too`);
    else byDomain.set(env.config.domain.name, env);
  }

  const byAccount = new Map<string, (typeof loaded)[number]>();
  const bucketOwner = new Map<string, (typeof loaded)[number]>();
  for (const env of loaded) {
    const backend = stateBackendOf(env.config);
    const owner = bucketOwner.get(backend.bucket);
    if (owner && owner.config.account.id !== env.config.account.id) {
      at(env, 'state.bucket', 'state-bucket-per-account', backend.bucket, `${owner.file} (account ${owner.config.account.id}) names it too; S3 bucket names are global`); // prettier-ignore
    } else if (!owner) {
      bucketOwner.set(backend.bucket, env);
    }
    const first = byAccount.get(env.config.account.id);
    if (!first) {
      byAccount.set(env.config.account.id, env);
      continue;
    }
    const expected = stateBackendOf(first.config);
    if (expected.bucket !== backend.bucket || expected.region !== backend.region) {
      at(env, 'state', 'account-state-bucket', backend, `${first.file} uses ${JSON.stringify(expected)} for the same account`); // prettier-ignore
    }
    if (first.config.account.alias !== env.config.account.alias) {
      at(env, 'account.alias', 'account-alias-consistent', env.config.account.alias, `${first.file} uses ${JSON.stringify(first.config.account.alias ?? null)} for the same account`); // prettier-ignore
    }
    if (first.config.repository !== env.config.repository) {
      at(env, 'repository', 'account-repository', env.config.repository, `${first.file} uses ${first.config.repository} for the same account`); // prettier-ignore
    }
  }

  for (let i = 0; i < loaded.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [loaded[j], loaded[i]];
      if (
        a.config.account.id === b.config.account.id &&
        cidrsOverlap(a.config.network.cidr, b.config.network.cidr)
      ) {
        at(b, 'network.cidr', 'unique-cidr', b.config.network.cidr, `${a.file} uses ${a.config.network.cidr} in the same account`); // prettier-ignore
      }
    }
  }
  return issues;
}

function cidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  const block = 2 ** (32 - Math.min(x.prefix, y.prefix));
  return Math.floor(x.address / block) === Math.floor(y.address / block);
}

/** The field names the schema accepts at `path`, for "did you mean" hints on unknown keys. */
export function knownKeysAt(at: readonly PropertyKey[]): string[] {
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
    schema =
      def.type === 'object' ? def.shape?.[String(key)] : def.type === 'array' ? def.element : def.valueType;
  }
  return [];
}
