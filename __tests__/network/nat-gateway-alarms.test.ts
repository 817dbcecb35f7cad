import { Testing } from 'cdktf';
import { loadEnvironments } from '../../config/load';
import { NetworkStack } from '../../stacks/network-stack';
import { resources, synthJson } from '../support/synth';

const bundled = new Map(loadEnvironments('config/environments').map((e) => [e.config.name, e.config]));
const alarmsOf = (env: string) =>
  Object.values(
    resources(synthJson(new NetworkStack(Testing.app(), bundled.get(env)!)), 'aws_cloudwatch_metric_alarm'),
  );

describe('NatGatewayAlarms', () => {
  it('watches every NAT gateway for port allocation errors, to the alert topic', () => {
    const prod = alarmsOf('prod');
    // prod: a NAT gateway per zone, three zones.
    expect(prod.map((a) => a.alarm_name).sort()).toEqual([
      'platform-prod-nat-eu-west-1a-port-allocation',
      'platform-prod-nat-eu-west-1b-port-allocation',
      'platform-prod-nat-eu-west-1c-port-allocation',
    ]);
    for (const alarm of prod) {
      expect(alarm).toMatchObject({
        namespace: 'AWS/NATGateway',
        metric_name: 'ErrorPortAllocation',
        statistic: 'Sum',
        threshold: 0,
        comparison_operator: 'GreaterThanThreshold',
        treat_missing_data: 'notBreaching',
        dimensions: { NatGatewayId: expect.stringMatching(/^\$\{aws_nat_gateway\..+\.id\}$/) },
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\..+\.arn\}$/)],
      });
    }
  });

  it('follows the NAT strategy: one alarm for a single gateway', () => {
    expect(alarmsOf('dev').map((a) => a.alarm_name)).toEqual(['platform-dev-nat-eu-west-1a-port-allocation']);
  });
});
