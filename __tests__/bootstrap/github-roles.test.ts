import {
  GithubApplyRole,
  GithubApplyRoleProps,
  GithubPlanRole,
  GithubPlanRoleProps,
  STS_AUDIENCE,
} from '../../lib/bootstrap';
import {
  list,
  onlyResource,
  parsePolicy,
  Policy,
  resources,
  statement,
  synthScope,
  TerraformJson,
} from '../support/synth';
import { trustAllows } from './helpers';

const REPO = 'example-org/platform-infra';
const PROVIDER_ARN = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const BUCKET_ARN = 'arn:aws:s3:::platform-tfstate-111111111111';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/0b1c2d3e-0000-4000-8000-000000000000';
const PLAN_ROLE_ARN = 'arn:aws:iam::111111111111:role/platform-github-plan';
const aud = STS_AUDIENCE;

/** The inline policies of the synthesized roles, by policy name. */
function inlinePolicies(doc: TerraformJson): Record<string, Policy> {
  return Object.fromEntries(
    Object.values(resources(doc, 'aws_iam_role_policy')).map((p) => [
      p.name as string,
      parsePolicy(p.policy),
    ]),
  );
}

function managedPolicyArns(doc: TerraformJson): string[] {
  return Object.values(resources(doc, 'aws_iam_role_policy_attachment')).map((a) => a.policy_arn as string);
}

describe('GithubPlanRole', () => {
  const base: GithubPlanRoleProps = {
    roleName: 'platform-github-plan',
    oidcProviderArn: PROVIDER_ARN,
    repository: REPO,
    branches: ['main'],
    stateBucketArn: BUCKET_ARN,
    stateKeyArn: KEY_ARN,
  };
  const synthPlan = (props: Partial<GithubPlanRoleProps> = {}) =>
    synthScope((scope) => new GithubPlanRole(scope, 'plan', { ...base, ...props }));
  const doc = synthPlan();
  const role = onlyResource(doc, 'aws_iam_role');
  const trust = parsePolicy(role.assume_role_policy);

  it('is named as given, with one-hour sessions', () => {
    expect(role.name).toBe('platform-github-plan');
    expect(role.max_session_duration).toBe(3600);
  });

  it('trusts pull requests of the repository and runs on the deploy branch, exactly', () => {
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Principal).toEqual({ Federated: PROVIDER_ARN });
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': [
          'repo:example-org/platform-infra:pull_request',
          'repo:example-org/platform-infra:ref:refs/heads/main',
        ],
      },
    });
  });

  it('cannot be assumed from another branch, another repository, or a GitHub environment', () => {
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:pull_request' })).toBe(true);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      true,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/feature-x' })).toBe(
      false,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/tags/v1' })).toBe(false);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/other:pull_request' })).toBe(false);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:production' })).toBe(
      false,
    );
  });

  it('trusts the branches it is given, and main by default', () => {
    const released = parsePolicy(
      onlyResource(synthPlan({ branches: ['release'] }), 'aws_iam_role').assume_role_policy,
    );
    expect(
      trustAllows(released, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/release' }),
    ).toBe(true);
    expect(trustAllows(released, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      false,
    );
    const defaulted = parsePolicy(
      onlyResource(synthPlan({ branches: undefined }), 'aws_iam_role').assume_role_policy,
    );
    expect(trustAllows(defaulted, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      true,
    );
  });

  it('is read-only in the account', () => {
    expect(managedPolicyArns(doc)).toEqual([
      expect.stringMatching(/^arn:\$\{.+\}:iam::aws:policy\/ReadOnlyAccess$/),
    ]);
  });

  describe('state access', () => {
    const policy = inlinePolicies(doc)['terraform-state-read'];

    it('reads state objects and lists the bucket, scoped to the state bucket', () => {
      expect(statement(policy, 'ListStateBucket')).toMatchObject({ Effect: 'Allow', Resource: BUCKET_ARN });
      expect(statement(policy, 'ReadState')).toEqual({
        Sid: 'ReadState',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `${BUCKET_ARN}/*`,
      });
    });

    it('writes and deletes only lock files', () => {
      expect(statement(policy, 'TakeAndReleaseStateLocks')).toEqual({
        Sid: 'TakeAndReleaseStateLocks',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: `${BUCKET_ARN}/*.tflock`,
      });
      const writes = policy.Statement.filter((s) =>
        list(s.Action).some((a) => /^s3:(Put|Delete)/.test(a) || a === 's3:*'),
      );
      expect(writes.flatMap((s) => list(s.Resource))).toEqual([`${BUCKET_ARN}/*.tflock`]);
    });

    it('decrypts and generates data keys with the state key only', () => {
      expect(statement(policy, 'UseStateKey')).toEqual({
        Sid: 'UseStateKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: KEY_ARN,
      });
    });

    it('grants nothing on "*"', () => {
      expect(policy.Statement.flatMap((s) => list(s.Resource))).not.toContain('*');
      expect(policy.Statement.flatMap((s) => list(s.Action)).some((a) => a.endsWith(':*'))).toBe(false);
    });
  });

  it('rejects an invalid role name and session duration', () => {
    expect(() => synthPlan({ roleName: 'platform github plan' })).toThrow(
      "GithubPlanRole: role name 'platform github plan'",
    );
    expect(() => synthPlan({ roleName: 'r'.repeat(65) })).toThrow('must be 1-64 characters long');
    expect(() => synthPlan({ maxSessionDurationSeconds: 60 })).toThrow(
      'GithubPlanRole: maxSessionDurationSeconds',
    );
  });
});

describe('GithubApplyRole', () => {
  const base: GithubApplyRoleProps = {
    roleName: 'platform-github-apply',
    oidcProviderArn: PROVIDER_ARN,
    repository: REPO,
    githubEnvironments: ['dev', 'staging'],
    managedNamePrefixes: ['platform'],
    stateBucketArn: BUCKET_ARN,
    stateKeyArn: KEY_ARN,
    protectedRoleArns: [PLAN_ROLE_ARN],
  };
  const synthApply = (props: Partial<GithubApplyRoleProps> = {}) =>
    synthScope((scope) => new GithubApplyRole(scope, 'apply', { ...base, ...props }));
  const doc = synthApply();
  const role = onlyResource(doc, 'aws_iam_role');
  const roleId = Object.keys(resources(doc, 'aws_iam_role'))[0];
  const trust = parsePolicy(role.assume_role_policy);
  const policies = inlinePolicies(doc);

  it('is named as given, with one-hour sessions', () => {
    expect(role.name).toBe('platform-github-apply');
    expect(role.max_session_duration).toBe(3600);
  });

  it('trusts only jobs in the configured GitHub environments, exactly', () => {
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': [
          'repo:example-org/platform-infra:environment:dev',
          'repo:example-org/platform-infra:environment:staging',
        ],
      },
    });
  });

  it('cannot be assumed by pull requests, branch runs, or other environments', () => {
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:dev' })).toBe(true);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:staging' })).toBe(
      true,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:environment:production' })).toBe(
      false,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:pull_request' })).toBe(false);
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      false,
    );
    expect(trustAllows(trust, { aud, sub: 'repo:example-org/other:environment:dev' })).toBe(false);
    expect(trustAllows(trust, { aud: 'other', sub: 'repo:example-org/platform-infra:environment:dev' })).toBe(
      false,
    );
  });

  it('is a power user, not an administrator', () => {
    expect(managedPolicyArns(doc)).toEqual([expect.stringMatching(/:iam::aws:policy\/PowerUserAccess$/)]);
    expect(JSON.stringify(doc)).not.toContain('AdministratorAccess');
  });

  describe('IAM access', () => {
    const policy = policies['prefixed-iam'];
    const prefixed = (kind: string) => new RegExp(`^arn:\\$\\{.+\\}:iam::\\$\\{.+\\}:${kind}/platform-\\*$`);

    it('writes only roles, policies and instance profiles named <prefix>-*', () => {
      const roles = statement(policy, 'ManagePrefixedRoles');
      expect(list(roles.Action)).toEqual(
        expect.arrayContaining(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy']),
      );
      expect(roles.Resource).toEqual([expect.stringMatching(prefixed('role'))]);
      expect(statement(policy, 'ManagePrefixedPolicies').Resource).toEqual([
        expect.stringMatching(prefixed('policy')),
      ]);
      expect(statement(policy, 'ManagePrefixedInstanceProfiles').Resource).toEqual([
        expect.stringMatching(prefixed('instance-profile')),
      ]);
    });

    it('passes only <prefix>-* roles', () => {
      expect(statement(policy, 'PassPrefixedRoles')).toMatchObject({
        Action: 'iam:PassRole',
        Resource: [expect.stringMatching(prefixed('role'))],
      });
    });

    it('uses "*" only for IAM reads', () => {
      const wildcard = policy.Statement.filter((s) => list(s.Resource).includes('*'));
      expect(wildcard.map((s) => s.Sid)).toEqual(['ReadIam']);
      expect(list(wildcard[0].Action).every((a) => /^iam:(Get|List)\*$/.test(a))).toBe(true);
    });

    it('cannot create users, access keys or OIDC providers', () => {
      const actions = policy.Statement.flatMap((s) => list(s.Action));
      for (const forbidden of [
        'iam:*',
        'iam:CreateUser',
        'iam:CreateAccessKey',
        'iam:CreateOpenIDConnectProvider',
      ]) {
        expect(actions).not.toContain(forbidden);
      }
    });

    it('covers every managed prefix', () => {
      const two = inlinePolicies(synthApply({ managedNamePrefixes: ['platform', 'billing'] }))[
        'prefixed-iam'
      ];
      expect(statement(two, 'PassPrefixedRoles').Resource).toEqual([
        expect.stringMatching(/:role\/platform-\*$/),
        expect.stringMatching(/:role\/billing-\*$/),
      ]);
    });
  });

  describe('bootstrap guard', () => {
    const guard = policies['protect-bootstrap'];

    it('is all denies', () => {
      expect(guard.Statement.every((s) => s.Effect === 'Deny')).toBe(true);
    });

    it('denies any IAM change to itself and the protected roles', () => {
      expect(statement(guard, 'DenyChangesToBootstrapRoles')).toMatchObject({
        Action: 'iam:*',
        Resource: [`\${aws_iam_role.${roleId}.arn}`, PLAN_ROLE_ARN],
      });
    });

    it('denies reconfiguring or deleting the state bucket, and deleting state versions', () => {
      const bucket = statement(guard, 'DenyStateBucketReconfiguration');
      expect(bucket.Resource).toBe(BUCKET_ARN);
      expect(list(bucket.Action)).toEqual(
        expect.arrayContaining([
          's3:DeleteBucket',
          's3:PutBucketPolicy',
          's3:DeleteBucketPolicy',
          's3:PutBucketVersioning',
          's3:PutEncryptionConfiguration',
          's3:PutLifecycleConfiguration',
          's3:PutBucketPublicAccessBlock',
          's3:PutReplicationConfiguration',
        ]),
      );
      expect(statement(guard, 'DenyStateHistoryDeletion')).toMatchObject({
        Action: 's3:DeleteObjectVersion',
        Resource: `${BUCKET_ARN}/*`,
      });
    });

    it('denies disabling, deleting or re-policing the state key', () => {
      const key = statement(guard, 'DenyStateKeyAdministration');
      expect(key.Resource).toBe(KEY_ARN);
      expect(list(key.Action)).toEqual(
        expect.arrayContaining([
          'kms:ScheduleKeyDeletion',
          'kms:DisableKey',
          'kms:PutKeyPolicy',
          'kms:CreateGrant',
        ]),
      );
    });

    it('still protects itself when no other role is listed', () => {
      const alone = inlinePolicies(synthApply({ protectedRoleArns: undefined }))['protect-bootstrap'];
      expect(statement(alone, 'DenyChangesToBootstrapRoles').Resource).toEqual([
        expect.stringMatching(/^\$\{aws_iam_role\./),
      ]);
    });
  });

  describe('validation', () => {
    it('needs at least one GitHub environment and one prefix', () => {
      expect(() => synthApply({ githubEnvironments: [] })).toThrow(
        'githubEnvironments must name at least one',
      );
      expect(() => synthApply({ managedNamePrefixes: [] })).toThrow(
        'managedNamePrefixes must name at least one',
      );
    });

    it.each(['*', 'platform*', 'p', 'plat form'])('rejects the managed prefix %j', (prefix) => {
      expect(() => synthApply({ managedNamePrefixes: [prefix] })).toThrow(
        'GithubApplyRole: managed name prefix',
      );
    });

    it('rejects wildcard environments and a bad role name', () => {
      expect(() => synthApply({ githubEnvironments: ['*'] })).toThrow('GitHub environment "*"');
      expect(() => synthApply({ roleName: 'apply role' })).toThrow("GithubApplyRole: role name 'apply role'");
    });
  });
});
