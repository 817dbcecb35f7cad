import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** Account, partition and region of the stack a construct lives in, as Terraform expressions. */
export interface AwsContext {
  /** The 12-digit id of the account Terraform runs against. */
  readonly accountId: string;
  /** `aws`, `aws-cn` or `aws-us-gov`: ARNs are built with it so constructs work in every partition. */
  readonly partition: string;
  /** The provider's region, e.g. `eu-west-1`. */
  readonly region: string;
  /** DNS suffix of the partition, e.g. `amazonaws.com`, for service principals. */
  readonly dnsSuffix: string;
}

const CONTEXT_ID = 'AwsContext';

/**
 * The stack's account, partition and region, read once per stack through data sources that every
 * construct shares, so a stack never declares `aws_caller_identity` twice.
 */
export function awsContext(scope: Construct): AwsContext {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(CONTEXT_ID) as AwsContextData | undefined;
  return (existing ?? new AwsContextData(stack, CONTEXT_ID)).context;
}

class AwsContextData extends Construct {
  readonly context: AwsContext;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, 'caller');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    this.context = {
      accountId: identity.accountId,
      partition: partition.partition,
      region: region.region,
      dnsSuffix: partition.dnsSuffix,
    };
  }
}
