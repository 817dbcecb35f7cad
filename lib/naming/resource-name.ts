import { createHash } from 'node:crypto';
import { NAME_RULES, NameKind, NameRule } from './name-rules';

/** Length of the hex hash appended when a name must be shortened. */
export const NAME_HASH_LENGTH = 6;

/**
 * Builds the AWS name of a resource from its parts, within the limits AWS enforces for that kind.
 *
 * Deterministic: the same parts always give the same name, so a synth never renames (and thereby
 * replaces) a resource. Parts are joined with `-`; characters the kind does not accept become `-`;
 * when the result is too long it is cut and a short hash of the full name is appended, so two long
 * names that share a prefix still differ.
 *
 * @example resourceName('targetGroup', 'platform', 'production', 'checkout-api', 'blue') // 25 characters, '-', 6 hex of the hash
 */
export function resourceName(kind: NameKind, ...parts: string[]): string {
  const rule: NameRule = NAME_RULES[kind];
  const full = sanitize(parts.filter((p) => p.length > 0).join('-'), rule);
  if (full.length === 0) {
    throw new Error(`resourceName(${kind}): no usable characters in ${JSON.stringify(parts)}`);
  }
  const named = full.length <= rule.maxLength ? full : shorten(full, rule);
  if (named.length < (rule.minLength ?? 1)) {
    throw new Error(`resourceName(${kind}): '${named}' is shorter than ${rule.minLength} characters`);
  }
  return named;
}

/**
 * Why a name breaks the rules of its kind, or `undefined` when AWS would accept it.
 * Used by config validation for names a person types (e.g. a bucket name).
 */
export function nameViolation(kind: NameKind, name: string): string | undefined {
  const rule: NameRule = NAME_RULES[kind];
  const min = rule.minLength ?? 1;
  if (name.length < min || name.length > rule.maxLength) {
    return `must be ${min}-${rule.maxLength} characters long (is ${name.length})`;
  }
  if (rule.lowercase && name !== name.toLowerCase()) return 'must be lower case';
  const bad = [...name].find((ch) => !rule.allowed.test(ch));
  if (bad !== undefined) return `contains '${bad}', which AWS does not accept here`;
  if (rule.startsWithLetter && !/^[a-zA-Z]/.test(name)) return 'must start with a letter';
  if ((rule.alphanumericEnds ?? true) && !/^[a-zA-Z0-9].*[a-zA-Z0-9]$|^[a-zA-Z0-9]$/.test(name)) {
    return 'must begin and end with a letter or digit';
  }
  if ((rule.noDoubleHyphen ?? true) && name.includes('--')) return "must not contain '--'";
  return undefined;
}

function sanitize(raw: string, rule: NameRule): string {
  let name = rule.lowercase ? raw.toLowerCase() : raw;
  name = [...name].map((ch) => (rule.allowed.test(ch) ? ch : '-')).join('');
  if (rule.noDoubleHyphen ?? true) name = name.replace(/-{2,}/g, '-');
  if (rule.alphanumericEnds ?? true) name = name.replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '');
  if (rule.startsWithLetter) name = name.replace(/^[^a-zA-Z]+/, '');
  return name;
}

function shorten(full: string, rule: NameRule): string {
  const hash = createHash('sha256').update(full).digest('hex').slice(0, NAME_HASH_LENGTH);
  const keep = rule.maxLength - NAME_HASH_LENGTH - 1;
  // Cut, then drop a trailing separator so the result never has '--' or ends a part with '-'.
  const head = full.slice(0, keep).replace(/[^a-zA-Z0-9]+$/, '');
  return `${head}-${hash}`;
}
