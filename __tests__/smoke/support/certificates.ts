import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generate } from 'selfsigned';

/** A server certificate and its key, PEM. */
export interface ServerCertificate {
  /** Certificate, PEM. */
  readonly cert: string;
  /** Private key, PEM. */
  readonly key: string;
}

/** A test CA (its PEM written to a file for `--ca`) and server certificates it signed. */
export interface TestCertificates {
  /** The CA bundle file to pass with `--ca`. */
  readonly caFile: string;
  /** For 127.0.0.1 and localhost, valid for a year. */
  readonly valid: ServerCertificate;
  /** Valid, but ends in {@link EXPIRING_DAYS} days and a few hours. */
  readonly expiring: ServerCertificate;
  /** Ended yesterday. */
  readonly expired: ServerCertificate;
  /** Removes the CA file's folder. */
  readonly cleanup: () => void;
}

/** Days left on the expiring certificate: under the CLI's 21-day warning. */
export const EXPIRING_DAYS = 10;

const DAY_MS = 86_400_000;

/** EC keys: an RSA key takes a few hundred ms to make, P-256 a few. */
const KEY = { keyType: 'ec', algorithm: 'sha256' } as const;

/** Makes a CA and server certificates for 127.0.0.1 and localhost; nothing is trusted system-wide. */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const ca = await generate([{ name: 'commonName', value: 'platform-infra smoke test CA' }], {
    ...KEY,
    notAfterDate: new Date(Date.now() + 2 * 365 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = async (notBeforeDate: Date, notAfterDate: Date): Promise<ServerCertificate> => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      ...KEY,
      notBeforeDate,
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    return { cert: pems.cert, key: pems.private };
  };
  const now = Date.now();
  const folder = mkdtempSync(path.join(tmpdir(), 'smoke-ca-'));
  const caFile = path.join(folder, 'ca.pem');
  writeFileSync(caFile, ca.cert);
  return {
    caFile,
    valid: await server(new Date(now - DAY_MS), new Date(now + 365 * DAY_MS)),
    expiring: await server(new Date(now - DAY_MS), new Date(now + EXPIRING_DAYS * DAY_MS + 3_600_000)),
    expired: await server(new Date(now - 30 * DAY_MS), new Date(now - DAY_MS)),
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}
