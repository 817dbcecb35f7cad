import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** What to check and how long to wait: the parsed command line. */
export interface SmokeOptions {
  /** The site (https://). Its page (path included) is where the security headers are read. */
  readonly url: URL;
  /** Where the HTTP to HTTPS redirect is tested. @default the url with http:// and no port */
  readonly httpUrl: URL;
  /** WebSocket endpoint (wss://) to open and round-trip a message on. @default none: check skipped */
  readonly webSocketUrl?: URL;
  /**
   * An origin the site allows: the CORS preflight's and the WebSocket handshake's Origin.
   * @default none: the CORS checks are skipped and the WebSocket sends the url's origin
   */
  readonly allowedOrigin?: string;
  /** Milliseconds each check may take. @default 10000 */
  readonly timeoutMs: number;
  /** CA certificates (PEM) trusted besides Node's built-in roots, from `--ca`. @default none */
  readonly extraCaCertificates: readonly string[];
  /** Path that must answer 200. @default '/health' */
  readonly healthPath: string;
  /** Path the CORS preflights are sent to. @default '/health' */
  readonly corsPath: string;
  /** JSON output instead of one line per check. @default false */
  readonly json: boolean;
}

/** A mistake on the command line: exit 2 with the message and the usage, no stack trace. */
export class UsageError extends Error {}

/** `--help` was asked for: print the usage, exit 0. */
export class HelpRequested extends Error {}

export const USAGE = `Usage: npm run --silent smoke -- --url https://<host>[/<page>] [options]

Checks a deployed site in seconds: /health, the HTTP to HTTPS redirect, the TLS version and the
certificate, the security headers, CORS and (with --ws) a WebSocket round trip.
Exit 0: no check failed (warnings allowed); 1: a check failed; 2: bad arguments.

  --url <https-url>      the site; its page (path included) is where the headers are read (required)
  --ws <wss-url>         open a WebSocket there, send a text, expect a message back (echo)
  --origin <origin>      an origin the site allows, e.g. https://example.com (CORS, WebSocket Origin)
  --timeout <ms>         how long each check may take (default 10000)
  --ca <file>            a PEM CA bundle to trust besides Node's built-in roots
  --http-url <url>       where to test the redirect (default: the --url with http:// and no port)
  --health-path <path>   the path that must answer 200 (default /health)
  --cors-path <path>     where the CORS preflights go (default /health)
  --json                 JSON: {"checks": [{"id", "status", "detail"}], "summary": {...}}
  --help                 this text

Details and what to do when a check fails: help/smoke.md`;

const MAX_TIMEOUT_MS = 600_000;

/** Reads the command line (without `node` and the script), or throws {@link UsageError}. */
export function parseSmokeArgs(argv: readonly string[]): SmokeOptions {
  const { values } = readFlags(argv);
  if (values.help) throw new HelpRequested();
  if (values.url === undefined) throw new UsageError('--url is required. Hint: --url https://example.com');
  const url = parseUrl(
    '--url',
    values.url,
    ['https:'],
    'the site is checked over HTTPS: --url https://<host>',
  );
  const httpUrl =
    values['http-url'] === undefined
      ? defaultHttpUrl(url)
      : parseUrl('--http-url', values['http-url'], ['http:'], 'where plain HTTP is served: http://<host>');
  return {
    url,
    httpUrl,
    webSocketUrl:
      values.ws === undefined
        ? undefined
        : parseUrl('--ws', values.ws, ['wss:'], 'WebSockets over TLS only: --ws wss://<host>/<path>'),
    allowedOrigin: values.origin === undefined ? undefined : parseOrigin(values.origin),
    timeoutMs: values.timeout === undefined ? 10_000 : parseTimeout(values.timeout),
    extraCaCertificates: values.ca === undefined ? [] : readCaBundle(values.ca),
    healthPath: parsePath('--health-path', values['health-path'] ?? '/health'),
    corsPath: parsePath('--cors-path', values['cors-path'] ?? '/health'),
    json: values.json ?? false,
  };
}

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        ws: { type: 'string' },
        origin: { type: 'string' },
        timeout: { type: 'string' },
        ca: { type: 'string' },
        'http-url': { type: 'string' },
        'health-path': { type: 'string' },
        'cors-path': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    // Node's messages go on with advice about positionals after `--`: the first sentence is the point.
    const message = (error as Error).message.split(/\.\s/)[0];
    throw new UsageError(`${message}. Hint: every option is --name value; see the list below`);
  }
}

function parseUrl(flag: string, value: string, protocols: string[], hint: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag}: '${value}' is not a URL. Hint: ${hint}`);
  }
  if (!protocols.includes(url.protocol))
    throw new UsageError(`${flag}: '${value}' must start with ${protocols[0]}//. Hint: ${hint}`);
  if (url.username || url.password)
    throw new UsageError(`${flag}: '${value}' carries credentials. Hint: the checks need none; remove them`);
  return url;
}

function defaultHttpUrl(url: URL): URL {
  const http = new URL(url.href);
  http.protocol = 'http:';
  http.port = '';
  return http;
}

function parseOrigin(value: string): string {
  const url = parseUrl('--origin', value, ['https:', 'http:'], 'an origin is scheme://host[:port]');
  const origin = url.origin;
  if (value.replace(/\/$/, '') !== origin)
    throw new UsageError(
      `--origin: '${value}' is not an origin (scheme://host[:port], no path or query). Hint: --origin ${origin}`,
    );
  return origin;
}

function parseTimeout(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS))
    throw new UsageError(
      `--timeout: expected whole milliseconds from 1 to ${MAX_TIMEOUT_MS}, got '${value}'. Hint: --timeout 10000`,
    );
  return ms;
}

function parsePath(flag: string, value: string): string {
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/.test(value))
    throw new UsageError(`${flag}: '${value}' is not a URL path. Hint: a path starts with /, e.g. /health`);
  return value;
}

function readCaBundle(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--ca: cannot read '${file}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Hint: a PEM file path, relative to the repository root`,
    );
  }
  const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certificates.length === 0)
    throw new UsageError(
      `--ca: '${file}' holds no PEM certificate. Hint: the file should contain -----BEGIN CERTIFICATE----- blocks`,
    );
  certificates.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch (error) {
      throw new UsageError(
        `--ca: certificate ${index + 1} of '${file}' does not parse (${(error as Error).message}). Hint: re-export the CA as PEM`,
      );
    }
  });
  return certificates;
}
