import { TerraformOutput } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { CloudflareZone, DnsZone, Route53Zone } from '../../lib/dns';
import { Certificate, CertificateProps } from '../../lib/edge/certificate';
import {
  onlyResource,
  onlyResourceId,
  ref,
  resources,
  synthConstructs,
  TerraformJson,
} from '../support/synth';

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:platform-prod-alerts';

function synthCertificate(
  props: Partial<CertificateProps> = {},
  provider: 'route53' | 'cloudflare' = 'route53',
): { json: TerraformJson; certificate: Certificate } {
  let certificate: Certificate | undefined;
  const json = synthConstructs((scope) => {
    let zone: DnsZone;
    if (provider === 'cloudflare') {
      new CloudflareProvider(scope, 'cloudflare');
      zone = new CloudflareZone(scope, 'zone', {
        zoneName: 'example.com',
        zoneId: '0123456789abcdef0123456789abcdef',
      });
    } else {
      zone = new Route53Zone(scope, 'zone', { zoneName: 'example.com' });
    }
    certificate = new Certificate(scope, 'cert', { domainName: 'example.com', zone, ...props });
  });
  return { json, certificate: certificate! };
}

function errorFor(props: Partial<CertificateProps>): string {
  try {
    synthCertificate(props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`Certificate accepted ${JSON.stringify(props)}`);
}

describe('Certificate', () => {
  test('defaults: DNS validation, RSA 2048, create before destroy, provider region', () => {
    const { json } = synthCertificate();
    const certificate = onlyResource(json, 'aws_acm_certificate');
    expect(certificate).toMatchObject({
      domain_name: 'example.com',
      validation_method: 'DNS',
      key_algorithm: 'RSA_2048',
      lifecycle: { create_before_destroy: true },
    });
    expect(certificate.region).toBeUndefined();
    expect(certificate.subject_alternative_names).toBeUndefined();
    expect(resources(json, 'aws_cloudwatch_metric_alarm')).toEqual({});
  });

  test('validation is wired through the zone, and certificateArn waits for it', () => {
    const { json, certificate } = synthCertificate();
    const certificateId = onlyResourceId(json, 'aws_acm_certificate');
    const recordId = onlyResourceId(json, 'aws_route53_record');
    const validation = onlyResource(json, 'aws_acm_certificate_validation');
    expect(validation.certificate_arn).toBe(ref('aws_acm_certificate', certificateId, 'arn'));
    expect(validation.validation_record_fqdns).toBe(
      `\${[ for key, val in aws_route53_record.${recordId}: val.fqdn]}`,
    );
    expect(onlyResource(json, 'aws_route53_record').for_each).toContain(
      `aws_acm_certificate.${certificateId}.domain_validation_options`,
    );
    const withOutput = synthConstructs((scope) => {
      const zone = new Route53Zone(scope, 'zone', { zoneName: 'example.com' });
      const cert = new Certificate(scope, 'cert', { domainName: 'example.com', zone });
      new TerraformOutput(scope, 'arn', { value: cert.certificateArn });
    });
    const validationId = onlyResourceId(withOutput, 'aws_acm_certificate_validation');
    expect(withOutput.output?.arn.value).toBe(
      ref('aws_acm_certificate_validation', validationId, 'certificate_arn'),
    );
    expect(certificate.validation).toBeDefined();
  });

  test('through Cloudflare: unproxied validation records, names as FQDNs', () => {
    const { json } = synthCertificate({ subjectAlternativeNames: ['www.example.com'] }, 'cloudflare');
    const recordId = onlyResourceId(json, 'cloudflare_dns_record');
    expect(onlyResource(json, 'cloudflare_dns_record').proxied).toBe(false);
    expect(onlyResource(json, 'aws_acm_certificate_validation').validation_record_fqdns).toBe(
      `\${[ for key, val in cloudflare_dns_record.${recordId}: val.name]}`,
    );
  });

  test('SANs (wildcard included), deduplicated, without the domain name', () => {
    const { json } = synthCertificate({
      subjectAlternativeNames: ['*.example.com', 'example.com', 'api.eu.example.com', '*.example.com'],
    });
    expect(onlyResource(json, 'aws_acm_certificate').subject_alternative_names).toEqual([
      '*.example.com',
      'api.eu.example.com',
    ]);
  });

  test('region, EC key and expiry alarm in the certificate region', () => {
    const { json } = synthCertificate({
      region: 'us-east-1',
      keyAlgorithm: 'EC_prime256v1',
      expiryAlarmTopicArn: TOPIC,
      alarmNameParts: ['platform-prod', 'cdn'],
    });
    const certificateId = onlyResourceId(json, 'aws_acm_certificate');
    expect(onlyResource(json, 'aws_acm_certificate')).toMatchObject({
      region: 'us-east-1',
      key_algorithm: 'EC_prime256v1',
    });
    expect(onlyResource(json, 'aws_acm_certificate_validation')).toMatchObject({ region: 'us-east-1' });
    expect(onlyResource(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'platform-prod-cdn-certificate-expiry',
      region: 'us-east-1',
      namespace: 'AWS/CertificateManager',
      metric_name: 'DaysToExpiry',
      dimensions: { CertificateArn: ref('aws_acm_certificate', certificateId, 'arn') },
      statistic: 'Minimum',
      threshold: 30,
      comparison_operator: 'LessThanThreshold',
      period: 86400,
      alarm_actions: [TOPIC],
    });
  });

  test.each<[string, Partial<CertificateProps>, RegExp]>([
    ['a domain with a space', { domainName: 'exa mple.com' }, /domainName: 'exa mple.com' label 'exa mple'/],
    ['an upper-case domain', { domainName: 'WWW.example.com' }, /must be lower case/],
    ['a one-label domain', { domainName: 'localhost' }, /at least two labels/],
    ['a trailing dot', { domainName: 'example.com.' }, /must not end with a dot/],
    [
      'a domain outside the zone',
      { domainName: 'example.org' },
      /domainName 'example.org' is outside the zone example.com/,
    ],
    [
      'a SAN outside the zone',
      { subjectAlternativeNames: ['www.example.org'] },
      /SAN outside the zone example.com: 'www.example.org'/,
    ],
    [
      'a SAN that only ends like the zone',
      { subjectAlternativeNames: ['badexample.com'] },
      /SAN outside the zone/,
    ],
    ['a wildcard in the middle', { subjectAlternativeNames: ['api.*.example.com'] }, /label '\*'/],
    [
      'an unknown key algorithm',
      { keyAlgorithm: 'RSA_4096' as never },
      /keyAlgorithm must be RSA_2048 or EC_prime256v1/,
    ],
    [
      'an alarm topic in another region',
      { region: 'us-east-1', expiryAlarmTopicArn: 'arn:aws:sns:eu-west-1:2:a' },
      /expiryAlarmTopicArn must be a topic in us-east-1/,
    ],
  ])('refuses %s', (_, props, message) => {
    expect(errorFor(props)).toMatch(message);
  });
});
