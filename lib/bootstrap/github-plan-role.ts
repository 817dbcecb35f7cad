import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { nameViolation } from '../naming';
import { policyDocument } from '../security/policy-document';
import { branchSubject, githubTrustPolicy, pullRequestSubject, sessionDuration } from './github-trust';

/** Props of {@link GithubPlanRole}. */
export interface GithubPlanRoleProps {
  /** Role name, e.g. `resourceName('iamRole', 'platform', 'github-plan')`. */
  readonly roleName: string;
  /** ARN of the account's GitHub Actions OIDC provider. */
  readonly oidcProviderArn: string;
  /** The GitHub repository (owner/name) whose pull requests may plan. */
  readonly repository: string;
  /**
   * Branches whose workflow runs without a GitHub environment may plan too, e.g. nightly drift
   * detection on the deploy branch. Runs on any other branch may not.
   * @default ['main']
   */
  readonly branches?: string[];
  /** ARN of the state bucket. */
  readonly stateBucketArn: string;
  /** ARN of the KMS key that encrypts the state. */
  readonly stateKeyArn: string;
  /** Longest session in seconds (3600-43200): a plan that needs more is stuck anyway. @default 3600 */
  readonly maxSessionDurationSeconds?: number;
}

/**
 * The role pull requests plan with: read-only in the account, plus what a plan needs of the state
 * bucket (read state, take and release its lock file). It cannot change a resource or a state.
 */
export class GithubPlanRole extends Construct {
  /** The role. */
  readonly role: IamRole;
  /** The `ReadOnlyAccess` attachment: a plan refreshes every resource it manages. */
  readonly readOnlyAccess: IamRolePolicyAttachment;
  /** State read access and lock-file writes. */
  readonly stateAccess: IamRolePolicy;
  /** ARN of the role, for `role-to-assume`. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: GithubPlanRoleProps) {
    super(scope, id);
    const why = nameViolation('iamRole', props.roleName);
    if (why) throw new Error(`GithubPlanRole: role name '${props.roleName}' ${why}`);
    const branches = props.branches ?? ['main'];
    const subjects = [
      pullRequestSubject(props.repository),
      ...branches.map((branch) => branchSubject(props.repository, branch)),
    ];
    const aws = awsContext(this);

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Terraform plan from GitHub Actions (${props.repository}): pull requests, read-only`,
      assumeRolePolicy: githubTrustPolicy(props.oidcProviderArn, subjects),
      maxSessionDuration: sessionDuration('GithubPlanRole', props.maxSessionDurationSeconds),
      tags: { Name: props.roleName },
    });
    this.roleArn = this.role.arn;

    this.readOnlyAccess = new IamRolePolicyAttachment(this, 'read-only', {
      role: this.role.name,
      policyArn: `arn:${aws.partition}:iam::aws:policy/ReadOnlyAccess`,
    });

    this.stateAccess = new IamRolePolicy(this, 'state-access', {
      name: 'terraform-state-read',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'ListStateBucket',
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetBucketLocation'],
          Resource: props.stateBucketArn,
        },
        {
          // Plans read their own state and, through terraform_remote_state, their upstreams'.
          Sid: 'ReadState',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: `${props.stateBucketArn}/*`,
        },
        {
          // A plan locks the state it reads (use_lockfile): it writes and deletes `<key>.tflock`,
          // and nothing else.
          Sid: 'TakeAndReleaseStateLocks',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:DeleteObject'],
          Resource: `${props.stateBucketArn}/*.tflock`,
        },
        {
          // Decrypt to read SSE-KMS objects, GenerateDataKey to write the (encrypted) lock file.
          Sid: 'UseStateKey',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: props.stateKeyArn,
        },
      ]),
    });
  }
}
