/**
 * The stack another team would write: several constructs composed through the package's public
 * subpaths only. Its inputs are here once, for the program and for the assertions on its output.
 */
export const CONSUMER = {
  stackId: 'consumer-dev',
  namePrefix: 'consumer-dev',
  cidr: '10.42.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  keyAlias: 'consumer-dev-uploads',
  bucketName: 'consumer-dev-uploads-123456789012',
  alertEmail: 'consumer-oncall@example.com',
  alarmMetric: 'ErrorPortAllocation',
} as const;

/** The consumer's program, `src/consumer-stack.ts`: synthesizes into the folder given as its first argument. */
export const CONSUMER_STACK_SOURCE = `import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { NetworkProps } from '@platform/infra';
import { Network } from '@platform/infra/network';
import { AlertTopic, ThresholdAlarm } from '@platform/infra/observability';
import { EncryptionKey } from '@platform/infra/security';
import { SecureBucket } from '@platform/infra/storage';

const INPUTS = ${JSON.stringify(CONSUMER, null, 2)} as const;

class ConsumerStack extends TerraformStack {
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    // The root entry point's typings, used once so that both module resolutions must find them.
    const networkProps: NetworkProps = {
      namePrefix: INPUTS.namePrefix,
      cidr: INPUTS.cidr,
      availabilityZones: [...INPUTS.availabilityZones],
    };
    const network = new Network(this, 'network', networkProps);
    const key = new EncryptionKey(this, 'uploads-key', {
      alias: INPUTS.keyAlias,
      description: 'Encrypts the uploads bucket',
    });
    this.bucket = new SecureBucket(this, 'uploads', {
      bucketName: INPUTS.bucketName,
      encryption: { type: 'sse-kms', keyArn: key.keyArn },
    });
    const alerts = new AlertTopic(this, 'alerts', { namePrefix: INPUTS.namePrefix, emails: [INPUTS.alertEmail] });
    new ThresholdAlarm(this, 'nat-port-allocation', {
      nameParts: [INPUTS.namePrefix, 'nat', 'ports'],
      description: 'The NAT gateway ran out of source ports: check for connection leaks.',
      namespace: 'AWS/NATGateway',
      metricName: INPUTS.alarmMetric,
      dimensions: { NatGatewayId: network.natGateways[0].id },
      statistic: 'Sum',
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      topicArn: alerts.topicArn,
    });
  }
}

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node consumer-stack.js <outdir>');
const app = new App({ outdir });
new ConsumerStack(app, INPUTS.stackId);
app.synth();
`;
