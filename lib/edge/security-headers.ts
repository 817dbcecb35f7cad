/**
 * The security headers every response of the product carries, from CloudFront (response headers
 * policy) and from the load balancer (listener response-header attributes) alike: one model, so
 * the two paths cannot drift apart.
 */
export interface SecurityHeaders {
  /** Strict-Transport-Security. */
  readonly hsts: {
    /** max-age in seconds; HSTS preload lists require at least one year. */
    readonly maxAgeSeconds: number;
    readonly includeSubdomains: boolean;
    readonly preload: boolean;
  };
  /** Content-Security-Policy: `directive value; directive value`. */
  readonly contentSecurityPolicy: string;
  /** X-Frame-Options. */
  readonly frameOptions: 'DENY' | 'SAMEORIGIN';
  /** Referrer-Policy. */
  readonly referrerPolicy: ReferrerPolicy;
  /** Permissions-Policy: `feature=(allowlist), ...`. */
  readonly permissionsPolicy: string;
}

/** Referrer-Policy values browsers understand. */
export type ReferrerPolicy =
  | 'no-referrer'
  | 'no-referrer-when-downgrade'
  | 'origin'
  | 'origin-when-cross-origin'
  | 'same-origin'
  | 'strict-origin'
  | 'strict-origin-when-cross-origin'
  | 'unsafe-url';

/** One year: the HSTS max-age the preload list requires. */
export const HSTS_ONE_YEAR_SECONDS = 31_536_000;

/** Browser features the product does not use, denied to every origin. */
export const DEFAULT_PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

/** Origins the default CSP opens besides `'self'`. */
export interface CspOrigins {
  /** Origin of the API, e.g. `https://api.example.com`. @default none (API on the same origin) */
  readonly apiOrigin?: string;
  /** Origin of the WebSocket endpoint, e.g. `wss://example.com`. @default none */
  readonly webSocketOrigin?: string;
}

/**
 * A strict CSP for a single-page app served from its own origin: everything from `'self'`, the
 * API and WebSocket origins for connections, no plugins, no framing, no inline script.
 */
export function defaultContentSecurityPolicy(origins: CspOrigins = {}): string {
  const connect = ["'self'", origins.apiOrigin, origins.webSocketOrigin].filter((o): o is string =>
    Boolean(o),
  );
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** The headers with the project's defaults: HSTS one year with subdomains and preload, DENY, nosniff. */
export function defaultSecurityHeaders(origins: CspOrigins = {}): SecurityHeaders {
  return {
    hsts: { maxAgeSeconds: HSTS_ONE_YEAR_SECONDS, includeSubdomains: true, preload: true },
    contentSecurityPolicy: defaultContentSecurityPolicy(origins),
    frameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    permissionsPolicy: DEFAULT_PERMISSIONS_POLICY,
  };
}

/** The Strict-Transport-Security header value. */
export function hstsHeaderValue(hsts: SecurityHeaders['hsts']): string {
  return [
    `max-age=${hsts.maxAgeSeconds}`,
    hsts.includeSubdomains && 'includeSubDomains',
    hsts.preload && 'preload',
  ]
    .filter(Boolean)
    .join('; ');
}

const DIRECTIVE = /^[a-z][a-z-]*(\s+\S+)*$/;

/**
 * Why a CSP string is not a list of directives, or `undefined` when it is. Catches the mistakes
 * that silently weaken a policy: an empty policy, a stray comma instead of `;`, unknown syntax,
 * a directive given twice (browsers ignore the second).
 */
export function contentSecurityPolicyViolation(csp: string): string | undefined {
  const directives = csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
  if (directives.length === 0) return 'is empty';
  const seen = new Set<string>();
  for (const directive of directives) {
    if (!DIRECTIVE.test(directive))
      return `'${directive}' is not a directive (name, then space-separated values)`;
    if (directive.includes(',')) return `'${directive}' has a comma: separate directives with ';'`;
    const name = directive.split(/\s+/)[0];
    if (seen.has(name)) return `'${name}' is given twice; browsers ignore the second`;
    seen.add(name);
  }
  if (csp.length > 1783) return 'is longer than CloudFront accepts (1783 characters)';
  return undefined;
}

/**
 * Why the headers are unsafe or invalid, or `undefined`: HSTS below a year or without
 * includeSubDomains when preload is asked, and a malformed CSP.
 */
export function securityHeadersViolations(headers: SecurityHeaders): string[] {
  const problems: string[] = [];
  const { hsts } = headers;
  if (!Number.isInteger(hsts.maxAgeSeconds) || hsts.maxAgeSeconds < 0) {
    problems.push(`hsts.maxAgeSeconds: must be a whole number of seconds, got ${hsts.maxAgeSeconds}`);
  }
  if (hsts.preload && (hsts.maxAgeSeconds < HSTS_ONE_YEAR_SECONDS || !hsts.includeSubdomains)) {
    problems.push('hsts.preload: the preload list requires maxAgeSeconds >= 31536000 and includeSubdomains');
  }
  const csp = contentSecurityPolicyViolation(headers.contentSecurityPolicy);
  if (csp) problems.push(`contentSecurityPolicy: ${csp}`);
  return problems;
}
