import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { fail, pass, Verdict, warn } from './checks';
import { describeError, describeTlsCode, ProbeTimeout } from './probe';

/** What one TLS handshake showed about the server. */
export interface TlsFacts {
  /** Negotiated protocol, e.g. `TLSv1.3`. */
  readonly protocol: string;
  /** Whether the certificate chains to a trusted CA and covers the host name. */
  readonly trusted: boolean;
  /** Why it is not trusted: Node's verification code, e.g. `CERT_HAS_EXPIRED`. */
  readonly untrustedBecause?: string;
  /** The certificate's notAfter. */
  readonly expires: Date;
}

/** Fewer days left than this is a warning: time to find out why renewal has not happened. */
export const CERTIFICATE_WARN_DAYS = 21;

const DAY_MS = 86_400_000;
const ACCEPTED_PROTOCOLS = ['TLSv1.2', 'TLSv1.3'];

/**
 * One handshake that accepts whatever the server offers, down to TLS 1.0 and untrusted
 * certificates, so the checks can name what is wrong instead of only that the handshake failed.
 * Nothing is sent over it. A server offering TLS 1.2+ negotiates its best version here as with a browser.
 */
export function probeTls(url: URL, timeoutMs: number, secureContext: tls.SecureContext): Promise<TlsFacts> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      // SNI takes names only; checkServerIdentity falls back to `host` for an address.
      servername: isIP(host) ? undefined : host,
      secureContext, // trust.ts: accepts TLS 1.0 and up
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => socket.destroy(new ProbeTimeout(timeoutMs)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      resolve({
        protocol: socket.getProtocol() ?? 'unknown',
        trusted: socket.authorized,
        untrustedBecause: socket.authorized ? undefined : String(socket.authorizationError),
        expires: new Date(certificate.valid_to),
      });
      socket.end();
    });
    // `on`, not `once`: a late error after the handshake (while closing) must not go unhandled.
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** `tls-version`: TLS 1.2 or 1.3 was negotiated. */
export function tlsVersionVerdict(facts: TlsFacts): Verdict {
  return ACCEPTED_PROTOCOLS.includes(facts.protocol)
    ? pass(`${facts.protocol} negotiated`)
    : fail(`${facts.protocol} negotiated, the newest the server speaks: TLS 1.2 or newer required`);
}

/** `certificate`: trusted, for this host, and not about to expire. */
export function certificateVerdict(facts: TlsFacts, now: Date = new Date()): Verdict {
  const expires = facts.expires.toISOString().slice(0, 10);
  const msLeft = facts.expires.getTime() - now.getTime();
  if (msLeft < 0) {
    const daysAgo = Math.floor(-msLeft / DAY_MS);
    return fail(`expired on ${expires} (${daysAgo === 0 ? 'less than a day' : days(daysAgo)} ago)`);
  }
  const daysLeft = Math.floor(msLeft / DAY_MS);
  if (!facts.trusted)
    return fail(`not trusted: ${describeTlsCode(facts.untrustedBecause ?? 'unknown')}; expires ${expires}`);
  if (daysLeft < CERTIFICATE_WARN_DAYS)
    return warn(`${days(daysLeft)} left (expires ${expires}); renewal should have happened by now`);
  return pass(`trusted, ${days(daysLeft)} left (expires ${expires})`);
}

const days = (count: number): string => `${count} ${count === 1 ? 'day' : 'days'}`;

/** Both TLS checks from one handshake; a failed handshake fails both with its reason. */
export async function tlsVerdicts(
  url: URL,
  timeoutMs: number,
  secureContext: tls.SecureContext,
): Promise<{ version: Verdict; certificate: Verdict }> {
  try {
    const facts = await probeTls(url, timeoutMs, secureContext);
    return { version: tlsVersionVerdict(facts), certificate: certificateVerdict(facts) };
  } catch (error) {
    const why = fail(describeError(error));
    return { version: why, certificate: why };
  }
}
