import { Testing } from 'cdktf';
import { loadEnvironments } from '../../config/load';
import { EDGE_CONTRACT } from '../../stacks/contracts/edge-contract';
import { AUDIT_LOG_RETENTION_DAYS } from '../../lib/security/audit-log-retention';
import { EdgeStack } from '../../stacks/edge-stack';
import { resources, synthJson, TerraformJson } from '../support/synth';

const bundled = new Map(loadEnvironments('config/environments').map((e) => [e.config.name, e.config]));
const synthEdge = (name: string): TerraformJson =>
  synthJson(new EdgeStack(Testing.app(), bundled.get(name)!));

const all = (json: TerraformJson, type: string) => Object.values(resources(json, type));

describe('EdgeStack', () => {
  const prod = synthEdge('prod'); // Route 53
  const staging = synthEdge('staging'); // Cloudflare

  it('is exercised by both DNS providers in the bundled environments', () => {
    expect(all(prod, 'aws_route53_record').length).toBeGreaterThan(0);
    expect(all(prod, 'cloudflare_dns_record')).toEqual([]);
    expect(all(staging, 'cloudflare_dns_record').length).toBeGreaterThan(0);
    expect(all(staging, 'aws_route53_record')).toEqual([]);
    expect(Object.keys(staging.provider!)).toEqual(expect.arrayContaining(['aws', 'cloudflare']));
    expect(Object.keys(prod.provider!)).not.toContain('cloudflare');
  });

  it('keeps its state at <env>/edge.tfstate and reads the network through remote state', () => {
    expect(prod.terraform!.backend!.s3).toMatchObject({ key: 'prod/edge.tfstate', use_lockfile: true });
    const [lb] = all(prod, 'aws_lb');
    expect(lb.subnets).toBe('${data.terraform_remote_state.network-state.outputs.publicSubnetIds}');
    expect(prod.data!.terraform_remote_state['network-state'].config).toMatchObject({
      key: 'prod/network.tfstate',
    });
  });

  it('publishes exactly the edge contract, every output described', () => {
    expect(Object.keys(prod.output!).sort()).toEqual(Object.keys(EDGE_CONTRACT.outputs).sort());
    expect(prod.output!.siteDomainName.value).toBe('example.com');
    expect(prod.output!.apiDomainName.value).toBe('api.example.com');
  });

  it.each([
    ['prod', () => prod],
    ['staging', () => staging],
  ])('%s: serves no plain HTTP content and no TLS below 1.2', (_name, json) => {
    const listeners = all(json(), 'aws_lb_listener');
    const http = listeners.filter((l) => l.protocol === 'HTTP');
    expect(http).toHaveLength(1);
    expect(http[0].default_action).toEqual([
      { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } },
    ]);
    const https = listeners.filter((l) => l.protocol === 'HTTPS');
    expect(https).toHaveLength(1);
    expect(https[0].ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    const [distribution] = all(json(), 'aws_cloudfront_distribution') as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(distribution.viewer_certificate.minimum_protocol_version).toBe('TLSv1.2_2021');
    const behaviors = [distribution.default_cache_behavior, ...(distribution.ordered_cache_behavior ?? [])];
    for (const behavior of behaviors) {
      expect(behavior.viewer_protocol_policy).toBe('redirect-to-https');
      expect(behavior.response_headers_policy_id).toMatch(/aws_cloudfront_response_headers_policy/);
    }
  });

  it('sends the same HSTS and CSP on the CDN and on direct API responses', () => {
    const [policy] = all(prod, 'aws_cloudfront_response_headers_policy') as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const security = policy.security_headers_config;
    const https = all(prod, 'aws_lb_listener').find((l) => l.protocol === 'HTTPS')!;
    expect(https.routing_http_response_strict_transport_security_header_value).toBe(
      'max-age=31536000; includeSubDomains; preload',
    );
    expect(security.strict_transport_security).toMatchObject({
      access_control_max_age_sec: 31536000,
      include_subdomains: true,
      preload: true,
    });
    expect(security.content_security_policy.content_security_policy).toBe(
      https.routing_http_response_content_security_policy_header_value,
    );
    expect(https.routing_http_response_content_security_policy_header_value).toContain(
      'connect-src https://api.example.com wss://example.com'.replace('connect-src', "connect-src 'self'"),
    );
  });

  it('validates certificates through DNS and never proxies the validation records at Cloudflare', () => {
    expect(all(prod, 'aws_acm_certificate_validation')).toHaveLength(2);
    const certificates = all(prod, 'aws_acm_certificate');
    expect(certificates.map((c) => c.domain_name).sort()).toEqual(['api.example.com', 'example.com']);
    expect(certificates.find((c) => c.domain_name === 'example.com')).toMatchObject({
      region: 'us-east-1',
      subject_alternative_names: ['www.example.com'],
    });
    const validation = all(staging, 'cloudflare_dns_record').filter((r) => r.for_each !== undefined);
    expect(validation).toHaveLength(2);
    for (const record of validation) expect(record.proxied).toBe(false);
    const api = all(staging, 'cloudflare_dns_record').find((r) => r.name === 'api.staging.example.com');
    expect(api).toMatchObject({ type: 'CNAME', proxied: true });
  });

  it('puts a WAF in front of both the load balancer and CloudFront, with the configured rate limit', () => {
    const acls = all(prod, 'aws_wafv2_web_acl') as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(acls.map((a) => a.scope).sort()).toEqual(['CLOUDFRONT', 'REGIONAL']);
    expect(JSON.stringify(acls)).toContain('"limit":1000');
    expect(all(prod, 'aws_wafv2_web_acl_association')).toHaveLength(1);
  });

  it('keeps production WAF logs a year (policy gate CKV_AWS_338), other environments the construct 90 days', () => {
    const retentions = (json: TerraformJson) =>
      all(json, 'aws_cloudwatch_log_group')
        .filter((g) => String(g.name).startsWith('aws-waf-logs-'))
        .map((g) => g.retention_in_days);
    expect(retentions(prod)).toEqual([AUDIT_LOG_RETENTION_DAYS, AUDIT_LOG_RETENTION_DAYS]);
    expect(retentions(staging)).toEqual([90, 90]);
  });

  it('watches the site with a Route 53 health check alarm in us-east-1, to a topic there', () => {
    const [check] = all(prod, 'aws_route53_health_check');
    expect(check).toMatchObject({
      fqdn: 'example.com',
      type: 'HTTPS',
      resource_path: '/api/health',
      port: 443,
    });
    const [topic] = all(prod, 'aws_sns_topic');
    expect(topic.region).toBe('us-east-1');
    const healthAlarm = all(prod, 'aws_cloudwatch_metric_alarm').find(
      (a) => a.metric_name === 'HealthCheckStatus',
    )!;
    expect(healthAlarm.region).toBe('us-east-1');
    expect(healthAlarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\./)]);
  });

  it('alarms on the CloudFront 5xx rate in us-east-1, where its metrics are, in every DNS mode', () => {
    for (const json of [prod, staging]) {
      const alarm = all(json, 'aws_cloudwatch_metric_alarm').find((a) => a.metric_name === '5xxErrorRate')!;
      expect(alarm).toMatchObject({
        namespace: 'AWS/CloudFront',
        region: 'us-east-1',
        statistic: 'Average',
        threshold: 5,
        dimensions: {
          DistributionId: expect.stringMatching(/aws_cloudfront_distribution\./),
          Region: 'Global',
        },
        alarm_actions: [expect.stringMatching(/aws_sns_topic\./)],
      });
    }
  });

  it('protects production and leaves dev deletable', () => {
    const [lb] = all(prod, 'aws_lb');
    expect(lb.enable_deletion_protection).toBe(true);
    const [devLb] = all(synthEdge('dev'), 'aws_lb');
    expect(devLb.enable_deletion_protection).toBe(false);
  });
});
