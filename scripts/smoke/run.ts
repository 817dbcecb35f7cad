import type { SecureContext } from 'node:tls';
import {
  CHECK_IDS,
  CheckId,
  CheckResult,
  CheckStatus,
  fail,
  HEADER_CHECK_IDS,
  HeaderCheckId,
  skip,
  Verdict,
} from './checks';
import { corsAllowedVerdict, corsRefusedVerdict, FOREIGN_ORIGIN, preflight } from './cors-checks';
import { headerVerdicts } from './header-checks';
import { expectedRedirectTarget, healthVerdict, judge, redirectVerdict } from './http-checks';
import type { SmokeOptions } from './options';
import { describeError, probe } from './probe';
import { tlsVerdicts } from './tls-checks';
import { trustFor } from './trust';
import { webSocketVerdict } from './websocket-check';

/** Counts of a run. */
export interface SmokeSummary {
  /** The site checked. */
  readonly url: string;
  /** True when no check failed (warnings and skips allowed): exit code 0. */
  readonly ok: boolean;
  /** Checks that passed. */
  readonly pass: number;
  /** Checks that passed with a warning. */
  readonly warn: number;
  /** Checks that failed. */
  readonly fail: number;
  /** Checks not asked for. */
  readonly skip: number;
  /** Wall-clock milliseconds of the whole run. */
  readonly durationMs: number;
}

/** Every check's result, in {@link CHECK_IDS} order, and the summary. */
export interface SmokeReport {
  /** One result per check id. */
  readonly checks: readonly CheckResult[];
  /** The counts. */
  readonly summary: SmokeSummary;
}

/**
 * Runs every check at once (each on its own connection, each within `timeoutMs`), so a run takes
 * about one round trip of the slowest check. Never throws for a broken site: that is a failed check.
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const started = performance.now();
  const trust = trustFor(options.extraCaCertificates);
  const secureContext = trust.checks;
  const { url, httpUrl, timeoutMs, allowedOrigin } = options;
  const corsUrl = new URL(options.corsPath, url);
  const noOrigin = skip('no --origin given: pass the origin the site allows');

  const [health, redirect, tlsChecks, headers, corsAllowed, corsRefused, websocket] = await Promise.all([
    judge({ url: new URL(options.healthPath, url), timeoutMs, secureContext }, healthVerdict),
    judge({ url: httpUrl, timeoutMs }, (answer) =>
      redirectVerdict(answer, httpUrl, expectedRedirectTarget(httpUrl, url)),
    ),
    tlsVerdicts(url, timeoutMs, trust.probe),
    pageHeaderVerdicts(url, timeoutMs, secureContext),
    allowedOrigin === undefined
      ? noOrigin
      : judge(preflight(corsUrl, allowedOrigin, timeoutMs, secureContext), (answer) =>
          corsAllowedVerdict(answer.status, answer.headers, allowedOrigin),
        ),
    allowedOrigin === undefined
      ? noOrigin
      : judge(preflight(corsUrl, FOREIGN_ORIGIN, timeoutMs, secureContext), (answer) =>
          corsRefusedVerdict(answer.status, answer.headers, FOREIGN_ORIGIN),
        ),
    options.webSocketUrl === undefined
      ? skip('no --ws given')
      : webSocketVerdict(options.webSocketUrl, allowedOrigin ?? url.origin, timeoutMs, secureContext),
  ]);

  const verdicts: Record<CheckId, Verdict> = {
    health,
    'http-redirect': redirect,
    'tls-version': tlsChecks.version,
    certificate: tlsChecks.certificate,
    ...headers,
    'cors-allowed': corsAllowed,
    'cors-refused': corsRefused,
    websocket,
  };
  const checks = CHECK_IDS.map((id) => ({ id, ...verdicts[id] }));
  const count = (status: CheckStatus): number => checks.filter((c) => c.status === status).length;
  return {
    checks,
    summary: {
      url: url.href,
      ok: count('fail') === 0,
      pass: count('pass'),
      warn: count('warn'),
      fail: count('fail'),
      skip: count('skip'),
      durationMs: Math.round(performance.now() - started),
    },
  };
}

/** The header checks on one GET of the page; no answer fails each of them with the reason. */
async function pageHeaderVerdicts(
  url: URL,
  timeoutMs: number,
  secureContext?: SecureContext,
): Promise<Record<HeaderCheckId, Verdict>> {
  try {
    return headerVerdicts((await probe({ url, timeoutMs, secureContext })).headers);
  } catch (error) {
    const why = fail(`GET ${url.href}: ${describeError(error)}`);
    return Object.fromEntries(HEADER_CHECK_IDS.map((id) => [id, why])) as Record<HeaderCheckId, Verdict>;
  }
}
