import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../../config/load';
import { EnvironmentConfig, EnvironmentInput, environmentSchema } from '../../config/schema';
import {
  BOOTSTRAP_CONTRACT,
  bootstrapBackendFrom,
  bootstrapPropsFor,
  BootstrapStack,
  BootstrapStackProps,
  bootstrapStacksFor,
  bootstrapStateKey,
} from '../../stacks/bootstrap-stack';
import {
  list,
  onlyResource,
  onlyResourceId,
  parsePolicy,
  resources,
  statement,
  TerraformJson,
} from '../support/synth';
import { trustAllows } from './helpers';

const PROPS: BootstrapStackProps = {
  accountId: '111111111111',
  accountName: 'nonprod',
  region: 'eu-west-1',
  stateBucketName: 'platform-tfstate-111111111111',
  projectPrefix: 'platform',
  repository: 'example-org/platform-infra',
  deployBranches: ['main'],
  githubEnvironments: ['dev', 'staging'],
  defaultTags: { owner: 'platform-team', 'managed-by': 'cdktf' },
};
const aud = 'sts.amazonaws.com';

function synthStack(props: Partial<BootstrapStackProps> = {}): { stack: BootstrapStack; doc: TerraformJson } {
  const stack = new BootstrapStack(Testing.app(), { ...PROPS, ...props });
  return { stack, doc: JSON.parse(Testing.synth(stack)) as TerraformJson };
}

function roleNamed(doc: TerraformJson, name: string): { id: string; role: Record<string, unknown> } {
  const found = Object.entries(resources(doc, 'aws_iam_role')).find(([, r]) => r.name === name);
  if (!found) throw new Error(`no role ${name}`);
  return { id: found[0], role: found[1] };
}

describe('BootstrapStack', () => {
  const { stack, doc } = synthStack();
  const bucketId = onlyResourceId(doc, 'aws_s3_bucket');
  const keyId = onlyResourceId(doc, 'aws_kms_key');
  const providerId = onlyResourceId(doc, 'aws_iam_openid_connect_provider');
  const plan = roleNamed(doc, 'platform-github-plan');
  const apply = roleNamed(doc, 'platform-github-apply');

  it('is named after the account', () => {
    expect(stack.node.id).toBe('bootstrap-nonprod');
    expect(synthStack({ accountName: '111111111111' }).stack.node.id).toBe('bootstrap-111111111111');
  });

  it('pins the AWS provider to the account and region, with the default tags', () => {
    expect(doc.provider?.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        default_tags: [{ tags: { owner: 'platform-team', 'managed-by': 'cdktf' } }],
      },
    ]);
  });

  describe('state backend', () => {
    it('is a local file outside cdktf.out at first: <repo>/state/bootstrap-<name>.tfstate', () => {
      expect(doc.terraform?.backend).toEqual({ local: { path: '../../../state/bootstrap-nonprod.tfstate' } });
      // Terraform resolves the path from the stack's working directory.
      const workingDir = path.join('/repo', 'cdktf.out', 'stacks', 'bootstrap-nonprod');
      const local = doc.terraform?.backend?.local as { path: string };
      expect(path.resolve(workingDir, local.path)).toBe(
        path.join('/repo', 'state', 'bootstrap-nonprod.tfstate'),
      );
    });

    it('takes another local path', () => {
      const moved = synthStack({ localStatePath: '/var/lib/terraform/bootstrap.tfstate' }).doc;
      expect(moved.terraform?.backend).toEqual({ local: { path: '/var/lib/terraform/bootstrap.tfstate' } });
    });

    it('moves into its own bucket, at the bucket root, encrypted with the state key and locked', () => {
      const s3 = synthStack({ stateBackend: 's3' }).doc;
      expect(s3.terraform?.backend).toEqual({
        s3: {
          bucket: 'platform-tfstate-111111111111',
          key: 'bootstrap-nonprod.tfstate',
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
          kms_key_id: 'alias/platform-tfstate-111111111111',
        },
      });
      expect(bootstrapStateKey('nonprod')).toBe('bootstrap-nonprod.tfstate');
      // The alias the backend names is the one the stack creates.
      expect(onlyResource(s3, 'aws_kms_alias').name).toBe('alias/platform-tfstate-111111111111');
    });
  });

  it('creates the state bucket, versioned and KMS-encrypted, and protects bucket and key from destroy', () => {
    expect(onlyResource(doc, 'aws_s3_bucket')).toMatchObject({
      bucket: 'platform-tfstate-111111111111',
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(doc, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(doc, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({
      status: 'Enabled',
    });
    expect(resources(doc, 'aws_dynamodb_table')).toEqual({});
  });

  it('creates the GitHub OIDC provider and trusts it from both roles', () => {
    expect(onlyResource(doc, 'aws_iam_openid_connect_provider').url).toBe(
      'https://token.actions.githubusercontent.com',
    );
    const federated = `\${aws_iam_openid_connect_provider.${providerId}.arn}`;
    for (const { role } of [plan, apply]) {
      expect(parsePolicy(role.assume_role_policy).Statement[0].Principal).toEqual({ Federated: federated });
    }
  });

  it('lets pull requests and the deploy branch plan, and nothing else', () => {
    const trust = parsePolicy(plan.role.assume_role_policy);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:pull_request' })).toBe(true);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      true,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/develop' })).toBe(
      false,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:dev' })).toBe(false);
  });

  it('lets only the account’s GitHub environments apply', () => {
    const trust = parsePolicy(apply.role.assume_role_policy);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:dev' })).toBe(true);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:staging' })).toBe(
      true,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:production' })).toBe(
      false,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      false,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:pull_request' })).toBe(false);
  });

  it('scopes both roles’ state permissions to this stack’s bucket and key', () => {
    const policies = Object.values(resources(doc, 'aws_iam_role_policy'));
    const byName = (name: string) => parsePolicy(policies.find((p) => p.name === name)?.policy);
    const bucketArn = `\${aws_s3_bucket.${bucketId}.arn}`;
    const keyArn = `\${aws_kms_key.${keyId}.arn}`;

    const read = byName('terraform-state-read');
    expect(statement(read, 'ReadState').Resource).toBe(`${bucketArn}/*`);
    expect(statement(read, 'TakeAndReleaseStateLocks').Resource).toBe(`${bucketArn}/*.tflock`);
    expect(statement(read, 'UseStateKey').Resource).toBe(keyArn);

    const guard = byName('protect-bootstrap');
    expect(statement(guard, 'DenyStateBucketReconfiguration').Resource).toBe(bucketArn);
    expect(statement(guard, 'DenyStateKeyAdministration').Resource).toBe(keyArn);
    expect(list(statement(guard, 'DenyChangesToBootstrapRoles').Resource)).toEqual([
      `\${aws_iam_role.${apply.id}.arn}`,
      `\${aws_iam_role.${plan.id}.arn}`,
    ]);
  });

  it('publishes the contract outputs, with descriptions', () => {
    expect(Object.keys(doc.output ?? {}).sort()).toEqual(Object.keys(BOOTSTRAP_CONTRACT.outputs).sort());
    expect(doc.output).toMatchObject({
      stateBucketName: { value: `\${aws_s3_bucket.${bucketId}.bucket}` },
      stateBucketArn: { value: `\${aws_s3_bucket.${bucketId}.arn}` },
      stateKeyArn: { value: `\${aws_kms_key.${keyId}.arn}` },
      planRoleArn: { value: `\${aws_iam_role.${plan.id}.arn}` },
      applyRoleArn: { value: `\${aws_iam_role.${apply.id}.arn}` },
      oidcProviderArn: { value: `\${aws_iam_openid_connect_provider.${providerId}.arn}` },
    });
    for (const output of Object.values(doc.output ?? {})) expect(output.description).toBeTruthy();
  });

  it('uses an existing OIDC provider when given one', () => {
    const existing = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
    const reused = synthStack({ existingOidcProviderArn: existing }).doc;
    expect(resources(reused, 'aws_iam_openid_connect_provider')).toEqual({});
    expect(reused.output?.oidcProviderArn.value).toBe(existing);
    const trust = parsePolicy(roleNamed(reused, 'platform-github-apply').role.assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ Federated: existing });
  });

  it('lets deploys manage the IAM resources of every managed prefix', () => {
    const multi = synthStack({ managedNamePrefixes: ['platform', 'billing'] }).doc;
    const iam = parsePolicy(
      Object.values(resources(multi, 'aws_iam_role_policy')).find((p) => p.name === 'prefixed-iam')?.policy,
    );
    expect(list(statement(iam, 'PassPrefixedRoles').Resource)).toEqual([
      expect.stringMatching(/:role\/platform-\*$/),
      expect.stringMatching(/:role\/billing-\*$/),
    ]);
  });

  it('has the Terraform address help/bootstrap.md imports an existing OIDC provider to, in every account', () => {
    const help = readFileSync(path.join(__dirname, '..', '..', 'help', 'bootstrap.md'), 'utf8');
    const addresses = [...help.matchAll(/terraform import (\S+) /g)].map((m) => m[1]);
    expect(addresses).toHaveLength(1);
    const [type, name] = addresses[0].split('.');
    expect(Object.keys(resources(doc, type))).toEqual([name]);
    const other = synthStack({ accountId: '222222222222', accountName: 'prod' }).doc;
    expect(Object.keys(resources(other, type))).toEqual([name]);
  });

  it.each<[Partial<BootstrapStackProps>, string]>([
    [{ accountId: '1234' }, "account id '1234' must be 12 digits"],
    [{ accountName: 'Non Prod' }, "account name 'Non Prod'"],
    [{ deployBranches: [] }, 'deployBranches must name at least one branch'],
    [{ githubEnvironments: [] }, 'githubEnvironments must name at least one'],
    [{ stateBucketName: 'Platform_State' }, "bucket name 'Platform_State'"],
    [{ repository: 'not-a-repository' }, 'GitHub repository "not-a-repository"'],
  ])('rejects %j', (props, message) => {
    expect(() => synthStack(props)).toThrow(message);
  });
});

function env(
  input: Partial<EnvironmentInput> & Pick<EnvironmentInput, 'name' | 'account'>,
): EnvironmentConfig {
  return environmentSchema.parse({
    region: 'eu-west-1',
    owner: 'platform-team',
    costCenter: 'cc-1001',
    repository: 'example-org/platform-infra',
    domain: { name: `${input.name}.example.com` },
    network: { cidr: '10.10.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    alerts: { emails: ['oncall@example.com'] },
    service: { image: { repository: 'ghcr.io/example-org/api', tag: '1.4.2' } },
    budget: { monthlyLimitUsd: 100 },
    ...input,
  });
}

describe('bootstrapPropsFor', () => {
  const nonprod = { id: '111111111111', alias: 'nonprod' };
  const staging = env({
    name: 'staging',
    account: nonprod,
    tags: { tier: 'shared' },
    ci: { deployBranch: 'main' },
  });
  const dev = env({
    name: 'dev',
    account: nonprod,
    tags: { tier: 'shared', 'data-classification': 'internal' },
    ci: { deployBranch: 'develop' },
    network: { cidr: '10.20.0.0/16', availabilityZones: ['eu-west-1a'] },
  });
  const prod = env({
    name: 'prod',
    production: true,
    account: { id: '222222222222' },
    costCenter: 'cc-1000',
    ci: { deployBranch: 'main', githubEnvironment: 'production' },
    state: { bucket: 'acme-prod-tfstate', region: 'eu-central-1' },
    data: { backup: { copyRegion: 'eu-central-1' } },
  });
  const all = bootstrapPropsFor([staging, prod, dev]);

  it('gives one bootstrap per account, in the order accounts first appear', () => {
    expect(all.map((p) => p.accountId)).toEqual(['111111111111', '222222222222']);
  });

  it('collects the GitHub environments and deploy branches of every environment of the account', () => {
    expect(all[0].githubEnvironments).toEqual(['dev', 'staging']);
    expect(all[0].deployBranches).toEqual(['develop', 'main']);
    expect(all[1].githubEnvironments).toEqual(['production']);
    expect(all[1].deployBranches).toEqual(['main']);
  });

  it('takes the account name, state bucket and region from the config helpers', () => {
    expect(all[0]).toMatchObject({
      accountName: 'nonprod',
      stateBucketName: 'platform-tfstate-111111111111',
      region: 'eu-west-1',
      projectPrefix: 'platform',
      managedNamePrefixes: ['platform'],
      repository: 'example-org/platform-infra',
    });
    // No alias: the account id names the stack. The bucket's region is the provider's region.
    expect(all[1]).toMatchObject({
      accountName: '222222222222',
      stateBucketName: 'acme-prod-tfstate',
      region: 'eu-central-1',
    });
  });

  it('tags with what the environments agree on, and names all of them where they differ', () => {
    expect(all[0].defaultTags).toEqual({
      environment: 'dev+staging',
      owner: 'platform-team',
      'cost-center': 'cc-1001',
      'managed-by': 'cdktf',
      repository: 'example-org/platform-infra',
      tier: 'shared',
    });
    expect(all[1].defaultTags).toMatchObject({ environment: 'prod', 'cost-center': 'cc-1000' });
  });

  it('lets deploys manage the IAM resources of every project in the account', () => {
    const other = env({ name: 'billing', project: 'billing', account: nonprod, network: { cidr: '10.30.0.0/16', availabilityZones: ['eu-west-1a'] } }); // prettier-ignore
    const [props] = bootstrapPropsFor(
      [staging, other].map((e) => ({ ...e, state: { bucket: 'shared-tfstate-111' } })),
    );
    expect(props.managedNamePrefixes).toEqual(['billing', 'platform']);
  });

  it('adds one stack per account to the app, with the backend asked for', () => {
    const app = Testing.app();
    const stacks = bootstrapStacksFor(app, [staging, prod, dev], { stateBackend: 's3' });
    expect(stacks.map((s) => s.node.id)).toEqual(['bootstrap-nonprod', 'bootstrap-222222222222']);
    const synthesized = JSON.parse(Testing.synth(stacks[1])) as TerraformJson;
    expect(synthesized.terraform?.backend?.s3).toMatchObject({
      bucket: 'acme-prod-tfstate',
      key: 'bootstrap-222222222222.tfstate',
    });
    expect(synthesized.provider?.aws[0]).toMatchObject({
      region: 'eu-central-1',
      allowed_account_ids: ['222222222222'],
    });
  });

  it('takes the backend from INFRA_BOOTSTRAP_BACKEND when the app does not choose, S3 unless told', () => {
    const backendOf = (stack: BootstrapStack) =>
      Object.keys((JSON.parse(Testing.synth(stack)) as TerraformJson).terraform?.backend ?? {});
    const saved = process.env.INFRA_BOOTSTRAP_BACKEND;
    try {
      delete process.env.INFRA_BOOTSTRAP_BACKEND;
      expect(backendOf(bootstrapStacksFor(Testing.app(), [prod])[0])).toEqual(['s3']);
      process.env.INFRA_BOOTSTRAP_BACKEND = 'local';
      expect(backendOf(bootstrapStacksFor(Testing.app(), [prod])[0])).toEqual(['local']);
      // The app's explicit choice wins over the variable.
      expect(backendOf(bootstrapStacksFor(Testing.app(), [prod], { stateBackend: 's3' })[0])).toEqual(['s3']);
    } finally {
      if (saved === undefined) delete process.env.INFRA_BOOTSTRAP_BACKEND;
      else process.env.INFRA_BOOTSTRAP_BACKEND = saved;
    }
  });

  it('synthesizes a bootstrap stack for every account of config/environments', () => {
    const environments = loadEnvironments(DEFAULT_CONFIG_DIR).map((loaded) => loaded.config);
    const app = Testing.app();
    const stacks = bootstrapStacksFor(app, environments, { stateBackend: 'local' });
    const accounts = new Set(environments.map((e) => e.account.id));
    expect(stacks).toHaveLength(accounts.size);
    for (const stack of stacks) {
      const synthesized = JSON.parse(Testing.synth(stack)) as TerraformJson;
      expect(synthesized.terraform?.backend).toHaveProperty('local');
      expect(Object.keys(synthesized.resource ?? {})).toEqual(
        expect.arrayContaining(['aws_s3_bucket', 'aws_iam_role']),
      );
    }
  });
});

describe('bootstrapBackendFrom', () => {
  it('is s3 unless INFRA_BOOTSTRAP_BACKEND says local', () => {
    expect(bootstrapBackendFrom({})).toBe('s3');
    expect(bootstrapBackendFrom({ INFRA_BOOTSTRAP_BACKEND: '' })).toBe('s3');
    expect(bootstrapBackendFrom({ INFRA_BOOTSTRAP_BACKEND: 's3' })).toBe('s3');
    expect(bootstrapBackendFrom({ INFRA_BOOTSTRAP_BACKEND: 'local' })).toBe('local');
  });

  it('rejects anything else rather than guess', () => {
    expect(() => bootstrapBackendFrom({ INFRA_BOOTSTRAP_BACKEND: 'LOCAL' })).toThrow(
      `INFRA_BOOTSTRAP_BACKEND must be 'local' or 's3', not "LOCAL"`,
    );
  });
});
