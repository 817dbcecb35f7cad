/** IAM condition block: operator -> condition key -> value(s). */
export type PolicyCondition = Record<string, Record<string, string | string[]>>;

/** One statement of an IAM identity, trust or resource policy, in IAM JSON shape. */
export interface PolicyStatement {
  /** Statement id: says what the statement is for, and lets tests and reviewers find it. */
  readonly Sid: string;
  /** Allow or Deny. */
  readonly Effect: 'Allow' | 'Deny';
  /** Who the statement applies to; resource and trust policies only. @default none (identity policy) */
  readonly Principal?: '*' | Record<string, string | string[]>;
  /** The actions, e.g. `s3:GetObject`. */
  readonly Action: string | string[];
  /** The resources; trust policies have none. @default none */
  readonly Resource?: string | string[];
  /** Conditions narrowing the statement. @default none */
  readonly Condition?: PolicyCondition;
}

/**
 * A policy document as the JSON string Terraform expects. Written out here rather than through
 * `aws_iam_policy_document` so the policy is visible (and testable) in the synthesized JSON.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
