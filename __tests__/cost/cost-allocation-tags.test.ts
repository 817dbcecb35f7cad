import { CostAllocationTags } from '../../lib/cost';
import { resources, synthConstructs } from '../support/synth';

const synthTags = (tagKeys: string[]) =>
  resources(
    synthConstructs((scope) => new CostAllocationTags(scope, 'cost-tags', { tagKeys })),
    'aws_ce_cost_allocation_tag',
  );

describe('CostAllocationTags', () => {
  it('activates each tag key', () => {
    const tags = Object.values(synthTags(['environment', 'cost-center', 'owner']));
    expect(tags.map((t) => [t.tag_key, t.status]).sort()).toEqual([
      ['cost-center', 'Active'],
      ['environment', 'Active'],
      ['owner', 'Active'],
    ]);
  });

  it('keys each activation by its tag, so reordering the list changes nothing', () => {
    const ids = (keys: string[]) => Object.keys(synthTags(keys)).sort();
    expect(ids(['owner', 'environment'])).toEqual(ids(['environment', 'owner']));
  });

  it.each<[string, string[], RegExp]>([
    ['no key', [], /tagKeys: give at least one tag key, got \[\]/],
    ['an empty key', [''], /tagKeys\[0\]: "" is not a tag key/],
    ['a key of 129 characters', ['k'.repeat(129)], /tagKeys\[0\]: "k{129}" is not a tag key/],
    ['a key with $', ['env$'], /tagKeys\[0\]: "env\$" is not a tag key/],
    ['a key twice', ['owner', 'owner'], /tagKeys\[1\]: 'owner' is listed twice/],
  ])('rejects %s', (_, tagKeys, message) => {
    expect(() => synthTags(tagKeys)).toThrow(message);
  });
});
