import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { accountNameOf, defaultTagsOf, githubEnvironmentOf, stateBackendOf } from '../config/derived';
import type { EnvironmentConfig } from '../config/schema';
import { GithubApplyRole, GithubOidcProvider, GithubPlanRole, StateBucket } from '../lib/bootstrap';
import { resourceName } from '../lib/naming';
import { defineContract, publishContract, useS3Backend } from '../lib/state';

/** Where the bootstrap stack keeps its own state: a local file for the first run, then its own bucket. */
export type BootstrapStateBackend = 'local' | 's3';

/** Props of {@link BootstrapStack}: one AWS account. */
export interface BootstrapStackProps {
  /** The 12-digit AWS account id; the provider refuses to run against any other account. */
  readonly accountId: string;
  /** Short name of the account (its alias, or its id); the stack is `bootstrap-<accountName>`. */
  readonly accountName: string;
  /** Region of the state bucket, and of the provider. */
  readonly region: string;
  /** Name of the state bucket to create (3-63 lowercase letters, digits and hyphens). */
  readonly stateBucketName: string;
  /** Project prefix: the CI roles are `<prefix>-github-plan` and `<prefix>-github-apply`. */
  readonly projectPrefix: string;
  /** Prefixes of the IAM roles, policies and instance profiles deploys may manage (`<prefix>-*`). @default [projectPrefix] */
  readonly managedNamePrefixes?: string[];
  /** The GitHub repository (owner/name) whose workflows plan and apply. */
  readonly repository: string;
  /** Branches whose workflows may plan without a pull request (e.g. nightly drift detection). */
  readonly deployBranches: string[];
  /** GitHub environments whose jobs may apply, one per environment deployed to this account. */
  readonly githubEnvironments: string[];
  /** Tags on every resource (the provider's `default_tags`). */
  readonly defaultTags: Record<string, string>;
  /** ARN of an OIDC provider for GitHub that already exists in the account. @default one is created */
  readonly existingOidcProviderArn?: string;
  /**
   * `local` for the one-time first run, when the bucket does not exist yet; `s3` once the state
   * has moved into the bucket (help/bootstrap.md). {@link bootstrapStacksFor} passes the app's choice.
   * @default 'local'
   */
  readonly stateBackend?: BootstrapStateBackend;
  /**
   * Local state file, relative to the folder Terraform runs in (`cdktf.out/stacks/<stack>`). Kept
   * outside `cdktf.out`, which cdktf rewrites, and outside git.
   * @default `../../../state/bootstrap-<accountName>.tfstate`, i.e. `<repo>/state/`
   */
  readonly localStatePath?: string;
  /** Days superseded state versions are kept. @default 90 */
  readonly stateVersionRetentionDays?: number;
}

/** The outputs of a bootstrap stack, named as its `TerraformOutput`s. */
export const BOOTSTRAP_CONTRACT = defineContract('bootstrap', {
  stateBucketName: { type: 'string', description: 'Terraform state bucket of the account' },
  stateBucketArn: { type: 'string', description: 'ARN of the Terraform state bucket' },
  stateKeyArn: { type: 'string', description: 'ARN of the KMS key that encrypts the state' },
  planRoleArn: {
    type: 'string',
    description: 'Role GitHub Actions plans with (pull requests, deploy branches)',
  },
  applyRoleArn: {
    type: 'string',
    description: 'Role GitHub Actions applies with (GitHub environments only)',
  },
  oidcProviderArn: { type: 'string', description: 'IAM OIDC provider trusted for GitHub Actions tokens' },
});

/** The stack id of an account's bootstrap stack: `bootstrap-<accountName>`. */
export function bootstrapStackId(accountName: string): string {
  return `bootstrap-${accountName}`;
}

/**
 * The key of the bootstrap stack's own state in the bucket it creates. At the bucket root, so it
 * can never collide with a `<env>/<layer>.tfstate` key.
 */
export function bootstrapStateKey(accountName: string): string {
  return `${bootstrapStackId(accountName)}.tfstate`;
}

const ACCOUNT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The stack id, once the account id and name are known to be valid (checked before the stack exists). */
function checkedStackId(props: BootstrapStackProps): string {
  if (!/^\d{12}$/.test(props.accountId)) {
    throw new Error(`BootstrapStack: account id '${props.accountId}' must be 12 digits`);
  }
  if (!ACCOUNT_NAME.test(props.accountName)) {
    throw new Error(
      `BootstrapStack: account name '${props.accountName}' must be lowercase letters, digits and inner hyphens`,
    );
  }
  return bootstrapStackId(props.accountName);
}

/**
 * Everything an AWS account needs before any other stack can run: the state bucket and its key,
 * the GitHub Actions OIDC provider, and the plan and apply roles CI assumes. Applied by a person
 * with administrator credentials, never by CI: the apply role cannot change what this stack made.
 */
export class BootstrapStack extends TerraformStack {
  /** The AWS provider, pinned to the account. */
  readonly provider: AwsProvider;
  /** Where this stack's own state is. */
  readonly backend: TerraformBackend;
  /** The state bucket and its KMS key. */
  readonly stateBucket: StateBucket;
  /** The GitHub Actions OIDC provider (created or existing). */
  readonly oidcProvider: GithubOidcProvider;
  /** The role pull requests plan with. */
  readonly planRole: GithubPlanRole;
  /** The role deploys apply with. */
  readonly applyRole: GithubApplyRole;
  /** The stack outputs, by {@link BOOTSTRAP_CONTRACT} name. */
  readonly outputs: Record<keyof typeof BOOTSTRAP_CONTRACT.outputs, TerraformOutput>;

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, checkedStackId(props));
    if (props.deployBranches.length === 0) {
      throw new Error(`BootstrapStack ${this.node.id}: deployBranches must name at least one branch`);
    }

    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: props.defaultTags }],
    });

    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: props.stateBucketName,
      noncurrentVersionRetentionDays: props.stateVersionRetentionDays,
    });

    this.backend = this.useBackend(props);

    this.oidcProvider = new GithubOidcProvider(this, 'github-oidc', {
      existingProviderArn: props.existingOidcProviderArn,
    });

    this.planRole = new GithubPlanRole(this, 'plan-role', {
      roleName: resourceName('iamRole', props.projectPrefix, 'github-plan'),
      oidcProviderArn: this.oidcProvider.providerArn,
      repository: props.repository,
      branches: props.deployBranches,
      stateBucketArn: this.stateBucket.bucketArn,
      stateKeyArn: this.stateBucket.keyArn,
    });

    this.applyRole = new GithubApplyRole(this, 'apply-role', {
      roleName: resourceName('iamRole', props.projectPrefix, 'github-apply'),
      oidcProviderArn: this.oidcProvider.providerArn,
      repository: props.repository,
      githubEnvironments: props.githubEnvironments,
      managedNamePrefixes: props.managedNamePrefixes ?? [props.projectPrefix],
      stateBucketArn: this.stateBucket.bucketArn,
      stateKeyArn: this.stateBucket.keyArn,
      protectedRoleArns: [this.planRole.roleArn],
    });

    this.outputs = publishContract(this, BOOTSTRAP_CONTRACT, {
      stateBucketName: this.stateBucket.bucket.bucket,
      stateBucketArn: this.stateBucket.bucketArn,
      stateKeyArn: this.stateBucket.keyArn,
      planRoleArn: this.planRole.roleArn,
      applyRoleArn: this.applyRole.roleArn,
      oidcProviderArn: this.oidcProvider.providerArn,
    });
  }

  private useBackend(props: BootstrapStackProps): TerraformBackend {
    const backend = props.stateBackend ?? 'local';
    if (backend === 'local') {
      // Terraform runs in cdktf.out/stacks/<stack>/; cdktf deletes that folder when the stack
      // leaves the app, so the state lives three levels up, beside cdktf.out.
      return new LocalBackend(this, {
        path: props.localStatePath ?? `../../../state/${bootstrapStackId(props.accountName)}.tfstate`,
      });
    }
    return useS3Backend(this, {
      bucket: props.stateBucketName,
      region: props.region,
      key: bootstrapStateKey(props.accountName),
    });
  }
}

/** Options of {@link bootstrapStacksFor}. */
export interface BootstrapStacksOptions {
  /**
   * Backend of the bootstrap stacks: `s3` for accounts already bootstrapped, `local` only for an
   * account's one-time first run, when its bucket does not exist yet (help/bootstrap.md).
   * @default {@link bootstrapBackendFrom}(process.env): `INFRA_BOOTSTRAP_BACKEND`, else `s3`
   */
  readonly stateBackend?: BootstrapStateBackend;
}

/** The environment variable that picks the bootstrap stacks' backend for one run. */
export const BOOTSTRAP_BACKEND_VARIABLE = 'INFRA_BOOTSTRAP_BACKEND';

/**
 * The bootstrap backend asked for in `env`: `local` or `s3`, `s3` when unset. S3 is the default
 * because it is where the state lives from the second run on; were `local` the default, a run
 * without the variable on a fresh checkout would plan to create the whole account again.
 */
export function bootstrapBackendFrom(
  env: Readonly<Record<string, string | undefined>>,
): BootstrapStateBackend {
  const value = env[BOOTSTRAP_BACKEND_VARIABLE];
  if (value === undefined || value === '') return 's3';
  if (value === 'local' || value === 's3') return value;
  throw new Error(`${BOOTSTRAP_BACKEND_VARIABLE} must be 'local' or 's3', not ${JSON.stringify(value)}`);
}

/**
 * One {@link BootstrapStackProps} per AWS account the environments deploy to, in the order the
 * accounts first appear. The config loader has checked that environments sharing an account agree
 * on its state bucket, alias and repository, so the first environment speaks for the account.
 */
export function bootstrapPropsFor(environments: readonly EnvironmentConfig[]): BootstrapStackProps[] {
  const byAccount = new Map<string, EnvironmentConfig[]>();
  for (const env of environments) {
    byAccount.set(env.account.id, [...(byAccount.get(env.account.id) ?? []), env]);
  }
  return [...byAccount.values()].map((group) => {
    // By code unit: names are [a-z0-9-] (the schema's SHORT_NAME), where that is localeCompare's order,
    // without initializing ICU's collator (6-8 ms, a tenth of building all stacks; help/performance.md).
    const envs = [...group].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const first = envs[0];
    const state = stateBackendOf(first);
    return {
      accountId: first.account.id,
      accountName: accountNameOf(first),
      region: state.region,
      stateBucketName: state.bucket,
      projectPrefix: first.project,
      managedNamePrefixes: distinct(envs.map((e) => e.project)),
      repository: first.repository,
      deployBranches: distinct(envs.map((e) => e.ci.deployBranch)),
      githubEnvironments: distinct(envs.map(githubEnvironmentOf)),
      defaultTags: accountTags(envs),
    };
  });
}

/** Adds one {@link BootstrapStack} per AWS account of the environments to `scope` (the app). */
export function bootstrapStacksFor(
  scope: Construct,
  environments: readonly EnvironmentConfig[],
  options: BootstrapStacksOptions = {},
): BootstrapStack[] {
  const stateBackend = options.stateBackend ?? bootstrapBackendFrom(process.env);
  return bootstrapPropsFor(environments).map(
    (props) => new BootstrapStack(scope, { ...props, stateBackend }),
  );
}

/** Tags the account's environments agree on; where they differ, the distinct values joined by `+`. */
function accountTags(envs: readonly EnvironmentConfig[]): Record<string, string> {
  const all = envs.map(defaultTagsOf);
  const tags: Record<string, string> = {};
  for (const key of Object.keys(all[0])) {
    const values = all.map((t) => t[key]);
    if (values.every((v) => v === values[0])) {
      tags[key] = values[0];
    } else if (SHARED_TAG_KEYS.includes(key)) {
      // The bucket and roles serve all of them: say so rather than pick one.
      tags[key] = distinct(values.filter((v): v is string => v !== undefined)).join('+');
    }
    // An extra tag the environments disagree on does not describe shared resources: left out.
  }
  return tags;
}

const SHARED_TAG_KEYS = ['environment', 'owner', 'cost-center'];

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
