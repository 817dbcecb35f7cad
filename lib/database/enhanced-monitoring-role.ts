import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { policyDocument } from '../security/policy-document';

/** Props of {@link EnhancedMonitoringRole}. */
export interface EnhancedMonitoringRoleProps {
  /** Identifier of the database, e.g. `platform-prod-db`; the role is `<identifier>-rds-monitoring`. */
  readonly identifier: string;
}

/**
 * The role RDS enhanced monitoring assumes to publish OS metrics (per-process CPU and memory, disk
 * queue, swap) to CloudWatch Logs, with the AWS managed policy written for exactly that.
 */
export class EnhancedMonitoringRole extends Construct {
  /** The role. */
  readonly role: IamRole;
  /** Its attachment of `AmazonRDSEnhancedMonitoringRole`. */
  readonly policyAttachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: EnhancedMonitoringRoleProps) {
    super(scope, id);
    const aws = awsContext(this);
    const name = resourceName('iamRole', props.identifier, 'rds-monitoring');
    this.role = new IamRole(this, 'role', {
      name,
      description: `RDS enhanced monitoring of ${props.identifier}`,
      assumeRolePolicy: policyDocument([
        {
          Sid: 'RdsEnhancedMonitoringAssumesRole',
          Effect: 'Allow',
          Principal: { Service: 'monitoring.rds.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Confused-deputy guard: only monitoring of this account's instances may assume it.
          Condition: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
        },
      ]),
      tags: { Name: name },
    });
    this.policyAttachment = new IamRolePolicyAttachment(this, 'policy', {
      role: this.role.name,
      policyArn: `arn:${aws.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
  }
}
