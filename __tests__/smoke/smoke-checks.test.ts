import { CHECK_IDS, CheckId, parseSmokeArgs, runSmoke, SmokeReport } from '../../scripts/smoke/smoke';
import { EXPIRING_DAYS, makeTestCertificates, TestCertificates } from './support/certificates';
import { argsFor, SiteBehavior, startTestSite } from './support/test-site';

let certificates: TestCertificates;

beforeAll(async () => {
  certificates = await makeTestCertificates();
});
afterAll(() => certificates.cleanup());

interface Run {
  /** Trust the test CA (`--ca`). @default true */
  readonly trustCa?: boolean;
  /** `--timeout`. @default 2000 */
  readonly timeoutMs?: number;
  /** Arguments to leave out of the full command line, e.g. `--ws`. @default none */
  readonly without?: string[];
  /** Arguments to add. @default none */
  readonly extraArgs?: string[];
}

/** Starts a site behaving as told, runs every check against it in-process, stops the site. */
async function smoke(behavior: Partial<SiteBehavior> = {}, run: Run = {}): Promise<SmokeReport> {
  const site = await startTestSite({ certificate: certificates.valid, ...behavior });
  try {
    const args = argsFor(site, run.trustCa === false ? undefined : certificates.caFile, run.timeoutMs);
    for (const flag of run.without ?? []) args.splice(args.indexOf(flag), 2);
    return await runSmoke(parseSmokeArgs([...args, ...(run.extraArgs ?? [])]));
  } finally {
    await site.close();
  }
}

const idsWith = (report: SmokeReport, status: string): CheckId[] =>
  report.checks.filter((check) => check.status === status).map((check) => check.id);
const failing = (report: SmokeReport): CheckId[] => idsWith(report, 'fail');
const detailOf = (report: SmokeReport, id: CheckId): string =>
  report.checks.find((check) => check.id === id)?.detail ?? `no ${id} in the report`;

describe('a correct site', () => {
  let report: SmokeReport;
  beforeAll(async () => {
    report = await smoke();
  });

  test('passes every check, each once, in the documented order', () => {
    expect(report.checks.map((check) => check.id)).toEqual([...CHECK_IDS]);
    expect(report.checks.filter((check) => check.status !== 'pass')).toEqual([]);
    expect(report.summary).toMatchObject({ ok: true, pass: CHECK_IDS.length, warn: 0, fail: 0, skip: 0 });
  });

  test('names what it saw', () => {
    expect(detailOf(report, 'tls-version')).toBe('TLSv1.3 negotiated');
    expect(detailOf(report, 'certificate')).toMatch(/^trusted, 36[45] days left/);
    expect(detailOf(report, 'http-redirect')).toMatch(/^301 to https:\/\/127\.0\.0\.1:\d+\/some\/page\?q=1$/);
    expect(detailOf(report, 'websocket')).toMatch(/^opened, echo in \d+ ms$/);
    expect(detailOf(report, 'cors-refused')).toContain('https://smoke-test.invalid refused');
  });
});

test('the checks run at the same time: two slow ones cost the slower, not their sum', async () => {
  // /health answers after 400 ms (a pass); the WebSocket never answers (a fail at 500 ms).
  const report = await smoke({ healthDelayMs: 400, webSocket: 'silent' }, { timeoutMs: 500 });
  expect(idsWith(report, 'pass')).toContain('health');
  expect(failing(report)).toEqual(['websocket']);
  expect(report.summary.durationMs).toBeGreaterThanOrEqual(400);
  expect(report.summary.durationMs).toBeLessThan(800);
});

describe('each broken site fails exactly the check that covers it', () => {
  test.each<[string, CheckId, Partial<SiteBehavior>, RegExp]>([
    [
      'HSTS without preload',
      'hsts',
      { headers: { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } },
      /^no preload in/,
    ],
    [
      'HSTS with a short max-age',
      'hsts',
      { headers: { 'strict-transport-security': 'max-age=300; includeSubDomains; preload' } },
      /max-age=300 is under 31536000/,
    ],
    [
      'no HSTS',
      'hsts',
      { headers: { 'strict-transport-security': undefined } },
      /no Strict-Transport-Security/,
    ],
    ['no CSP', 'csp', { headers: { 'content-security-policy': undefined } }, /no Content-Security-Policy/],
    [
      'a report-only CSP',
      'csp',
      {
        headers: {
          'content-security-policy': undefined,
          'content-security-policy-report-only': "default-src 'self'",
        },
      },
      /only Content-Security-Policy-Report-Only/,
    ],
    ['no X-Frame-Options', 'x-frame-options', { headers: { 'x-frame-options': undefined } }, /no X-Frame/],
    [
      'X-Frame-Options ALLOW-FROM',
      'x-frame-options',
      { headers: { 'x-frame-options': 'ALLOW-FROM https://a.test' } },
      /neither DENY nor SAMEORIGIN/,
    ],
    [
      'no X-Content-Type-Options',
      'x-content-type-options',
      { headers: { 'x-content-type-options': undefined } },
      /no X-Content-Type-Options/,
    ],
    ['no Referrer-Policy', 'referrer-policy', { headers: { 'referrer-policy': undefined } }, /no Referrer/],
    [
      'no Permissions-Policy',
      'permissions-policy',
      { headers: { 'permissions-policy': undefined } },
      /no Permissions-Policy/,
    ],
    ['no redirect', 'http-redirect', { http: 'no-redirect' }, /answered 200, not a 301\/308 redirect/],
    ['a redirect to http://', 'http-redirect', { http: 'redirect-to-http' }, /^301 to http:.*not https/],
    ['500 on /health', 'health', { healthStatus: 500 }, /answered 500, not 200/],
    ['CORS allowing every origin', 'cors-refused', { cors: 'any' }, /every origin is allowed/],
    ['CORS echoing any origin', 'cors-refused', { cors: 'echo-any' }, /echoes any Origin/],
    ['CORS refusing the allowed origin', 'cors-allowed', { cors: 'none' }, /no Access-Control-Allow-Origin/],
    ['a WebSocket refused', 'websocket', { webSocket: 'refuse' }, /could not open: .*403/],
  ])('%s: fails %s', async (_name, id, behavior, detail) => {
    const report = await smoke(behavior);
    expect(failing(report)).toEqual([id]);
    expect(detailOf(report, id)).toMatch(detail);
    expect(report.summary).toMatchObject({ ok: false, fail: 1 });
  });

  test('a slow /health fails at --timeout, not when the server finally answers', async () => {
    const started = Date.now();
    const report = await smoke({ healthDelayMs: 3000 }, { timeoutMs: 300 });
    expect(failing(report)).toEqual(['health']);
    expect(detailOf(report, 'health')).toMatch(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a WebSocket that never answers fails at --timeout', async () => {
    const report = await smoke({ webSocket: 'silent' }, { timeoutMs: 300 });
    expect(failing(report)).toEqual(['websocket']);
    expect(detailOf(report, 'websocket')).toBe('opened, but no message came back within 300 ms');
  });
});

describe('TLS and the certificate', () => {
  test('a TLS 1.1-only server fails tls-version, naming the version; the certificate itself is fine', async () => {
    const report = await smoke({ tlsVersion: 'TLSv1.1' });
    expect(detailOf(report, 'tls-version')).toMatch(
      /^TLSv1\.1 negotiated, the newest the server speaks: TLS 1\.2 or newer required$/,
    );
    expect(idsWith(report, 'pass')).toContain('certificate');
    // Node refuses TLS 1.1 for the HTTPS checks too: they fail with that reason, not a generic one.
    expect(detailOf(report, 'health')).toMatch(
      /TLS handshake failed: tlsv1 alert protocol version \(no TLS version in common; this client needs 1.2/,
    );
    expect(idsWith(report, 'pass')).toEqual(['http-redirect', 'certificate']);
  });

  test(`a certificate with ${EXPIRING_DAYS} days left warns, and the run still passes`, async () => {
    const report = await smoke({ certificate: certificates.expiring });
    expect(idsWith(report, 'warn')).toEqual(['certificate']);
    expect(detailOf(report, 'certificate')).toMatch(new RegExp(`^${EXPIRING_DAYS} days left \\(expires `));
    expect(report.summary).toMatchObject({ ok: true, warn: 1, fail: 0 });
  });

  test('an expired certificate fails certificate, and the HTTPS checks name the reason', async () => {
    const report = await smoke({ certificate: certificates.expired });
    expect(detailOf(report, 'certificate')).toMatch(/^expired on \d{4}-\d\d-\d\d \(1 day ago\)$/);
    expect(detailOf(report, 'tls-version')).toBe('TLSv1.3 negotiated');
    expect(detailOf(report, 'hsts')).toMatch(/certificate has expired \(CERT_HAS_EXPIRED\)/);
    expect(report.summary.ok).toBe(false);
  });

  test('an untrusted certificate (no --ca) fails certificate, naming the TLS error', async () => {
    const report = await smoke({}, { trustCa: false });
    expect(detailOf(report, 'certificate')).toMatch(
      /^not trusted: the issuer is not trusted .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); expires /,
    );
    expect(detailOf(report, 'websocket')).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    expect(idsWith(report, 'pass')).toEqual(['http-redirect', 'tls-version']);
  });
});

describe('warnings and skipped checks', () => {
  test("'unsafe-inline' in script-src warns on csp without failing the run", async () => {
    const report = await smoke({
      headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'" },
    });
    expect(idsWith(report, 'warn')).toEqual(['csp']);
    expect(detailOf(report, 'csp')).toContain("'unsafe-inline' in script-src");
    expect(report.summary.ok).toBe(true);
  });

  test("'*' with credentials warns on cors-allowed (and fails cors-refused)", async () => {
    const report = await smoke({ cors: 'any-with-credentials' });
    expect(idsWith(report, 'warn')).toEqual(['cors-allowed']);
    expect(failing(report)).toEqual(['cors-refused']);
  });

  test('a /health served as an HTML page warns: the SPA fallback answers 200 for any path', async () => {
    const report = await smoke({}, { extraArgs: ['--health-path', '/index.html'] });
    expect(idsWith(report, 'warn')).toEqual(['health']);
    expect(detailOf(report, 'health')).toMatch(/^200 in \d+ ms, but an HTML page .*not the service$/);
    expect(report.summary.ok).toBe(true);
  });

  test('without --ws and --origin, the WebSocket and CORS checks are skipped and the run passes', async () => {
    const report = await smoke({ webSocket: 'refuse', cors: 'none' }, { without: ['--ws', '--origin'] });
    expect(idsWith(report, 'skip')).toEqual(['cors-allowed', 'cors-refused', 'websocket']);
    expect(report.summary).toMatchObject({ ok: true, skip: 3, fail: 0 });
  });
});

test('a site that is down fails every check with the connection error, quickly', async () => {
  const site = await startTestSite({ certificate: certificates.valid });
  const args = argsFor(site, certificates.caFile);
  await site.close();
  const report = await runSmoke(parseSmokeArgs(args));
  expect(failing(report)).toEqual([...CHECK_IDS]);
  expect(detailOf(report, 'health')).toMatch(/connection refused \(ECONNREFUSED\)/);
});
