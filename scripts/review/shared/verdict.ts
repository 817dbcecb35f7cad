/**
 * The verdict both review tools give: the DANGER section (always first, so it cannot be missed),
 * warnings, and the exit code a workflow acts on.
 */
import { table } from './markdown';

/** Safe: nothing stateful is destroyed or replaced (or it was allowed). */
export const EXIT_SAFE = 0;
/** The input could not be read: missing file, not JSON, not the expected format, bad arguments. */
export const EXIT_UNREADABLE = 1;
/** A stateful resource would be destroyed or replaced and `--allow-destroy` was not given. */
export const EXIT_DANGER = 2;

/** One stateful resource that would be destroyed or replaced. */
export interface Danger {
  /** Stack it belongs to, e.g. `prod-data`. */
  readonly stack: string;
  /** Which resource, as Markdown: usually its address in code, e.g. `` `aws_db_instance.main` ``. */
  readonly resource: string;
  /** What it is, from the stateful-type list, e.g. `RDS database instance`. */
  readonly kind: string;
  /** What happens to it, e.g. `replace (destroy, then create)`. */
  readonly change: string;
  /** Why, and what is lost; Markdown. */
  readonly why: string;
}

/** The exit code for these dangers. */
export function exitCodeFor(dangers: readonly Danger[], allowDestroy: boolean): number {
  return dangers.length > 0 && !allowDestroy ? EXIT_DANGER : EXIT_SAFE;
}

/** The DANGER section, or one line saying there is none. */
export function renderDangerSection(dangers: readonly Danger[], allowDestroy: boolean): string[] {
  if (dangers.length === 0) {
    return ['**No stateful resource is destroyed or replaced.**', ''];
  }
  const rows = dangers.map((d) => [d.stack, d.resource, d.kind, d.change, d.why]);
  const verdict = allowDestroy
    ? '**Allowed** with `--allow-destroy` (the `allow-destroy` label on the pull request). Before applying, ' +
      'check that a fresh snapshot or backup of each resource above exists.'
    : '**Blocked** (exit 2). If this is deliberate: take a fresh snapshot or backup of each resource above, ' +
      'get a second reviewer, then add the `allow-destroy` label to the pull request. Steps: `help/review.md`.';
  return [
    dangers.length === 1
      ? '### ⛔ DANGER: 1 change destroys or replaces a stateful resource'
      : `### ⛔ DANGER: ${dangers.length} changes destroy or replace stateful resources`,
    '',
    table(['stack', 'resource', 'what', 'change', 'why'], rows),
    '',
    verdict,
    '',
  ];
}

/** The warnings section (things to check that do not block), or nothing. */
export function renderWarnings(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return ['### ⚠️ Check', '', ...warnings.map((w) => `- ${w}`), ''];
}
