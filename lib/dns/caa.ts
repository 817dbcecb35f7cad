import type { DnsRecordSpec } from './dns-zone';

/**
 * The certificate authorities Amazon issues ACM certificates from. A CAA record naming them (and
 * no other) lets only ACM issue certificates for the zone.
 * Source: ACM User Guide, "Optional: Configure a CAA record".
 */
export const AMAZON_CAA_ISSUERS = ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com'];

/** Options of {@link amazonCaaRecord}. */
export interface AmazonCaaOptions {
  /** Name the CAA record set is on. @default the zone apex (CAA applies to every name below it) */
  readonly name?: string;
  /** Where CAs report refused issuance requests: `mailto:` or `https:` URL. @default none */
  readonly iodef?: string;
  /** Time to live, seconds. @default 3600 */
  readonly ttl?: number;
}

const IODEF = /^(mailto:[^\s"@]+@[^\s"@]+|https:\/\/[^\s"]+)$/;

/**
 * The CAA record set that lets only Amazon's certificate authorities issue certificates (wildcard
 * ones too: without an `issuewild` tag the `issue` tags govern them), in zone-file form.
 */
export function amazonCaaRecord(zoneName: string, options: AmazonCaaOptions = {}): DnsRecordSpec {
  const values = AMAZON_CAA_ISSUERS.map((issuer) => `0 issue "${issuer}"`);
  if (options.iodef !== undefined) {
    if (!IODEF.test(options.iodef)) {
      throw new Error(`CAA iodef: '${options.iodef}' must be a mailto: address or an https:// URL`);
    }
    values.push(`0 iodef "${options.iodef}"`);
  }
  return { name: options.name ?? zoneName, type: 'CAA', values, ttl: options.ttl ?? 3600 };
}
