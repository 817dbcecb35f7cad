import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Construct } from 'constructs';
import { EncryptionKey } from '../security/encryption-key';
import { FlowLogBucket } from './flow-log-bucket';
import { FlowLogGroup } from './flow-log-group';
import { nameTag } from './name-tag';
import { FlowLogAggregationInterval, FlowLogDestination, FlowLogTrafficType } from './network-props';

/** Props of {@link VpcFlowLogs}. */
export interface VpcFlowLogsProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The VPC whose traffic is recorded. */
  readonly vpcId: string;
  /** Where records go. @default 'cloudwatch' */
  readonly destination?: FlowLogDestination;
  /** Days records are kept (a CloudWatch Logs retention value). @default 90 */
  readonly retentionDays?: number;
  /** Which traffic is recorded. @default 'ALL' */
  readonly trafficType?: FlowLogTrafficType;
  /** Seconds a flow is aggregated over before a record is written. @default 60 */
  readonly maxAggregationIntervalSeconds?: FlowLogAggregationInterval;
  /** Refuse `terraform destroy` of the log store and its key. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * A VPC flow log in the AWS default record format (which CloudWatch Logs Insights parses on its
 * own), delivered to a CloudWatch Logs group or an S3 bucket built for it.
 */
export class VpcFlowLogs extends Construct {
  /** The flow log. */
  readonly flowLog: FlowLog;
  /** The CloudWatch Logs destination, when the destination is `cloudwatch`. */
  readonly logGroup?: FlowLogGroup;
  /** The S3 destination, when the destination is `s3`. */
  readonly bucket?: FlowLogBucket;
  /** The KMS key encrypting the records, whichever the destination. */
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 90;
    const common = {
      vpcId: props.vpcId,
      trafficType: props.trafficType ?? 'ALL',
      maxAggregationInterval: props.maxAggregationIntervalSeconds ?? 60,
      tags: nameTag(props.namePrefix, 'vpc-flow-log'),
    };

    if ((props.destination ?? 'cloudwatch') === 's3') {
      const bucket = new FlowLogBucket(this, 's3', {
        namePrefix: props.namePrefix,
        retentionDays,
        preventDestroy: props.preventDestroy,
      });
      this.bucket = bucket;
      this.key = bucket.key;
      this.flowLog = new FlowLog(this, 'flow-log', {
        ...common,
        logDestinationType: 's3',
        logDestination: bucket.bucket.arn,
        dependsOn: bucket.readiness,
      });
    } else {
      const group = new FlowLogGroup(this, 'cloudwatch', {
        namePrefix: props.namePrefix,
        retentionDays,
        preventDestroy: props.preventDestroy,
      });
      this.logGroup = group;
      this.key = group.key;
      this.flowLog = new FlowLog(this, 'flow-log', {
        ...common,
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.logGroup.arn,
        iamRoleArn: group.role.arn,
        // The role is useless to the service until its policy is attached.
        dependsOn: [group.rolePolicy],
      });
    }
  }
}
