import type { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { Ruleset } from '@cdktf/provider-cloudflare/lib/ruleset';
import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { Fn, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { AmazonCaaOptions, amazonCaaRecord } from './caa';
import type { AliasTarget, DnsRecordSpec, DnsZone } from './dns-zone';
import { assertDomainName, assertInZone } from './domain-names';
import { validateRecord } from './record-validation';

/** One rate-limiting rule of the zone's `http_ratelimit` phase. */
export interface CloudflareRateLimit {
  /** Path prefix the rule counts, e.g. `/api/`. */
  readonly pathPrefix: string;
  /** Requests one client (IP, per Cloudflare data centre) may send per period. */
  readonly requestsPerPeriod: number;
  /** Counting period, seconds: 10, 60, 120, 300, 600 or 3600 (the Free plan allows only 10). @default 60 */
  readonly periodSeconds?: number;
  /** How long the action applies to the client, seconds: 0 (throttle, Enterprise), 10, 60, 120, 300, 600, 3600 or 86400 (Free: 10). @default 60 */
  readonly mitigationTimeoutSeconds?: number;
  /** What happens to a client over the limit. @default 'block' */
  readonly action?: 'block' | 'managed_challenge' | 'log';
}

/** Props of {@link CloudflareZone}. */
export interface CloudflareZoneProps {
  /** Id of the existing zone (Cloudflare dashboard, zone overview). It is never created or deleted here. */
  readonly zoneId: string;
  /** The zone's apex, e.g. `example.com`. */
  readonly zoneName: string;
  /**
   * Manage the zone's TLS settings: SSL full (strict), always HTTPS, TLS 1.2 minimum, TLS 1.3,
   * HSTS (1 year, subdomains, nosniff, preload when {@link hstsPreload}).
   * @default true
   */
  readonly manageTlsSettings?: boolean;
  /** Ask browsers to preload HSTS (hard to undo: every subdomain must serve HTTPS for good). @default true */
  readonly hstsPreload?: boolean;
  /** Rate-limiting rules; the zone's `http_ratelimit` entrypoint ruleset is owned here when any is given. @default none */
  readonly rateLimits?: CloudflareRateLimit[];
}

/** Cloudflare's TTL for "automatic", the only TTL a proxied record has. */
const AUTOMATIC_TTL = 1;
const ONE_YEAR = 31536000;
/** Source: Cloudflare rate limiting rules, "Rule parameters" (available values vary by plan). */
export const RATE_LIMIT_PERIODS = [10, 60, 120, 300, 600, 3600];
/** Source: as {@link RATE_LIMIT_PERIODS}; 0 (throttle instead of a block period) is Enterprise only. */
export const RATE_LIMIT_TIMEOUTS = [0, 10, 60, 120, 300, 600, 3600, 86400];
const PROXIABLE = ['A', 'AAAA', 'CNAME'];
const CAA = /^(\d{1,3})\s+(issue|issuewild|iodef)\s+"([^"]*)"$/;
const MX = /^(\d{1,5})\s+(\S+)$/;

/**
 * An existing Cloudflare zone behind the {@link DnsZone} interface, with its TLS settings and
 * rate limits. The stack needs a `CloudflareProvider`, which reads its API token from the
 * `CLOUDFLARE_API_TOKEN` environment variable (help/dns.md).
 */
export class CloudflareZone extends Construct implements DnsZone {
  readonly provider = 'cloudflare' as const;
  readonly zoneName: string;
  /** The zone id. */
  readonly zoneId: string;
  /** The zone settings, by setting id. */
  readonly settings: Record<string, ZoneSetting> = {};
  /** The rate-limiting ruleset, when rate limits are given. */
  readonly rateLimitRuleset?: Ruleset;

  constructor(scope: Construct, id: string, props: CloudflareZoneProps) {
    super(scope, id);
    assertDomainName('CloudflareZone zoneName', props.zoneName);
    if (!Token.isUnresolved(props.zoneId) && !/^[0-9a-f]{32}$/.test(props.zoneId)) {
      throw new Error(`CloudflareZone zoneId: '${props.zoneId}' is not a zone id (32 hex characters)`);
    }
    this.zoneName = props.zoneName;
    this.zoneId = props.zoneId;
    if (props.manageTlsSettings ?? true) this.addTlsSettings(props.hstsPreload ?? true);
    const limits = props.rateLimits ?? [];
    if (limits.length > 0) this.rateLimitRuleset = this.addRateLimits(limits);
  }

  /** Adds the record set; Cloudflare keeps one record per value, so this is one `cloudflare_dns_record` per value. */
  addRecord(id: string, record: DnsRecordSpec): Construct {
    validateRecord(this.zoneName, id, record);
    const what = `CloudflareZone ${this.zoneName} record ${id}`;
    const proxied = record.proxied ?? false;
    if (proxied && !PROXIABLE.includes(record.type)) {
      throw new Error(`${what}: only A, AAAA and CNAME records can be proxied, not ${record.type}`);
    }
    const ttl = proxied ? AUTOMATIC_TTL : (record.ttl ?? 300);
    if (ttl !== AUTOMATIC_TTL && (!Number.isInteger(ttl) || ttl < 60 || ttl > 86400)) {
      throw new Error(`${what}: ttl must be 60-86400 seconds (or 1, automatic), got ${ttl}`);
    }
    const group = new Construct(this, id);
    for (const value of record.values) {
      // Keyed by value, not position: reordering the values must not replace records.
      const key = createHash('sha256').update(value).digest('hex').slice(0, 8);
      const dnsRecord = new DnsRecord(group, `${record.type}-${key}`, {
        zoneId: this.zoneId,
        name: record.name,
        type: record.type,
        ttl,
        ...(PROXIABLE.includes(record.type) ? { proxied } : {}),
        ...recordContent(what, record.type, value),
      });
      if (record.type === 'CAA') {
        // `flags` is a dynamic value the generated class types as a map; set the number directly.
        dnsRecord.addOverride('data.flags', Number(CAA.exec(value)![1]));
      }
    }
    return group;
  }

  /** A CNAME to the endpoint; at the apex Cloudflare flattens it (answers with the target's addresses). */
  addAlias(
    id: string,
    name: string,
    target: AliasTarget,
    options: { readonly proxied?: boolean } = {},
  ): Construct {
    assertDomainName(`CloudflareZone ${this.zoneName} alias ${id}: name`, name, true);
    assertInZone(`CloudflareZone ${this.zoneName} alias ${id}: name`, name, this.zoneName);
    const proxied = options.proxied ?? false;
    return new DnsRecord(this, id, {
      zoneId: this.zoneId,
      name,
      type: 'CNAME',
      content: target.dnsName,
      proxied,
      ttl: proxied ? AUTOMATIC_TTL : 300,
      comment: 'Alias to an AWS endpoint (apex CNAMEs are flattened by Cloudflare)',
    });
  }

  addCertificateValidation(id: string, certificate: AcmCertificate): string[] {
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, 'domain_name');
    // Never proxied: ACM must see the CNAME itself. Cloudflare stores names without the trailing dot ACM gives.
    const records = new DnsRecord(this, id, {
      forEach: options,
      zoneId: this.zoneId,
      name: Fn.trimsuffix(options.getString('resource_record_name'), '.'),
      type: options.getString('resource_record_type'),
      content: Fn.trimsuffix(options.getString('resource_record_value'), '.'),
      proxied: false,
      ttl: 60,
      comment: 'ACM certificate validation',
    });
    return Token.asList(TerraformIterator.fromResources(records).pluckProperty('name'));
  }

  /** CAA records letting only Amazon's CAs (ACM) issue certificates for the zone. */
  addAmazonCaa(id: string, options: AmazonCaaOptions = {}): Construct {
    return this.addRecord(id, amazonCaaRecord(this.zoneName, options));
  }

  private addTlsSettings(preload: boolean): void {
    const values: Record<string, unknown> = {
      ssl: 'strict',
      always_use_https: 'on',
      min_tls_version: '1.2',
      tls_1_3: 'on',
      security_header: {
        strict_transport_security: {
          enabled: true,
          max_age: ONE_YEAR,
          include_subdomains: true,
          preload,
          nosniff: true,
        },
      },
    };
    for (const [settingId, value] of Object.entries(values)) {
      const setting = new ZoneSetting(this, settingId, { zoneId: this.zoneId, settingId, value: {} });
      // `value` is dynamic (a string or an object per setting); the generated class only types a map.
      setting.addOverride('value', value);
      this.settings[settingId] = setting;
    }
  }

  private addRateLimits(limits: CloudflareRateLimit[]): Ruleset {
    const rules = limits.map((limit, index) => {
      const what = `CloudflareZone ${this.zoneName} rateLimits[${index}]`;
      const period = limit.periodSeconds ?? 60;
      const timeout = limit.mitigationTimeoutSeconds ?? 60;
      if (!/^\/[A-Za-z0-9._~\-/]*$/.test(limit.pathPrefix)) {
        throw new Error(
          `${what}: pathPrefix must start with '/' and hold only URL path characters, got '${limit.pathPrefix}'`,
        );
      }
      if (!Number.isInteger(limit.requestsPerPeriod) || limit.requestsPerPeriod < 1) {
        throw new Error(
          `${what}: requestsPerPeriod must be a positive integer, got ${limit.requestsPerPeriod}`,
        );
      }
      if (!RATE_LIMIT_PERIODS.includes(period)) {
        throw new Error(
          `${what}: periodSeconds must be one of ${RATE_LIMIT_PERIODS.join(', ')}, got ${period}`,
        );
      }
      if (!RATE_LIMIT_TIMEOUTS.includes(timeout)) {
        throw new Error(
          `${what}: mitigationTimeoutSeconds must be one of ${RATE_LIMIT_TIMEOUTS.join(', ')}, got ${timeout}`,
        );
      }
      const action = limit.action ?? 'block';
      return {
        description: `At most ${limit.requestsPerPeriod} requests per ${period} s per client to ${limit.pathPrefix}`,
        expression: `(http.request.uri.path wildcard "${limit.pathPrefix}*")`,
        action,
        enabled: true,
        ratelimit: {
          characteristics: ['cf.colo.id', 'ip.src'],
          period,
          requestsPerPeriod: limit.requestsPerPeriod,
          mitigationTimeout: timeout,
        },
      };
    });
    const prefixes = limits.map((l) => l.pathPrefix);
    const duplicate = prefixes.find((p, i) => prefixes.indexOf(p) !== i);
    if (duplicate !== undefined) {
      throw new Error(`CloudflareZone ${this.zoneName} rateLimits: pathPrefix '${duplicate}' appears twice`);
    }
    return new Ruleset(this, 'rate-limits', {
      zoneId: this.zoneId,
      name: 'Rate limits (platform-infra)',
      description: 'Managed by Terraform: per-client rate limits',
      kind: 'zone',
      phase: 'http_ratelimit',
      rules,
    });
  }
}

/** The content fields of a Cloudflare record for one zone-file value. */
function recordContent(
  what: string,
  type: DnsRecordSpec['type'],
  value: string,
): { content?: string; priority?: number; data?: { tag: string; value: string } } {
  if (Token.isUnresolved(value)) {
    if (type === 'CAA' || type === 'MX') throw new Error(`${what}: ${type} values must be literal`);
    return { content: value };
  }
  if (type === 'CAA') {
    const caa = CAA.exec(value);
    if (!caa) throw new Error(`${what}: CAA value '${value}' is not of the form 0 issue "amazon.com"`);
    return { data: { tag: caa[2], value: caa[3] } };
  }
  if (type === 'MX') {
    const mx = MX.exec(value);
    if (!mx) throw new Error(`${what}: MX value '${value}' is not of the form '10 mail.example.com'`);
    return { priority: Number(mx[1]), content: mx[2].replace(/\.$/, '') };
  }
  return { content: value };
}
