import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { Construct } from 'constructs';

/** Props of {@link CostAllocationTags}. */
export interface CostAllocationTagsProps {
  /** Tag keys to activate, e.g. `['environment', 'cost-center', 'owner']`. */
  readonly tagKeys: string[];
}

// Tag keys: letters, digits, spaces and `_ . : / = + - @`, at most 128 (the tagging rules of AWS).
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * Activates tag keys as cost-allocation tags, so that Cost Explorer, the cost and usage report and
 * budget filters can group and filter spend by them. Account-level: one per account (the payer
 * account in an AWS Organization), so it belongs in the bootstrap stack.
 *
 * AWS only knows a key once a resource carries it, and lists it for activation up to 24 hours later;
 * applying this before then fails with "tag keys not found" (deploy an environment first). Spend is
 * tagged from the activation on, never backwards.
 */
export class CostAllocationTags extends Construct {
  /** One activation per tag key, in the order given. */
  readonly tags: CeCostAllocationTag[];

  constructor(scope: Construct, id: string, props: CostAllocationTagsProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!Array.isArray(props.tagKeys) || props.tagKeys.length === 0) {
      problems.push(`tagKeys: give at least one tag key, got ${JSON.stringify(props.tagKeys)}`);
    } else {
      props.tagKeys.forEach((key: unknown, i) => {
        if (typeof key !== 'string' || !TAG_KEY.test(key)) {
          problems.push(
            `tagKeys[${i}]: ${JSON.stringify(key)} is not a tag key (1-128 letters, digits, spaces or '_.:/=+-@')`,
          );
        } else if (props.tagKeys.indexOf(key) !== i) {
          problems.push(`tagKeys[${i}]: '${key}' is listed twice`);
        }
      });
    }
    if (problems.length > 0) {
      throw new Error(`CostAllocationTags: invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    // Keyed by tag key, not position: reordering the list must not deactivate and reactivate a tag.
    this.tags = props.tagKeys.map(
      (tagKey) => new CeCostAllocationTag(this, `tag-${tagKey}`, { tagKey, status: 'Active' }),
    );
  }
}
