import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { EncryptionKey } from '../security/encryption-key';
import { policyDocument } from '../security/policy-document';
import { nameTag } from './name-tag';

/** Props of {@link FlowLogGroup}. */
export interface FlowLogGroupProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Days CloudWatch Logs keeps the records (a CloudWatch Logs retention value). */
  readonly retentionDays: number;
  /** Refuse `terraform destroy` of the log group and its key. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The CloudWatch Logs destination of a VPC flow log: a log group encrypted with its own KMS key, and
 * the role the flow log service assumes to write into that group, and nothing else.
 */
export class FlowLogGroup extends Construct {
  /** The KMS key encrypting the log group. */
  readonly key: EncryptionKey;
  /** The log group, `/<namePrefix>/vpc-flow-logs`. */
  readonly logGroup: CloudwatchLogGroup;
  /** The role `vpc-flow-logs.amazonaws.com` assumes to deliver records. */
  readonly role: IamRole;
  /** The role's inline policy: write to this log group only. */
  readonly rolePolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: FlowLogGroupProps) {
    super(scope, id);
    const aws = awsContext(this);
    const logGroupName = resourceName('logGroup', `/${props.namePrefix}/vpc-flow-logs`);
    // Built from the literal name, not the log group's `arn` attribute: the key must exist before the
    // group that uses it, so the key policy cannot reference the group.
    const logGroupArn = `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:${logGroupName}`;
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    this.key = new EncryptionKey(this, 'key', {
      alias: `${props.namePrefix}-vpc-flow-log-group`,
      description: `Encrypts the VPC flow log group ${logGroupName}`,
      preventDestroy: props.preventDestroy,
      serviceGrants: [
        {
          servicePrincipal: `logs.${aws.region}.${aws.dnsSuffix}`,
          // CloudWatch Logs puts the log group ARN in the encryption context: the key serves this group only.
          conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
        },
      ],
    });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: this.key.keyArn,
      tags: nameTag(props.namePrefix, 'vpc-flow-logs'),
      lifecycle,
    });

    const roleName = resourceName('iamRole', props.namePrefix, 'vpc-flow-logs');
    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `VPC flow logs of ${props.namePrefix} deliver to ${logGroupName}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Confused-deputy guard: only flow logs of this account and region may assume the role.
            Condition: {
              StringEquals: { 'aws:SourceAccount': aws.accountId },
              ArnLike: {
                'aws:SourceArn': `arn:${aws.partition}:ec2:${aws.region}:${aws.accountId}:vpc-flow-log/*`,
              },
            },
          },
        ],
      }),
      tags: nameTag(props.namePrefix, 'vpc-flow-logs'),
    });

    this.rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: resourceName('iamPolicy', props.namePrefix, 'vpc-flow-logs-delivery'),
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'WriteFlowLogRecords',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
        {
          // The service checks that the group exists; DescribeLogGroups is authorized on the
          // account's log groups as a whole, so this is as narrow as AWS allows.
          Sid: 'FindTheLogGroup',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:*`,
        },
      ]),
    });
  }
}
