import type { IncomingHttpHeaders } from 'node:http';
import { HSTS_ONE_YEAR_SECONDS } from '../../lib/edge/security-headers';
import { fail, HeaderCheckId, pass, Verdict, warn } from './checks';

/** Every header check of a response, by id. */
export function headerVerdicts(headers: IncomingHttpHeaders): Record<HeaderCheckId, Verdict> {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return (Array.isArray(value) ? value.join(', ') : value)?.trim() || undefined;
  };
  return {
    hsts: hstsVerdict(header('strict-transport-security')),
    csp: cspVerdict(header('content-security-policy'), header('content-security-policy-report-only')),
    'x-frame-options': frameOptionsVerdict(header('x-frame-options')),
    'x-content-type-options': contentTypeOptionsVerdict(header('x-content-type-options')),
    'referrer-policy': referrerPolicyVerdict(header('referrer-policy')),
    'permissions-policy': permissionsPolicyVerdict(header('permissions-policy')),
  };
}

/** HSTS as the preload list requires it: max-age of a year or more, includeSubDomains, preload. */
export function hstsVerdict(hsts: string | undefined): Verdict {
  if (hsts === undefined) return fail('no Strict-Transport-Security header');
  const directives = hsts.split(';').map((d) => d.trim().toLowerCase());
  const maxAge = directives.map((d) => /^max-age\s*=\s*"?(\d+)"?$/.exec(d)?.[1]).find(Boolean);
  const problems = [
    maxAge === undefined && 'no max-age',
    maxAge !== undefined &&
      Number(maxAge) < HSTS_ONE_YEAR_SECONDS &&
      `max-age=${maxAge} is under ${HSTS_ONE_YEAR_SECONDS} (one year)`,
    !directives.includes('includesubdomains') && 'no includeSubDomains',
    !directives.includes('preload') && 'no preload',
  ].filter((p): p is string => Boolean(p));
  return problems.length > 0 ? fail(`${problems.join(', ')} in '${hsts}'`) : pass(hsts);
}

const UNSAFE_SCRIPT_SOURCES = ["'unsafe-inline'", "'unsafe-eval'"];

/** A CSP is enforced; `unsafe-inline`/`unsafe-eval` for scripts is a warning (XSS protection gone). */
export function cspVerdict(csp: string | undefined, reportOnly?: string): Verdict {
  if (csp === undefined)
    return fail(
      reportOnly
        ? 'only Content-Security-Policy-Report-Only: nothing is enforced'
        : 'no Content-Security-Policy header',
    );
  const directives = new Map<string, string[]>();
  for (const directive of csp.split(';')) {
    const [name, ...sources] = directive.trim().toLowerCase().split(/\s+/);
    // Browsers enforce the first of a repeated directive and ignore the rest.
    if (name && !directives.has(name)) directives.set(name, sources);
  }
  const unsafe = ['script-src', 'default-src'].flatMap((name) =>
    (directives.get(name) ?? [])
      .filter((source) => UNSAFE_SCRIPT_SOURCES.includes(source))
      .map((source) => `${source} in ${name}`),
  );
  return unsafe.length > 0
    ? warn(`present, but ${unsafe.join(', ')}: injected script can run`)
    : pass(`present, no 'unsafe-inline' or 'unsafe-eval' for scripts`);
}

/** X-Frame-Options DENY or SAMEORIGIN: no clickjacking through a frame on another site. */
export function frameOptionsVerdict(value: string | undefined): Verdict {
  if (value === undefined) return fail('no X-Frame-Options header');
  return ['DENY', 'SAMEORIGIN'].includes(value.toUpperCase())
    ? pass(value)
    : fail(`'${value}' is neither DENY nor SAMEORIGIN`);
}

/** X-Content-Type-Options nosniff: browsers do not run a file as script because it looks like one. */
export function contentTypeOptionsVerdict(value: string | undefined): Verdict {
  if (value === undefined) return fail('no X-Content-Type-Options header');
  return value.toLowerCase() === 'nosniff' ? pass(value) : fail(`'${value}' is not nosniff`);
}

/** Referrer-Policy present; `unsafe-url` sends full URLs (path and query) everywhere: a warning. */
export function referrerPolicyVerdict(value: string | undefined): Verdict {
  if (value === undefined) return fail('no Referrer-Policy header');
  return /\bunsafe-url\b/i.test(value)
    ? warn(`'${value}' sends full URLs, query strings included, to every site`)
    : pass(value);
}

/** Permissions-Policy present: features the product does not use (camera, geolocation...) are denied. */
export function permissionsPolicyVerdict(value: string | undefined): Verdict {
  return value === undefined ? fail('no Permissions-Policy header') : pass(value);
}
