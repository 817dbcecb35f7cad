import * as ipaddr from 'ipaddr.js';

/** The three subnet tiers every VPC gets. */
export const SUBNET_TIERS = ['public', 'private', 'isolated'] as const;
/** A subnet tier: `public` (load balancers, NAT), `private` (app, egress via NAT), `isolated` (data, no internet). */
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/**
 * Each tier reserves room for this many AZs, whatever the current count, so adding an AZ later
 * never renumbers (and so never replaces) an existing subnet.
 */
export const AZ_SLOTS_PER_TIER = 4;

/** Most AZs a network spans. */
export const MAX_AZS = 3;

/** Shortest and longest subnet prefix AWS accepts (a /16 to a /28). */
export const SUBNET_PREFIX_RANGE = { min: 16, max: 28 } as const;

/**
 * Subnet sizes when none are given: small public subnets (load balancers, NAT gateways), large
 * private ones (one address per Fargate task), small isolated ones (databases, caches).
 */
export const DEFAULT_SUBNET_PREFIX_LENGTHS: Readonly<Record<SubnetTier, number>> = {
  public: 24,
  private: 20,
  isolated: 24,
};

/** One subnet of the plan, with its literal CIDR. */
export interface PlannedSubnet {
  readonly tier: SubnetTier;
  /** Index of the AZ in the configured list (0-based). */
  readonly azIndex: number;
  readonly cidr: string;
}

/** Input of {@link planSubnets}. */
export interface SubnetPlanInput {
  /** The VPC's IPv4 CIDR, e.g. `10.20.0.0/16`. */
  readonly vpcCidr: string;
  /** How many AZs get a subnet of every tier (1-3). */
  readonly azCount: number;
  /** Prefix length of one subnet per tier, e.g. `{ public: 24, private: 20, isolated: 24 }`. */
  readonly prefixLengths: Readonly<Record<SubnetTier, number>>;
}

/** Thrown when a subnet plan cannot be made; the message says why. */
export class SubnetPlanError extends Error {
  constructor(
    message: string,
    /** Rule broken, for config error reports. */
    readonly rule: string,
    /** What to change. */
    readonly hint: string,
  ) {
    super(message);
    this.name = 'SubnetPlanError';
  }
}

/** Parses `a.b.c.d/n` strictly: four decimal octets, the network address itself (no host bits). */
export function parseIpv4Cidr(cidr: string): { address: number; prefix: number } {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) || !ipaddr.IPv4.isValidCIDR(cidr)) {
    throw new SubnetPlanError(
      `'${cidr}' is not an IPv4 CIDR`,
      'cidr-syntax',
      'write it as a.b.c.d/n, e.g. 10.20.0.0/16',
    );
  }
  const [ip, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const address = ip.toByteArray().reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    const network = formatIpv4(address - (address % size));
    throw new SubnetPlanError(
      `'${cidr}' has host bits set`,
      'cidr-network-address',
      `use the network address: ${network}/${prefix}`,
    );
  }
  return { address, prefix };
}

/**
 * Lays the three tiers out inside the VPC CIDR, deterministically and with literal ranges.
 *
 * Every tier gets one aligned block of {@link AZ_SLOTS_PER_TIER} subnets; blocks are placed largest
 * first (so each stays aligned), ties broken in tier order. AZ `i` takes slot `i` of each block.
 */
export function planSubnets(input: SubnetPlanInput): PlannedSubnet[] {
  const vpc = parseIpv4Cidr(input.vpcCidr);
  if (!Number.isInteger(input.azCount) || input.azCount < 1 || input.azCount > MAX_AZS) {
    throw new SubnetPlanError(`${input.azCount} AZs`, 'az-count', `use 1 to ${MAX_AZS} availability zones`);
  }
  const slotBits = Math.log2(AZ_SLOTS_PER_TIER);
  const blocks = SUBNET_TIERS.map((tier, order) => {
    const prefix = input.prefixLengths[tier];
    if (prefix < vpc.prefix + slotBits) {
      throw new SubnetPlanError(
        `a /${prefix} ${tier} subnet leaves no room for ${AZ_SLOTS_PER_TIER} AZ slots in a /${vpc.prefix} VPC`,
        'subnet-fits-vpc',
        `use a ${tier} prefix of /${vpc.prefix + slotBits} or longer, or a larger VPC CIDR`,
      );
    }
    return { tier, order, prefix, blockSize: 2 ** (32 - prefix) * AZ_SLOTS_PER_TIER };
  }).sort((a, b) => b.blockSize - a.blockSize || a.order - b.order);

  const vpcSize = 2 ** (32 - vpc.prefix);
  const needed = blocks.reduce((sum, b) => sum + b.blockSize, 0);
  if (needed > vpcSize) {
    throw new SubnetPlanError(
      `the subnet plan needs ${needed} addresses (${AZ_SLOTS_PER_TIER} AZ slots per tier) but ${input.vpcCidr} has ${vpcSize}`,
      'subnet-fits-vpc',
      'lengthen the subnet prefixes (smaller subnets) or widen the VPC CIDR',
    );
  }

  const subnets: PlannedSubnet[] = [];
  let offset = 0;
  for (const block of blocks) {
    const subnetSize = block.blockSize / AZ_SLOTS_PER_TIER;
    for (let azIndex = 0; azIndex < input.azCount; azIndex++) {
      subnets.push({
        tier: block.tier,
        azIndex,
        cidr: `${formatIpv4(vpc.address + offset + azIndex * subnetSize)}/${block.prefix}`,
      });
    }
    offset += block.blockSize;
  }
  return subnets.sort(
    (a, b) => SUBNET_TIERS.indexOf(a.tier) - SUBNET_TIERS.indexOf(b.tier) || a.azIndex - b.azIndex,
  );
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
