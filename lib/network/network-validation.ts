import {
  FlowLogAggregationInterval,
  FlowLogDestination,
  FlowLogTrafficType,
  NAT_STRATEGIES,
  NatStrategy,
  NetworkProps,
  ResolvedNetworkProps,
} from './network-props';
import { CLOUDWATCH_LOG_RETENTION_DAYS, isLogRetentionDays } from '../observability/log-retention';
import {
  DEFAULT_SUBNET_PREFIX_LENGTHS,
  MAX_AZS,
  parseIpv4Cidr,
  planSubnets,
  SUBNET_PREFIX_RANGE,
  SUBNET_TIERS,
  SubnetPlanError,
  SubnetTier,
} from './subnet-plan';

/**
 * Longest name prefix: `<project (20)>-<environment (16)>`. It also keeps the flow log bucket name,
 * `<prefix>-flow-logs-<12-digit account id>`, within S3's 63 characters.
 */
export const MAX_NAME_PREFIX_LENGTH = 37;

const NAME_PREFIX = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// Region name plus one zone letter; Local and Wavelength Zones (us-west-2-lax-1a) lack NAT gateways and
// most endpoints, so they are not accepted.
const AZ_NAME = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/;
const ENDPOINT_SHORT_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
// A full service name would become com.amazonaws.<region>.com.amazonaws.<region>.<name>.
const FULL_SERVICE_NAME = /^(?:cn\.)?(?:com\.amazonaws|aws\.api|aws\.sagemaker)\./;
const FLOW_LOG_DESTINATIONS: readonly FlowLogDestination[] = ['cloudwatch', 's3'];
const TRAFFIC_TYPES: readonly FlowLogTrafficType[] = ['ALL', 'ACCEPT', 'REJECT'];
const AGGREGATION_INTERVALS: readonly FlowLogAggregationInterval[] = [60, 600];

/**
 * Checks {@link NetworkProps} and applies the defaults. Everything AWS would reject at apply time
 * (bad CIDR, AZ count, subnet sizes that do not fit) is rejected here, at synth time, with every
 * problem listed in one error.
 *
 * @throws Error naming each bad field, the value seen and what to use instead.
 */
export function resolveNetworkProps(props: NetworkProps): ResolvedNetworkProps {
  const problems: string[] = [];
  const namePrefix = props.namePrefix;
  checkNamePrefix(namePrefix, problems);
  const cidrOk = checkCidr(props.cidr, problems);
  const azs = props.availabilityZones ?? [];
  const azsOk = checkAvailabilityZones(azs, problems);
  const subnetPrefixLength = { ...DEFAULT_SUBNET_PREFIX_LENGTHS };
  for (const tier of SUBNET_TIERS) {
    // `{ private: undefined }` means "the default", not "no size".
    subnetPrefixLength[tier] = props.subnetPrefixLength?.[tier] ?? subnetPrefixLength[tier];
  }
  const prefixesOk = checkSubnetPrefixes(props.subnetPrefixLength ?? {}, problems);
  if (cidrOk && azsOk && prefixesOk) {
    try {
      planSubnets({ vpcCidr: props.cidr, azCount: azs.length, prefixLengths: subnetPrefixLength });
    } catch (error) {
      if (!(error instanceof SubnetPlanError)) throw error;
      problems.push(`subnetPrefixLength: ${error.message} (${error.hint})`);
    }
  }

  const natGateways: NatStrategy = props.natGateways ?? 'single';
  if (!NAT_STRATEGIES.includes(natGateways)) {
    problems.push(`natGateways: '${natGateways}' is not one of ${NAT_STRATEGIES.join(', ')}`);
  }

  const flowLogs = {
    destination: props.flowLogs?.destination ?? 'cloudwatch',
    retentionDays: props.flowLogs?.retentionDays ?? 90,
    trafficType: props.flowLogs?.trafficType ?? 'ALL',
    maxAggregationIntervalSeconds: props.flowLogs?.maxAggregationIntervalSeconds ?? 60,
    preventDestroy: props.flowLogs?.preventDestroy ?? false,
  } as const;
  checkFlowLogs(flowLogs, problems);

  const interfaceEndpoints = props.interfaceEndpoints ?? [];
  checkInterfaceEndpoints(interfaceEndpoints, problems);

  if (problems.length > 0) {
    const label = typeof namePrefix === 'string' && namePrefix.length > 0 ? ` '${namePrefix}'` : '';
    throw new Error(`Network${label}: invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return {
    namePrefix,
    cidr: props.cidr,
    availabilityZones: [...azs],
    subnetPrefixLength,
    natGateways,
    flowLogs,
    interfaceEndpoints: [...interfaceEndpoints],
  };
}

function checkNamePrefix(namePrefix: string, problems: string[]): void {
  if (typeof namePrefix !== 'string' || !NAME_PREFIX.test(namePrefix)) {
    problems.push(
      `namePrefix: '${namePrefix}' must be lowercase letters, digits and inner hyphens, starting with a letter (e.g. platform-prod)`,
    );
  } else if (namePrefix.length > MAX_NAME_PREFIX_LENGTH) {
    problems.push(
      `namePrefix: '${namePrefix}' is ${namePrefix.length} characters; at most ${MAX_NAME_PREFIX_LENGTH} keep every derived name within AWS limits`,
    );
  }
}

function checkCidr(cidr: string, problems: string[]): boolean {
  try {
    const { prefix } = parseIpv4Cidr(cidr);
    // AWS accepts VPC netmasks from /16 to /28.
    if (prefix < 16 || prefix > 28) {
      problems.push(`cidr: '${cidr}' has a /${prefix} prefix; a VPC must be /16 to /28`);
      return false;
    }
    return true;
  } catch (error) {
    if (!(error instanceof SubnetPlanError)) throw error;
    problems.push(`cidr: ${error.message} (${error.hint})`);
    return false;
  }
}

function checkAvailabilityZones(azs: readonly string[], problems: string[]): boolean {
  const before = problems.length;
  if (!Array.isArray(azs) || azs.length === 0 || azs.length > MAX_AZS) {
    problems.push(
      `availabilityZones: list 1 to ${MAX_AZS} zones, got ${Array.isArray(azs) ? azs.length : azs}`,
    );
    return false;
  }
  const regions = new Set<string>();
  azs.forEach((az, i) => {
    const match = AZ_NAME.exec(az);
    if (!match) {
      problems.push(`availabilityZones[${i}]: '${az}' is not an availability zone name like eu-west-1a`);
      return;
    }
    regions.add(match[1]);
    if (azs.indexOf(az) !== i) problems.push(`availabilityZones[${i}]: '${az}' is listed twice`);
  });
  if (regions.size > 1) {
    problems.push(`availabilityZones: zones of one region only, got ${[...regions].join(', ')}`);
  }
  return problems.length === before;
}

function checkSubnetPrefixes(given: Partial<Record<SubnetTier, number>>, problems: string[]): boolean {
  const before = problems.length;
  for (const [tier, prefix] of Object.entries(given)) {
    if (!(SUBNET_TIERS as readonly string[]).includes(tier)) {
      problems.push(`subnetPrefixLength.${tier}: unknown tier; the tiers are ${SUBNET_TIERS.join(', ')}`);
    } else if (
      prefix !== undefined &&
      (!Number.isInteger(prefix) || prefix < SUBNET_PREFIX_RANGE.min || prefix > SUBNET_PREFIX_RANGE.max)
    ) {
      problems.push(
        `subnetPrefixLength.${tier}: /${prefix} is not a subnet AWS accepts; use /${SUBNET_PREFIX_RANGE.min} to /${SUBNET_PREFIX_RANGE.max}`,
      );
    }
  }
  return problems.length === before;
}

function checkFlowLogs(flowLogs: Required<NonNullable<NetworkProps['flowLogs']>>, problems: string[]): void {
  if (!FLOW_LOG_DESTINATIONS.includes(flowLogs.destination)) {
    problems.push(
      `flowLogs.destination: '${flowLogs.destination}' is not one of ${FLOW_LOG_DESTINATIONS.join(', ')}`,
    );
  }
  if (!isLogRetentionDays(flowLogs.retentionDays)) {
    problems.push(
      `flowLogs.retentionDays: ${flowLogs.retentionDays} is not a CloudWatch Logs retention; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`,
    );
  }
  if (!TRAFFIC_TYPES.includes(flowLogs.trafficType)) {
    problems.push(
      `flowLogs.trafficType: '${flowLogs.trafficType}' is not one of ${TRAFFIC_TYPES.join(', ')}`,
    );
  }
  if (!AGGREGATION_INTERVALS.includes(flowLogs.maxAggregationIntervalSeconds)) {
    problems.push(
      `flowLogs.maxAggregationIntervalSeconds: ${flowLogs.maxAggregationIntervalSeconds} must be 60 or 600`,
    );
  }
}

function checkInterfaceEndpoints(names: readonly string[], problems: string[]): void {
  names.forEach((name, i) => {
    if (!ENDPOINT_SHORT_NAME.test(name) || FULL_SERVICE_NAME.test(name)) {
      problems.push(
        `interfaceEndpoints[${i}]: '${name}' is not a service short name like ecr.api (com.amazonaws.<region>. is added for you)`,
      );
    } else if (name === 's3') {
      // The free gateway endpoint already serves S3 to the private and isolated tiers.
      problems.push(
        `interfaceEndpoints[${i}]: 's3' is served by the S3 gateway endpoint the network always creates`,
      );
    } else if (names.indexOf(name) !== i) {
      problems.push(`interfaceEndpoints[${i}]: '${name}' is listed twice`);
    }
  });
}
