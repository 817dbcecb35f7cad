import { defaultSecurityHeaders, hstsHeaderValue } from '../../lib/edge/security-headers';
import { LoadBalancer, LoadBalancerProps, LOAD_BALANCER_SSL_POLICY } from '../../lib/edge/load-balancer';
import { ELB_LOG_DELIVERY_SERVICE_PRINCIPAL } from '../../lib/edge/load-balancer-log-delivery';
import {
  onlyResource,
  onlyResourceId,
  policyOf,
  ref,
  resources,
  statement,
  synthConstructs,
  TerraformJson,
  TfResource,
} from '../support/synth';

const BASE: LoadBalancerProps = {
  namePrefix: 'platform-prod',
  region: 'eu-west-1',
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.0.0.0/16',
  publicSubnetIds: ['subnet-a', 'subnet-b'],
  certificateArn: 'arn:aws:acm:eu-west-1:222222222222:certificate/abc',
  containerPort: 8080,
  alarmTopicArn: 'arn:aws:sns:eu-west-1:222222222222:platform-prod-alerts',
};

function synth(overrides: Partial<LoadBalancerProps> = {}): TerraformJson {
  return synthConstructs((scope) => new LoadBalancer(scope, 'lb', { ...BASE, ...overrides }));
}

function errorFor(overrides: Partial<LoadBalancerProps>): string {
  try {
    synth(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`LoadBalancer accepted ${JSON.stringify(overrides)}`);
}

function listener(json: TerraformJson, port: number): TfResource {
  const found = Object.values(resources(json, 'aws_lb_listener')).filter((l) => l.port === port);
  expect(found).toHaveLength(1);
  return found[0];
}

function ingressRules(json: TerraformJson): TfResource[] {
  return Object.values(resources(json, 'aws_vpc_security_group_ingress_rule'));
}

describe('LoadBalancer defaults', () => {
  const json = synth();
  const lb = onlyResource(json, 'aws_lb');
  const lbName = onlyResourceId(json, 'aws_lb');
  const tgName = onlyResourceId(json, 'aws_lb_target_group');

  test('an internet-facing ALB in the public subnets, hardened', () => {
    expect(lb).toMatchObject({
      name: 'platform-prod-api',
      internal: false,
      load_balancer_type: 'application',
      subnets: ['subnet-a', 'subnet-b'],
      security_groups: [ref('aws_security_group', onlyResourceId(json, 'aws_security_group'))],
      idle_timeout: 3600,
      drop_invalid_header_fields: true,
      desync_mitigation_mode: 'strictest',
      enable_deletion_protection: true,
    });
  });

  test('HTTPS listener: TLS 1.3 / 1.2 policy, the certificate, forward to the target group', () => {
    const https = listener(json, 443);
    expect(LOAD_BALANCER_SSL_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(https).toMatchObject({
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: BASE.certificateArn,
      load_balancer_arn: ref('aws_lb', lbName, 'arn'),
      default_action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', tgName, 'arn') }],
    });
  });

  test('port 80 answers 301 to HTTPS and never forwards', () => {
    const http = listener(json, 80);
    expect(http.protocol).toBe('HTTP');
    expect(http.default_action).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
    ]);
    expect(JSON.stringify(http)).not.toContain('forward');
    expect(JSON.stringify(http)).not.toContain('target_group');
  });

  test('the shared security headers on HTTPS responses, server header removed', () => {
    const headers = defaultSecurityHeaders();
    expect(listener(json, 443)).toMatchObject({
      routing_http_response_strict_transport_security_header_value: hstsHeaderValue(headers.hsts),
      routing_http_response_content_security_policy_header_value: headers.contentSecurityPolicy,
      routing_http_response_x_frame_options_header_value: 'DENY',
      routing_http_response_x_content_type_options_header_value: 'nosniff',
      routing_http_response_server_enabled: false,
    });
    expect(hstsHeaderValue(headers.hsts)).toBe('max-age=31536000; includeSubDomains; preload');
    expect(listener(json, 80).routing_http_response_server_enabled).toBe(false);
  });

  test('target group: ip targets over HTTP on the container port, health check, drain, no stickiness', () => {
    expect(onlyResource(json, 'aws_lb_target_group')).toMatchObject({
      name: 'platform-prod-api',
      target_type: 'ip',
      protocol: 'HTTP',
      port: 8080,
      vpc_id: BASE.vpcId,
      deregistration_delay: '30',
      health_check: {
        enabled: true,
        path: '/health',
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
        port: 'traffic-port',
      },
      stickiness: { type: 'lb_cookie', enabled: false },
    });
  });

  test('security group: 443 and 80 from the internet, out only to the container port in the VPC', () => {
    const rules = ingressRules(json);
    expect(rules.map((r) => [r.from_port, r.to_port, r.cidr_ipv4]).sort()).toEqual([
      [443, 443, '0.0.0.0/0'],
      [80, 80, '0.0.0.0/0'],
    ]);
    expect(json.data?.aws_ec2_managed_prefix_list).toBeUndefined();
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toMatchObject({
      from_port: 8080,
      to_port: 8080,
      ip_protocol: 'tcp',
      cidr_ipv4: '10.0.0.0/16',
    });
  });

  test('access logs to an SSE-S3 bucket the load balancer waits for', () => {
    const bucketName = onlyResourceId(json, 'aws_s3_bucket');
    expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe('platform-prod-api-alb-logs');
    expect(lb.access_logs).toEqual({
      bucket: ref('aws_s3_bucket', bucketName, 'bucket'),
      prefix: 'alb',
      enabled: true,
    });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(lb.depends_on).toContain(`aws_s3_bucket_policy.${onlyResourceId(json, 'aws_s3_bucket_policy')}`);
  });

  test('bucket policy lets ELB log delivery write under the prefix: service principal and regional account', () => {
    const policy = policyOf(onlyResource(json, 'aws_s3_bucket_policy'));
    const service = statement(policy, 'AllowElbLogDeliveryService');
    expect(service).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: ELB_LOG_DELIVERY_SERVICE_PRINCIPAL },
      Action: 's3:PutObject',
    });
    expect(service.Resource).toMatch(/\/alb\/AWSLogs\/\$\{data\.aws_caller_identity\..+\.account_id\}\/\*$/);
    const account = statement(policy, 'AllowElbLogDeliveryAccount');
    expect(account.Principal).toEqual({ AWS: expect.stringMatching(/:iam::156460612806:root$/) });
    expect(policy.Statement.map((s) => s.Sid)).toEqual(
      expect.arrayContaining(['DenyInsecureTransport', 'DenyTlsOlderThan12']),
    );
  });

  test('logs expire after 90 days', () => {
    const rules = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule as Record<
      string,
      unknown
    >[];
    expect(rules.find((r) => r.id === 'expire-access-logs')).toMatchObject({
      status: 'Enabled',
      expiration: [{ days: 90 }],
    });
  });

  test('no alarms of its own without a topic (another construct watches it)', () => {
    const quiet = synth({ alarmTopicArn: undefined });
    expect(resources(quiet, 'aws_cloudwatch_metric_alarm')).toEqual({});
  });

  test('four alarms to the alert topic: ELB 5xx, target 5xx, unhealthy hosts, p99 latency', () => {
    const alarms = Object.values(resources(json, 'aws_cloudwatch_metric_alarm'));
    expect(alarms.map((a) => a.metric_name).sort()).toEqual([
      'HTTPCode_ELB_5XX_Count',
      'HTTPCode_Target_5XX_Count',
      'TargetResponseTime',
      'UnHealthyHostCount',
    ]);
    for (const alarm of alarms) {
      expect(alarm.namespace).toBe('AWS/ApplicationELB');
      expect(alarm.alarm_actions).toEqual([BASE.alarmTopicArn]);
      expect(alarm.ok_actions).toEqual([BASE.alarmTopicArn]);
      expect((alarm.dimensions as Record<string, string>).LoadBalancer).toBe(
        ref('aws_lb', lbName, 'arn_suffix'),
      );
    }
    const latency = alarms.find((a) => a.metric_name === 'TargetResponseTime')!;
    expect(latency).toMatchObject({ extended_statistic: 'p99', threshold: 2 });
    expect((latency.dimensions as Record<string, string>).TargetGroup).toBe(
      ref('aws_lb_target_group', tgName, 'arn_suffix'),
    );
    expect(alarms.find((a) => a.metric_name === 'UnHealthyHostCount')).toMatchObject({
      statistic: 'Maximum',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
    });
  });
});

describe('LoadBalancer options', () => {
  test('ingress cloudfront: 443 only, from the CloudFront origin-facing prefix list', () => {
    const json = synth({ ingress: 'cloudfront' });
    const data = json.data?.aws_ec2_managed_prefix_list ?? {};
    const [dataName] = Object.keys(data);
    expect(data[dataName]).toEqual({ name: 'com.amazonaws.global.cloudfront.origin-facing' });
    const rules = ingressRules(json);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      from_port: 443,
      to_port: 443,
      prefix_list_id: `\${data.aws_ec2_managed_prefix_list.${dataName}.id}`,
    });
    expect(rules[0]).not.toHaveProperty('cidr_ipv4');
  });

  test('stickiness with an lb_cookie for WebSocket sessions', () => {
    expect(onlyResource(synth({ stickinessSeconds: 3600 }), 'aws_lb_target_group').stickiness).toEqual({
      type: 'lb_cookie',
      enabled: true,
      cookie_duration: 3600,
    });
  });

  test('deletion protection off, idle timeout, drain, health check, retention', () => {
    const json = synth({
      deletionProtection: false,
      idleTimeoutSeconds: 120,
      deregistrationDelaySeconds: 90,
      healthCheck: { path: '/ready', matcher: '200-299' },
      accessLogsRetentionDays: 30,
      accessLogsBucketName: 'my-alb-logs-222222222222',
    });
    expect(onlyResource(json, 'aws_lb')).toMatchObject({
      enable_deletion_protection: false,
      idle_timeout: 120,
    });
    expect(onlyResource(json, 'aws_lb_target_group')).toMatchObject({
      deregistration_delay: '90',
      health_check: { path: '/ready', matcher: '200-299', interval: 15 },
    });
    expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe('my-alb-logs-222222222222');
    const rules = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule as Record<
      string,
      unknown
    >[];
    expect(rules.find((r) => r.id === 'expire-access-logs')).toMatchObject({ expiration: [{ days: 30 }] });
  });

  test('a region opened since August 2022 gets the service principal only', () => {
    const policy = policyOf(onlyResource(synth({ region: 'eu-central-2' }), 'aws_s3_bucket_policy'));
    expect(policy.Statement.map((s) => s.Sid)).toContain('AllowElbLogDeliveryService');
    expect(policy.Statement.map((s) => s.Sid)).not.toContain('AllowElbLogDeliveryAccount');
  });

  test('custom security headers', () => {
    const headers = {
      ...defaultSecurityHeaders(),
      frameOptions: 'SAMEORIGIN' as const,
      contentSecurityPolicy: "default-src 'self'",
    };
    expect(listener(synth({ securityHeaders: headers }), 443)).toMatchObject({
      routing_http_response_x_frame_options_header_value: 'SAMEORIGIN',
      routing_http_response_content_security_policy_header_value: "default-src 'self'",
    });
  });

  test('alarm thresholds', () => {
    const alarms = Object.values(
      resources(
        synth({ alarmThresholds: { elb5xxCount: 50, p99ResponseTimeSeconds: 1 } }),
        'aws_cloudwatch_metric_alarm',
      ),
    );
    expect(alarms.find((a) => a.metric_name === 'HTTPCode_ELB_5XX_Count')!.threshold).toBe(50);
    expect(alarms.find((a) => a.metric_name === 'TargetResponseTime')!.threshold).toBe(1);
    expect(alarms.find((a) => a.metric_name === 'HTTPCode_Target_5XX_Count')!.threshold).toBe(10);
  });
});

describe('LoadBalancer validation', () => {
  test.each<[Partial<LoadBalancerProps>, RegExp]>([
    [{ region: 'Ireland' }, /region 'Ireland' is not an AWS region name/],
    [
      { namePrefix: 'platform-production-eu-west', name: 'checkout' },
      /name 'platform-production-eu-west-checkout' .* 1-32/,
    ],
    [{ publicSubnetIds: ['subnet-a'] }, /at least two subnets/],
    [{ containerPort: 70000 }, /containerPort must be a whole number 1-65535/],
    [{ idleTimeoutSeconds: 5000 }, /idleTimeoutSeconds must be a whole number 1-4000/],
    [{ stickinessSeconds: 0 }, /stickinessSeconds must be a whole number 1-604800/],
    [{ deregistrationDelaySeconds: 4000 }, /deregistrationDelaySeconds/],
    [{ healthCheck: { path: 'health' } }, /healthCheck.path must start with '\/'/],
    [
      { healthCheck: { intervalSeconds: 5, timeoutSeconds: 5 } },
      /timeoutSeconds \(5\) must be less than intervalSeconds/,
    ],
    [{ healthCheck: { matcher: 'ok' } }, /healthCheck.matcher/],
    [{ alarmThresholds: { target5xxCount: 0 } }, /alarmThresholds.target5xxCount must be positive/],
    [{ certificateArn: '' }, /certificateArn is empty/],
    [{ accessLogsBucketName: 'Bad_Bucket' }, /bucket name 'Bad_Bucket'/],
    [
      {
        securityHeaders: {
          ...defaultSecurityHeaders(),
          contentSecurityPolicy: "default-src 'self', img-src *",
        },
      },
      /securityHeaders.contentSecurityPolicy/,
    ],
  ])('%j is rejected', (overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });

  test('every problem is reported at once, with the construct path', () => {
    const message = errorFor({ containerPort: 0, idleTimeoutSeconds: 0 });
    expect(message).toMatch(/^LoadBalancer test\/lb: /);
    expect(message).toContain('containerPort');
    expect(message).toContain('idleTimeoutSeconds');
  });
});
