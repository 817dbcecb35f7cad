import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { nameViolation, resourceName } from '../naming';
import { isLogRetentionDays } from '../observability/log-retention';
import { EncryptionKey } from '../security/encryption-key';

/** Where the web ACL is used: a regional resource (ALB, API Gateway) or CloudFront. */
export type WebAclScope = 'REGIONAL' | 'CLOUDFRONT';

/** One AWS managed rule group. */
export interface WebAclManagedRuleGroup {
  /** Name of the group, e.g. `AWSManagedRulesCommonRuleSet`. */
  readonly name: string;
  /** Rules of the group that only count instead of blocking (false positives being studied). @default none */
  readonly countOnlyRules?: string[];
}

/** Props of {@link WebAcl}. */
export interface WebAclProps {
  /** Prefix of every name, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Name of the web ACL after the prefix. @default 'web-acl' */
  readonly name?: string;
  /** `REGIONAL` for a load balancer; `CLOUDFRONT` for a distribution (created in us-east-1). @default 'REGIONAL' */
  readonly scope?: WebAclScope;
  /**
   * AWS managed rule groups, evaluated in this order; the rate limit rule comes right after the
   * first group when that is the IP reputation list, else first. @default {@link DEFAULT_MANAGED_RULE_GROUPS}
   */
  readonly managedRuleGroups?: WebAclManagedRuleGroup[];
  /** Requests one client IP may make per evaluation window before it is blocked (10-2,000,000,000). @default 2000 */
  readonly rateLimit?: number;
  /** Evaluation window of the rate limit, in seconds: 60, 120, 300 or 600. @default 300 */
  readonly rateLimitWindowSeconds?: number;
  /**
   * Header holding the client IP when the ACL sits behind a proxy (e.g. `X-Forwarded-For` behind
   * CloudFront), so the rate limit counts clients rather than proxies. @default none (the source IP)
   */
  readonly rateLimitForwardedIpHeader?: string;
  /** Days the WAF log group keeps records (a CloudWatch Logs retention value). @default 90 */
  readonly logRetentionDays?: number;
  /**
   * ARN of a KMS key for the log group, whose policy lets CloudWatch Logs of the ACL's region use it.
   * @default a new key for the log group
   */
  readonly logKmsKeyArn?: string;
  /** ARNs of the regional resources (load balancers) the ACL protects; REGIONAL only. @default none */
  readonly associatedResourceArns?: string[];
  /** Refuse `terraform destroy` of the log group and its key. @default false */
  readonly preventDestroy?: boolean;
}

/** The AWS managed rule groups every web ACL gets, in evaluation order. */
export const DEFAULT_MANAGED_RULE_GROUPS: readonly WebAclManagedRuleGroup[] = [
  { name: 'AWSManagedRulesAmazonIpReputationList' },
  { name: 'AWSManagedRulesCommonRuleSet' },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
  { name: 'AWSManagedRulesSQLiRuleSet' },
];

/** Lowest and highest rate limits WAF accepts (RateBasedStatement.Limit). */
export const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/** Evaluation windows WAF accepts for a rate-based rule, in seconds. */
export const WAF_RATE_LIMIT_WINDOWS = [60, 120, 300, 600] as const;

/** Name prefix WAF requires of a CloudWatch Logs logging destination. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** Region of every CLOUDFRONT-scoped WAF resource, its logs included. */
const CLOUDFRONT_REGION = 'us-east-1';

/** Name of the rate-based rule. */
export const RATE_LIMIT_RULE_NAME = 'RateLimitPerClientIp';

/** Headers never written to the WAF logs: they carry credentials. */
export const REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/**
 * A WAFv2 web ACL that allows by default and blocks what AWS's managed rules and a per-IP rate
 * limit catch: IP reputation first (cheapest, drops known bad actors early), the rate limit, then
 * the common, known-bad-inputs and SQL injection rule sets. Every rule publishes metrics and
 * sampled requests; full logs go to an encrypted CloudWatch log group with credentials redacted.
 */
export class WebAcl extends Construct {
  /** The web ACL. */
  readonly webAcl: Wafv2WebAcl;
  /** The KMS key of the log group, unless {@link WebAclProps.logKmsKeyArn} was given. */
  readonly logKey?: EncryptionKey;
  /** The log group, `aws-waf-logs-<namePrefix>-<name>`. */
  readonly logGroup: CloudwatchLogGroup;
  /** Logging of the web ACL to the log group. */
  readonly logging: Wafv2WebAclLoggingConfiguration;
  /** Associations with the protected resources. */
  readonly associations: Wafv2WebAclAssociation[];
  /** ARN of the web ACL (for a CloudFront distribution's `web_acl_id`). */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const where = `WebAcl ${this.node.path}`;
    const s = validate(where, props);
    const region = s.scope === 'CLOUDFRONT' ? CLOUDFRONT_REGION : undefined;
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    const rules: Wafv2WebAclRule[] = [];
    const [reputation, ...others] = s.managedRuleGroups;
    const ordered = reputation?.name === 'AWSManagedRulesAmazonIpReputationList' ? [reputation] : [];
    const rest = ordered.length > 0 ? others : s.managedRuleGroups;
    let priority = 0;
    for (const group of ordered) rules.push(managedRule(group, (priority += 10)));
    rules.push(rateRule(s, (priority += 10)));
    for (const group of rest) rules.push(managedRule(group, (priority += 10)));

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: s.aclName,
      description: `${s.scope === 'CLOUDFRONT' ? 'CloudFront' : 'Regional'} web ACL of ${props.namePrefix}`,
      scope: s.scope,
      region,
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(s.aclName),
      tags: { Name: s.aclName },
    });
    this.webAclArn = this.webAcl.arn;

    const logGroupName = `${WAF_LOG_GROUP_PREFIX}${s.aclName}`;
    let keyArn = props.logKmsKeyArn;
    if (!keyArn) {
      const aws = awsContext(this);
      const logsRegion = region ?? aws.region;
      const logGroupArn = `arn:${aws.partition}:logs:${logsRegion}:${aws.accountId}:log-group:${logGroupName}`;
      this.logKey = new EncryptionKey(this, 'log-key', {
        alias: resourceName('kmsAlias', s.aclName, 'logs'),
        description: `Encrypts the WAF log group ${logGroupName}`,
        preventDestroy: props.preventDestroy,
        serviceGrants: [
          {
            servicePrincipal: `logs.${logsRegion}.${aws.dnsSuffix}`,
            // CloudWatch Logs puts the log group ARN in the encryption context: the key serves this group only.
            conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
          },
        ],
      });
      if (region) {
        // A key is regional: the log group of a CloudFront ACL lives in us-east-1, so must its key.
        this.logKey.key.region = region;
        this.logKey.alias.region = region;
      }
      keyArn = this.logKey.keyArn;
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      region,
      retentionInDays: s.logRetentionDays,
      kmsKeyId: keyArn,
      tags: { Name: logGroupName },
      lifecycle,
    });

    // WAF adds the CloudWatch Logs resource policy for `aws-waf-logs-*` delivery itself.
    this.logging = new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      region,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
    });

    this.associations = (props.associatedResourceArns ?? []).map(
      (resourceArn, index) =>
        new Wafv2WebAclAssociation(this, `association-${index}`, {
          resourceArn,
          webAclArn: this.webAcl.arn,
        }),
    );
  }
}

interface Settings {
  readonly scope: WebAclScope;
  readonly aclName: string;
  readonly managedRuleGroups: readonly WebAclManagedRuleGroup[];
  readonly rateLimit: number;
  readonly rateLimitWindowSeconds: number;
  readonly rateLimitForwardedIpHeader?: string;
  readonly logRetentionDays: number;
}

function validate(where: string, props: WebAclProps): Settings {
  const problems: string[] = [];
  const scope = props.scope ?? 'REGIONAL';
  if (scope !== 'REGIONAL' && scope !== 'CLOUDFRONT') {
    problems.push(`scope must be 'REGIONAL' or 'CLOUDFRONT', got ${JSON.stringify(scope)}`);
  }
  const aclName = `${props.namePrefix}-${props.name ?? 'web-acl'}`;
  const nameProblem = nameViolation('waf', aclName);
  if (nameProblem) problems.push(`name '${aclName}' (namePrefix-name) ${nameProblem}`);
  const logGroupProblem = nameViolation('logGroup', `${WAF_LOG_GROUP_PREFIX}${aclName}`);
  if (logGroupProblem) problems.push(`log group name ${logGroupProblem}`);

  const rateLimit = props.rateLimit ?? 2000;
  const { min, max } = WAF_RATE_LIMIT_RANGE;
  if (!Number.isInteger(rateLimit) || rateLimit < min || rateLimit > max) {
    problems.push(
      `rateLimit must be a whole number ${min}-${max} (requests per window per IP), got ${rateLimit}`,
    );
  }
  const window = props.rateLimitWindowSeconds ?? 300;
  if (!(WAF_RATE_LIMIT_WINDOWS as readonly number[]).includes(window)) {
    problems.push(
      `rateLimitWindowSeconds must be one of ${WAF_RATE_LIMIT_WINDOWS.join(', ')}, got ${window}`,
    );
  }
  const header = props.rateLimitForwardedIpHeader;
  if (header !== undefined && !/^[A-Za-z0-9-]{1,255}$/.test(header)) {
    problems.push(`rateLimitForwardedIpHeader must be a header name, got '${header}'`);
  }

  const managedRuleGroups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
  const seen = new Set<string>();
  for (const group of managedRuleGroups) {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(group.name)) {
      problems.push(`managedRuleGroups: '${group.name}' is not a rule group name`);
    }
    if (seen.has(group.name)) problems.push(`managedRuleGroups: '${group.name}' is given twice`);
    seen.add(group.name);
  }

  const logRetentionDays = props.logRetentionDays ?? 90;
  if (!isLogRetentionDays(logRetentionDays)) {
    problems.push(
      `logRetentionDays must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ...), got ${logRetentionDays}`,
    );
  }
  if (scope === 'CLOUDFRONT' && (props.associatedResourceArns?.length ?? 0) > 0) {
    problems.push(
      'associatedResourceArns: a CLOUDFRONT web ACL is attached by the distribution (web_acl_id), not by association',
    );
  }
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  return {
    scope,
    aclName,
    managedRuleGroups,
    rateLimit,
    rateLimitWindowSeconds: window,
    rateLimitForwardedIpHeader: header,
    logRetentionDays,
  };
}

function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

// `statement` is untyped in the provider (it nests too deep for the generator): written in
// Terraform's own snake_case, as cdktf passes it through unchanged.
function managedRule(group: WebAclManagedRuleGroup, priority: number): Wafv2WebAclRule {
  const overrides = (group.countOnlyRules ?? []).map((name) => ({ name, action_to_use: { count: {} } }));
  return {
    name: group.name,
    priority,
    // `none`: the group's own actions (block) apply.
    overrideAction: { none: {} },
    statement: {
      managed_rule_group_statement: {
        name: group.name,
        vendor_name: 'AWS',
        ...(overrides.length > 0 ? { rule_action_override: overrides } : {}),
      },
    },
    visibilityConfig: visibility(group.name),
  };
}

function rateRule(s: Settings, priority: number): Wafv2WebAclRule {
  const forwarded = s.rateLimitForwardedIpHeader;
  return {
    name: RATE_LIMIT_RULE_NAME,
    priority,
    action: { block: {} },
    statement: {
      rate_based_statement: {
        limit: s.rateLimit,
        evaluation_window_sec: s.rateLimitWindowSeconds,
        aggregate_key_type: forwarded ? 'FORWARDED_IP' : 'IP',
        // A request without a valid IP in the header is not rate limited rather than blocked outright.
        ...(forwarded
          ? { forwarded_ip_config: { header_name: forwarded, fallback_behavior: 'NO_MATCH' } }
          : {}),
      },
    },
    visibilityConfig: visibility(RATE_LIMIT_RULE_NAME),
  };
}
