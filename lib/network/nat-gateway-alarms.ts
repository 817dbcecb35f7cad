import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Construct } from 'constructs';
import { ThresholdAlarm } from '../observability/threshold-alarm';

/** Props of {@link NatGatewayAlarms}. */
export interface NatGatewayAlarmsProps {
  /** Prefix of the alarm names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The NAT gateways to watch, e.g. `network.natGateways`. */
  readonly gateways: readonly NatGateway[];
  /** The availability zone of each gateway, same order: it names the alarm. */
  readonly availabilityZones: readonly string[];
  /** SNS topic the alarms notify. */
  readonly topicArn: string;
}

/**
 * One alarm per NAT gateway on `ErrorPortAllocation`: the gateway ran out of source ports for a
 * destination, so new outbound connections from the private subnets (ECR pulls, OAuth, webhooks)
 * fail while the rest of the network looks healthy. Any occurrence is worth a look.
 */
export class NatGatewayAlarms extends Construct {
  /** The alarms, in gateway order. */
  readonly alarms: ThresholdAlarm[];

  constructor(scope: Construct, id: string, props: NatGatewayAlarmsProps) {
    super(scope, id);
    this.alarms = props.gateways.map((gateway, i) => {
      const az = props.availabilityZones[i];
      return new ThresholdAlarm(this, `port-allocation-${az}`, {
        nameParts: [props.namePrefix, 'nat', az, 'port-allocation'],
        description: `NAT gateway in ${az} could not allocate a source port: new outbound connections from the private subnets fail. Check help/monitoring.md (NAT): the busiest destinations in the flow logs, then spread them over more addresses or destinations.`,
        namespace: 'AWS/NATGateway',
        metricName: 'ErrorPortAllocation',
        dimensions: { NatGatewayId: gateway.id },
        statistic: 'Sum',
        threshold: 0,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 300,
        evaluationPeriods: 1,
        topicArn: props.topicArn,
        treatMissingData: 'notBreaching',
      });
    });
  }
}
