import {
  branchSubject,
  environmentSubject,
  GITHUB_OIDC_URL,
  GithubOidcProvider,
  githubTrustPolicy,
  pullRequestSubject,
  sessionDuration,
  STS_AUDIENCE,
} from '../../lib/bootstrap';
import { onlyResource, parsePolicy, resources, synthScope } from '../support/synth';
import { AUD, SUB, trustAllows } from './helpers';

const REPO = 'example-org/platform-infra';
const PROVIDER_ARN = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

describe('GithubOidcProvider', () => {
  it('creates the provider for GitHub Actions tokens with the STS audience and no pinned thumbprint', () => {
    const doc = synthScope((scope) => new GithubOidcProvider(scope, 'github'));
    const provider = onlyResource(doc, 'aws_iam_openid_connect_provider');
    expect(provider.url).toBe(GITHUB_OIDC_URL);
    expect(provider.url).toBe('https://token.actions.githubusercontent.com');
    expect(provider.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(provider).not.toHaveProperty('thumbprint_list');
  });

  it('uses an existing provider instead of creating a second one', () => {
    let construct: GithubOidcProvider | undefined;
    const doc = synthScope((scope) => {
      construct = new GithubOidcProvider(scope, 'github', { existingProviderArn: PROVIDER_ARN });
    });
    expect(resources(doc, 'aws_iam_openid_connect_provider')).toEqual({});
    expect(construct?.providerArn).toBe(PROVIDER_ARN);
    expect(construct?.provider).toBeUndefined();
  });

  it.each([
    'arn:aws:iam::111111111111:oidc-provider/gitlab.com',
    'arn:aws:iam::1111:oidc-provider/token.actions.githubusercontent.com',
    'token.actions.githubusercontent.com',
  ])('rejects %s as the existing provider', (existingProviderArn) => {
    expect(() =>
      synthScope((scope) => new GithubOidcProvider(scope, 'github', { existingProviderArn })),
    ).toThrow('is not the ARN of a token.actions.githubusercontent.com provider');
  });
});

describe('GitHub subjects', () => {
  it('builds the sub claims GitHub issues', () => {
    expect(pullRequestSubject(REPO)).toBe('repo:example-org/platform-infra:pull_request');
    expect(branchSubject(REPO, 'main')).toBe('repo:example-org/platform-infra:ref:refs/heads/main');
    expect(branchSubject(REPO, 'release/2026')).toBe(
      'repo:example-org/platform-infra:ref:refs/heads/release/2026',
    );
    expect(environmentSubject(REPO, 'production')).toBe(
      'repo:example-org/platform-infra:environment:production',
    );
  });

  it.each([['example-org/*'], ['example-org'], ['*/platform-infra'], ['example-org/platform infra']])(
    'rejects the repository %s, so no subject can be a wildcard',
    (repository) => {
      expect(() => pullRequestSubject(repository)).toThrow('GitHub repository');
    },
  );

  it('rejects wildcard branches and environments', () => {
    expect(() => branchSubject(REPO, '*')).toThrow('GitHub branch "*"');
    expect(() => branchSubject(REPO, 'feature-?')).toThrow('GitHub branch');
    expect(() => environmentSubject(REPO, 'prod*')).toThrow('GitHub environment');
    expect(() => environmentSubject(REPO, '')).toThrow('GitHub environment');
  });
});

describe('githubTrustPolicy', () => {
  const policy = parsePolicy(
    githubTrustPolicy(PROVIDER_ARN, [
      pullRequestSubject(REPO),
      branchSubject(REPO, 'main'),
      pullRequestSubject(REPO),
    ]),
  );

  it('trusts only the OIDC provider, through AssumeRoleWithWebIdentity', () => {
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
    });
  });

  it('requires the STS audience and one of the exact subjects, deduplicated', () => {
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: {
        [AUD]: STS_AUDIENCE,
        [SUB]: [
          'repo:example-org/platform-infra:pull_request',
          'repo:example-org/platform-infra:ref:refs/heads/main',
        ],
      },
    });
  });

  it('lets in exactly the listed subjects with the STS audience', () => {
    const aud = STS_AUDIENCE;
    expect(trustAllows(policy, { aud, sub: 'repo:example-org/platform-infra:pull_request' })).toBe(true);
    expect(trustAllows(policy, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main' })).toBe(
      true,
    );
    expect(
      trustAllows(policy, {
        aud: 'https://github.com/example-org',
        sub: 'repo:example-org/platform-infra:pull_request',
      }),
    ).toBe(false);
    expect(trustAllows(policy, { aud, sub: 'repo:example-org/platform-infra:ref:refs/heads/main-2' })).toBe(
      false,
    );
    expect(trustAllows(policy, { aud, sub: 'repo:example-org/platform-infra-fork:pull_request' })).toBe(
      false,
    );
  });

  it('refuses to trust nobody', () => {
    expect(() => githubTrustPolicy(PROVIDER_ARN, [])).toThrow('at least one subject');
  });
});

describe('sessionDuration', () => {
  it('defaults to an hour and accepts what IAM accepts', () => {
    expect(sessionDuration('Role', undefined)).toBe(3600);
    expect(sessionDuration('Role', 43200)).toBe(43200);
    expect(() => sessionDuration('Role', 900)).toThrow(
      'Role: maxSessionDurationSeconds must be an integer from 3600 to 43200',
    );
    expect(() => sessionDuration('Role', 43201)).toThrow('maxSessionDurationSeconds');
  });
});
