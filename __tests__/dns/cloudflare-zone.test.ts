import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { CloudflareRateLimit } from '../../lib/dns';
import { onlyResource, resources } from '../support/synth';
import { all, errorOf, synthCloudflare, ZONE_ID } from './synth-dns';

const ALB = { dnsName: 'alb-123.eu-west-1.elb.amazonaws.com', hostedZoneId: 'Z32O12XQLNTSW2' };

describe('CloudflareZone', () => {
  test('never creates or looks up the zone itself: records reference the given id', () => {
    const json = synthCloudflare((zone) =>
      zone.addRecord('www', { name: 'www.example.com', type: 'A', values: ['192.0.2.1'] }),
    );
    expect(resources(json, 'cloudflare_zone')).toEqual({});
    expect(json.data?.cloudflare_zone).toBeUndefined();
    expect(onlyResource(json, 'cloudflare_dns_record')).toMatchObject({
      zone_id: ZONE_ID,
      name: 'www.example.com',
      type: 'A',
      content: '192.0.2.1',
      ttl: 300,
      proxied: false,
    });
  });

  test('one record per value; proxied records get the automatic TTL', () => {
    const json = synthCloudflare((zone) =>
      zone.addRecord('www', {
        name: 'www.example.com',
        type: 'A',
        values: ['192.0.2.1', '192.0.2.2'],
        proxied: true,
        ttl: 600,
      }),
    );
    const records = all(json, 'cloudflare_dns_record');
    expect(records.map((r) => r.content).sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    for (const record of records) expect(record).toMatchObject({ proxied: true, ttl: 1 });
  });

  test('MX values become priority and content; TXT has no proxied flag', () => {
    const json = synthCloudflare((zone) => {
      zone.addRecord('mx', { name: 'example.com', type: 'MX', values: ['10 mx.example.com.'] });
      zone.addRecord('txt', { name: 'example.com', type: 'TXT', values: ['v=spf1 -all'] });
    });
    const records = all(json, 'cloudflare_dns_record');
    expect(records.find((r) => r.type === 'MX')).toMatchObject({ priority: 10, content: 'mx.example.com' });
    expect(records.find((r) => r.type === 'TXT')).toMatchObject({ content: 'v=spf1 -all' });
    expect(records.find((r) => r.type === 'TXT')!.proxied).toBeUndefined();
  });

  test('addAlias is a CNAME, flattened at the apex, proxied only when asked', () => {
    const json = synthCloudflare((zone) => {
      zone.addAlias('apex', 'example.com', ALB, { proxied: true });
      zone.addAlias('api', 'api.example.com', ALB);
    });
    const records = all(json, 'cloudflare_dns_record');
    expect(records.find((r) => r.name === 'example.com')).toMatchObject({
      type: 'CNAME',
      content: ALB.dnsName,
      proxied: true,
      ttl: 1,
    });
    expect(records.find((r) => r.name === 'api.example.com')).toMatchObject({
      type: 'CNAME',
      proxied: false,
      ttl: 300,
    });
  });

  test('addCertificateValidation: for_each over the options, never proxied, trailing dots trimmed', () => {
    let fqdns: string[] = [];
    const json = synthCloudflare((zone, scope) => {
      const certificate = new AcmCertificate(scope, 'cert', {
        domainName: 'example.com',
        validationMethod: 'DNS',
      });
      fqdns = zone.addCertificateValidation('validation', certificate);
    });
    const record = onlyResource(json, 'cloudflare_dns_record');
    expect(record.for_each).toMatch(
      /aws_acm_certificate\.cert\.domain_validation_options\): val\.domain_name => val/,
    );
    expect(record).toMatchObject({
      zone_id: ZONE_ID,
      name: '${trimsuffix(each.value.resource_record_name, ".")}',
      type: '${each.value.resource_record_type}',
      content: '${trimsuffix(each.value.resource_record_value, ".")}',
      proxied: false,
      ttl: 60,
    });
    expect(fqdns).toHaveLength(1);
  });

  test('addAmazonCaa: one CAA record per value, with flags, tag and value', () => {
    const json = synthCloudflare((zone) => zone.addAmazonCaa('caa', { iodef: 'https://example.com/caa' }));
    const records = all(json, 'cloudflare_dns_record');
    expect(records).toHaveLength(5);
    expect(
      records.map((r) => r.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      { flags: 0, tag: 'iodef', value: 'https://example.com/caa' },
      { flags: 0, tag: 'issue', value: 'amazon.com' },
      { flags: 0, tag: 'issue', value: 'amazonaws.com' },
      { flags: 0, tag: 'issue', value: 'amazontrust.com' },
      { flags: 0, tag: 'issue', value: 'awstrust.com' },
    ]);
    for (const record of records) {
      expect(record).toMatchObject({ type: 'CAA', name: 'example.com' });
      expect(record.proxied).toBeUndefined();
    }
  });

  test('TLS zone settings: strict SSL, always HTTPS, TLS 1.2 minimum, TLS 1.3, HSTS', () => {
    const json = synthCloudflare();
    const settings = Object.fromEntries(
      all(json, 'cloudflare_zone_setting').map((s) => [s.setting_id as string, s.value]),
    );
    expect(settings).toEqual({
      ssl: 'strict',
      always_use_https: 'on',
      min_tls_version: '1.2',
      tls_1_3: 'on',
      security_header: {
        strict_transport_security: {
          enabled: true,
          max_age: 31536000,
          include_subdomains: true,
          preload: true,
          nosniff: true,
        },
      },
    });
    for (const setting of all(json, 'cloudflare_zone_setting')) expect(setting.zone_id).toBe(ZONE_ID);
  });

  test('HSTS preload can be left off, and the settings left alone', () => {
    const json = synthCloudflare(undefined, { hstsPreload: false });
    const header = all(json, 'cloudflare_zone_setting').find((s) => s.setting_id === 'security_header')!;
    expect(header.value).toMatchObject({ strict_transport_security: { preload: false } });
    expect(
      resources(synthCloudflare(undefined, { manageTlsSettings: false }), 'cloudflare_zone_setting'),
    ).toEqual({});
  });

  test('no rate limits, no ruleset', () => {
    expect(resources(synthCloudflare(), 'cloudflare_ruleset')).toEqual({});
  });

  test('rate limits: a zone http_ratelimit ruleset counting per IP and colo on the path', () => {
    const json = synthCloudflare(undefined, {
      rateLimits: [
        { pathPrefix: '/api/', requestsPerPeriod: 100 },
        {
          pathPrefix: '/login',
          requestsPerPeriod: 5,
          periodSeconds: 10,
          mitigationTimeoutSeconds: 600,
          action: 'managed_challenge',
        },
      ],
    });
    const ruleset = onlyResource(json, 'cloudflare_ruleset');
    expect(ruleset).toMatchObject({ zone_id: ZONE_ID, kind: 'zone', phase: 'http_ratelimit' });
    expect(ruleset.rules).toEqual([
      expect.objectContaining({
        action: 'block',
        expression: '(http.request.uri.path wildcard "/api/*")',
        enabled: true,
        ratelimit: {
          characteristics: ['cf.colo.id', 'ip.src'],
          period: 60,
          requests_per_period: 100,
          mitigation_timeout: 60,
        },
      }),
      expect.objectContaining({
        action: 'managed_challenge',
        expression: '(http.request.uri.path wildcard "/login*")',
        ratelimit: expect.objectContaining({ period: 10, requests_per_period: 5, mitigation_timeout: 600 }),
      }),
    ]);
  });

  const limit = (overrides: Partial<CloudflareRateLimit>): CloudflareRateLimit => ({
    pathPrefix: '/api/',
    requestsPerPeriod: 100,
    ...overrides,
  });

  test.each<[string, () => unknown, RegExp]>([
    [
      'a zone id that is not one',
      () => synthCloudflare(undefined, { zoneId: 'example.com' }),
      /zoneId: 'example.com' is not a zone id/,
    ],
    [
      'a period Cloudflare does not offer',
      () => synthCloudflare(undefined, { rateLimits: [limit({ periodSeconds: 30 })] }),
      /periodSeconds must be one of 10, 60, 120, 300, 600, 3600, got 30/,
    ],
    [
      'a mitigation timeout Cloudflare does not offer',
      () => synthCloudflare(undefined, { rateLimits: [limit({ mitigationTimeoutSeconds: 7 })] }),
      /mitigationTimeoutSeconds must be one of .*got 7/,
    ],
    [
      'zero requests',
      () => synthCloudflare(undefined, { rateLimits: [limit({ requestsPerPeriod: 0 })] }),
      /requestsPerPeriod must be a positive integer, got 0/,
    ],
    [
      'a fractional request count',
      () => synthCloudflare(undefined, { rateLimits: [limit({ requestsPerPeriod: 1.5 })] }),
      /requestsPerPeriod must be a positive integer/,
    ],
    [
      'a path without /',
      () => synthCloudflare(undefined, { rateLimits: [limit({ pathPrefix: 'api' })] }),
      /pathPrefix must start with '\/'/,
    ],
    [
      'a path that would break the expression',
      () => synthCloudflare(undefined, { rateLimits: [limit({ pathPrefix: '/a" or true' })] }),
      /pathPrefix must start with '\/'/,
    ],
    [
      'the same path twice',
      () => synthCloudflare(undefined, { rateLimits: [limit({}), limit({})] }),
      /pathPrefix '\/api\/' appears twice/,
    ],
    [
      'a proxied TXT record',
      () =>
        synthCloudflare((z) =>
          z.addRecord('t', { name: 'example.com', type: 'TXT', values: ['x'], proxied: true }),
        ),
      /only A, AAAA and CNAME records can be proxied, not TXT/,
    ],
    [
      'a TTL below 60',
      () =>
        synthCloudflare((z) =>
          z.addRecord('t', { name: 'example.com', type: 'TXT', values: ['x'], ttl: 30 }),
        ),
      /ttl must be 60-86400 seconds/,
    ],
    [
      'a malformed CAA value',
      () =>
        synthCloudflare((z) =>
          z.addRecord('c', { name: 'example.com', type: 'CAA', values: ['issue amazon.com'] }),
        ),
      /CAA value 'issue amazon.com' is not of the form/,
    ],
    [
      'a malformed MX value',
      () =>
        synthCloudflare((z) =>
          z.addRecord('m', { name: 'example.com', type: 'MX', values: ['mx.example.com'] }),
        ),
      /MX value 'mx.example.com' is not of the form/,
    ],
    [
      'an alias outside the zone',
      () => synthCloudflare((z) => z.addAlias('a', 'example.org', ALB)),
      /'example.org' is outside the zone example.com/,
    ],
  ])('refuses %s', (_, run, message) => {
    expect(errorOf(run)).toMatch(message);
  });
});
