import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/** The port PostgreSQL listens on, on the instance and on the proxy. */
export const POSTGRES_PORT = 5432;

/** Props of {@link postgresIngress}. */
export interface PostgresIngressProps {
  /** The group that receives the rule (the database's or the proxy's). */
  readonly securityGroupId: string;
  /** The group admitted. */
  readonly sourceSecurityGroupId: string;
  /** Why it is admitted, shown in the console. */
  readonly description: string;
}

/**
 * One ingress rule: TCP 5432 from one security group. Standalone rule resources (never inline rules)
 * so other stacks can add their own rules to the same group without Terraform removing them.
 */
export function postgresIngress(
  scope: Construct,
  id: string,
  props: PostgresIngressProps,
): VpcSecurityGroupIngressRule {
  return new VpcSecurityGroupIngressRule(scope, id, {
    securityGroupId: props.securityGroupId,
    referencedSecurityGroupId: props.sourceSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: POSTGRES_PORT,
    toPort: POSTGRES_PORT,
    description: props.description,
  });
}

/**
 * Construct id of the rule admitting a group: the group id itself when it is literal, so reordering
 * the list never replaces rules; the position when it is a token (e.g. read from remote state).
 */
export function ingressRuleId(prefix: string, securityGroupId: string, index: number): string {
  return Token.isUnresolved(securityGroupId) ? `${prefix}-${index}` : `${prefix}-${securityGroupId}`;
}
