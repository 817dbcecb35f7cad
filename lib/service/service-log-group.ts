import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { EncryptionKey } from '../security/encryption-key';

/** Props of {@link ServiceLogGroup}. */
export interface ServiceLogGroupProps {
  /** Name of the service, `<namePrefix>-<containerName>`: the key's alias is `<name>-logs`. */
  readonly serviceName: string;
  /** Name of the log group, `/ecs/<namePrefix>/<containerName>`. */
  readonly logGroupName: string;
  /** Days the records are kept (a CloudWatch Logs retention value). */
  readonly retentionDays: number;
  /** KMS key to encrypt with; its policy must admit CloudWatch Logs for this group. @default a new key */
  readonly kmsKeyArn?: string;
  /** Refuse `terraform destroy` of the key made here: without it the retained logs are unreadable. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The log group the containers (and the migration task) write to, encrypted with KMS and with a
 * retention. Without a key given, it gets its own, which CloudWatch Logs may use for this group only.
 */
export class ServiceLogGroup extends Construct {
  /** The key made here; `undefined` when one was given. */
  readonly key?: EncryptionKey;
  /** The log group. */
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ServiceLogGroupProps) {
    super(scope, id);
    let kmsKeyArn = props.kmsKeyArn;
    if (kmsKeyArn === undefined) {
      const aws = awsContext(this);
      // From the literal name, not the group's `arn`: the key must exist before the group, so its
      // policy cannot reference it.
      const logGroupArn = `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:${props.logGroupName}`;
      this.key = new EncryptionKey(this, 'key', {
        alias: `${props.serviceName}-logs`,
        description: `Encrypts the container logs of ECS service ${props.serviceName} (${props.logGroupName})`,
        serviceGrants: [
          {
            servicePrincipal: `logs.${aws.region}.${aws.dnsSuffix}`,
            // CloudWatch Logs puts the log group ARN in the encryption context: the key serves this group only.
            conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
          },
        ],
        preventDestroy: props.preventDestroy,
      });
      kmsKeyArn = this.key.keyArn;
    }
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: kmsKeyArn,
      tags: { Name: props.logGroupName },
    });
  }
}
