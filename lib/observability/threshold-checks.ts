/** How a threshold value is checked. */
export type ThresholdKind = 'percent' | 'positive' | 'positiveInteger';

const RULES: Record<ThresholdKind, { ok: (value: number) => boolean; rule: string }> = {
  percent: { ok: (v) => v >= 0 && v <= 100, rule: 'a percentage from 0 to 100' },
  positive: { ok: (v) => v > 0, rule: 'a number above 0' },
  positiveInteger: { ok: (v) => Number.isInteger(v) && v > 0, rule: 'a whole number above 0' },
};

/**
 * What is wrong with the thresholds of an alarm set, one message per bad value: the field, the
 * rule and the value given.
 *
 * @param values the thresholds after defaults, by field
 * @param kinds how each field is checked
 * @param path what the fields are under in the props, e.g. `thresholds`; '' for top-level props
 */
export function thresholdProblems<T extends object>(
  values: T,
  kinds: Record<keyof T, ThresholdKind>,
  path = 'thresholds',
): string[] {
  const problems: string[] = [];
  for (const field of Object.keys(kinds) as (keyof T & string)[]) {
    const value = values[field] as unknown;
    const { ok, rule } = RULES[kinds[field]];
    if (typeof value !== 'number' || Number.isNaN(value) || !ok(value)) {
      problems.push(`${path ? `${path}.` : ''}${field} must be ${rule}, got ${String(value)}`);
    }
  }
  return problems;
}

/** Throws one error listing every problem, with where and a hint; does nothing when there is none. */
export function assertNoThresholdProblems(where: string, problems: string[]): void {
  if (problems.length > 0) {
    throw new Error(
      `${where}: ${problems.join('; ')} (leave a threshold out to use its default, see help/monitoring.md)`,
    );
  }
}

/** The defaults, overridden by every value given that is not `undefined` (an unset config field). */
export function withDefaults<T extends object>(defaults: Required<T>, given: T | undefined): Required<T> {
  const set = Object.entries(given ?? {}).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(set) };
}
