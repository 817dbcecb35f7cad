import type { z } from 'zod';
import { RULES, RuleId } from './rules';

/** One problem in one environment file, in the words a person needs to fix it. */
export interface ConfigIssue {
  /** The file, relative to the working directory. */
  readonly file: string;
  /** Dotted field path, e.g. `network.availabilityZones[1]`; empty for the whole file. */
  readonly field: string;
  /** Stable rule id, e.g. `cidr-syntax`, `unknown-key`. */
  readonly rule: string;
  /** What is wrong. */
  readonly message: string;
  /** The value found (JSON), or `undefined` when the field is missing. */
  readonly value: unknown;
  /** How to fix it. */
  readonly hint: string;
}

/** Thrown by the loader when any environment file is invalid; holds every issue found. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = 'ConfigError';
  }
}

/** Renders issues as the block of text the CLI prints: one paragraph per problem. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const lines = [`${issues.length} problem${issues.length === 1 ? '' : 's'} in the environment configuration:`];
  for (const issue of issues) {
    const where = issue.field ? `${issue.file}: ${issue.field}` : issue.file;
    lines.push('', `${where}: ${issue.message} [${issue.rule}]`);
    lines.push(`  value: ${issue.value === undefined ? '(missing)' : JSON.stringify(issue.value)}`);
    lines.push(`  hint:  ${issue.hint}`);
  }
  return lines.join('\n');
}

/** Formats a zod path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Turns one zod issue into a {@link ConfigIssue}, resolving rule ids and writing hints for zod's own checks. */
export function fromZodIssue(
  file: string,
  issue: z.core.$ZodIssue,
  input: unknown,
  knownKeysAt: (path: readonly PropertyKey[]) => string[],
): ConfigIssue[] {
  const path = issue.path;
  const value = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(input, path);
  const known = RULES[issue.message as RuleId];
  if (known) {
    const hint = (issue as { params?: { hint?: string } }).params?.hint ?? known.hint;
    return [{ file, field: formatPath(path), rule: issue.message, message: known.message, value, hint }];
  }
  switch (issue.code) {
    case 'invalid_key':
    case 'invalid_element':
      // A record key or map element failed its own schema: report the inner issues at this path.
      return issue.issues.flatMap((inner) =>
        fromZodIssue(file, { ...inner, path: [...path, ...inner.path], input: issue.code === 'invalid_key' ? path[path.length - 1] : inner.input } as z.core.$ZodIssue, input, knownKeysAt),
      );
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        file,
        field: formatPath([...path, key]),
        rule: 'unknown-key',
        message: 'unknown field',
        value: valueAt(input, [...path, key]),
        hint: unknownKeyHint(key, knownKeysAt(path)),
      }));
    case 'invalid_type':
      return [
        {
          file,
          field: formatPath(path),
          rule: value === undefined ? 'required' : 'type',
          message: value === undefined ? 'required field is missing' : `expected ${issue.expected}`,
          value,
          hint: value === undefined ? `add ${String(path[path.length - 1] ?? 'it')}` : `write a ${issue.expected}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          file,
          field: formatPath(path),
          rule: 'one-of',
          message: 'not one of the accepted values',
          value,
          hint: `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    case 'invalid_union':
      return [{ file, field: formatPath(path), rule: 'one-of', message: 'not an accepted value', value, hint: 'see help/configuration.md' }];
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      return [{ file, field: formatPath(path), rule: 'range', message: `must be ${bound}`, value, hint: `use a value ${bound}` }];
    }
    default:
      return [{ file, field: formatPath(path), rule: issue.code, message: issue.message, value, hint: 'see help/configuration.md' }];
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function unknownKeyHint(key: string, known: string[]): string {
  const closest = known
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  if (closest && closest.distance <= Math.max(2, Math.floor(key.length / 3))) {
    return `did you mean '${closest.candidate}'?`;
  }
  return known.length > 0 ? `remove it; fields here are: ${known.join(', ')}` : 'remove it';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
