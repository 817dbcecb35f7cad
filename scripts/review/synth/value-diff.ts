/**
 * Which attributes differ between two synthesized resources, as paths with old and new values.
 * cdktf metadata (`//` keys) is not configuration and never counts. Attributes holding JSON text
 * (IAM policies, event patterns) are compared as JSON, so a reviewer sees `policy.Statement[1].Action`
 * rather than two long strings.
 */
import type { PathStep } from '../shared';

/** One attribute that differs. */
export interface AttributeChange {
  /** Steps from the resource's top level; the first is the argument name. */
  readonly path: readonly PathStep[];
  /** Value in base; `undefined` when the attribute was not set. */
  readonly before: unknown;
  /** Value in head; `undefined` when the attribute is no longer set. */
  readonly after: unknown;
}

/** cdktf writes its own metadata under this key at every level. */
export const METADATA_KEY = '//';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text of an object or list, parsed; `undefined` for any other string. */
function parseJsonText(value: string): unknown {
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/** Deep equality of JSON values, ignoring metadata keys and key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return diffValues(a, b).length === 0;
}

/** Every leaf that differs between `before` and `after`, with its path. */
export function diffValues(
  before: unknown,
  after: unknown,
  path: readonly PathStep[] = [],
): AttributeChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => k !== METADATA_KEY,
    );
    return keys.sort().flatMap((key) => diffValues(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffValues(before[i], after[i], [...path, i])).flat();
  }
  if (typeof before === 'string' && typeof after === 'string' && before !== after) {
    const parsedBefore = parseJsonText(before);
    const parsedAfter = parseJsonText(after);
    if (parsedBefore !== undefined && parsedAfter !== undefined)
      return diffValues(parsedBefore, parsedAfter, path);
  }
  if (before === after) return [];
  return [{ path, before: withoutMetadata(before), after: withoutMetadata(after) }];
}

/** A copy of a synthesized value without cdktf metadata, at any depth. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== METADATA_KEY)
      .map(([key, inner]) => [key, withoutMetadata(inner)]),
  );
}
