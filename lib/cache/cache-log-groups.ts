import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import { nameTag } from '../network/name-tag';

/** The two logs ElastiCache delivers. */
export type CacheLogType = 'slow-log' | 'engine-log';

/** The log types, in the order they are delivered. */
export const CACHE_LOG_TYPES: readonly CacheLogType[] = ['slow-log', 'engine-log'];

/** Name of the log group of one log of a cache: `/<namePrefix>/<name>/<log type>`. */
export function cacheLogGroupName(namePrefix: string, name: string, logType: CacheLogType): string {
  return resourceName('logGroup', `/${namePrefix}/${name}/${logType}`);
}

/** Props of {@link CacheLogGroups}. */
export interface CacheLogGroupsProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The cache's name after the prefix, e.g. `cache`. */
  readonly name: string;
  /** ARN of the KMS key that encrypts the groups; its policy must let CloudWatch Logs use it for them. */
  readonly keyArn: string;
  /** Days the records are kept (a CloudWatch Logs retention value). */
  readonly retentionDays: number;
}

/**
 * The CloudWatch Logs groups the slow log and the engine log are delivered to, created here rather
 * than by the service so that they are encrypted with the cache's key and expire.
 */
export class CacheLogGroups extends Construct {
  /** The slow log: commands slower than `slowlog-log-slower-than` (10 ms by default). */
  readonly slowLog: CloudwatchLogGroup;
  /** The engine log: failovers, replication, persistence and other engine events. */
  readonly engineLog: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: CacheLogGroupsProps) {
    super(scope, id);
    const group = (logType: CacheLogType): CloudwatchLogGroup =>
      new CloudwatchLogGroup(this, logType, {
        name: cacheLogGroupName(props.namePrefix, props.name, logType),
        retentionInDays: props.retentionDays,
        kmsKeyId: props.keyArn,
        tags: nameTag(props.namePrefix, props.name, logType),
      });
    this.slowLog = group('slow-log');
    this.engineLog = group('engine-log');
  }
}
