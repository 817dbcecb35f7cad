import { Testing } from 'cdktf';
import { Construct } from 'constructs';

/** A synthesized Terraform JSON document, parsed. */
export interface Synthesized {
  terraform?: { backend?: Record<string, Record<string, unknown>> };
  provider?: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
}

/** An IAM policy document, parsed. */
export interface Policy {
  Version: string;
  Statement: Statement[];
}

/** One statement of a parsed policy. */
export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Synthesizes what `build` adds to a fresh test stack, parsed. */
export function synthScope(build: (scope: Construct) => void): Synthesized {
  return JSON.parse(Testing.synthScope(build)) as Synthesized;
}

/** Every resource of a type, by logical id. */
export function resourcesOf(doc: Synthesized, type: string): Record<string, Record<string, unknown>> {
  return doc.resource?.[type] ?? {};
}

/** The only resource of a type; fails the test when there is not exactly one. */
export function onlyResource(doc: Synthesized, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(doc, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The logical id of the only resource of a type. */
export function onlyResourceId(doc: Synthesized, type: string): string {
  const ids = Object.keys(resourcesOf(doc, type));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return ids[0];
}

/** Parses a policy string of a resource attribute. */
export function parsePolicy(value: unknown): Policy {
  if (typeof value !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as Policy;
}

/** The statement with this Sid; fails the test when missing. */
export function statement(policy: Policy, sid: string): Statement {
  const found = policy.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${policy.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}

/** A value or list of values as a list. */
export function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

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
