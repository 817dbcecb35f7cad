/**
 * The smoke checks' ids and results. The ids are a stable contract: the deploy workflow, dashboards
 * and help/smoke.md name them, so rename one only with all of those.
 */

/** The checks that read the security headers of one response. */
export const HEADER_CHECK_IDS = [
  'hsts',
  'csp',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
] as const;

/** Every check, in the order the report lists them. */
export const CHECK_IDS = [
  'health',
  'http-redirect',
  'tls-version',
  'certificate',
  ...HEADER_CHECK_IDS,
  'cors-allowed',
  'cors-refused',
  'websocket',
] as const;

/** One check's id. */
export type CheckId = (typeof CHECK_IDS)[number];

/** One of {@link HEADER_CHECK_IDS}. */
export type HeaderCheckId = (typeof HEADER_CHECK_IDS)[number];

/**
 * `pass`; `warn`: works, but weaker than it should be (does not fail the run); `fail`: broken (the
 * run exits 1); `skip`: not asked for (no `--ws`, no `--origin`), does not fail the run.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** A check's outcome before it is labelled with its id. */
export interface Verdict {
  /** How the check went. */
  readonly status: CheckStatus;
  /** Why, in a few words an operator can act on: the value seen, the value expected. */
  readonly detail: string;
}

/** One line of the report. */
export interface CheckResult extends Verdict {
  /** Which check. */
  readonly id: CheckId;
}

/** A passing verdict. */
export const pass = (detail: string): Verdict => ({ status: 'pass', detail });
/** A warning: the run still exits 0. */
export const warn = (detail: string): Verdict => ({ status: 'warn', detail });
/** A failure: the run exits 1. */
export const fail = (detail: string): Verdict => ({ status: 'fail', detail });
/** A check that was not asked for. */
export const skip = (detail: string): Verdict => ({ status: 'skip', detail });
