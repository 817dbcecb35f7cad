import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { nameViolation } from '../naming';
import { policyDocument, PolicyStatement } from '../security/policy-document';
import { environmentSubject, githubTrustPolicy, sessionDuration } from './github-trust';

/** Props of {@link GithubApplyRole}. */
export interface GithubApplyRoleProps {
  /** Role name, e.g. `resourceName('iamRole', 'platform', 'github-apply')`. */
  readonly roleName: string;
  /** ARN of the account's GitHub Actions OIDC provider. */
  readonly oidcProviderArn: string;
  /** The GitHub repository (owner/name) that deploys. */
  readonly repository: string;
  /**
   * GitHub environments whose jobs may assume the role, e.g. `['dev', 'staging']`. Their
   * protection rules (deployment branch, required reviewers) are what gate a deploy.
   */
  readonly githubEnvironments: string[];
  /**
   * Name prefixes of the IAM roles, policies and instance profiles the stacks create, e.g.
   * `['platform']`: the role may manage and pass only IAM resources named `<prefix>-*`.
   */
  readonly managedNamePrefixes: string[];
  /** ARN of the state bucket, which the role may use but not reconfigure. */
  readonly stateBucketArn: string;
  /** ARN of the state key, which the role may use but not disable, delete or re-policy. */
  readonly stateKeyArn: string;
  /** Other roles the deploys must not touch, e.g. the plan role. The role always protects itself. @default none */
  readonly protectedRoleArns?: string[];
  /** Longest session in seconds (3600-43200). A longer apply re-assumes the role per step. @default 3600 */
  readonly maxSessionDurationSeconds?: number;
}

const IAM_NAME_PREFIX = /^[A-Za-z0-9+=,.@_-]{2,}$/;

const ROLE_WRITE_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
];
const POLICY_WRITE_ACTIONS = [
  'iam:CreatePolicy',
  'iam:DeletePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];
const INSTANCE_PROFILE_WRITE_ACTIONS = [
  'iam:CreateInstanceProfile',
  'iam:DeleteInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:RemoveRoleFromInstanceProfile',
  'iam:TagInstanceProfile',
  'iam:UntagInstanceProfile',
];

/** Bucket settings that keep state safe; deploys never need to change them. */
const STATE_BUCKET_GUARDED_ACTIONS = [
  's3:DeleteBucket',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutBucketAcl',
  's3:PutBucketLogging',
  's3:PutReplicationConfiguration',
  's3:PutBucketObjectLockConfiguration',
];

/** Key operations that would make the state unreadable or readable by others. */
const STATE_KEY_GUARDED_ACTIONS = [
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
];

/**
 * The role deploys apply with, assumable only by jobs in the listed GitHub environments.
 *
 * Permissions: `PowerUserAccess` (every service except IAM, Organizations and Account) plus IAM
 * write access limited to roles, policies and instance profiles named `<prefix>-*`, and
 * `iam:PassRole` for those roles only; not `AdministratorAccess`. Explicit denies keep deploys
 * from touching what they depend on: this role and the other protected roles, the state bucket's
 * settings, old state versions, and the state key's administration. The OIDC provider needs no
 * deny: no statement grants any action on it.
 *
 * Limit: a role that may create roles with any policy can create one more powerful than itself.
 * The prefix keeps deploys away from every other IAM principal; the gate against misuse is who
 * may run jobs in the GitHub environments. A permissions boundary on created roles would close it.
 */
export class GithubApplyRole extends Construct {
  /** The role. */
  readonly role: IamRole;
  /** The `PowerUserAccess` attachment. */
  readonly powerUserAccess: IamRolePolicyAttachment;
  /** IAM read access, and write access to `<prefix>-*` roles, policies and instance profiles. */
  readonly iamAccess: IamRolePolicy;
  /** The denies that protect the bootstrap resources from deploys. */
  readonly bootstrapGuard: IamRolePolicy;
  /** ARN of the role, for `role-to-assume`. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: GithubApplyRoleProps) {
    super(scope, id);
    const why = nameViolation('iamRole', props.roleName);
    if (why) throw new Error(`GithubApplyRole: role name '${props.roleName}' ${why}`);
    if (props.githubEnvironments.length === 0) {
      throw new Error('GithubApplyRole: githubEnvironments must name at least one GitHub environment');
    }
    if (props.managedNamePrefixes.length === 0) {
      throw new Error('GithubApplyRole: managedNamePrefixes must name at least one prefix');
    }
    for (const prefix of props.managedNamePrefixes) {
      if (!IAM_NAME_PREFIX.test(prefix)) {
        throw new Error(
          `GithubApplyRole: managed name prefix ${JSON.stringify(prefix)} must be 2 or more IAM name characters, no wildcards`,
        );
      }
    }
    const subjects = props.githubEnvironments.map((env) => environmentSubject(props.repository, env));
    const aws = awsContext(this);
    const iamArns = (kind: 'role' | 'policy' | 'instance-profile'): string[] =>
      props.managedNamePrefixes.map(
        (prefix) => `arn:${aws.partition}:iam::${aws.accountId}:${kind}/${prefix}-*`,
      );

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Terraform apply from GitHub Actions (${props.repository}), environments: ${props.githubEnvironments.join(', ')}`,
      assumeRolePolicy: githubTrustPolicy(props.oidcProviderArn, subjects),
      maxSessionDuration: sessionDuration('GithubApplyRole', props.maxSessionDurationSeconds),
      tags: { Name: props.roleName },
    });
    this.roleArn = this.role.arn;

    this.powerUserAccess = new IamRolePolicyAttachment(this, 'power-user', {
      role: this.role.name,
      policyArn: `arn:${aws.partition}:iam::aws:policy/PowerUserAccess`,
    });

    this.iamAccess = new IamRolePolicy(this, 'iam-access', {
      name: 'prefixed-iam',
      role: this.role.id,
      policy: policyDocument([
        {
          // Plans refresh roles and read AWS managed policies; List* calls take no resource.
          Sid: 'ReadIam',
          Effect: 'Allow',
          Action: ['iam:Get*', 'iam:List*'],
          Resource: '*',
        },
        {
          Sid: 'ManagePrefixedRoles',
          Effect: 'Allow',
          Action: ROLE_WRITE_ACTIONS,
          Resource: iamArns('role'),
        },
        { Sid: 'PassPrefixedRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: iamArns('role') },
        {
          Sid: 'ManagePrefixedPolicies',
          Effect: 'Allow',
          Action: POLICY_WRITE_ACTIONS,
          Resource: iamArns('policy'),
        },
        {
          Sid: 'ManagePrefixedInstanceProfiles',
          Effect: 'Allow',
          Action: INSTANCE_PROFILE_WRITE_ACTIONS,
          Resource: iamArns('instance-profile'),
        },
      ]),
    });

    const guard: PolicyStatement[] = [
      {
        // The bootstrap roles may match a managed prefix; an explicit deny wins over the allow.
        Sid: 'DenyChangesToBootstrapRoles',
        Effect: 'Deny',
        Action: 'iam:*',
        Resource: [this.role.arn, ...(props.protectedRoleArns ?? [])],
      },
      {
        Sid: 'DenyStateBucketReconfiguration',
        Effect: 'Deny',
        Action: STATE_BUCKET_GUARDED_ACTIONS,
        Resource: props.stateBucketArn,
      },
      {
        // Deleting an object leaves its versions; deleting a version is forever.
        Sid: 'DenyStateHistoryDeletion',
        Effect: 'Deny',
        Action: 's3:DeleteObjectVersion',
        Resource: `${props.stateBucketArn}/*`,
      },
      {
        Sid: 'DenyStateKeyAdministration',
        Effect: 'Deny',
        Action: STATE_KEY_GUARDED_ACTIONS,
        Resource: props.stateKeyArn,
      },
    ];
    this.bootstrapGuard = new IamRolePolicy(this, 'bootstrap-guard', {
      name: 'protect-bootstrap',
      role: this.role.id,
      policy: policyDocument(guard),
    });
  }
}
