import type * as z from 'zod';
import { isRuleId, RULES, RuleId } from './rules';

/** One problem in one environment file, in the words a person needs to fix it. */
export interface ConfigIssue {
  /** The file, relative to the working directory. */
  readonly file: string;
  /** The line of the file the problem is at (1-based), when known. */
  readonly line?: number;
  /** Dotted field path, e.g. `network.availabilityZones[1]`; empty for the whole file. */
  readonly field: string;
  /** Stable rule id, e.g. `cidr-syntax`, `unknown-key`: a key of `RULES`. */
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

/**
 * Renders issues as the block of text the CLI prints: one paragraph per problem, its line in the
 * file last when known.
 *
 * ```text
 * config/environments/dev.yaml: network.cidr: not an IPv4 CIDR [cidr-syntax]
 *   value: "10.0.0.0/33"
 *   hint:  write it as a.b.c.d/n with octets 0-255 and no leading zeros, e.g. 10.20.0.0/16
 *   line:  14
 * ```
 */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const lines = [
    `${issues.length} problem${issues.length === 1 ? '' : 's'} in the environment configuration:`,
  ];
  for (const issue of issues) {
    const where = issue.field ? `${issue.file}: ${issue.field}` : issue.file;
    lines.push('', `${where}: ${issue.message} [${issue.rule}]`);
    lines.push(`  value: ${issue.value === undefined ? '(missing)' : JSON.stringify(issue.value)}`);
    lines.push(`  hint:  ${issue.hint}`);
    if (issue.line !== undefined) lines.push(`  line:  ${issue.line}`);
  }
  return lines.join('\n');
}

/** Formats a zod path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** An issue for a rule of {@link RULES}, with its message and (unless given) its hint. */
export function ruleIssue(
  file: string,
  field: string,
  id: RuleId,
  value: unknown,
  hint?: string,
  line?: number,
): ConfigIssue {
  return { file, ...(line === undefined ? {} : { line }), field, rule: id, message: RULES[id].message, value, hint: hint ?? RULES[id].hint }; // prettier-ignore
}

/** Turns one zod issue into {@link ConfigIssue}s, resolving rule ids and writing hints for zod's own checks. */
export function fromZodIssue(
  file: string,
  issue: z.core.$ZodIssue,
  input: unknown,
  knownKeysAt: (path: readonly PropertyKey[]) => string[],
): ConfigIssue[] {
  const path = issue.path;
  const field = formatPath(path);
  const value = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(input, path);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return [ruleIssue(file, field, 'required', value, `add '${String(path[path.length - 1])}' (see help/configuration.md)`)]; // prettier-ignore
  }
  if (isRuleId(issue.message)) {
    const specific = (issue as { params?: { hint?: string } }).params?.hint;
    const suggestion = issue.code === 'invalid_value' ? suggest(value, issue.values) : undefined;
    return [ruleIssue(file, field, issue.message, value, specific ?? suggestion)];
  }
  switch (issue.code) {
    case 'invalid_key':
    case 'invalid_element':
      // A record key or map element failed its own schema: report the inner issues at this path.
      return issue.issues.flatMap(
        (inner) =>
        fromZodIssue(file, { ...inner, path: [...path, ...inner.path], input: issue.code === 'invalid_key' ? path[path.length - 1] : inner.input } as z.core.$ZodIssue, input, knownKeysAt), // prettier-ignore
      );
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = knownKeysAt(path);
        const closest = closestWord(key, known);
        const hint = closest
          ? `did you mean '${closest}'?`
          : known.length > 0
            ? `remove it; fields here are: ${known.join(', ')}`
            : RULES['unknown-key'].hint;
        return ruleIssue(
          file,
          formatPath([...path, key]),
          'unknown-key',
          valueAt(input, [...path, key]),
          hint,
        );
      });
    case 'invalid_type':
      return [{ ...ruleIssue(file, field, 'type', value, typeHint(issue.expected, value)), message: `expected ${article(issue.expected)}, found ${describeType(value)}` }]; // prettier-ignore
    case 'invalid_value':
      return [ruleIssue(file, field, 'one-of', value, suggest(value, issue.values) ?? `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`)]; // prettier-ignore
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
      return [
        {
          ...ruleIssue(file, field, 'range', value, `use ${bound}${unit}`),
          message: `must have ${bound}${unit}`,
        },
      ];
    }
    default:
      // Every check of the schema names its rule; this covers a check added without one.
      return [
        { ...ruleIssue(file, field, 'type', value, 'see help/configuration.md'), message: issue.message },
      ];
  }
}

/** The word of `candidates` closest to `word` when it is close enough to be a typo of it. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const best = candidates
    .map((candidate) => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))[0];
  // A typo is a few edits, and fewer than it takes to write the candidate from nothing.
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best && best.distance <= limit && best.distance < best.candidate.length ? best.candidate : undefined;
}

function suggest(value: unknown, values: readonly unknown[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const closest = closestWord(
    value,
    values.filter((v): v is string => typeof v === 'string'),
  );
  return closest === undefined ? undefined : `did you mean '${closest}'?`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return article(typeof value);
}

function typeHint(expected: string, value: unknown): string {
  if (value === null) return 'give the field a value, or remove the line to use its default';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `quote it so it stays text: '${String(value)}'`;
  }
  if (expected === 'boolean') return 'write true or false, without quotes';
  if (expected === 'number') return 'write a number, without quotes';
  if (expected === 'array') return 'write a list, e.g. [a, b] or one "- item" line per item';
  if (expected === 'object')
    return 'write a mapping of fields, one "key: value" line each, indented below this one';
  return `write ${article(expected)}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))); // prettier-ignore
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
