import { WebAcl, WebAclProps } from '../../lib/edge/web-acl';
import {
  onlyResource,
  onlyResourceId,
  ref,
  resources,
  synthConstructs,
  TerraformJson,
} from '../support/synth';

const BASE: WebAclProps = { namePrefix: 'platform-prod' };
const ALB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/platform-prod-api/abc';

function synth(overrides: Partial<WebAclProps> = {}): TerraformJson {
  return synthConstructs((scope) => new WebAcl(scope, 'waf', { ...BASE, ...overrides }));
}

function errorFor(overrides: Partial<WebAclProps>): string {
  try {
    synth(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`WebAcl accepted ${JSON.stringify(overrides)}`);
}

interface Rule {
  name: string;
  priority: number;
  action?: Record<string, unknown>;
  override_action?: Record<string, unknown>;
  statement: Record<string, Record<string, unknown>>;
  visibility_config: Record<string, unknown>;
}

function rulesOf(json: TerraformJson): Rule[] {
  return onlyResource(json, 'aws_wafv2_web_acl').rule as Rule[];
}

describe('WebAcl defaults', () => {
  const json = synth({ associatedResourceArns: [ALB_ARN] });
  const acl = onlyResource(json, 'aws_wafv2_web_acl');
  const aclName = onlyResourceId(json, 'aws_wafv2_web_acl');
  const rules = rulesOf(json);

  test('a regional ACL that allows by default, with metrics', () => {
    expect(acl).toMatchObject({
      name: 'platform-prod-web-acl',
      scope: 'REGIONAL',
      default_action: { allow: {} },
      visibility_config: {
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
        metric_name: 'platform-prod-web-acl',
      },
    });
    expect(acl).not.toHaveProperty('region');
  });

  test('rules and priorities: IP reputation, rate limit, common, known bad inputs, SQLi', () => {
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [10, 'AWSManagedRulesAmazonIpReputationList'],
      [20, 'RateLimitPerClientIp'],
      [30, 'AWSManagedRulesCommonRuleSet'],
      [40, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [50, 'AWSManagedRulesSQLiRuleSet'],
    ]);
  });

  test('managed groups keep their own actions (override none), from vendor AWS, with metrics', () => {
    for (const rule of rules.filter((r) => r.name.startsWith('AWSManaged'))) {
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule).not.toHaveProperty('action');
      expect(rule.statement).toEqual({
        managed_rule_group_statement: { name: rule.name, vendor_name: 'AWS' },
      });
      expect(rule.visibility_config).toEqual({
        cloudwatch_metrics_enabled: true,
        metric_name: rule.name,
        sampled_requests_enabled: true,
      });
    }
  });

  test('rate rule blocks an IP over 2000 requests per 5 minutes', () => {
    const rate = rules.find((r) => r.name === 'RateLimitPerClientIp')!;
    expect(rate.action).toEqual({ block: {} });
    expect(rate).not.toHaveProperty('override_action');
    expect(rate.statement).toEqual({
      rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: 'IP' },
    });
  });

  test('logs to an encrypted aws-waf-logs- log group, credentials redacted', () => {
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(logGroup).toMatchObject({
      name: 'aws-waf-logs-platform-prod-web-acl',
      retention_in_days: 90,
      kms_key_id: ref('aws_kms_key', onlyResourceId(json, 'aws_kms_key'), 'arn'),
    });
    expect(onlyResource(json, 'aws_wafv2_web_acl_logging_configuration')).toEqual({
      resource_arn: ref('aws_wafv2_web_acl', aclName, 'arn'),
      log_destination_configs: [
        ref('aws_cloudwatch_log_group', onlyResourceId(json, 'aws_cloudwatch_log_group'), 'arn'),
      ],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
    });
    const keyPolicy = JSON.parse(onlyResource(json, 'aws_kms_key').policy as string) as {
      Statement: { Principal: Record<string, string>; Condition?: Record<string, Record<string, string>> }[];
    };
    const logs = keyPolicy.Statement.find((s) => s.Principal.Service?.startsWith('logs.'))!;
    expect(logs.Condition?.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toMatch(
      /:log-group:aws-waf-logs-platform-prod-web-acl$/,
    );
  });

  test('associated with the load balancer', () => {
    expect(onlyResource(json, 'aws_wafv2_web_acl_association')).toEqual({
      resource_arn: ALB_ARN,
      web_acl_arn: ref('aws_wafv2_web_acl', aclName, 'arn'),
    });
  });
});

describe('WebAcl options', () => {
  test('no association unless asked', () => {
    expect(resources(synth(), 'aws_wafv2_web_acl_association')).toEqual({});
  });

  test('CLOUDFRONT scope: ACL, log group, logging and key in us-east-1', () => {
    const json = synth({ scope: 'CLOUDFRONT' });
    expect(onlyResource(json, 'aws_wafv2_web_acl')).toMatchObject({
      scope: 'CLOUDFRONT',
      region: 'us-east-1',
    });
    expect(onlyResource(json, 'aws_cloudwatch_log_group').region).toBe('us-east-1');
    expect(onlyResource(json, 'aws_wafv2_web_acl_logging_configuration').region).toBe('us-east-1');
    expect(onlyResource(json, 'aws_kms_key').region).toBe('us-east-1');
    expect(onlyResource(json, 'aws_kms_alias').region).toBe('us-east-1');
    expect(onlyResource(json, 'aws_kms_key').policy).toContain('logs.us-east-1.');
  });

  test('rate limit, window and forwarded IP header', () => {
    const rate = rulesOf(
      synth({ rateLimit: 500, rateLimitWindowSeconds: 60, rateLimitForwardedIpHeader: 'X-Forwarded-For' }),
    ).find((r) => r.name === 'RateLimitPerClientIp')!;
    expect(rate.statement).toEqual({
      rate_based_statement: {
        limit: 500,
        evaluation_window_sec: 60,
        aggregate_key_type: 'FORWARDED_IP',
        forwarded_ip_config: { header_name: 'X-Forwarded-For', fallback_behavior: 'NO_MATCH' },
      },
    });
  });

  test('the limits of the range WAF accepts are accepted', () => {
    expect(() => synth({ rateLimit: 10 })).not.toThrow();
    expect(() => synth({ rateLimit: 2_000_000_000 })).not.toThrow();
  });

  test('count-only rules of a managed group, and custom groups', () => {
    const rules = rulesOf(
      synth({
        managedRuleGroups: [
          { name: 'AWSManagedRulesCommonRuleSet', countOnlyRules: ['SizeRestrictions_BODY'] },
        ],
      }),
    );
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [10, 'RateLimitPerClientIp'],
      [20, 'AWSManagedRulesCommonRuleSet'],
    ]);
    expect(rules[1].statement.managed_rule_group_statement.rule_action_override).toEqual([
      { name: 'SizeRestrictions_BODY', action_to_use: { count: {} } },
    ]);
  });

  test('an existing KMS key and another retention', () => {
    const json = synth({ logKmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/abc', logRetentionDays: 365 });
    expect(resources(json, 'aws_kms_key')).toEqual({});
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({
      kms_key_id: 'arn:aws:kms:eu-west-1:222222222222:key/abc',
      retention_in_days: 365,
    });
  });
});

describe('WebAcl validation', () => {
  test.each<[Partial<WebAclProps>, RegExp]>([
    [{ rateLimit: 9 }, /rateLimit must be a whole number 10-2000000000/],
    [{ rateLimit: 2_000_000_001 }, /rateLimit must be a whole number 10-2000000000/],
    [{ rateLimit: 100.5 }, /rateLimit/],
    [{ rateLimitWindowSeconds: 30 }, /rateLimitWindowSeconds must be one of 60, 120, 300, 600/],
    [{ rateLimitForwardedIpHeader: 'X Forwarded' }, /rateLimitForwardedIpHeader/],
    [{ name: 'web acl' }, /name 'platform-prod-web acl' .*contains ' '/],
    [{ name: 'x'.repeat(130) }, /1-128 characters/],
    [{ logRetentionDays: 10 }, /logRetentionDays must be a CloudWatch Logs retention value/],
    [
      { managedRuleGroups: [{ name: 'AWSManagedRulesSQLiRuleSet' }, { name: 'AWSManagedRulesSQLiRuleSet' }] },
      /given twice/,
    ],
    [{ managedRuleGroups: [{ name: 'bad name!' }] }, /not a rule group name/],
    [
      { scope: 'CLOUDFRONT', associatedResourceArns: [ALB_ARN] },
      /CLOUDFRONT web ACL is attached by the distribution/,
    ],
    [{ scope: 'GLOBAL' as never }, /scope must be 'REGIONAL' or 'CLOUDFRONT'/],
  ])('%j is rejected', (overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });
});
