import { z } from 'zod';

/**
 * The rules an environment file must follow. Each zod check in the schema uses a rule id as its
 * message; the error report looks the id up here to print what is wrong and how to fix it.
 */
export const RULES = {
  'environment-name': { message: 'not a valid environment name', hint: 'use 2-16 lowercase letters, digits or inner hyphens, starting with a letter, e.g. staging' },
  'project-name': { message: 'not a valid project name', hint: 'use 2-20 lowercase letters, digits or inner hyphens, starting with a letter' },
  'account-id': { message: 'an AWS account id is exactly 12 digits', hint: "quote it in YAML so leading zeros survive: id: '012345678901'" },
  'account-alias': { message: 'not a valid account alias', hint: 'use 2-20 lowercase letters, digits or inner hyphens, e.g. nonprod' },
  'domain-name': { message: 'not a valid domain name', hint: 'lowercase labels of letters, digits and inner hyphens separated by dots, at most 253 characters, e.g. app.example.com' },
  'tag-key': { message: 'not a valid tag key', hint: "1-128 letters, digits, spaces and _ . : / = + - @, not starting with 'aws:'" },
  'tag-value': { message: 'not a valid tag value', hint: 'at most 256 letters, digits, spaces and _ . : / = + - @' },
  'reserved-tag': { message: 'this tag key is set by the stacks themselves', hint: 'use the matching top-level field (owner, costCenter, repository) instead' },
  'github-repository': { message: 'not a GitHub repository', hint: 'write it as owner/name, e.g. example-org/platform-infra' },
  'git-branch': { message: 'not a valid branch name', hint: 'e.g. main' },
  'cidr-syntax': { message: 'not an IPv4 CIDR', hint: 'write it as a.b.c.d/n, e.g. 10.20.0.0/16' },
  'cidr-network-address': { message: 'the CIDR has host bits set', hint: 'use the network address of the block' },
  'vpc-prefix-range': { message: 'a VPC CIDR prefix must be /16 to /24', hint: 'AWS accepts /16 to /28; three subnet tiers need at least a /24' },
  'subnet-prefix-range': { message: 'a subnet prefix must be /16 to /28', hint: 'AWS subnets are /16 to /28' },
  'subnet-fits-vpc': { message: 'the subnet plan does not fit the VPC CIDR', hint: 'lengthen the subnet prefixes or widen the VPC CIDR' },
  'private-cidr': { message: 'the VPC CIDR is not in a private (RFC 1918) range', hint: 'use 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16' },
  'az-count': { message: 'a network spans 1 to 3 availability zones', hint: 'list 1-3 zones, e.g. [eu-west-1a, eu-west-1b]' },
  'az-region': { message: 'the availability zone is not in the environment region', hint: 'zones are the region name plus one letter, e.g. eu-west-1a' },
  'az-unique': { message: 'the availability zone is listed twice', hint: 'list each zone once' },
  'production-multi-az': { message: 'a production environment needs at least 2 availability zones', hint: 'add a second zone so one zone outage does not take production down' },
  'production-flag': { message: 'this environment is named like production but production is false', hint: 'set production: true (deletion protection, prevent_destroy) or rename the environment' },
  'production-alerts': { message: 'a production environment needs at least one alert email', hint: 'add alerts.emails: [oncall@example.com]' },
  'region': { message: 'not an AWS region', hint: 'e.g. eu-west-1, us-east-1' },
  'email': { message: 'not an email address', hint: 'e.g. oncall@example.com' },
  's3-bucket-name': { message: 'not a valid S3 bucket name', hint: '3-63 lowercase letters, digits and hyphens, beginning and ending with a letter or digit' },
  'file-name': { message: 'the environment name must match its file name', hint: 'rename the file or the name field so that <name>.yaml holds name: <name>' },
  'unique-environment': { message: 'two files define the same environment', hint: 'give each environment its own name' },
  'account-state-bucket': { message: 'environments of one AWS account disagree on the state backend', hint: 'one account has one state bucket: give them the same state.bucket and state.region' },
  'account-alias-consistent': { message: 'environments of one AWS account disagree on its alias', hint: 'give every environment of the account the same account.alias' },
  'account-repository': { message: 'environments of one AWS account disagree on the repository', hint: 'one account trusts one GitHub repository for deploys' },
  'unique-cidr': { message: 'two environments of one account use overlapping VPC CIDRs', hint: 'give each environment its own range so the VPCs can be peered or connected later' },
} as const satisfies Record<string, { message: string; hint: string }>; // prettier-ignore

/** The id of a rule in {@link RULES}. */
export type RuleId = keyof typeof RULES;

/** The zod message for a rule: its id, which the error report resolves through {@link RULES}. */
export function rule(id: RuleId): { message: RuleId } {
  return { message: id };
}

/** Adds a custom issue for `id` at `path` to a refinement context, with an optional specific hint. */
export function report(ctx: z.RefinementCtx, path: (string | number)[], id: RuleId, input: unknown, hint?: string): void {
  ctx.addIssue({ code: 'custom', path, message: id, input, params: hint ? { hint } : undefined });
}

/** AWS commercial regions (2026). */
export const AWS_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
] as const; // prettier-ignore

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Short names of the interface (PrivateLink) endpoints the network can create. */
export const INTERFACE_ENDPOINT_SERVICES = [
  'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'kms', 'sts', 'ssm', 'ssmmessages', 'ec2messages', 'monitoring', 'elasticloadbalancing', 'ecs', 'ecs-agent', 'ecs-telemetry', 'rds', 'sns', 'sqs', 'xray',
] as const; // prettier-ignore

/** Tag keys the stacks set on every resource; a config's own `tags` may not redefine them. */
export const RESERVED_TAG_KEYS = ['environment', 'owner', 'cost-center', 'managed-by', 'repository'] as const;

/** Lowercase DNS name with at least two labels, 1-63 characters a label, 253 in all. */
export const domainName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/, rule('domain-name'));

// AWS tag rules: keys 1-128, values 0-256, Unicode letters, digits, spaces and _ . : / = + - @.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const tagKey = z
  .string()
  .min(1, rule('tag-key'))
  .max(128, rule('tag-key'))
  .regex(TAG_CHARS, rule('tag-key'))
  .refine((key) => !key.toLowerCase().startsWith('aws:'), rule('tag-key'));

export const tagValue = z.string().max(256, rule('tag-value')).regex(TAG_CHARS, rule('tag-value'));
