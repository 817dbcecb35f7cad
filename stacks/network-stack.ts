import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import { NatGatewayAlarms, Network } from '../lib/network';
import { AlertTopic } from '../lib/observability';
import { publishContract } from '../lib/state';
import { NETWORK_CONTRACT } from './contracts/network-contract';
import { EnvironmentStack } from './environment-stack';

/**
 * `<env>-network`: the VPC every other layer runs in, and the environment's alert topic (it lives
 * here because this is the first layer deployed, so every later alarm has somewhere to go).
 */
export class NetworkStack extends EnvironmentStack {
  readonly network: Network;
  readonly alerts: AlertTopic;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, environment, 'network');
    const net = environment.network;
    this.network = new Network(this, 'network', {
      namePrefix: this.namePrefix,
      cidr: net.cidr,
      availabilityZones: net.availabilityZones,
      subnetPrefixLength: net.subnetPrefixLength,
      natGateways: net.natGateways,
      // Flow log records are audit evidence: production keeps them (and their key) from `destroy`.
      flowLogs: { ...net.flowLogs, preventDestroy: environment.production },
      interfaceEndpoints: net.interfaceEndpoints,
    });
    this.alerts = new AlertTopic(this, 'alerts', {
      namePrefix: this.namePrefix,
      emails: environment.alerts.emails,
      preventDestroy: environment.production,
    });
    new NatGatewayAlarms(this, 'nat-alarms', {
      namePrefix: this.namePrefix,
      gateways: this.network.natGateways,
      availabilityZones: net.availabilityZones,
      topicArn: this.alerts.topicArn,
    });

    publishContract(this, NETWORK_CONTRACT, {
      vpcId: this.network.vpc.id,
      vpcCidr: this.network.vpc.cidrBlock,
      availabilityZones: net.availabilityZones,
      publicSubnetIds: this.network.publicSubnets.map((s) => s.id),
      privateSubnetIds: this.network.privateSubnets.map((s) => s.id),
      isolatedSubnetIds: this.network.isolatedSubnets.map((s) => s.id),
      privateRouteTableIds: this.network.privateRouteTables.map((t) => t.id),
      isolatedRouteTableIds: this.network.isolatedRouteTables.map((t) => t.id),
      natPublicIps: this.network.natGateways.map((n) => n.publicIp),
      alertTopicArn: this.alerts.topicArn,
    });
  }
}
