import * as tls from 'node:tls';

/** Which CAs a run trusts, as ready-made TLS client contexts. */
export interface Trust {
  /** For every HTTPS and WebSocket check: Node's defaults (TLS 1.2 or newer). @default Node's own */
  readonly checks?: tls.SecureContext;
  /** For the TLS probe only: the same CAs, but any TLS version, so it can name an old one. */
  readonly probe: tls.SecureContext;
}

/**
 * OpenSSL 3 refuses TLS 1.0/1.1 above security level 0: without this a TLS 1.1 server could only be
 * reported as "handshake failed", not as the version it offers.
 */
const PROBE_SETTINGS = { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;

const madeFor = new Map<string, Trust>();

/**
 * Contexts trusting Node's built-in roots plus `extraCa` (Node's `ca` option replaces the roots,
 * so they are passed again). Made once per set of CAs: each parses ~140 roots, 30 ms or more.
 */
export function trustFor(extraCa: readonly string[]): Trust {
  const key = extraCa.join('\n');
  let trust = madeFor.get(key);
  if (trust === undefined) {
    const ca = extraCa.length > 0 ? [...tls.rootCertificates, ...extraCa] : undefined;
    trust = {
      checks: ca && tls.createSecureContext({ ca }),
      probe: tls.createSecureContext({ ca, ...PROBE_SETTINGS }),
    };
    madeFor.set(key, trust);
  }
  return trust;
}
