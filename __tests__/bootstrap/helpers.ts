import { list, Policy } from '../support/synth';

export const AUD = 'token.actions.githubusercontent.com:aud';
export const SUB = 'token.actions.githubusercontent.com:sub';

/**
 * Whether a trust policy lets a GitHub token with these claims assume the role, evaluated the
 * way STS does for the operators the policies use: every operator and key must hold, a key holds
 * when the claim matches any of its values, and an absent claim never matches.
 */
export function trustAllows(policy: Policy, claims: { aud: string; sub: string }): boolean {
  const context: Record<string, string> = { [AUD]: claims.aud, [SUB]: claims.sub };
  return policy.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).includes('sts:AssumeRoleWithWebIdentity') &&
      Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
        Object.entries(keys).every(([key, expected]) => {
          const actual = context[key];
          if (actual === undefined) return false;
          if (operator === 'StringEquals') return list(expected).includes(actual);
          if (operator === 'StringLike') return list(expected).some((pattern) => glob(pattern).test(actual));
          throw new Error(`trustAllows: operator ${operator} is not modelled`);
        }),
      ),
  );
}

function glob(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
