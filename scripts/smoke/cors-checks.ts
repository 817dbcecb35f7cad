import type { IncomingHttpHeaders } from 'node:http';
import type { SecureContext } from 'node:tls';
import { fail, pass, Verdict, warn } from './checks';
import type { ProbeRequest } from './probe';

/** An origin no server allows on purpose: `.invalid` can never resolve (RFC 2606). */
export const FOREIGN_ORIGIN = 'https://smoke-test.invalid';

/**
 * The browser's preflight before a cross-origin request. GET is the method asked for: every API
 * route answers it, and a server that refuses an origin for GET refuses it for the rest too.
 */
export function preflight(
  url: URL,
  origin: string,
  timeoutMs: number,
  secureContext?: SecureContext,
): ProbeRequest {
  return {
    url,
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET' },
    timeoutMs,
    secureContext,
  };
}

const allowOriginOf = (headers: IncomingHttpHeaders): string | undefined =>
  String(headers['access-control-allow-origin'] ?? '').trim() || undefined;

/** `cors-allowed`: the preflight succeeds (2xx) and allows the origin, by name or `*`. */
export function corsAllowedVerdict(status: number, headers: IncomingHttpHeaders, origin: string): Verdict {
  const allowOrigin = allowOriginOf(headers);
  if (status < 200 || status > 299)
    return fail(`preflight for ${origin} answered ${status}, not 2xx: browsers block the request`);
  if (allowOrigin === undefined)
    return fail(`no Access-Control-Allow-Origin for ${origin}: browsers block the request`);
  if (allowOrigin === '*') {
    const credentials = String(headers['access-control-allow-credentials'] ?? '').toLowerCase() === 'true';
    return credentials
      ? warn(`'*' with Access-Control-Allow-Credentials: true: browsers refuse that pair; echo the origin`)
      : pass(`${status}, every origin allowed ('*')`);
  }
  if (allowOrigin !== origin)
    return fail(`Access-Control-Allow-Origin is '${allowOrigin}', not ${origin}: browsers block the request`);
  return pass(`${status}, ${origin} allowed`);
}

/** `cors-refused`: an unknown origin is not allowed (no `*`, no echo). */
export function corsRefusedVerdict(status: number, headers: IncomingHttpHeaders, origin: string): Verdict {
  const allowOrigin = allowOriginOf(headers);
  if (allowOrigin === '*') return fail(`every origin is allowed (Access-Control-Allow-Origin: *)`);
  if (allowOrigin === origin) return fail(`${origin} is allowed: the server echoes any Origin`);
  return pass(
    `${origin} refused (${status}, ${allowOrigin ? `only ${allowOrigin} allowed` : 'no Access-Control-Allow-Origin'})`,
  );
}
