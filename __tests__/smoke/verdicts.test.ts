import { cspVerdict, hstsVerdict, referrerPolicyVerdict } from '../../scripts/smoke/header-checks';
import { expectedRedirectTarget, healthVerdict, redirectVerdict } from '../../scripts/smoke/http-checks';
import type { ProbeAnswer } from '../../scripts/smoke/probe';
import { certificateVerdict, CERTIFICATE_WARN_DAYS, tlsVersionVerdict } from '../../scripts/smoke/tls-checks';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const answer = (status: number, headers: ProbeAnswer['headers'] = {}): ProbeAnswer => ({
  status,
  headers,
  elapsedMs: 12,
});

describe('hsts', () => {
  test('directive names are case-insensitive and max-age may be quoted', () => {
    expect(hstsVerdict('MAX-AGE="63072000"; INCLUDESUBDOMAINS; Preload').status).toBe('pass');
  });

  test('every missing part is named at once', () => {
    expect(hstsVerdict('max-age=86400').detail).toBe(
      "max-age=86400 is under 31536000 (one year), no includeSubDomains, no preload in 'max-age=86400'",
    );
    expect(hstsVerdict('includeSubDomains; preload').detail).toMatch(/^no max-age in/);
  });
});

describe('csp', () => {
  test("'unsafe-eval' in default-src warns", () => {
    expect(cspVerdict("default-src 'self' 'unsafe-eval'")).toEqual({
      status: 'warn',
      detail: "present, but 'unsafe-eval' in default-src: injected script can run",
    });
  });

  test('a repeated directive counts as browsers read it: the first one', () => {
    expect(cspVerdict("script-src 'self'; script-src 'unsafe-inline'").status).toBe('pass');
    expect(cspVerdict("script-src 'unsafe-inline'; script-src 'self'").status).toBe('warn');
  });

  test("'unsafe-inline' in style-src is not a script risk", () => {
    expect(cspVerdict("default-src 'self'; style-src 'self' 'unsafe-inline'").status).toBe('pass');
  });
});

test('Referrer-Policy unsafe-url warns', () => {
  expect(referrerPolicyVerdict('unsafe-url').status).toBe('warn');
  expect(referrerPolicyVerdict('no-referrer').status).toBe('pass');
});

describe('http-redirect', () => {
  const requested = new URL('http://example.com/a?b=1');
  const expected = expectedRedirectTarget(requested, new URL('https://example.com'));

  test('the target keeps host, path and query, on the default HTTPS port', () => {
    expect(expected.href).toBe('https://example.com/a?b=1');
  });

  test('another host keeps its own name and the default port', () => {
    const www = expectedRedirectTarget(
      new URL('http://www.example.com/'),
      new URL('https://example.com:8443'),
    );
    expect(www.href).toBe('https://www.example.com/');
  });

  test('301 and 308 pass; an explicit :443 is the same URL', () => {
    expect(
      redirectVerdict(answer(308, { location: 'https://example.com:443/a?b=1' }), requested, expected),
    ).toEqual({
      status: 'pass',
      detail: '308 to https://example.com/a?b=1',
    });
  });

  test('a temporary redirect fails, saying so', () => {
    expect(redirectVerdict(answer(302, { location: expected.href }), requested, expected).detail).toMatch(
      /^302 is a temporary redirect .*use 301 or 308$/,
    );
  });

  test('a redirect that drops the path fails', () => {
    expect(
      redirectVerdict(answer(301, { location: 'https://example.com/' }), requested, expected).detail,
    ).toBe('301 to https://example.com/, expected https://example.com/a?b=1 (same host and path)');
  });
});

test('health: a 204 is not the 200 asked for', () => {
  expect(healthVerdict(answer(204)).detail).toBe('answered 204, not 200 (in 12 ms)');
});

describe('tls-version and certificate', () => {
  const facts = (daysLeft: number, trusted = true) => ({
    protocol: 'TLSv1.2',
    trusted,
    untrustedBecause: trusted ? undefined : 'ERR_TLS_CERT_ALTNAME_INVALID',
    expires: new Date(NOW.getTime() + daysLeft * DAY_MS),
  });

  test('TLS 1.2 passes, TLS 1.0 fails', () => {
    expect(tlsVersionVerdict(facts(90)).status).toBe('pass');
    expect(tlsVersionVerdict({ ...facts(90), protocol: 'TLSv1' }).detail).toMatch(
      /^TLSv1 negotiated, the newest the server speaks: TLS 1\.2/,
    );
  });

  test(`warns under ${CERTIFICATE_WARN_DAYS} days left, passes from ${CERTIFICATE_WARN_DAYS}`, () => {
    expect(certificateVerdict(facts(CERTIFICATE_WARN_DAYS), NOW).status).toBe('pass');
    expect(certificateVerdict(facts(CERTIFICATE_WARN_DAYS - 0.5), NOW)).toEqual({
      status: 'warn',
      detail: '20 days left (expires 2026-06-22); renewal should have happened by now',
    });
  });

  test('a certificate for another name fails, naming the reason', () => {
    expect(certificateVerdict(facts(90, false), NOW).detail).toBe(
      'not trusted: the certificate does not cover this host name (ERR_TLS_CERT_ALTNAME_INVALID); expires 2026-08-30',
    );
  });

  test('expired an hour ago', () => {
    expect(certificateVerdict(facts(-1 / 24, false), NOW).detail).toBe(
      'expired on 2026-06-01 (less than a day ago)',
    );
  });
});
