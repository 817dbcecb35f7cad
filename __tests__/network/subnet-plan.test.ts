import {
  AZ_SLOTS_PER_TIER,
  DEFAULT_SUBNET_PREFIX_LENGTHS,
  parseIpv4Cidr,
  PlannedSubnet,
  planSubnets,
  SubnetPlanError,
  SubnetPlanInput,
} from '../../lib/network/subnet-plan';

const DEFAULTS = { public: 24, private: 20, isolated: 24 };

function plan(azCount: number, vpcCidr = '10.30.0.0/16', prefixLengths = DEFAULTS): PlannedSubnet[] {
  return planSubnets({ vpcCidr, azCount, prefixLengths });
}

/** The error planSubnets throws for `input`; fails the test when it does not throw one. */
function planError(input: SubnetPlanInput): SubnetPlanError {
  try {
    planSubnets(input);
  } catch (error) {
    if (error instanceof SubnetPlanError) return error;
    throw error;
  }
  throw new Error(`planSubnets(${JSON.stringify(input)}) did not throw`);
}

function range(cidr: string): { first: number; last: number; size: number } {
  const { address, prefix } = parseIpv4Cidr(cidr);
  const size = 2 ** (32 - prefix);
  return { first: address, last: address + size - 1, size };
}

describe('planSubnets layout', () => {
  test('places the largest tier first and gives AZ i slot i of every tier', () => {
    expect(plan(3).map((s) => `${s.tier}/${s.azIndex} ${s.cidr}`)).toEqual([
      'public/0 10.30.64.0/24',
      'public/1 10.30.65.0/24',
      'public/2 10.30.66.0/24',
      'private/0 10.30.0.0/20',
      'private/1 10.30.16.0/20',
      'private/2 10.30.32.0/20',
      'isolated/0 10.30.68.0/24',
      'isolated/1 10.30.69.0/24',
      'isolated/2 10.30.70.0/24',
    ]);
  });

  test('the defaults are public /24, private /20, isolated /24', () => {
    expect(DEFAULT_SUBNET_PREFIX_LENGTHS).toEqual(DEFAULTS);
  });

  test('breaks ties between equal blocks in tier order (public, private, isolated)', () => {
    const subnets = plan(1, '10.0.0.0/22', { public: 26, private: 26, isolated: 26 });
    expect(subnets.map((s) => s.cidr)).toEqual(['10.0.0.0/26', '10.0.1.0/26', '10.0.2.0/26']);
  });

  test.each([
    ['10.30.0.0/16', DEFAULTS],
    ['10.0.0.0/20', { public: 26, private: 23, isolated: 25 }],
    ['172.16.0.0/24', { public: 28, private: 27, isolated: 28 }],
    ['192.168.0.0/16', { public: 20, private: 19, isolated: 21 }],
  ])(
    '%s %j: subnets are aligned, inside the VPC and never overlap, reserved slots included',
    (vpcCidr, prefixes) => {
      const vpc = range(vpcCidr);
      const subnets = plan(3, vpcCidr, prefixes);
      for (const subnet of subnets) {
        const r = range(subnet.cidr);
        expect(r.first % r.size).toBe(0);
        expect(r.first).toBeGreaterThanOrEqual(vpc.first);
        expect(r.last).toBeLessThanOrEqual(vpc.last);
      }
      // The fourth (reserved) slot of every tier too, so a later AZ cannot collide either.
      const withReserved = planSubnetsWithAllSlots(vpcCidr, prefixes).map(range);
      for (let a = 0; a < withReserved.length; a++) {
        for (let b = a + 1; b < withReserved.length; b++) {
          const disjoint =
            withReserved[a].last < withReserved[b].first || withReserved[b].last < withReserved[a].first;
          expect(disjoint).toBe(true);
        }
      }
    },
  );
});

/** Every slot of every tier: the three planned AZs plus the reserved fourth, derived from the 3-AZ plan. */
function planSubnetsWithAllSlots(vpcCidr: string, prefixes: typeof DEFAULTS): string[] {
  const threeAzs = plan(3, vpcCidr, prefixes);
  const slots: string[] = [];
  for (const tier of ['public', 'private', 'isolated'] as const) {
    const first = threeAzs.find((s) => s.tier === tier && s.azIndex === 0)!;
    const { first: base, size } = range(first.cidr);
    for (let slot = 0; slot < AZ_SLOTS_PER_TIER; slot++) {
      const address = base + slot * size;
      const octets = [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256);
      slots.push(`${octets.join('.')}/${prefixes[tier]}`);
    }
  }
  return slots;
}

describe('planSubnets stability', () => {
  test('adding an AZ keeps every existing subnet CIDR', () => {
    const key = (s: PlannedSubnet) => `${s.tier}/${s.azIndex}`;
    for (const azCount of [1, 2]) {
      const before = new Map(plan(azCount).map((s) => [key(s), s.cidr]));
      const after = new Map(plan(azCount + 1).map((s) => [key(s), s.cidr]));
      for (const [subnet, cidr] of before) expect(after.get(subnet)).toBe(cidr);
      expect(after.size).toBe(before.size + 3);
    }
  });

  test('is deterministic', () => {
    expect(plan(3)).toEqual(plan(3));
  });
});

describe('planSubnets errors', () => {
  test('host bits set: names the network address to use', () => {
    const error = planError({ vpcCidr: '10.30.1.0/16', azCount: 2, prefixLengths: DEFAULTS });
    expect(error.rule).toBe('cidr-network-address');
    expect(error.message).toContain('host bits');
    expect(error.hint).toContain('10.30.0.0/16');
  });

  test.each([
    '10.30.0.0',
    '10.30.0/16',
    '10.30.0.256/16',
    '10.30.0.0/33',
    'ten.0.0.0/16',
    ' 10.30.0.0/16',
    '0x0a.0.0.0/8',
  ])('not a CIDR: %j', (vpcCidr) => {
    expect(planError({ vpcCidr, azCount: 1, prefixLengths: DEFAULTS }).rule).toBe('cidr-syntax');
  });

  test.each([0, 4, 1.5, -1])('%s AZs', (azCount) => {
    expect(planError({ vpcCidr: '10.30.0.0/16', azCount, prefixLengths: DEFAULTS }).rule).toBe('az-count');
  });

  test('a tier too large for four AZ slots', () => {
    const error = planError({
      vpcCidr: '10.30.0.0/16',
      azCount: 1,
      prefixLengths: { ...DEFAULTS, private: 17 },
    });
    expect(error.rule).toBe('subnet-fits-vpc');
    expect(error.message).toContain('/17 private');
    expect(error.hint).toContain('/18');
  });

  test('tiers that together do not fit', () => {
    // Four /18 slots fill a /16 on their own: three tiers of them need three times the room.
    const error = planError({
      vpcCidr: '10.30.0.0/16',
      azCount: 1,
      prefixLengths: { public: 18, private: 18, isolated: 18 },
    });
    expect(error.rule).toBe('subnet-fits-vpc');
    expect(error.message).toContain('196608 addresses');
  });

  test('the defaults do not fit a /24 VPC', () => {
    expect(planError({ vpcCidr: '10.30.0.0/24', azCount: 1, prefixLengths: DEFAULTS }).rule).toBe(
      'subnet-fits-vpc',
    );
  });
});

describe('parseIpv4Cidr', () => {
  test('returns the address as a number and the prefix', () => {
    expect(parseIpv4Cidr('10.30.0.0/16')).toEqual({ address: 10 * 2 ** 24 + 30 * 2 ** 16, prefix: 16 });
  });
});
