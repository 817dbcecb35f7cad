import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';

/** The PostgreSQL logs RDS exports to CloudWatch Logs: the server log and the major-version upgrade log. */
export const POSTGRES_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;

/** The log group RDS writes one exported log of an instance to. RDS fixes the name; it cannot be chosen. */
export function rdsLogGroupName(identifier: string, logType: string): string {
  return `/aws/rds/instance/${identifier}/${logType}`;
}

/** Props of {@link DatabaseLogGroups}. */
export interface DatabaseLogGroupsProps {
  /** Identifier of the DB instance whose logs the groups receive. */
  readonly identifier: string;
  /** Days the records are kept (a CloudWatch Logs retention value). */
  readonly retentionDays: number;
  /** ARN of the KMS key that encrypts the records (its policy must admit CloudWatch Logs for these groups). */
  readonly kmsKeyArn: string;
  /** Refuse `terraform destroy` of the groups. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The log groups of one instance's exported logs, created before the instance. Left to RDS, they
 * would appear on first export with no retention and no key, outside Terraform, and a later attempt
 * to manage them would fail with "already exists".
 */
export class DatabaseLogGroups extends Construct {
  /** One log group per exported log, in {@link POSTGRES_LOG_EXPORTS} order. */
  readonly logGroups: CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: DatabaseLogGroupsProps) {
    super(scope, id);
    this.logGroups = POSTGRES_LOG_EXPORTS.map((logType) => {
      const name = rdsLogGroupName(props.identifier, logType);
      return new CloudwatchLogGroup(this, logType, {
        name,
        retentionInDays: props.retentionDays,
        kmsKeyId: props.kmsKeyArn,
        tags: { Name: name },
        lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
      });
    });
  }
}
