import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { WebSocketServer } from 'ws';
import type { ServerCertificate } from './certificates';

/** The origin the test site allows for CORS and WebSockets. */
export const ALLOWED_ORIGIN = 'https://app.smoke.test';

/** The security headers a correct site sends on every HTTPS answer. */
export const GOOD_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  'content-security-policy': "default-src 'self'; script-src 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), geolocation=()',
};

/** How the test site behaves; every field defaults to correct. */
export interface SiteBehavior {
  /** The HTTPS certificate. */
  readonly certificate: ServerCertificate;
  /** Replaces security headers; `undefined` removes one. @default none: {@link GOOD_HEADERS} */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Status of /health. @default 200 */
  readonly healthStatus?: number;
  /** Milliseconds /health waits before answering. @default 0 */
  readonly healthDelayMs?: number;
  /** Plain HTTP: 301 to the HTTPS URL, 200 (no redirect), or 301 to another http:// URL. @default 'redirect' */
  readonly http?: 'redirect' | 'no-redirect' | 'redirect-to-http';
  /**
   * CORS preflights: allow {@link ALLOWED_ORIGIN} only; `*`; `*` with credentials; echo any
   * Origin; or allow none. @default 'allow-listed'
   */
  readonly cors?: 'allow-listed' | 'any' | 'any-with-credentials' | 'echo-any' | 'none';
  /** WebSocket on /ws: echo each message, accept but never answer, or refuse the handshake. @default 'echo' */
  readonly webSocket?: 'echo' | 'silent' | 'refuse';
  /** The only TLS version the HTTPS server speaks. @default TLS 1.2 to 1.3 */
  readonly tlsVersion?: SecureVersion;
}

/** A running test site: an HTTPS server (with WebSockets on /ws) and an HTTP server, on ephemeral ports. */
export interface TestSite {
  /** `https://127.0.0.1:<port>/`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>/some/page?q=1`: the redirect is checked with a path and query. */
  readonly httpUrl: string;
  /** `wss://127.0.0.1:<port>/ws`. */
  readonly webSocketUrl: string;
  /** Stops both servers and drops every connection. */
  readonly close: () => Promise<void>;
}

/** Starts a site behaving as told; `close()` it after the test. */
export async function startTestSite(behavior: SiteBehavior): Promise<TestSite> {
  const headers = Object.entries({ ...GOOD_HEADERS, ...behavior.headers }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const timers = new Set<NodeJS.Timeout>();
  const secure = https.createServer(
    {
      key: behavior.certificate.key,
      cert: behavior.certificate.cert,
      ...(behavior.tlsVersion
        ? { minVersion: behavior.tlsVersion, maxVersion: behavior.tlsVersion, ciphers: 'DEFAULT:@SECLEVEL=0' }
        : {}),
    },
    (request, response) => {
      for (const [name, value] of headers) response.setHeader(name, value);
      if (request.method === 'OPTIONS')
        return answerPreflight(request, response, behavior.cors ?? 'allow-listed');
      if (request.url === '/health') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          response.writeHead(behavior.healthStatus ?? 200, { 'content-type': 'application/json' });
          response.end('{"status":"ok"}');
        }, behavior.healthDelayMs ?? 0);
        timers.add(timer);
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>site</title>');
    },
  );
  const webSockets = new WebSocketServer({
    server: secure,
    path: '/ws',
    verifyClient: (info, accept) =>
      behavior.webSocket === 'refuse' || info.origin !== ALLOWED_ORIGIN
        ? accept(false, 403, 'Forbidden origin')
        : accept(true),
  });
  webSockets.on('connection', (socket) => {
    if (behavior.webSocket === 'silent') return;
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });

  const httpsPort = await listen(secure);
  const plain = http.createServer((request, response) => {
    const mode = behavior.http ?? 'redirect';
    if (mode === 'no-redirect') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>plain</title>');
      return;
    }
    const scheme = mode === 'redirect' ? `https://127.0.0.1:${httpsPort}` : `http://127.0.0.1:${httpsPort}`;
    response.writeHead(301, { location: `${scheme}${request.url}` });
    response.end();
  });
  const httpPort = await listen(plain);

  return {
    url: `https://127.0.0.1:${httpsPort}/`,
    httpUrl: `http://127.0.0.1:${httpPort}/some/page?q=1`,
    webSocketUrl: `wss://127.0.0.1:${httpsPort}/ws`,
    close: async () => {
      timers.forEach(clearTimeout);
      webSockets.clients.forEach((client) => client.terminate());
      webSockets.close();
      for (const server of [secure, plain]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

function answerPreflight(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  cors: NonNullable<SiteBehavior['cors']>,
): void {
  const origin = request.headers.origin ?? '';
  const allowOrigin = {
    'allow-listed': origin === ALLOWED_ORIGIN ? origin : undefined,
    any: '*',
    'any-with-credentials': '*',
    'echo-any': origin,
    none: undefined,
  }[cors];
  if (allowOrigin !== undefined) {
    response.setHeader('access-control-allow-origin', allowOrigin);
    response.setHeader('access-control-allow-methods', 'GET, POST');
    response.setHeader('vary', 'Origin');
  }
  if (cors === 'any-with-credentials') response.setHeader('access-control-allow-credentials', 'true');
  response.writeHead(204);
  response.end();
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** The command line that checks every feature of a test site, trusting the test CA. */
export function argsFor(site: TestSite, caFile: string | undefined, timeoutMs = 2000): string[] {
  return [
    '--url',
    site.url,
    '--http-url',
    site.httpUrl,
    '--ws',
    site.webSocketUrl,
    '--origin',
    ALLOWED_ORIGIN,
    '--timeout',
    String(timeoutMs),
    ...(caFile ? ['--ca', caFile] : []),
  ];
}
