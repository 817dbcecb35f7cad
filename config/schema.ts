import { z } from 'zod';
import { nameViolation } from '../lib/naming';
import { MAX_AZS, parseIpv4Cidr, planSubnets, SubnetPlanError } from '../lib/network/subnet-plan';
import {
  AWS_REGIONS,
  domainName,
  INTERFACE_ENDPOINT_SERVICES,
  LOG_RETENTION_DAYS,
  report,
  RESERVED_TAG_KEYS,
  rule,
  tagKey,
  tagValue,
} from './rules';

const shortName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

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
  .describe('VPC flow logs. Always on; only their destination and retention are chosen.');

const networkSchema = z
  .strictObject({
    cidr: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, rule('cidr-syntax'))
      .describe('The VPC IPv4 CIDR, /16 to /24, in a private range, e.g. 10.20.0.0/16.'),
    availabilityZones: z
      .array(z.string())
      .min(1, rule('az-count'))
      .max(MAX_AZS, rule('az-count'))
      .describe('Availability zones to span (1-3; production at least 2), e.g. [eu-west-1a, eu-west-1b].'),
    subnetPrefixLength: z
      .strictObject({
        public: z.number().int().min(16, rule('subnet-prefix-range')).max(28, rule('subnet-prefix-range')).default(24)
          .describe('Prefix length of each public subnet (load balancers, NAT gateways).'),
        private: z.number().int().min(16, rule('subnet-prefix-range')).max(28, rule('subnet-prefix-range')).default(20)
          .describe('Prefix length of each private subnet (application tasks).'),
        isolated: z.number().int().min(16, rule('subnet-prefix-range')).max(28, rule('subnet-prefix-range')).default(24)
          .describe('Prefix length of each isolated subnet (databases, caches; no internet route).'),
      }) // prettier-ignore
      .default({ public: 24, private: 20, isolated: 24 })
      .describe('Subnet sizes per tier. Fixed once created: changing one renumbers, and so replaces, subnets.'),
    natGateways: z
      .enum(['none', 'single', 'perAz'])
      .default('single')
      .describe('NAT for the private tier: none (no egress), single (one, cheaper) or perAz (one per AZ, survives an AZ outage).'),
    flowLogs: flowLogsSchema.default({ destination: 'cloudwatch', retentionDays: 90, trafficType: 'ALL' }),
    interfaceEndpoints: z
      .array(z.enum(INTERFACE_ENDPOINT_SERVICES))
      .default([])
      .describe('Interface (PrivateLink) endpoints to create in the private tier, e.g. [ecr.api, ecr.dkr, logs].'),
  })
  .describe('The VPC and its subnet tiers.');

const environmentObject = z
  .strictObject({
    $schema: z.string().optional().describe('Path to the JSON Schema, for editors.'),
    name: z
      .string()
      .min(2, rule('environment-name'))
      .max(16, rule('environment-name'))
      .regex(shortName, rule('environment-name'))
      .describe('Environment name; stacks are named <name>-<layer>. Must match the file name.'),
    production: z
      .boolean()
      .default(false)
      .describe('Production safety: deletion protection, final snapshots, prevent_destroy, at least 2 AZs.'),
    project: z
      .string()
      .min(2, rule('project-name'))
      .max(20, rule('project-name'))
      .regex(shortName, rule('project-name'))
      .default('platform')
      .describe('Prefix of every resource name.'),
    account: z
      .strictObject({
        id: z.string().regex(/^\d{12}$/, rule('account-id')).describe('The 12-digit AWS account id (quoted).'),
        alias: z
          .string()
          .min(2, rule('account-alias'))
          .max(20, rule('account-alias'))
          .regex(shortName, rule('account-alias'))
          .optional()
          .describe('Short account name for the bootstrap stack, bootstrap-<alias>. @default the account id'),
      })
      .describe('The AWS account the environment deploys to; the provider refuses any other.'),
    region: z.enum(AWS_REGIONS, rule('region')).describe('AWS region of the environment.'),
    owner: tagValue.min(1, rule('tag-value')).describe('Owning team, applied as the owner tag.'),
    costCenter: tagValue.min(1, rule('tag-value')).describe('Cost center, applied as the cost-center tag.'),
    repository: z
      .string()
      .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, rule('github-repository'))
      .describe('GitHub repository (owner/name) that deploys this environment: tag and OIDC trust.'),
    tags: z
      .record(tagKey, tagValue)
      .default({})
      .describe('Extra tags on every resource (environment, owner, cost-center, managed-by, repository are set for you).'),
    domain: z
      .strictObject({
        name: domainName.describe('The domain the environment serves, e.g. app.example.com.'),
      })
      .describe('The public domain of the environment.'),
    network: networkSchema,
    alerts: z
      .strictObject({
        emails: z.array(z.email(rule('email'))).default([]).describe('Addresses subscribed to the alert topic.'),
      })
      .default({ emails: [] })
      .describe('Where alarms go: an SNS topic per environment.'),
    state: z
      .strictObject({
        bucket: z.string().optional().describe('State bucket name. @default <project>-tfstate-<account id>'),
        region: z.enum(AWS_REGIONS, rule('region')).optional().describe('State bucket region. @default the environment region'),
      })
      .default({})
      .describe('Terraform state backend, shared by every environment of the account.'),
    ci: z
      .strictObject({
        deployBranch: z
          .string()
          .regex(/^[A-Za-z0-9._/-]{1,100}$/, rule('git-branch'))
          .default('main')
          .describe('The branch whose workflows may assume the apply role.'),
        githubEnvironment: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,100}$/, rule('git-branch'))
          .optional()
          .describe('GitHub environment gating deploys of this environment. @default the environment name'),
      })
      .default({ deployBranch: 'main' })
      .describe('How GitHub Actions deploys this environment.'),
  })
  .describe('One environment of platform-infra: network, data, edge and service stacks in one AWS account.');

/** The schema of one environment file (`config/environments/<name>.yaml`). */
export const environmentSchema = environmentObject.superRefine(checkEnvironment);

/** A validated environment, defaults applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
/** What an environment file may hold before defaults. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

function checkEnvironment(env: z.output<typeof environmentObject>, ctx: z.RefinementCtx): void {
  if (/(^|-)prod(uction)?($|-)/.test(env.name) && !env.production) {
    report(ctx, ['production'], 'production-flag', env.production);
  }
  if (env.production && env.network.availabilityZones.length < 2) {
    report(ctx, ['network', 'availabilityZones'], 'production-multi-az', env.network.availabilityZones);
  }
  if (env.production && env.alerts.emails.length === 0) {
    report(ctx, ['alerts', 'emails'], 'production-alerts', env.alerts.emails);
  }
  for (const key of Object.keys(env.tags)) {
    if ((RESERVED_TAG_KEYS as readonly string[]).includes(key.toLowerCase())) {
      report(ctx, ['tags', key], 'reserved-tag', key);
    }
  }
  const seen = new Set<string>();
  env.network.availabilityZones.forEach((az, i) => {
    if (!new RegExp(`^${env.region}[a-z]$`).test(az)) {
      report(ctx, ['network', 'availabilityZones', i], 'az-region', az, `zones of ${env.region} look like ${env.region}a`);
    }
    if (seen.has(az)) report(ctx, ['network', 'availabilityZones', i], 'az-unique', az);
    seen.add(az);
  });
  if (env.state.bucket !== undefined) {
    const why = nameViolation('s3Bucket', env.state.bucket);
    if (why) report(ctx, ['state', 'bucket'], 's3-bucket-name', env.state.bucket, `it ${why}`);
  }
  checkNetworkPlan(env, ctx);
}

function checkNetworkPlan(env: z.output<typeof environmentObject>, ctx: z.RefinementCtx): void {
  const { cidr } = env.network;
  try {
    const { address, prefix } = parseIpv4Cidr(cidr);
    if (prefix < 16 || prefix > 24) {
      report(ctx, ['network', 'cidr'], 'vpc-prefix-range', cidr);
      return;
    }
    if (!isRfc1918(address)) report(ctx, ['network', 'cidr'], 'private-cidr', cidr);
    planSubnets({
      vpcCidr: cidr,
      azCount: Math.min(Math.max(env.network.availabilityZones.length, 1), MAX_AZS),
      prefixLengths: env.network.subnetPrefixLength,
    });
  } catch (error) {
    if (!(error instanceof SubnetPlanError)) throw error;
    const path = error.rule === 'subnet-fits-vpc' ? ['network', 'subnetPrefixLength'] : ['network', 'cidr'];
    const value = error.rule === 'subnet-fits-vpc' ? { cidr, ...env.network.subnetPrefixLength } : cidr;
    report(ctx, path, error.rule as 'subnet-fits-vpc', value, `${error.message}: ${error.hint}`);
  }
}

function isRfc1918(address: number): boolean {
  const a = Math.floor(address / 2 ** 24);
  const b = Math.floor(address / 2 ** 16) % 256;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
