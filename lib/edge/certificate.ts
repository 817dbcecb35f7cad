import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { DnsZone } from '../dns/dns-zone';
import { arnRegion, assertDomainName, isInZone } from '../dns/domain-names';
import { ThresholdAlarm } from '../observability/threshold-alarm';

/** Key algorithms of an ACM certificate this library offers. */
export type CertificateKeyAlgorithm = 'RSA_2048' | 'EC_prime256v1';

/** Props of {@link Certificate}. */
export interface CertificateProps {
  /** The certificate's main name, e.g. `example.com` or `*.example.com`; inside the zone. */
  readonly domainName: string;
  /** Further names, each inside the zone (a wildcard covers one label). @default none */
  readonly subjectAlternativeNames?: string[];
  /** The zone that proves control of every name to ACM (Route 53 or Cloudflare). */
  readonly zone: DnsZone;
  /** Key algorithm: RSA 2048 works with every client; ECDSA P-256 is smaller and faster. @default 'RSA_2048' */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  /** Region of the certificate: `us-east-1` for CloudFront. @default the AWS provider's region */
  readonly region?: string;
  /**
   * Alarm when fewer than 30 days are left (ACM renews about 60 days ahead, so this means a
   * renewal stuck on DNS validation): an SNS topic in the certificate's region.
   * @default no alarm
   */
  readonly expiryAlarmTopicArn?: string;
  /** Alarm name parts, e.g. `['platform-prod', 'edge']`. @default the domain name */
  readonly alarmNameParts?: string[];
}

/** Days to expiry below which the alarm fires. */
export const CERTIFICATE_EXPIRY_ALARM_DAYS = 30;

/**
 * A public ACM certificate validated by DNS in the given zone, replaced before it is destroyed.
 * Use {@link certificateArn}: it resolves only once ACM has issued the certificate, so listeners
 * and distributions wait for it.
 */
export class Certificate extends Construct {
  /** The certificate. */
  readonly certificate: AcmCertificate;
  /** The wait for issuance. */
  readonly validation: AcmCertificateValidation;
  /** ARN of the issued certificate (through the validation, so users wait for issuance). */
  readonly certificateArn: string;
  /** The expiry alarm, when asked for. */
  readonly expiryAlarm?: ThresholdAlarm;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const what = `Certificate ${props.domainName}`;
    const zoneName = props.zone.zoneName;
    assertDomainName(`${what}: domainName`, props.domainName, true);
    if (!Token.isUnresolved(props.domainName) && !isInZone(props.domainName, zoneName)) {
      throw new Error(`${what}: domainName '${props.domainName}' is outside the zone ${zoneName}`);
    }
    const sans: string[] = [];
    for (const san of props.subjectAlternativeNames ?? []) {
      assertDomainName(`${what}: subjectAlternativeNames`, san, true);
      if (!Token.isUnresolved(san) && !isInZone(san, zoneName)) {
        throw new Error(`${what}: SAN outside the zone ${zoneName}: '${san}'`);
      }
      // ACM lists the domain name among the SANs by itself; a repeat would only show as a diff.
      if (san !== props.domainName && !sans.includes(san)) sans.push(san);
    }
    const keyAlgorithm = props.keyAlgorithm ?? 'RSA_2048';
    if (keyAlgorithm !== 'RSA_2048' && keyAlgorithm !== 'EC_prime256v1') {
      throw new Error(
        `${what}: keyAlgorithm must be RSA_2048 or EC_prime256v1, got '${String(keyAlgorithm)}'`,
      );
    }
    const region = props.region !== undefined ? { region: props.region } : {};

    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: sans.length > 0 ? sans : undefined,
      validationMethod: 'DNS',
      keyAlgorithm,
      ...region,
      // A changed name list makes a new certificate: issue it before the old one is released.
      lifecycle: { createBeforeDestroy: true },
    });
    const fqdns = props.zone.addCertificateValidation(
      `${this.node.scopes
        .slice(1)
        .map((c) => c.node.id)
        .join('-')}-validation`,
      this.certificate,
    );
    this.validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: fqdns,
      ...region,
    });
    this.certificateArn = this.validation.certificateArn;

    if (props.expiryAlarmTopicArn !== undefined) {
      const topicRegion = arnRegion(props.expiryAlarmTopicArn);
      if (props.region !== undefined && topicRegion !== undefined && topicRegion !== props.region) {
        throw new Error(
          `${what}: expiryAlarmTopicArn must be a topic in ${props.region} (the certificate's region), got ${topicRegion}`,
        );
      }
      this.expiryAlarm = new ThresholdAlarm(this, 'expiry', {
        nameParts: [
          ...(props.alarmNameParts ?? [props.domainName.replace(/^\*\./, 'wildcard.')]),
          'certificate-expiry',
        ],
        description: `The ACM certificate for ${props.domainName} expires in under ${CERTIFICATE_EXPIRY_ALARM_DAYS} days: its renewal is stuck. Check that its DNS validation records still exist.`,
        namespace: 'AWS/CertificateManager',
        metricName: 'DaysToExpiry',
        dimensions: { CertificateArn: this.certificate.arn },
        statistic: 'Minimum',
        threshold: CERTIFICATE_EXPIRY_ALARM_DAYS,
        comparison: 'LessThanThreshold',
        // ACM publishes the metric once a day.
        periodSeconds: 86400,
        evaluationPeriods: 1,
        topicArn: props.expiryAlarmTopicArn,
        region: props.region,
      });
    }
  }
}
