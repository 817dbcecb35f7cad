import * as z from 'zod';
import { CLOUDWATCH_LOG_RETENTION_DAYS } from '../lib/observability/log-retention';

/** What the error report says about one rule, and where the rule is checked. */
export interface RuleDefinition {
  /** What is wrong, in a few words. */
  readonly message: string;
  /** How to fix it (an issue may carry a more specific hint). */
  readonly hint: string;
  /**
   * Fields a rule is reported at when code checks it (cross-field, cross-file, file-level) rather
   * than a zod check on the field itself, which the reference finds on its own. `''` is the whole
   * file, `'*'` any field. Paths use `[]` for list items and `<key>` for mapping keys.
   */
  readonly fields?: readonly string[];
}

/**
 * The rules an environment file must follow. Each zod check in the schema uses a rule id as its
 * message; the error report looks the id up here to print what is wrong and how to fix it.
 */
export const RULES = {
  // Reading the files.
  'config-dir': { message: 'cannot read the configuration folder', hint: 'point INFRA_CONFIG_DIR at a folder of <name>.yaml files', fields: [''] },
  'yaml-syntax': { message: 'not valid YAML', hint: 'fix the YAML syntax at the line shown', fields: [''] },
  'json-syntax': { message: 'not valid JSON', hint: 'fix the JSON syntax at the line shown', fields: [''] },
  'duplicate-key': { message: 'a key is written twice in one mapping', hint: 'keep one of them: a YAML or JSON reader would silently use the last', fields: [''] },
  'empty-file': { message: 'the file holds no configuration', hint: 'start from the example in help/configuration.md, or delete the file', fields: [''] },
  'not-a-mapping': { message: 'an environment file must hold one mapping of fields', hint: 'write key: value lines at the top level (name: dev, region: eu-west-1, ...), not a list or a single value', fields: [''] },
  // Any field.
  'unknown-key': { message: 'unknown field', hint: 'remove it or fix its spelling: a misspelt optional field would otherwise be ignored', fields: ['*'] },
  'required': { message: 'required field is missing', hint: 'add the field', fields: ['*'] },
  'type': { message: 'wrong type of value', hint: "write the type the field expects; quote text that looks like a number or boolean, e.g. '1001'", fields: ['*'] },
  'one-of': { message: 'not one of the accepted values', hint: 'use one of the values the field lists', fields: ['*'] },
  'range': { message: 'out of range', hint: 'use a value within the bounds the field lists', fields: ['*'] },
  // Single fields.
  'environment-name': { message: 'not a valid environment name', hint: 'use 2-16 lowercase letters, digits or inner hyphens, starting with a letter, e.g. staging' },
  'file-name': { message: 'the environment name must match its file name', hint: 'rename the file or the name field so that <name>.yaml holds name: <name>', fields: ['name'] },
  'project-name': { message: 'not a valid project name', hint: 'use 2-20 lowercase letters, digits or inner hyphens, starting with a letter' },
  'account-id': { message: 'an AWS account id is exactly 12 digits', hint: "quote it in YAML so leading zeros survive: id: '012345678901'" },
  'account-alias': { message: 'not a valid account alias', hint: 'use 2-20 lowercase letters, digits or inner hyphens, e.g. nonprod' },
  'domain-name': { message: 'not a valid domain name', hint: 'lowercase labels of letters, digits and inner hyphens separated by dots, no trailing dot, e.g. app.example.com' },
  'domain-length': { message: 'the domain is longer than an ACM certificate accepts as its first name (64 characters)', hint: 'serve a shorter domain, e.g. drop a label' },
  'tag-key': { message: 'not a valid tag key', hint: "1-128 letters, digits, spaces and _ . : / = + - @, not starting with 'aws:'" },
  'tag-value': { message: 'not a valid tag value', hint: 'at most 256 letters, digits, spaces and _ . : / = + - @' },
  'reserved-tag': { message: 'this tag key is set by the stacks themselves', hint: 'use the matching top-level field (owner, costCenter, repository) instead', fields: ['tags.<key>'] },
  'tag-count': { message: 'too many extra tags', hint: 'AWS allows 50 tags on a resource and the stacks set up to 10 themselves: keep tags to at most 40' },
  'github-repository': { message: 'not a GitHub repository', hint: 'write it as owner/name without https://github.com/ or .git, e.g. example-org/platform-infra' },
  'git-branch': { message: 'not a valid branch name', hint: "letters, digits and . _ / -, e.g. main or release/v2; no '..' or '//', not starting with '-', '/' or '.', not ending with '/', '.' or '.lock'" },
  'github-environment': { message: 'not a valid GitHub environment name', hint: '1-255 letters, digits and . _ -, e.g. production' },
  'cidr-syntax': { message: 'not an IPv4 CIDR', hint: 'write it as a.b.c.d/n with octets 0-255 and no leading zeros, e.g. 10.20.0.0/16' },
  'cidr-network-address': { message: 'the CIDR has host bits set', hint: 'use the network address of the block', fields: ['network.cidr'] },
  'vpc-prefix-range': { message: 'a VPC CIDR prefix must be /16 to /24', hint: 'AWS accepts /16 to /28; three subnet tiers need at least a /24', fields: ['network.cidr'] },
  'private-cidr': { message: 'the VPC CIDR is not in a private (RFC 1918) range', hint: 'use 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16', fields: ['network.cidr'] },
  'subnet-prefix-range': { message: 'a subnet prefix must be /16 to /28', hint: 'write a number from 16 to 28 without the slash, e.g. 24' },
  'subnet-fits-vpc': { message: 'the subnet plan does not fit the VPC CIDR', hint: 'lengthen the subnet prefixes or widen the VPC CIDR', fields: ['network.subnetPrefixLength'] },
  'availability-zone': { message: 'not an availability zone name', hint: 'use zone names (the region plus a letter, e.g. eu-west-1a), not zone ids like euw1-az1' },
  'az-count': { message: 'a network spans 1 to 3 availability zones', hint: 'list 1-3 zones, e.g. [eu-west-1a, eu-west-1b]' },
  'az-region': { message: 'the availability zone is not in the environment region', hint: 'zones are the region name plus one letter, e.g. eu-west-1a', fields: ['network.availabilityZones[]'] },
  'az-unique': { message: 'the availability zone is listed twice', hint: 'list each zone once', fields: ['network.availabilityZones[]'] },
  'unique-item': { message: 'the value is listed twice', hint: 'list each value once', fields: ['network.interfaceEndpoints[]', 'alerts.emails[]', 'budget.emails[]'] },
  'production-multi-az': { message: 'a production environment needs at least 2 availability zones', hint: 'add a second zone so one zone outage does not take production down', fields: ['network.availabilityZones'] },
  'production-flag': { message: 'this environment is named like production but production is false', hint: 'set production: true (deletion protection, prevent_destroy) or rename the environment', fields: ['production'] },
  'production-alerts': { message: 'a production environment needs at least one alert email', hint: 'add alerts.emails: [oncall@example.com]', fields: ['alerts.emails'] },
  'region': { message: 'not an AWS region', hint: 'e.g. eu-west-1, us-east-1' },
  'email': { message: 'not an email address', hint: 'e.g. oncall@example.com' },
  's3-bucket-name': { message: 'not a valid S3 bucket name', hint: '3-63 lowercase letters, digits and hyphens, beginning and ending with a letter or digit', fields: ['state.bucket'] },
  // The data section.
  'daily-window': { message: 'not a daily window', hint: "write hh24:mi-hh24:mi in UTC, e.g. '02:00-02:30' (quote it in YAML)" },
  'weekly-window': { message: 'not a weekly window', hint: "write ddd:hh24:mi-ddd:hh24:mi in UTC with mon..sun, e.g. 'sun:03:00-sun:04:00'" },
  'window-length': { message: 'the window is too short', hint: 'AWS needs at least 30 minutes for RDS windows and 60 for ElastiCache windows', fields: ['data.database.backupWindow', 'data.database.maintenanceWindow', 'data.cache.snapshotWindow', 'data.cache.maintenanceWindow'] },
  'window-overlap': { message: 'the maintenance window overlaps the backup or snapshot window', hint: 'move one of them: AWS refuses overlapping windows', fields: ['data.database.maintenanceWindow', 'data.cache.maintenanceWindow'] },
  'instance-class': { message: 'not an instance class or node type', hint: 'e.g. db.t4g.micro for RDS, cache.t4g.micro for ElastiCache' },
  'backup-retention': { message: 'RDS keeps automated backups for 1 to 35 days', hint: 'use 1-35; 0 would turn off backups and point-in-time recovery' },
  'storage-ceiling': { message: 'the storage autoscaling ceiling must exceed the allocated storage', hint: 'raise maxAllocatedStorageGib above allocatedStorageGib', fields: ['data.database.maxAllocatedStorageGib'] },
  'production-deletion-protection': { message: 'a production database must keep deletion protection', hint: 'remove deletionProtection: false; to retire a production database, follow help/database.md', fields: ['data.database.deletionProtection'] },
  'production-offsite-backup': { message: 'production backups need an offsite copy', hint: 'set data.backup.copyRegion to a second region, e.g. eu-central-1', fields: ['data.backup.copyRegion'] },
  'dr-region': { message: 'the disaster-recovery region is the environment region', hint: 'choose another region: a copy in the same region does not survive its loss', fields: ['data.database.backupReplicationRegion', 'data.backup.copyRegion'] },
  'cache-multi-az-nodes': { message: 'a Multi-AZ cache needs at least 2 nodes', hint: 'set nodes: 2 or more, or multiAz: false', fields: ['data.cache.nodes'] },
  'restore-suffix': { message: 'not a restore suffix', hint: '1-10 lowercase letters and digits starting with a letter, e.g. r1' },
  'db-identifier': { message: 'not a DB instance identifier or snapshot', hint: 'e.g. platform-prod-db, or a snapshot identifier' },
  'restore-time': { message: 'not a UTC timestamp', hint: 'write ISO 8601 in UTC, e.g. 2026-11-20T03:00:00Z' },
  'restore-source': { message: 'a restore takes exactly one source and one moment', hint: 'give pointInTime with either time or latest: true, or snapshotIdentifier, not both', fields: ['data.database.restore'] },
  // The edge section.
  'cloudflare-zone-id': { message: 'not a Cloudflare zone id', hint: 'copy the 32 hex characters of Zone ID from the zone overview page in Cloudflare', fields: ['edge.dns.cloudflareZoneId'] },
  'dns-provider-fields': { message: 'this field does not apply to the chosen DNS provider', hint: 'remove it, or change edge.dns.provider', fields: ['edge.dns.cloudflareZoneId', 'edge.dns.createZone'] },
  'domain-in-zone': { message: 'the domain is not inside the DNS zone', hint: 'set edge.dns.zoneName to the zone that holds domain.name, e.g. example.com', fields: ['edge.dns.zoneName'] },
  'dns-label': { message: 'not a DNS label', hint: '1-63 lowercase letters, digits and inner hyphens, e.g. api' },
  'url-path': { message: 'not a URL path', hint: "start with '/', e.g. /health" },
  'content-security-policy': { message: 'not a Content-Security-Policy', hint: "write directives separated by ';', e.g. default-src 'self'; img-src 'self' data:", fields: ['edge.contentSecurityPolicy'] },
  'rate-limit': { message: 'the WAF rate limit is out of range', hint: 'use 100 to 2000000000 requests per IP per 5 minutes' },
  // The service and budget sections.
  'image-repository': { message: 'not an image repository', hint: 'lowercase registry/path/name without a tag, e.g. 222222222222.dkr.ecr.eu-west-1.amazonaws.com/platform-api' },
  'image-tag': { message: 'not an image tag', hint: 'up to 128 letters, digits, _ . -, not starting with . or -, e.g. 1.4.2' },
  'image-digest': { message: 'not an image digest', hint: 'sha256: and 64 lowercase hex digits, as `docker buildx imagetools inspect` prints it' },
  'image-reference': { message: 'the image needs exactly one of tag and digest', hint: 'set service.image.tag or service.image.digest', fields: ['service.image'] },
  'image-latest': { message: "production does not run the tag 'latest'", hint: 'pin a version or a digest, so a deploy and a rollback know which image runs', fields: ['service.image.tag'] },
  'fargate-size': { message: 'Fargate does not offer this cpu and memory combination', hint: 'pick memoryMiB from the range for the cpu (help/service.md lists them)', fields: ['service.memoryMiB'] },
  'task-capacity': { message: 'the fewest tasks exceed the most tasks', hint: 'make service.maxTasks at least service.minTasks', fields: ['service.maxTasks'] },
  'env-var-name': { message: 'not an environment variable name', hint: 'uppercase letters, digits and _, not starting with a digit, e.g. LOG_LEVEL' },
  'env-var-reserved': { message: 'the service stack sets this variable itself', hint: 'remove it: hosts, ports, origins and secrets come from the other stacks (help/service.md)' },
  'env-var-secret': { message: 'the name says it holds a secret', hint: 'secrets never go in config files: put it in Secrets Manager and have the service read it (help/service.md)' },
  // Building the stacks.
  'construct-validation': { message: 'a construct refused these settings', hint: 'change the setting the message names (help/configuration.md lists each field); the schema let it through, so tell the platform team too', fields: [''] },
  // Across the files of one folder.
  'unique-environment': { message: 'two files define the same environment', hint: 'give each environment its own name', fields: ['name'] },
  'unique-domain': { message: 'two environments serve the same domain', hint: 'give each environment its own domain, e.g. staging.example.com', fields: ['domain.name'] },
  'account-state-bucket': { message: 'environments of one AWS account disagree on the state backend', hint: 'one account has one state bucket: give them the same state.bucket and state.region', fields: ['state'] },
  'state-bucket-per-account': { message: 'two AWS accounts name the same state bucket', hint: 'S3 bucket names are global: give each account its own state.bucket (the default includes the account id)', fields: ['state.bucket'] },
  'account-alias-consistent': { message: 'environments of one AWS account disagree on its alias', hint: 'give every environment of the account the same account.alias', fields: ['account.alias'] },
  'account-repository': { message: 'environments of one AWS account disagree on the repository', hint: 'one account trusts one GitHub repository for deploys', fields: ['repository'] },
  'unique-cidr': { message: 'two environments of one account use overlapping VPC CIDRs', hint: 'give each environment its own range so the VPCs can be peered or connected later', fields: ['network.cidr'] },
} as const satisfies Record<string, RuleDefinition>; // prettier-ignore

/** The id of a rule in {@link RULES}. */
export type RuleId = keyof typeof RULES;

/** Whether `id` names a rule in {@link RULES}. */
export function isRuleId(id: unknown): id is RuleId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(RULES, id);
}

/** The zod message for a rule: its id, which the error report resolves through {@link RULES}. */
export function rule(id: RuleId): { message: RuleId } {
  return { message: id };
}

/** Adds a custom issue for `id` at `path` to a refinement context, with an optional specific hint. */
export function report(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  id: RuleId,
  input: unknown,
  hint?: string,
): void {
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
export const LOG_RETENTION_DAYS = CLOUDWATCH_LOG_RETENTION_DAYS;

/** Short names of the interface (PrivateLink) endpoints the network can create. */
export const INTERFACE_ENDPOINT_SERVICES = [
  'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'kms', 'sts', 'ssm', 'ssmmessages', 'ec2messages', 'monitoring', 'elasticloadbalancing', 'ecs', 'ecs-agent', 'ecs-telemetry', 'rds', 'sns', 'sqs', 'xray',
] as const; // prettier-ignore

/** Tag keys the stacks set on every resource; a config's own `tags` may not redefine them. */
export const RESERVED_TAG_KEYS = ['environment', 'owner', 'cost-center', 'managed-by', 'repository'] as const;

/** Most extra tags a config may add: AWS allows 50 per resource, the stacks set up to 10 themselves. */
export const MAX_EXTRA_TAGS = 40;

/** Lowercase DNS name with at least two labels, 1-63 characters a label, 253 in all. */
export const domainName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
    rule('domain-name'),
  );

// AWS tag rules: keys 1-128, values 0-256, Unicode letters, digits, spaces and _ . : / = + - @.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** A JSON Schema pattern matching `text` in any letter case (JSON Schema has no `i` flag). */
export function anyCasePattern(text: string): string {
  return [...text]
    .map((ch) =>
      /[a-z]/i.test(ch)
        ? `[${ch.toLowerCase()}${ch.toUpperCase()}]`
        : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
    )
    .join('');
}

export const tagKey = z
  .string()
  .min(1, rule('tag-key'))
  .max(128, rule('tag-key'))
  .regex(TAG_CHARS, rule('tag-key'))
  .refine((key) => !key.toLowerCase().startsWith('aws:'), rule('tag-key'))
  // JSON Schema cannot run the refinement above: say the same with a pattern, for editors.
  .meta({ not: { pattern: `^${anyCasePattern('aws:')}` } });

export const tagValue = z.string().max(256, rule('tag-value')).regex(TAG_CHARS, rule('tag-value'));

/** A list check: reports every repeated item (compared by `key`) at its index. */
export function uniqueItems<T>(id: 'az-unique' | 'unique-item', key: (item: T) => string = String) {
  return (items: T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(key(item))) report(ctx, [i], id, item);
      seen.add(key(item));
    });
  };
}
