import { inventoryOf, Inventory } from './inventory';
import { Knob, knobsOf } from './knobs';
import { LineItem, lineItemsOf } from './line-items';
import { PRICES, RegionPrices } from './prices';
import { EstimateError, groupStacks, StackGroup, SynthStack } from './synth-output';

/** The estimate of one environment, or of one account-level stack. */
export interface GroupEstimate {
  readonly group: StackGroup;
  readonly inventory: Inventory;
  readonly prices: RegionPrices;
  readonly items: readonly LineItem[];
  /** The sum of the items, USD a month. */
  readonly totalUsd: number;
  readonly knobs: readonly Knob[];
}

/** Prices every environment (and account-level stack) of a synth output. */
export function estimateStacks(stacks: readonly SynthStack[]): GroupEstimate[] {
  return groupStacks(stacks).map((group) => {
    const prices = PRICES[group.region];
    if (prices === undefined) {
      throw new EstimateError(
        `${group.name}: no prices for region ${group.region}; add a table for it to scripts/cost/prices.ts (priced: ${Object.keys(PRICES).join(', ')})`,
      );
    }
    const inventory = inventoryOf(group);
    const items = lineItemsOf(inventory, prices);
    return {
      group,
      inventory,
      prices,
      items,
      totalUsd: items.reduce((sum, i) => sum + i.monthlyUsd, 0),
      knobs: group.accountLevel ? [] : knobsOf(inventory, prices),
    };
  });
}
