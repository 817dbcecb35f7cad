import {
  contentSecurityPolicyViolation,
  DEFAULT_PERMISSIONS_POLICY,
  defaultContentSecurityPolicy,
  defaultSecurityHeaders,
  HSTS_ONE_YEAR_SECONDS,
  hstsHeaderValue,
  SecurityHeaders,
  securityHeadersViolations,
} from '../../lib/edge';

describe('defaultSecurityHeaders', () => {
  test('HSTS one year with subdomains and preload, DENY, strict referrer, restrictive permissions', () => {
    const headers = defaultSecurityHeaders();
    expect(headers.hsts).toEqual({ maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: true });
    expect(HSTS_ONE_YEAR_SECONDS).toBe(31_536_000);
    expect(headers.frameOptions).toBe('DENY');
    expect(headers.referrerPolicy).toBe('strict-origin-when-cross-origin');
    expect(headers.permissionsPolicy).toBe(DEFAULT_PERMISSIONS_POLICY);
    expect(headers.permissionsPolicy).toContain('camera=()');
    expect(securityHeadersViolations(headers)).toEqual([]);
  });

  test('the default CSP: self only, no objects, no framing, upgrade insecure requests', () => {
    const csp = defaultContentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(csp).not.toContain('unsafe-inline');
    expect(contentSecurityPolicyViolation(csp)).toBeUndefined();
  });

  test('API and WebSocket origins open connect-src only', () => {
    const csp = defaultContentSecurityPolicy({
      apiOrigin: 'https://api.example.com',
      webSocketOrigin: 'wss://example.com',
    });
    expect(csp).toContain("connect-src 'self' https://api.example.com wss://example.com");
    expect(csp).toContain("script-src 'self';");
    expect(defaultSecurityHeaders({ apiOrigin: 'https://api.example.com' }).contentSecurityPolicy).toContain(
      'https://api.example.com',
    );
  });
});

describe('hstsHeaderValue', () => {
  test.each<[SecurityHeaders['hsts'], string]>([
    [
      { maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: true },
      'max-age=31536000; includeSubDomains; preload',
    ],
    [
      { maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: false },
      'max-age=31536000; includeSubDomains',
    ],
    [{ maxAgeSeconds: 600, includeSubdomains: false, preload: false }, 'max-age=600'],
  ])('%j -> %s', (hsts, expected) => {
    expect(hstsHeaderValue(hsts)).toBe(expected);
  });
});

describe('contentSecurityPolicyViolation', () => {
  test.each([
    "default-src 'self'",
    "default-src 'self'; img-src 'self' data: https://cdn.example.com",
    "default-src 'none'; script-src 'self' 'sha256-abc='; upgrade-insecure-requests;",
    'upgrade-insecure-requests',
  ])('accepts %s', (csp) => {
    expect(contentSecurityPolicyViolation(csp)).toBeUndefined();
  });

  test.each<[string, RegExp]>([
    ['', /is empty/],
    [' ; ;', /is empty/],
    ["default-src 'self', img-src *", /has a comma: separate directives with ';'/],
    ["Default-Src 'self'", /is not a directive/],
    ["'self' default-src", /is not a directive/],
    ["default-src 'self'; default-src *", /'default-src' is given twice/],
    [`default-src 'self' ${'https://a.example.com '.repeat(90)}`, /longer than CloudFront accepts \(1783/],
  ])('rejects %j', (csp, expected) => {
    expect(contentSecurityPolicyViolation(csp)).toMatch(expected);
  });
});

describe('securityHeadersViolations', () => {
  const base = defaultSecurityHeaders();

  test('preload needs a year and subdomains', () => {
    expect(
      securityHeadersViolations({
        ...base,
        hsts: { maxAgeSeconds: 86_400, includeSubdomains: true, preload: true },
      }),
    ).toEqual([expect.stringMatching(/^hsts\.preload: the preload list requires maxAgeSeconds >= 31536000/)]);
    expect(
      securityHeadersViolations({
        ...base,
        hsts: { maxAgeSeconds: HSTS_ONE_YEAR_SECONDS, includeSubdomains: false, preload: true },
      }),
    ).toHaveLength(1);
  });

  test('a short HSTS without preload is allowed', () => {
    expect(
      securityHeadersViolations({
        ...base,
        hsts: { maxAgeSeconds: 300, includeSubdomains: false, preload: false },
      }),
    ).toEqual([]);
  });

  test.each([-1, 1.5, Number.NaN])('maxAgeSeconds %p is not a whole number of seconds', (maxAgeSeconds) => {
    const problems = securityHeadersViolations({
      ...base,
      hsts: { maxAgeSeconds, includeSubdomains: true, preload: false },
    });
    expect(problems[0]).toMatch(/^hsts\.maxAgeSeconds: must be a whole number of seconds/);
  });

  test('a malformed CSP is reported with its field', () => {
    expect(securityHeadersViolations({ ...base, contentSecurityPolicy: 'default-src *, img-src *' })).toEqual(
      [expect.stringMatching(/^contentSecurityPolicy: .* has a comma/)],
    );
  });

  test('every problem at once', () => {
    expect(
      securityHeadersViolations({
        ...base,
        hsts: { maxAgeSeconds: 60, includeSubdomains: false, preload: true },
        contentSecurityPolicy: '',
      }),
    ).toHaveLength(2);
  });
});
