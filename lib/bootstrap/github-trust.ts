import { policyDocument } from '../security/policy-document';

/** Issuer of the tokens GitHub Actions hands to workflows (`id-token: write`). */
export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';

/** The issuer without scheme: the prefix of its claims' condition keys in IAM policies. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** The audience aws-actions/configure-aws-credentials requests by default. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

// Same rules as the environment schema; `*` and `?` are never allowed, so a subject can never
// become a wildcard, even where a policy would compare it with StringLike.
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const BRANCH = /^[A-Za-z0-9._/-]{1,100}$/;
const GITHUB_ENVIRONMENT = /^[A-Za-z0-9._-]{1,100}$/;

function check(what: string, value: string, pattern: RegExp, example: string): void {
  if (!pattern.test(value)) {
    throw new Error(`GitHub ${what} ${JSON.stringify(value)} is not valid (e.g. ${example})`);
  }
}

/** The `sub` claim of a workflow run for a pull request of `repository` (owner/name). */
export function pullRequestSubject(repository: string): string {
  check('repository', repository, REPOSITORY, 'example-org/platform-infra');
  return `repo:${repository}:pull_request`;
}

/** The `sub` claim of a workflow run on `branch` of `repository` that names no GitHub environment. */
export function branchSubject(repository: string, branch: string): string {
  check('repository', repository, REPOSITORY, 'example-org/platform-infra');
  check('branch', branch, BRANCH, 'main');
  return `repo:${repository}:ref:refs/heads/${branch}`;
}

/**
 * The `sub` claim of a job that runs in GitHub environment `environment` of `repository`. GitHub
 * issues it only after the environment's protection rules (required reviewers, deployment
 * branches) have passed, which is why deploy roles trust this subject and no branch subject.
 */
export function environmentSubject(repository: string, environment: string): string {
  check('repository', repository, REPOSITORY, 'example-org/platform-infra');
  check('environment', environment, GITHUB_ENVIRONMENT, 'production');
  return `repo:${repository}:environment:${environment}`;
}

/**
 * Trust policy letting GitHub Actions assume a role with its OIDC token: the token must be for
 * STS and its subject must be exactly one of `subjects`. StringEquals rather than StringLike: the
 * subjects are exact, and an exact match cannot be widened by a character that happens to be a
 * wildcard.
 */
export function githubTrustPolicy(oidcProviderArn: string, subjects: readonly string[]): string {
  if (subjects.length === 0) throw new Error('githubTrustPolicy: at least one subject is required');
  return policyDocument([
    {
      Sid: 'GitHubActionsOidc',
      Effect: 'Allow',
      Principal: { Federated: oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: [...new Set(subjects)],
        },
      },
    },
  ]);
}

/** A role's maximum session in seconds, validated (IAM accepts 3600-43200). @default 3600 */
export function sessionDuration(owner: string, seconds: number | undefined): number {
  const value = seconds ?? 3600;
  if (!Number.isInteger(value) || value < 3600 || value > 43200) {
    throw new Error(
      `${owner}: maxSessionDurationSeconds must be an integer from 3600 to 43200, got ${value}`,
    );
  }
  return value;
}
