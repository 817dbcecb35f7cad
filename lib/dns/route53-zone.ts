import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone as HostedZone } from '@cdktf/provider-aws/lib/route53-zone';
import type { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ThresholdAlarm } from '../observability/threshold-alarm';
import { resourceName } from '../naming';
import { AmazonCaaOptions, amazonCaaRecord } from './caa';
import type { AliasTarget, DnsRecordSpec, DnsZone } from './dns-zone';
import { arnRegion, assertDomainName, assertInZone } from './domain-names';
import { CLOUDFRONT_HOSTED_ZONE_ID, validateRecord } from './record-validation';

/** Props of {@link Route53Zone}. */
export interface Route53ZoneProps {
  /** The zone's apex, e.g. `example.com`. */
  readonly zoneName: string;
  /**
   * Create the public hosted zone here. Otherwise the zone exists already (created by hand or by
   * another stack) and is looked up by {@link zoneId} or by name.
   * @default false (look it up)
   */
  readonly createZone?: boolean;
  /** Look-up only: the existing zone's id, when several zones share the name. @default look up by name */
  readonly zoneId?: string;
  /** Created zone only: its comment. @default 'Managed by Terraform (platform-infra)' */
  readonly comment?: string;
  /** Created zone only: refuse `terraform destroy` (a new zone gets new name servers, breaking delegation). @default true */
  readonly preventDestroy?: boolean;
}

/** Props of {@link Route53Zone.addHealthCheck}. */
export interface Route53HealthCheckProps {
  /** The name checked, `https://<domain><resourcePath>`; must be inside the zone. */
  readonly domain: string;
  /** Alarm name parts, e.g. `['platform-prod', 'api']`. */
  readonly nameParts: string[];
  /**
   * SNS topic the alarm notifies. It must be in us-east-1: Route 53 health check metrics exist
   * only there, so the alarm is created there, and an alarm can only notify a topic of its region.
   */
  readonly alertTopicArn: string;
  /** Path requested. @default '/health' */
  readonly resourcePath?: string;
  /** Consecutive failed checks before a checker calls the endpoint unhealthy, 1-10. @default 3 */
  readonly failureThreshold?: number;
  /** Seconds between checks from each checker: 10 (fast, costs more) or 30. @default 30 */
  readonly requestInterval?: 10 | 30;
  /** Record the latency graphs in the Route 53 console (cannot be changed after creation). @default true */
  readonly measureLatency?: boolean;
  /** Minutes the endpoint must be unhealthy before the alarm fires. @default 2 */
  readonly alarmAfterMinutes?: number;
}

/** A Route 53 health check and its alarm. */
export interface Route53HealthCheckResult {
  /** The health check. */
  readonly healthCheck: Route53HealthCheck;
  /** The alarm on its `HealthCheckStatus`, in us-east-1. */
  readonly alarm: ThresholdAlarm;
}

/** The region where Route 53 publishes its health check metrics. */
export const ROUTE53_METRICS_REGION = 'us-east-1';

/**
 * A public Route 53 hosted zone, created here or looked up, behind the {@link DnsZone}
 * interface; plus the Route 53-only extras: Amazon-only CAA records and HTTPS health checks.
 */
export class Route53Zone extends Construct implements DnsZone {
  readonly provider = 'route53' as const;
  readonly zoneName: string;
  /** The hosted zone id. */
  readonly zoneId: string;
  /** The name servers to delegate to (at the registrar or the parent zone). */
  readonly nameServers: string[];
  /** The hosted zone, when created here. */
  readonly hostedZone?: HostedZone;
  /** The look-up, when the zone exists already. */
  readonly lookup?: DataAwsRoute53Zone;

  constructor(scope: Construct, id: string, props: Route53ZoneProps) {
    super(scope, id);
    assertDomainName('Route53Zone zoneName', props.zoneName);
    this.zoneName = props.zoneName;
    if (props.createZone) {
      if (props.zoneId !== undefined) {
        throw new Error('Route53Zone: zoneId is for looking up an existing zone; drop it or createZone');
      }
      this.hostedZone = new HostedZone(this, 'zone', {
        name: props.zoneName,
        comment: props.comment ?? 'Managed by Terraform (platform-infra)',
        lifecycle: { preventDestroy: props.preventDestroy ?? true },
      });
      this.zoneId = this.hostedZone.zoneId;
      this.nameServers = this.hostedZone.nameServers;
    } else {
      this.lookup = new DataAwsRoute53Zone(this, 'zone', {
        ...(props.zoneId !== undefined ? { zoneId: props.zoneId } : { name: props.zoneName }),
        privateZone: false,
      });
      this.zoneId = this.lookup.zoneId;
      this.nameServers = this.lookup.nameServers;
    }
  }

  addRecord(id: string, record: DnsRecordSpec): Route53Record {
    validateRecord(this.zoneName, id, record);
    const ttl = record.ttl ?? 300;
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > 2147483647) {
      throw new Error(
        `Route53Zone ${this.zoneName} record ${id}: ttl must be 0-2147483647 seconds, got ${ttl}`,
      );
    }
    return new Route53Record(this, id, {
      zoneId: this.zoneId,
      name: record.name,
      type: record.type,
      ttl,
      records: record.values,
    });
  }

  addAlias(id: string, name: string, target: AliasTarget): Construct {
    assertDomainName(`Route53Zone ${this.zoneName} alias ${id}: name`, name, true);
    assertInZone(`Route53Zone ${this.zoneName} alias ${id}: name`, name, this.zoneName);
    const cloudFront = target.hostedZoneId === CLOUDFRONT_HOSTED_ZONE_ID;
    if (cloudFront && target.evaluateTargetHealth === true) {
      throw new Error(
        `Route53Zone ${this.zoneName} alias ${id}: evaluateTargetHealth is not supported for CloudFront targets`,
      );
    }
    const group = new Construct(this, id);
    for (const type of ['A', 'AAAA']) {
      new Route53Record(group, type, {
        zoneId: this.zoneId,
        name,
        type,
        alias: {
          name: target.dnsName,
          zoneId: target.hostedZoneId,
          evaluateTargetHealth: target.evaluateTargetHealth ?? !cloudFront,
        },
      });
    }
    return group;
  }

  addCertificateValidation(id: string, certificate: AcmCertificate): string[] {
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, 'domain_name');
    // One record per name of the certificate; a wildcard and its apex ask for the same record, hence allow_overwrite.
    const records = new Route53Record(this, id, {
      forEach: options,
      zoneId: this.zoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });
    return Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn'));
  }

  /** CAA records letting only Amazon's CAs (ACM) issue certificates for the zone. */
  addAmazonCaa(id: string, options: AmazonCaaOptions = {}): Route53Record {
    return this.addRecord(id, amazonCaaRecord(this.zoneName, options));
  }

  /**
   * A Route 53 HTTPS health check of `https://<domain><resourcePath>` (port 443, SNI) and an alarm
   * on its `HealthCheckStatus`, created in us-east-1 where the metric lives.
   */
  addHealthCheck(id: string, props: Route53HealthCheckProps): Route53HealthCheckResult {
    const what = `Route53Zone ${this.zoneName} health check ${id}`;
    assertDomainName(`${what}: domain`, props.domain);
    assertInZone(`${what}: domain`, props.domain, this.zoneName);
    const path = props.resourcePath ?? '/health';
    const failureThreshold = props.failureThreshold ?? 3;
    const requestInterval = props.requestInterval ?? 30;
    const alarmMinutes = props.alarmAfterMinutes ?? 2;
    if (!path.startsWith('/') || path.length > 255) {
      throw new Error(
        `${what}: resourcePath must start with '/' and be at most 255 characters, got '${path}'`,
      );
    }
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1 || failureThreshold > 10) {
      throw new Error(`${what}: failureThreshold must be an integer 1-10, got ${failureThreshold}`);
    }
    if (requestInterval !== 10 && requestInterval !== 30) {
      throw new Error(`${what}: requestInterval must be 10 or 30 seconds, got ${String(requestInterval)}`);
    }
    if (!Number.isInteger(alarmMinutes) || alarmMinutes < 1) {
      throw new Error(`${what}: alarmAfterMinutes must be a whole number of minutes, got ${alarmMinutes}`);
    }
    const topicRegion = arnRegion(props.alertTopicArn);
    if (topicRegion !== undefined && topicRegion !== ROUTE53_METRICS_REGION) {
      throw new Error(
        `${what}: alertTopicArn must be a topic in ${ROUTE53_METRICS_REGION} (the alarm's region), got ${topicRegion}`,
      );
    }
    const scope = new Construct(this, id);
    const healthCheck = new Route53HealthCheck(scope, 'check', {
      type: 'HTTPS',
      fqdn: props.domain,
      port: 443,
      enableSni: true,
      resourcePath: path,
      failureThreshold,
      requestInterval,
      measureLatency: props.measureLatency ?? true,
      tags: { Name: resourceName('generic', ...props.nameParts, 'health') },
    });
    const alarm = new ThresholdAlarm(scope, 'alarm', {
      nameParts: [...props.nameParts, 'health-check'],
      description: `https://${props.domain}${path} fails Route 53 health checks. Check the load balancer's healthy targets and the service's logs.`,
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensions: { HealthCheckId: healthCheck.id },
      statistic: 'Minimum',
      threshold: 1,
      comparison: 'LessThanThreshold',
      periodSeconds: 60,
      evaluationPeriods: alarmMinutes,
      topicArn: props.alertTopicArn,
      treatMissingData: 'breaching',
      region: ROUTE53_METRICS_REGION,
    });
    return { healthCheck, alarm };
  }
}
