import { DatabaseInstance, Inventory } from './inventory';
import { cacheItem, classPrice, databaseItems, fargateItems } from './line-items';
import { HOURS_PER_MONTH, InstanceClassPrice, RegionPrices } from './prices';

/** One change of configuration and what it does to the monthly bill. */
export interface Knob {
  /** The change, e.g. `natGateways: single instead of perAz`. */
  readonly change: string;
  /** What else it changes, for the person deciding. */
  readonly tradeOff: string;
  /** USD a month the change adds (positive) or saves (negative). */
  readonly monthlyUsd: number;
}

const monthlyOf = (items: { monthlyUsd: number }[]) => items.reduce((sum, i) => sum + i.monthlyUsd, 0);

/**
 * The configuration changes that move this group's bill, computed from its own numbers (the NAT
 * strategy, Multi-AZ, instance sizes, minimum tasks, interface endpoints), largest effect first.
 */
export function knobsOf(inventory: Inventory, prices: RegionPrices): Knob[] {
  return [
    ...natKnobs(inventory, prices),
    ...databaseKnobs(inventory, prices),
    ...cacheKnobs(inventory, prices),
    ...fargateKnobs(inventory, prices),
    ...endpointKnobs(inventory, prices),
  ]
    .filter((k) => k.monthlyUsd !== 0)
    .sort(
      (a, b) => Math.abs(b.monthlyUsd) - Math.abs(a.monthlyUsd) || a.change.localeCompare(b.change, 'en'),
    );
}

function natKnobs({ natGateways, availabilityZones }: Inventory, prices: RegionPrices): Knob[] {
  // A NAT gateway's hours plus those of its Elastic IP.
  const perGateway = (prices.natGatewayHour.usd + prices.publicIpv4Hour.usd) * HOURS_PER_MONTH;
  if (natGateways > 1) {
    return [
      {
        change: `network.natGateways: single instead of perAz (${natGateways} → 1 NAT gateway)`,
        tradeOff: 'the loss of the NAT zone cuts every zone off the internet; cross-zone traffic is billed',
        monthlyUsd: -(natGateways - 1) * perGateway,
      },
    ];
  }
  if (natGateways === 1 && availabilityZones > 1) {
    return [
      {
        change: `network.natGateways: perAz instead of single (1 → ${availabilityZones} NAT gateways)`,
        tradeOff: 'each zone keeps its internet access when another zone fails',
        monthlyUsd: (availabilityZones - 1) * perGateway,
      },
    ];
  }
  return [];
}

function databaseKnobs(inventory: Inventory, prices: RegionPrices): Knob[] {
  const { databases } = inventory;
  const monthlyOfAll = (dbs: readonly DatabaseInstance[]) =>
    monthlyOf(dbs.flatMap((db) => databaseItems(db, prices)));
  const current = monthlyOfAll(databases);
  const knobs: Knob[] = databases
    .filter((db) => !db.replica)
    .map((db) => ({
      change: `data.database.multiAz: ${!db.multiAz}`,
      tradeOff: db.multiAz
        ? 'a zone failure or a patch means minutes of downtime and a restore instead of a failover'
        : 'a standby in a second zone takes over in a minute or two',
      monthlyUsd:
        monthlyOfAll(databases.map((d) => (d === db ? { ...d, multiAz: !d.multiAz } : d))) - current,
    }));
  // The replica has the primary's class: a class change moves both.
  for (const instanceClass of [...new Set(databases.map((db) => db.instanceClass))]) {
    const smaller = neighbourClass(prices.rdsInstanceHour, instanceClass, -1);
    const other = smaller ?? neighbourClass(prices.rdsInstanceHour, instanceClass, 1);
    if (other === undefined) continue;
    const resized = databases.map((d) =>
      d.instanceClass === instanceClass ? { ...d, instanceClass: other } : d,
    );
    knobs.push({
      change: `data.database.instanceClass: ${other} instead of ${instanceClass}`,
      tradeOff: smaller
        ? 'half the memory (check the CPU, memory and connection alarms first)'
        : 'twice the memory (no smaller class of this family is priced)',
      monthlyUsd: monthlyOfAll(resized) - current,
    });
  }
  const replicas = databases.filter((db) => db.replica);
  if (replicas.length > 0) {
    knobs.push({
      change: 'data.database.readReplica: false',
      tradeOff: 'reads go to the primary; no warm copy to promote',
      monthlyUsd: -monthlyOfAll(replicas),
    });
  }
  return knobs;
}

function cacheKnobs(inventory: Inventory, prices: RegionPrices): Knob[] {
  return inventory.caches.flatMap((cache) => {
    const current = cacheItem(cache, prices).monthlyUsd;
    const knobs: Knob[] = [];
    const smaller = neighbourClass(prices.cacheNodeHour, cache.nodeType, -1);
    const other = smaller ?? neighbourClass(prices.cacheNodeHour, cache.nodeType, 1);
    if (other !== undefined) {
      knobs.push({
        change: `data.cache.nodeType: ${other} instead of ${cache.nodeType}`,
        tradeOff: smaller
          ? 'half the memory per node (check evictions and the memory alarm first)'
          : 'twice the memory per node (no smaller type of this family is priced)',
        monthlyUsd: cacheItem({ ...cache, nodeType: other }, prices).monthlyUsd - current,
      });
    }
    if (cache.nodes > 1) {
      knobs.push({
        change: `data.cache.nodes: ${cache.nodes - 1} instead of ${cache.nodes}`,
        tradeOff: cache.nodes === 2 ? 'no replica: no automatic failover' : 'one replica fewer',
        monthlyUsd: cacheItem({ ...cache, nodes: cache.nodes - 1 }, prices).monthlyUsd - current,
      });
    }
    return knobs;
  });
}

function fargateKnobs(inventory: Inventory, prices: RegionPrices): Knob[] {
  return inventory.fargateServices.map((service) => ({
    change: `${service.name}: one more task always running (min tasks ${service.minTasks} → ${service.minTasks + 1})`,
    tradeOff: 'more headroom before autoscaling reacts; one task fewer saves the same',
    monthlyUsd: monthlyOf(fargateItems({ ...service, minTasks: 1 }, prices)),
  }));
}

function endpointKnobs(inventory: Inventory, prices: RegionPrices): Knob[] {
  const azs = inventory.interfaceEndpointAzs;
  if (azs.length === 0) return [];
  const perEndpoint = Math.max(...azs) * prices.interfaceEndpointAzHour.usd * HOURS_PER_MONTH;
  const all = azs.reduce((a, b) => a + b, 0) * prices.interfaceEndpointAzHour.usd * HOURS_PER_MONTH;
  return [
    {
      change: `network.interfaceEndpoints: one endpoint fewer (of ${azs.length})`,
      tradeOff: 'that service is reached through the NAT gateway instead, at its per-GB price',
      monthlyUsd: -perEndpoint,
    },
    ...(azs.length > 1
      ? [
          {
            change: `network.interfaceEndpoints: none (${azs.length} today)`,
            tradeOff: 'all AWS API traffic goes through the NAT gateway, at its per-GB price',
            monthlyUsd: -all,
          },
        ]
      : []),
  ];
}

/**
 * The next smaller (-1) or larger (+1) class of the same family in the price table, e.g.
 * db.t4g.small before db.t4g.medium; `undefined` at either end or for an unknown class.
 */
function neighbourClass(
  table: Readonly<Record<string, InstanceClassPrice>>,
  name: string,
  step: -1 | 1,
): string | undefined {
  classPrice(table, name, 'instance class');
  const family = name.slice(0, name.lastIndexOf('.'));
  const siblings = Object.entries(table)
    .filter(([n]) => n.startsWith(`${family}.`))
    .sort(([, a], [, b]) => a.usd - b.usd)
    .map(([n]) => n);
  return siblings[siblings.indexOf(name) + step];
}
