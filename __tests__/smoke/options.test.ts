import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generate } from 'selfsigned';
import { HelpRequested } from '../../scripts/smoke/options';
import { parseSmokeArgs, UsageError } from '../../scripts/smoke/smoke';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'smoke-options-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function usageErrorOf(args: string[]): string {
  try {
    parseSmokeArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
}

describe('defaults', () => {
  const options = parseSmokeArgs(['--url', 'https://example.com:8443/app?x=1']);

  test('as documented', () => {
    expect(options).toMatchObject({
      timeoutMs: 10_000,
      healthPath: '/health',
      corsPath: '/health',
      json: false,
      extraCaCertificates: [],
      webSocketUrl: undefined,
      allowedOrigin: undefined,
    });
  });

  test('the redirect is tested on the --url with http:// and no port', () => {
    expect(options.httpUrl.href).toBe('http://example.com/app?x=1');
  });
});

test('every option is read', () => {
  const options = parseSmokeArgs([
    '--url',
    'https://example.com',
    '--ws',
    'wss://example.com/ws',
    '--origin',
    'https://app.example.com/',
    '--timeout',
    '2500',
    '--http-url',
    'http://www.example.com/x',
    '--health-path',
    '/api/health',
    '--cors-path',
    '/api/orders',
    '--json',
  ]);
  expect(options).toMatchObject({
    allowedOrigin: 'https://app.example.com',
    timeoutMs: 2500,
    healthPath: '/api/health',
    corsPath: '/api/orders',
    json: true,
  });
  expect(options.webSocketUrl?.href).toBe('wss://example.com/ws');
  expect(options.httpUrl.href).toBe('http://www.example.com/x');
});

test('--ca reads every certificate of a PEM bundle', async () => {
  const [first, second] = await Promise.all(
    ['ca-one', 'ca-two'].map((name) =>
      generate([{ name: 'commonName', value: name }], { keyType: 'ec', algorithm: 'sha256' }),
    ),
  );
  const file = path.join(folder, 'bundle.pem');
  writeFileSync(file, `# two CAs\n${first.cert}\n${second.cert}`);
  const options = parseSmokeArgs(['--url', 'https://a.test', '--ca', file]);
  expect(options.extraCaCertificates.map((pem) => new X509Certificate(pem).subject)).toEqual([
    'CN=ca-one',
    'CN=ca-two',
  ]);
});

test('a --ca bundle with a damaged certificate is refused, naming which one', () => {
  const file = path.join(folder, 'damaged.pem');
  writeFileSync(file, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  expect(usageErrorOf(['--url', 'https://a.test', '--ca', file])).toMatch(
    /^--ca: certificate 1 of '.*damaged\.pem' does not parse/,
  );
});

test('--help asks for the usage', () => {
  expect(() => parseSmokeArgs(['--help'])).toThrow(HelpRequested);
});

test.each([
  [[], /^--url is required/],
  [['--url', 'example.com'], /^--url: 'example\.com' is not a URL\. Hint: /],
  [['--url', 'http://example.com'], /^--url: 'http:\/\/example\.com' must start with https:\/\//],
  [['--url', 'https://user:pw@example.com'], /carries credentials/],
  [['--url', 'https://a.test', '--ws', 'ws://a.test/ws'], /^--ws: .* must start with wss:\/\//],
  [['--url', 'https://a.test', '--http-url', 'https://a.test'], /^--http-url: .* must start with http:\/\//],
  [
    ['--url', 'https://a.test', '--origin', 'https://a.test/app'],
    /is not an origin .* Hint: --origin https:\/\/a\.test$/,
  ],
  [
    ['--url', 'https://a.test', '--timeout', '0'],
    /^--timeout: expected whole milliseconds from 1 to 600000, got '0'/,
  ],
  [['--url', 'https://a.test', '--timeout', '1.5'], /got '1\.5'/],
  [['--url', 'https://a.test', '--health-path', 'health'], /^--health-path: 'health' is not a URL path/],
  [['--url', 'https://a.test', '--cors-path', '/a b'], /^--cors-path: '\/a b' is not a URL path/],
  [
    ['--url', 'https://a.test', '--ca', '/nonexistent/ca.pem'],
    /^--ca: cannot read '\/nonexistent\/ca\.pem' \(ENOENT\)/,
  ],
  [['--url', 'https://a.test', '--json=yes'], /--json/],
  [['--url', 'https://a.test', 'extra'], /^Unexpected argument 'extra'/],
  [['--url', 'https://a.test', '--colour'], /^Unknown option '--colour'\. Hint: /],
  [['--url'], /^Option '--url <value>' argument missing/],
])('%j is refused: %s', (args, message) => {
  expect(usageErrorOf(args)).toMatch(message);
});

test('a --ca file without a certificate is refused', () => {
  const file = path.join(folder, 'empty.pem');
  writeFileSync(file, 'not a certificate\n');
  expect(usageErrorOf(['--url', 'https://a.test', '--ca', file])).toMatch(/holds no PEM certificate/);
});
