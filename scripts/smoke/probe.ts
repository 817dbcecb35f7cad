import type { IncomingHttpHeaders } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import type { ConnectionOptions, SecureContext } from 'node:tls';

/** One HTTP(S) request of a check. */
export interface ProbeRequest {
  /** What to request. */
  readonly url: URL;
  /** HTTP method. @default 'GET' */
  readonly method?: string;
  /** Request headers besides the User-Agent. @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds until the answer's status line and headers must have arrived. */
  readonly timeoutMs: number;
  /** Which CAs to trust, made once per run: building one from PEMs takes ~30 ms. @default Node's built-in roots */
  readonly secureContext?: SecureContext;
}

/** The status line and headers of an answer: the body is never read. */
export interface ProbeAnswer {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers, names lowercase. */
  readonly headers: IncomingHttpHeaders;
  /** Milliseconds from the request to the headers. */
  readonly elapsedMs: number;
}

/**
 * `secureContext` for a request's options: Node hands it on to tls.connect (https.request and ws
 * alike), but their option typings leave it out.
 */
export function tlsContext(
  secureContext: SecureContext | undefined,
): Pick<ConnectionOptions, 'secureContext'> {
  return secureContext ? { secureContext } : {};
}

/** Raised when nothing answered within the check's time. */
export class ProbeTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export const USER_AGENT = 'platform-infra-smoke/1';

/**
 * Sends one request and resolves with its status and headers. Redirects are not followed (the
 * redirect check reads them), no connection is reused (each check measures its own), and the
 * body is dropped so a large page costs nothing.
 */
export function probe(request: ProbeRequest): Promise<ProbeAnswer> {
  const client = request.url.protocol === 'https:' ? https : http;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      request.url,
      {
        method: request.method ?? 'GET',
        headers: { 'user-agent': USER_AGENT, ...request.headers },
        agent: false,
        ...tlsContext(request.secureContext),
      },
      (response) => {
        clearTimeout(timer);
        response.destroy();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          elapsedMs: Math.round(performance.now() - started),
        });
      },
    );
    const timer = setTimeout(() => outgoing.destroy(new ProbeTimeout(request.timeoutMs)), request.timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end();
  });
}

/** What operators read for the TLS verification errors they meet; other codes are shown as they are. */
const TLS_ERRORS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (check the clock)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a CA nobody trusts here: pass it with --ca if it is yours',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'the issuer is not trusted or the chain is incomplete: an intermediate is missing, or pass the CA with --ca',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'the issuer is not trusted or the chain is incomplete: an intermediate is missing, or pass the CA with --ca',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not cover this host name',
};

/** OpenSSL's words when client and server share no TLS version. */
const NO_COMMON_VERSION = ['tlsv1 alert protocol version', 'unsupported protocol', 'wrong version number'];

/** Explains a TLS verification code (`CERT_HAS_EXPIRED`) in words, keeping the code for searching. */
export function describeTlsCode(code: string): string {
  const words = TLS_ERRORS[code];
  return words ? `${words} (${code})` : code;
}

/** One line saying why a request failed: a timeout, a refused connection, a TLS error. */
export function describeError(error: unknown): string {
  if (error instanceof ProbeTimeout) return error.message;
  const { code, message } = error as NodeJS.ErrnoException;
  if (code && code in TLS_ERRORS) return `TLS: ${describeTlsCode(code)}`;
  // OpenSSL's message is one long line of internals; its reason is the part an operator can act on.
  const sslReason = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1];
  if (sslReason)
    return NO_COMMON_VERSION.includes(sslReason)
      ? `TLS handshake failed: ${sslReason} (no TLS version in common; this client needs 1.2 or newer)`
      : `TLS handshake failed: ${sslReason}`;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED): nothing listens there';
  if (code === 'ENOTFOUND') return 'DNS name not found (ENOTFOUND)';
  if (code === 'ECONNRESET') return 'the server closed the connection (ECONNRESET)';
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
