import { PolicyStatement } from '../security/policy-document';

/**
 * The account Elastic Load Balancing writes access logs from, in each region that opened before
 * August 2022 (Elastic Load Balancing user guide, "Enable access logs", bucket permissions).
 * Regions opened since then have no such account: there the service principal
 * {@link ELB_LOG_DELIVERY_SERVICE_PRINCIPAL} writes the logs.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-south-1': '718504428378',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'eu-south-1': '635631232127',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};

/** The service principal that delivers load balancer access logs in regions opened since August 2022. */
export const ELB_LOG_DELIVERY_SERVICE_PRINCIPAL = 'logdelivery.elasticloadbalancing.amazonaws.com';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** Why `region` is not an AWS region name, or `undefined`. */
export function regionViolation(region: string): string | undefined {
  return REGION.test(region) ? undefined : `'${region}' is not an AWS region name such as eu-west-1`;
}

/** Props of {@link elbLogDeliveryStatements}. */
export interface ElbLogDeliveryGrant {
  /** Region of the load balancer, a literal such as `eu-west-1`. */
  readonly region: string;
  /** Partition of the account, as a string or Terraform expression (for the account principal's ARN). */
  readonly partition: string;
  /** ARN pattern of the objects the load balancer may write, `<bucket arn>/<prefix>/AWSLogs/<account>/*`. */
  readonly objectArn: string;
}

/**
 * The bucket policy statements that let Elastic Load Balancing deliver access logs in `region`.
 *
 * The service principal statement is always there: it is how every region opened since
 * August 2022 delivers, and a principal that a region does not use grants nothing. Regions opened
 * before then deliver from a regional ELB account instead, so they get a statement for it as well.
 * Together the two work in every region, old and new, without a per-region switch in the stacks.
 */
export function elbLogDeliveryStatements(grant: ElbLogDeliveryGrant): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AllowElbLogDeliveryService',
      Effect: 'Allow',
      Principal: { Service: ELB_LOG_DELIVERY_SERVICE_PRINCIPAL },
      Action: 's3:PutObject',
      Resource: grant.objectArn,
    },
  ];
  const account = ELB_LOG_DELIVERY_ACCOUNTS[grant.region];
  if (account) {
    statements.push({
      Sid: 'AllowElbLogDeliveryAccount',
      Effect: 'Allow',
      Principal: { AWS: `arn:${grant.partition}:iam::${account}:root` },
      Action: 's3:PutObject',
      Resource: grant.objectArn,
    });
  }
  return statements;
}
