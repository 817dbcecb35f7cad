import type { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import type { Construct } from 'constructs';

/** The DNS providers a zone can live at. */
export type DnsProviderKind = 'route53' | 'cloudflare';

/** One DNS record set. */
export interface DnsRecordSpec {
  /** Fully qualified name, e.g. `api.example.com` (the zone apex is the zone name itself). */
  readonly name: string;
  /** Record type. */
  readonly type: 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'CAA' | 'MX';
  /** Values, in the provider-neutral zone-file form (e.g. CAA `0 issue "amazon.com"`). */
  readonly values: string[];
  /** Time to live, seconds. @default 300 */
  readonly ttl?: number;
  /** Cloudflare only: serve through Cloudflare's proxy (CDN, WAF). Route 53 ignores it. @default false */
  readonly proxied?: boolean;
}

/** An AWS endpoint a name can point at: a load balancer or a CloudFront distribution. */
export interface AliasTarget {
  /** The endpoint's DNS name, e.g. the ALB's `dns_name` or the distribution's `domain_name`. */
  readonly dnsName: string;
  /** The endpoint's hosted zone id (Route 53 alias target); Cloudflare does not need it. */
  readonly hostedZoneId: string;
  /**
   * Route 53 only: answer only while the target is healthy. AWS refuses `true` for a CloudFront
   * distribution, so it is off whenever `hostedZoneId` is CloudFront's (`Z2FDTNDATAQYW2`).
   * @default true (false for CloudFront)
   */
  readonly evaluateTargetHealth?: boolean;
}

/**
 * A DNS zone, at Route 53 or at Cloudflare: the one interface the edge constructs use, so an
 * environment moves between providers by config (help/dns.md).
 */
export interface DnsZone {
  /** Which provider hosts the zone. */
  readonly provider: DnsProviderKind;
  /** The zone's apex, e.g. `example.com`. */
  readonly zoneName: string;
  /** Adds a record set. `id` is the construct id, unique within the zone. */
  addRecord(id: string, record: DnsRecordSpec): Construct;
  /**
   * Points `name` at an AWS endpoint: Route 53 alias A and AAAA records; at Cloudflare a CNAME
   * (flattened at the apex), proxied when `proxied` is true.
   */
  addAlias(
    id: string,
    name: string,
    target: AliasTarget,
    options?: { readonly proxied?: boolean },
  ): Construct;
  /**
   * Creates the DNS records that prove control of every name of `certificate` to ACM (never
   * proxied), and returns their fully qualified names for `aws_acm_certificate_validation`.
   */
  addCertificateValidation(id: string, certificate: AcmCertificate): string[];
}
