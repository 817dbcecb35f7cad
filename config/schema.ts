import * as z from 'zod';
import { checkData, dataSchema } from './data-schema';
import { checkEdge, edgeSchema } from './edge-schema';
import { budgetSchema, checkService, serviceSchema } from './service-schema';
import { nameViolation } from '../lib/naming';
import {
  DEFAULT_SUBNET_PREFIX_LENGTHS,
  MAX_AZS,
  parseIpv4Cidr,
  planSubnets,
  SUBNET_PREFIX_RANGE,
  SubnetPlanError,
} from '../lib/network/subnet-plan';
import {
  anyCasePattern,
  AWS_REGIONS,
  domainName,
  INTERFACE_ENDPOINT_SERVICES,
  isRuleId,
  LOG_RETENTION_DAYS,
  MAX_EXTRA_TAGS,
  report,
  RESERVED_TAG_KEYS,
  rule,
  RULES,
  uniqueItems,
  tagKey,
  tagValue,
} from './rules';

/* Patterns. Each is also written to the JSON Schema, so keep them to ECMAScript syntax editors understand. */

const SHORT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** `a.b.c.d/n`: octets 0-255 without leading zeros, prefix 0-32. */
export const CIDR_PATTERN = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}\\/(?:3[0-2]|[12]?\\d)$`);
/** A private (RFC 1918) CIDR of /16 to /24; only for editors, the zod checks say which rule failed. */
const PRIVATE_VPC_CIDR = `^(?:10\\.${OCTET}|172\\.(?:1[6-9]|2\\d|3[01])|192\\.168)\\.${OCTET}\\.${OCTET}\\/(?:1[6-9]|2[0-4])$`;
/** Zone names, e.g. `eu-west-1a`; zone ids (`euw1-az1`) are refused. */
const AZ_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/;
/** GitHub `owner/name`: owner 1-39 alphanumerics and single inner hyphens; name 1-100, not `.`, `..` or `*.git`. */
const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}\/(?!\.\.?$)(?!.*\.git$)[A-Za-z0-9._-]{1,100}$/;
/** A subset of `git check-ref-format` that also keeps the OIDC subject claim simple. */
const GIT_BRANCH = /^(?![-/.])(?!.*(?:\.\.|\/\/|\/\.|\.lock$|[/.]$))[A-Za-z0-9._/-]{1,100}$/;
const GITHUB_ENVIRONMENT = /^[A-Za-z0-9._-]{1,255}$/;
/** S3 bucket names the state bucket may take (the full rule is `nameViolation('s3Bucket')` plus reserved affixes). */
const S3_BUCKET = '^(?!.*--)(?!sthree-|amzn-s3-demo-)(?!.*-s3alias$)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$';
/** Environment names that mean production. */
const PRODUCTION_NAME = /(^|-)prod(uction)?($|-)/;

/* Field-level checks that need code. */

function checkVpcCidr(cidr: string, ctx: z.RefinementCtx): void {
  if (!CIDR_PATTERN.test(cidr)) return; // cidr-syntax is reported by the pattern
  try {
    const { address, prefix } = parseIpv4Cidr(cidr);
    if (prefix < 16 || prefix > 24) report(ctx, [], 'vpc-prefix-range', cidr);
    else if (!isRfc1918(address)) report(ctx, [], 'private-cidr', cidr);
  } catch (error) {
    if (!(error instanceof SubnetPlanError) || !isRuleId(error.rule)) throw error;
    report(ctx, [], error.rule, cidr, error.hint);
  }
}

function isRfc1918(address: number): boolean {
  const a = Math.floor(address / 2 ** 24);
  const b = Math.floor(address / 2 ** 16) % 256;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Why AWS would refuse `name` as a bucket name, or `undefined`. */
function s3BucketViolation(name: string): string | undefined {
  const why = nameViolation('s3Bucket', name);
  if (why) return why;
  const prefix = ['sthree-', 'amzn-s3-demo-', 'xn--'].find((p) => name.startsWith(p));
  if (prefix) return `must not start with '${prefix}' (reserved by AWS)`;
  const suffix = ['-s3alias', '--ol-s3', '--x-s3', '--table-s3'].find((s) => name.endsWith(s));
  if (suffix) return `must not end with '${suffix}' (reserved by AWS)`;
  return undefined;
}

const shortName = (id: 'environment-name' | 'project-name' | 'account-alias', min: number, max: number) =>
  z.string().min(min, rule(id)).max(max, rule(id)).regex(SHORT_NAME, rule(id));

const subnetPrefix = (tier: keyof typeof DEFAULT_SUBNET_PREFIX_LENGTHS, description: string) =>
  z
    .number(rule('subnet-prefix-range'))
    .int(rule('subnet-prefix-range'))
    .min(SUBNET_PREFIX_RANGE.min, rule('subnet-prefix-range'))
    .max(SUBNET_PREFIX_RANGE.max, rule('subnet-prefix-range'))
    .default(DEFAULT_SUBNET_PREFIX_LENGTHS[tier])
    .describe(description);

const extraTagKey = tagKey
  .refine(
    (key) => !(RESERVED_TAG_KEYS as readonly string[]).includes(key.toLowerCase()),
    rule('reserved-tag'),
  )
  .meta({
    not: {
      anyOf: [
        { pattern: `^${anyCasePattern('aws:')}` },
        { pattern: `^(?:${RESERVED_TAG_KEYS.map(anyCasePattern).join('|')})$` },
      ],
    },
  });

/* The schema. */

const flowLogsSchema = z
  .strictObject({
    destination: z
      .enum(['cloudwatch', 's3'])
      .default('cloudwatch')
      .describe('Where VPC flow logs go: a KMS-encrypted CloudWatch Logs group, or an encrypted S3 bucket.'),
    retentionDays: z
      .literal(LOG_RETENTION_DAYS)
      .default(90)
      .describe('Days flow log records are kept (a CloudWatch Logs retention value; for S3, the expiry).'),
    trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']).default('ALL').describe('Which traffic is recorded.'),
  })
  .describe('VPC flow logs. Always on; only their destination, retention and traffic type are chosen.');

const networkSchema = z
  .strictObject({
    cidr: z
      .string()
      .regex(CIDR_PATTERN, rule('cidr-syntax'))
      .superRefine(checkVpcCidr)
      .meta({
        description: 'The VPC IPv4 CIDR: a private (RFC 1918) range, /16 to /24, e.g. 10.20.0.0/16.',
        allOf: [
          {
            pattern: PRIVATE_VPC_CIDR,
            patternErrorMessage: 'use a private range (10/8, 172.16/12, 192.168/16) of /16 to /24',
          },
        ],
      }),
    availabilityZones: z
      .array(z.string().regex(AZ_NAME, rule('availability-zone')))
      .min(1, rule('az-count'))
      .max(MAX_AZS, rule('az-count'))
      .superRefine(uniqueItems('az-unique'))
      .describe(
        `Availability zones to span, by name (1-${MAX_AZS}; production at least 2), e.g. [eu-west-1a, eu-west-1b]. ` +
          'Each tier reserves room for 4 zones, so adding a zone later renumbers nothing.',
      ),
    subnetPrefixLength: z
      .strictObject({
        public: subnetPrefix('public', 'Prefix length of each public subnet (load balancers, NAT gateways).'),
        private: subnetPrefix('private', 'Prefix length of each private subnet (application tasks).'),
        isolated: subnetPrefix(
          'isolated',
          'Prefix length of each isolated subnet (databases, caches; no internet route).',
        ),
      })
      .default({ ...DEFAULT_SUBNET_PREFIX_LENGTHS })
      .describe(
        'Subnet sizes per tier. Every tier reserves 4 zone slots, and all of them must fit the VPC CIDR. ' +
          'Fixed once created: changing one renumbers, and so replaces, subnets.',
      ),
    natGateways: z
      .enum(['none', 'single', 'perAz'])
      .default('single')
      .describe(
        'NAT for the private tier: none (no egress), single (one, cheaper) or perAz (one per zone, survives a zone outage).',
      ),
    flowLogs: flowLogsSchema.default({ destination: 'cloudwatch', retentionDays: 90, trafficType: 'ALL' }),
    interfaceEndpoints: z
      .array(z.enum(INTERFACE_ENDPOINT_SERVICES))
      .superRefine(uniqueItems('unique-item'))
      .default([])
      .describe(
        'Interface (PrivateLink) endpoints to create in the private tier, e.g. [ecr.api, ecr.dkr, logs].',
      ),
  })
  .describe('The VPC and its subnet tiers.');

const environmentObject = z
  .strictObject({
    $schema: z.string().optional().describe('Path to the JSON Schema, for editors of JSON files.'),
    name: shortName('environment-name', 2, 16).describe(
      'Environment name; stacks are named <name>-<layer>. Must match the file name (<name>.yaml).',
    ),
    production: z
      .boolean()
      .default(false)
      .describe(
        'Production safety: deletion protection, final snapshots, prevent_destroy, at least 2 zones and an alert email.',
      ),
    project: shortName('project-name', 2, 20).default('platform').describe('Prefix of every resource name.'),
    account: z
      .strictObject({
        id: z
          .string(rule('account-id'))
          .regex(/^\d{12}$/, rule('account-id'))
          .describe('The 12-digit AWS account id, quoted so YAML keeps it a string.'),
        alias: shortName('account-alias', 2, 20)
          .optional()
          .describe('Short account name; the bootstrap stack is bootstrap-<alias>. @default the account id'),
      })
      .describe('The AWS account the environment deploys to; the provider refuses any other.'),
    region: z.enum(AWS_REGIONS, rule('region')).describe('AWS region of the environment.'),
    owner: tagValue.min(1, rule('tag-value')).describe('Owning team, applied as the owner tag.'),
    costCenter: tagValue.min(1, rule('tag-value')).describe('Cost center, applied as the cost-center tag.'),
    repository: z
      .string()
      .regex(GITHUB_REPOSITORY, rule('github-repository'))
      .describe('GitHub repository (owner/name) that deploys this environment: tag and OIDC trust.'),
    tags: z
      .record(extraTagKey, tagValue)
      .refine((tags) => Object.keys(tags).length <= MAX_EXTRA_TAGS, rule('tag-count'))
      .default({})
      .meta({
        description: `Extra tags on every resource, at most ${MAX_EXTRA_TAGS} (${RESERVED_TAG_KEYS.join(', ')} are set for you).`,
        maxProperties: MAX_EXTRA_TAGS,
      }),
    domain: z
      .strictObject({
        name: domainName
          .max(64, rule('domain-length'))
          .describe(
            'The domain the environment serves, e.g. app.example.com (at most 64 characters, for ACM).',
          ),
      })
      .describe('The public domain of the environment.'),
    network: networkSchema,
    data: dataSchema.default(dataSchema.parse({})),
    edge: edgeSchema.default(edgeSchema.parse({})),
    service: serviceSchema,
    budget: budgetSchema,
    alerts: z
      .strictObject({
        emails: z
          .array(z.email(rule('email')))
          .superRefine(uniqueItems<string>('unique-item', (email) => email.toLowerCase()))
          .default([])
          .describe('Addresses subscribed to the alert topic (production needs at least one).'),
      })
      .default({ emails: [] })
      .describe('Where alarms go: an SNS topic per environment.'),
    state: z
      .strictObject({
        bucket: z
          .string()
          .superRefine((bucket, ctx) => {
            const why = s3BucketViolation(bucket);
            if (why) report(ctx, [], 's3-bucket-name', bucket, `it ${why}`);
          })
          .optional()
          .meta({
            description: 'State bucket name, one per AWS account. @default <project>-tfstate-<account id>',
            minLength: 3,
            maxLength: 63,
            pattern: S3_BUCKET,
            patternErrorMessage: `${RULES['s3-bucket-name'].message}: ${RULES['s3-bucket-name'].hint}`,
          }),
        region: z
          .enum(AWS_REGIONS, rule('region'))
          .optional()
          .describe('State bucket region. @default the environment region'),
      })
      .default({})
      .describe('Terraform state backend, shared by every environment of the account.'),
    ci: z
      .strictObject({
        deployBranch: z
          .string()
          .regex(GIT_BRANCH, rule('git-branch'))
          .default('main')
          .describe('The branch whose workflows may assume the apply role.'),
        githubEnvironment: z
          .string()
          .regex(GITHUB_ENVIRONMENT, rule('github-environment'))
          .optional()
          .describe('GitHub environment gating deploys of this environment. @default the environment name'),
      })
      .default({ deployBranch: 'main' })
      .describe('How GitHub Actions deploys this environment.'),
  })
  .describe('One environment of platform-infra: network, data, edge and service stacks in one AWS account.');

/**
 * The schema of one environment file (`config/environments/<name>.yaml`).
 *
 * The cross-field checks run even when some fields are invalid (zod skips them by default), using
 * only the fields that passed, so one run reports every problem.
 */
export const environmentSchema = environmentObject
  .superRefine(checkEnvironment, { when: (payload) => isRecord(payload.value) })
  .meta({
    // The cross-field rules JSON Schema can express, for editors.
    allOf: [
      {
        if: { required: ['production'], properties: { production: { const: true } } },
        then: {
          required: ['alerts'],
          properties: {
            network: { properties: { availabilityZones: { minItems: 2 } } },
            alerts: { required: ['emails'], properties: { emails: { minItems: 1 } } },
          },
        },
      },
      {
        if: { required: ['name'], properties: { name: { pattern: PRODUCTION_NAME.source } } },
        then: { required: ['production'], properties: { production: { const: true } } },
      },
    ],
  });

/** A validated environment, defaults applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
/** What an environment file may hold before defaults. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

type Path = readonly (string | number)[];

/** Checks that involve more than one field; each runs only when the fields it reads are valid. */
function checkEnvironment(env: z.output<typeof environmentObject>, ctx: z.RefinementCtx): void {
  const prior = ctx.issues
    .filter((issue) => issue.code !== 'unrecognized_keys')
    .map((issue) => issue.path ?? []);
  // A field is usable when neither it nor an enclosing field has an issue and it is present.
  const usable = (...paths: Path[]): boolean =>
    paths.every(
      (path) =>
        valueAt(env, path) !== undefined &&
        !prior.some((bad) => bad.length <= path.length && bad.every((key, i) => key === path[i])),
    );

  if (usable(['name'], ['production']) && PRODUCTION_NAME.test(env.name) && !env.production) {
    report(ctx, ['production'], 'production-flag', env.production);
  }
  const zones = ['network', 'availabilityZones'];
  if (usable(['production'], zones) && env.production && env.network.availabilityZones.length < 2) {
    report(ctx, zones, 'production-multi-az', env.network.availabilityZones);
  }
  if (usable(['production'], ['alerts', 'emails']) && env.production && env.alerts.emails.length === 0) {
    report(ctx, ['alerts', 'emails'], 'production-alerts', env.alerts.emails);
  }
  if (usable(['region'], zones)) {
    env.network.availabilityZones.forEach((zone, i) => {
      if (usable([...zones, i]) && !new RegExp(`^${env.region}[a-z]$`).test(zone)) {
        report(ctx, [...zones, i], 'az-region', zone, `zones of ${env.region} look like ${env.region}a`);
      }
    });
  }
  checkData(env, usable, (path, id, value, hint) => report(ctx, path, id, value, hint));
  checkEdge(env, usable, (path, id, value, hint) => report(ctx, path, id, value, hint));
  checkService(env, usable, (path, id, value, hint) => report(ctx, path, id, value, hint));
  const prefixes = ['public', 'private', 'isolated'].map((tier) => ['network', 'subnetPrefixLength', tier]);
  if (usable(['network', 'cidr'], ...prefixes)) checkSubnetPlan(env, ctx);
  if (usable(['project'], ['account', 'id'], ['state']) && env.state.bucket === undefined) {
    // The default bucket name is made from the project and account id: check what they produce.
    const bucket = `${env.project}-tfstate-${env.account.id}`;
    const why = s3BucketViolation(bucket);
    if (why) report(ctx, ['state', 'bucket'], 's3-bucket-name', bucket, `the default name ${bucket} ${why}: set state.bucket`); // prettier-ignore
  }
}

function checkSubnetPlan(env: z.output<typeof environmentObject>, ctx: z.RefinementCtx): void {
  const { cidr, subnetPrefixLength } = env.network;
  try {
    // The plan reserves the same room whatever the zone count; one zone keeps az-count out of it.
    planSubnets({ vpcCidr: cidr, azCount: 1, prefixLengths: subnetPrefixLength });
  } catch (error) {
    if (!(error instanceof SubnetPlanError) || !isRuleId(error.rule)) throw error;
    report(ctx, ['network', 'subnetPrefixLength'], error.rule, { cidr, ...subnetPrefixLength }, `${error.message}: ${error.hint}`); // prettier-ignore
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
