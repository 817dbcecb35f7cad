import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AMAZON_CAA_ISSUERS } from '../../lib/dns';
import { onlyResource, onlyResourceId, ref, resources } from '../support/synth';
import { all, errorOf, synthRoute53, US_EAST_TOPIC } from './synth-dns';

const ALB = { dnsName: 'alb-123.eu-west-1.elb.amazonaws.com', hostedZoneId: 'Z32O12XQLNTSW2' };

describe('Route53Zone', () => {
  test('looks the zone up by name by default, creating nothing', () => {
    const json = synthRoute53();
    expect(json.data?.aws_route53_zone).toBeDefined();
    expect(Object.values(json.data!.aws_route53_zone)[0]).toMatchObject({
      name: 'example.com',
      private_zone: false,
    });
    expect(resources(json, 'aws_route53_zone')).toEqual({});
  });

  test('looks the zone up by id when given', () => {
    const json = synthRoute53(undefined, { zoneId: 'Z0123456789' });
    expect(Object.values(json.data!.aws_route53_zone)[0]).toMatchObject({ zone_id: 'Z0123456789' });
  });

  test('creates the zone, protected from destroy, when asked', () => {
    const json = synthRoute53(
      (zone) => zone.addRecord('www', { name: 'www.example.com', type: 'A', values: ['192.0.2.1'] }),
      {
        createZone: true,
      },
    );
    const zone = onlyResource(json, 'aws_route53_zone');
    expect(zone).toMatchObject({ name: 'example.com', lifecycle: { prevent_destroy: true } });
    expect(onlyResource(json, 'aws_route53_record').zone_id).toBe(
      ref('aws_route53_zone', onlyResourceId(json, 'aws_route53_zone'), 'zone_id'),
    );
  });

  test('addRecord writes a record set with TTL 300 by default', () => {
    const json = synthRoute53((zone) =>
      zone.addRecord('spf', { name: 'example.com', type: 'TXT', values: ['v=spf1 -all'] }),
    );
    expect(onlyResource(json, 'aws_route53_record')).toMatchObject({
      name: 'example.com',
      type: 'TXT',
      ttl: 300,
      records: ['v=spf1 -all'],
    });
  });

  test('addAlias writes alias A and AAAA records that evaluate target health', () => {
    const json = synthRoute53((zone) => zone.addAlias('api', 'api.example.com', ALB));
    const records = all(json, 'aws_route53_record');
    expect(records.map((r) => r.type).sort()).toEqual(['A', 'AAAA']);
    for (const record of records) {
      expect(record).toMatchObject({
        name: 'api.example.com',
        alias: { name: ALB.dnsName, zone_id: ALB.hostedZoneId, evaluate_target_health: true },
      });
      expect(record.records).toBeUndefined();
      expect(record.ttl).toBeUndefined();
    }
  });

  test('an alias to CloudFront does not evaluate target health, which AWS refuses', () => {
    const json = synthRoute53((zone) =>
      zone.addAlias('apex', 'example.com', {
        dnsName: 'd111.cloudfront.net',
        hostedZoneId: 'Z2FDTNDATAQYW2',
      }),
    );
    for (const record of all(json, 'aws_route53_record')) {
      expect(record.alias).toMatchObject({ evaluate_target_health: false });
    }
    expect(
      errorOf(() =>
        synthRoute53((zone) =>
          zone.addAlias('apex', 'example.com', {
            dnsName: 'd111.cloudfront.net',
            hostedZoneId: 'Z2FDTNDATAQYW2',
            evaluateTargetHealth: true,
          }),
        ),
      ),
    ).toMatch(/evaluateTargetHealth is not supported for CloudFront/);
  });

  test('addCertificateValidation: one record per domain validation option, overwriting, FQDNs returned', () => {
    let fqdns: string[] = [];
    const json = synthRoute53((zone, scope) => {
      const certificate = new AcmCertificate(scope, 'cert', {
        domainName: 'example.com',
        validationMethod: 'DNS',
      });
      fqdns = zone.addCertificateValidation('validation', certificate);
    });
    const [name, record] = Object.entries(resources(json, 'aws_route53_record'))[0];
    expect(record.for_each).toMatch(
      /aws_acm_certificate\.cert\.domain_validation_options\): val\.domain_name => val/,
    );
    expect(record).toMatchObject({
      name: '${each.value.resource_record_name}',
      type: '${each.value.resource_record_type}',
      records: ['${each.value.resource_record_value}'],
      ttl: 60,
      allow_overwrite: true,
    });
    expect(fqdns).toHaveLength(1);
    expect(name).toContain('validation');
  });

  test('addAmazonCaa allows only Amazon CAs, plus iodef when given', () => {
    const json = synthRoute53((zone) => zone.addAmazonCaa('caa', { iodef: 'mailto:security@example.com' }));
    const caa = onlyResource(json, 'aws_route53_record');
    expect(caa).toMatchObject({ name: 'example.com', type: 'CAA', ttl: 3600 });
    expect(caa.records).toEqual([
      ...AMAZON_CAA_ISSUERS.map((issuer) => `0 issue "${issuer}"`),
      '0 iodef "mailto:security@example.com"',
    ]);
    expect(AMAZON_CAA_ISSUERS).toEqual(['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com']);
  });

  test('addAmazonCaa without iodef has only issue tags; a bad iodef is refused', () => {
    const json = synthRoute53((zone) => zone.addAmazonCaa('caa'));
    expect(onlyResource(json, 'aws_route53_record').records).toHaveLength(4);
    expect(
      errorOf(() => synthRoute53((zone) => zone.addAmazonCaa('caa', { iodef: 'security@example.com' }))),
    ).toMatch(/iodef: 'security@example.com' must be a mailto: address or an https:\/\/ URL/);
  });

  test('addHealthCheck: HTTPS /health on 443 with latency, alarm on HealthCheckStatus in us-east-1', () => {
    const json = synthRoute53((zone) =>
      zone.addHealthCheck('api', {
        domain: 'api.example.com',
        nameParts: ['platform-prod', 'api'],
        alertTopicArn: US_EAST_TOPIC,
      }),
    );
    const check = onlyResource(json, 'aws_route53_health_check');
    expect(check).toMatchObject({
      type: 'HTTPS',
      fqdn: 'api.example.com',
      port: 443,
      enable_sni: true,
      resource_path: '/health',
      failure_threshold: 3,
      request_interval: 30,
      measure_latency: true,
    });
    const alarm = onlyResource(json, 'aws_cloudwatch_metric_alarm');
    expect(alarm).toMatchObject({
      region: 'us-east-1',
      namespace: 'AWS/Route53',
      metric_name: 'HealthCheckStatus',
      dimensions: {
        HealthCheckId: ref('aws_route53_health_check', onlyResourceId(json, 'aws_route53_health_check')),
      },
      statistic: 'Minimum',
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      period: 60,
      evaluation_periods: 2,
      treat_missing_data: 'breaching',
      alarm_actions: [US_EAST_TOPIC],
      ok_actions: [US_EAST_TOPIC],
    });
  });

  test('addHealthCheck options', () => {
    const json = synthRoute53((zone) =>
      zone.addHealthCheck('api', {
        domain: 'example.com',
        nameParts: ['p'],
        alertTopicArn: US_EAST_TOPIC,
        resourcePath: '/status',
        failureThreshold: 5,
        requestInterval: 10,
        measureLatency: false,
        alarmAfterMinutes: 5,
      }),
    );
    expect(onlyResource(json, 'aws_route53_health_check')).toMatchObject({
      resource_path: '/status',
      failure_threshold: 5,
      request_interval: 10,
      measure_latency: false,
    });
    expect(onlyResource(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({ evaluation_periods: 5 });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a topic outside us-east-1',
      { alertTopicArn: 'arn:aws:sns:eu-west-1:2:a' },
      /must be a topic in us-east-1/,
    ],
    ['failure threshold 11', { failureThreshold: 11 }, /failureThreshold must be an integer 1-10, got 11/],
    ['interval 20', { requestInterval: 20 }, /requestInterval must be 10 or 30 seconds, got 20/],
    ['a path without /', { resourcePath: 'health' }, /resourcePath must start with '\/'/],
    [
      'a domain outside the zone',
      { domain: 'api.example.org' },
      /'api.example.org' is outside the zone example.com/,
    ],
  ])('addHealthCheck refuses %s', (_, overrides, message) => {
    expect(
      errorOf(() =>
        synthRoute53((zone) =>
          zone.addHealthCheck('api', {
            domain: 'api.example.com',
            nameParts: ['p'],
            alertTopicArn: US_EAST_TOPIC,
            ...overrides,
          }),
        ),
      ),
    ).toMatch(message);
  });

  test.each<[string, () => unknown, RegExp]>([
    [
      'a bad zone name',
      () => synthRoute53(undefined, { zoneName: 'Example.com' }),
      /zoneName: 'Example.com' must be lower case/,
    ],
    [
      'zoneId with createZone',
      () => synthRoute53(undefined, { createZone: true, zoneId: 'Z1' }),
      /zoneId is for looking up/,
    ],
    [
      'a record outside the zone',
      () =>
        synthRoute53((z) => z.addRecord('x', { name: 'www.example.org', type: 'A', values: ['192.0.2.1'] })),
      /'www.example.org' is outside the zone example.com/,
    ],
    [
      'a record without values',
      () => synthRoute53((z) => z.addRecord('x', { name: 'www.example.com', type: 'A', values: [] })),
      /values: give at least one value/,
    ],
    [
      'a CNAME with two values',
      () =>
        synthRoute53((z) =>
          z.addRecord('x', { name: 'www.example.com', type: 'CNAME', values: ['a.b.c', 'd.e.f'] }),
        ),
      /a CNAME has exactly one value, got 2/,
    ],
    [
      'a negative TTL',
      () =>
        synthRoute53((z) =>
          z.addRecord('x', { name: 'www.example.com', type: 'A', values: ['192.0.2.1'], ttl: -1 }),
        ),
      /ttl must be 0-2147483647 seconds, got -1/,
    ],
    [
      'an alias with a bad label',
      () => synthRoute53((z) => z.addAlias('x', '-api.example.com', ALB)),
      /label '-api'/,
    ],
  ])('refuses %s', (_, run, message) => {
    expect(errorOf(run)).toMatch(message);
  });
});
