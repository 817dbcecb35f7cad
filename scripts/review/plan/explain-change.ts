/**
 * Why a change happens, from `action_reason` and `change.replace_paths`, with the old and new value
 * of each path that forces a replacement. Sensitive values are never shown.
 */
import { code, formatAttributePath, formatValue, type PathStep } from '../shared';
import type { Change } from './plan-json';

/**
 * The documented reason codes in reviewer words. The format says the set may grow, so an unknown
 * code is shown as it is.
 */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: 'an argument that cannot change in place changed',
  replace_because_tainted: 'tainted (an earlier create or update failed part-way)',
  replace_by_request: 'replacement requested with `-replace`',
  replace_by_triggers: 'triggered by `replace_triggered_by`',
  delete_because_no_resource_config: 'removed from the code',
  delete_because_no_module: 'its module was removed from the code',
  delete_because_wrong_repetition: '`count`/`for_each` was added or removed',
  delete_because_count_index: 'its `count` index is out of range now',
  delete_because_each_key: 'its `for_each` key is gone',
  delete_because_no_move_target: 'a `moved` block points at an address that does not exist',
};

/** The reason in words, or `undefined` when Terraform gave none. */
export function describeActionReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(REASONS, reason) ? REASONS[reason] : code(reason);
}

/** Follows `steps` into a value; `undefined` where the path does not exist. */
function valueAt(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** True when `marks` (a `*_sensitive` or `after_unknown` tree) is `true` at the path or above it. */
function markedAt(marks: unknown, steps: readonly PathStep[]): boolean {
  let current = marks;
  for (let i = 0; ; i++) {
    if (current === true) return true;
    if (i === steps.length || typeof current !== 'object' || current === null) return false;
    current = (current as Record<string | number, unknown>)[steps[i]];
  }
}

function sideOf(change: Change, side: 'before' | 'after', steps: readonly PathStep[]): string {
  const sensitive = side === 'before' ? change.before_sensitive : change.after_sensitive;
  if (markedAt(sensitive, steps)) return '(sensitive)';
  if (side === 'after' && markedAt(change.after_unknown, steps)) return '(known after apply)';
  return formatValue(valueAt(change[side], steps));
}

/** One line per replace path: `` `engine`: "postgres" → "mysql" ``. */
export function describeReplacePaths(change: Change): string[] {
  return (change.replace_paths ?? []).map(
    (steps) =>
      `${code(formatAttributePath(steps))}: ${sideOf(change, 'before', steps)} → ${sideOf(change, 'after', steps)}`,
  );
}
