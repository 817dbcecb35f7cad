import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledSynth } from './bundled-synth';

/** The tags cost reports are grouped by (the budget filters on `environment`). */
const COST_TAGS = ['environment', 'owner', 'cost-center'];

interface StackJson {
  provider?: { aws?: { alias?: string; default_tags?: { tags: Record<string, string> }[] }[] };
  resource?: Record<string, Record<string, { provider?: string; tags?: Record<string, string> }>>;
}

/** Whether the provider's schema gives a resource type `tags` (read from the generated config type). */
function isTaggable(type: string): boolean {
  const typings = path.join(
    'node_modules/@cdktf/provider-aws/lib',
    type.replace(/^aws_/, '').replace(/_/g, '-'),
    'index.d.ts',
  );
  if (!existsSync(typings)) throw new Error(`no provider module for ${type} (${typings})`);
  const text = readFileSync(typings, 'utf8');
  const config = text.slice(text.indexOf('Config extends cdktf.TerraformMetaArguments'));
  return /\n\s+readonly tags\?: \{/.test(config.slice(0, config.indexOf('\n}')));
}

describe('every taggable AWS resource carries the cost-allocation tags', () => {
  const synth = bundledSynth();
  const { stacks, environments } = synth;
  const read = (stack: string) => synth.read(stack) as StackJson;

  it('covers every stack of every environment', () => {
    expect(stacks).toHaveLength(14);
  });

  it.each(stacks)('%s: every AWS provider applies them, with the environment file values', (stack) => {
    const json = read(stack);
    const providers = json.provider?.aws ?? [];
    expect(providers.length).toBeGreaterThan(0);
    const config = environments.find((e) => stack.startsWith(`${e.config.name}-`))?.config;
    for (const provider of providers) {
      const tags = Object.assign({}, ...(provider.default_tags ?? []).map((d) => d.tags));
      for (const key of COST_TAGS) expect(tags[key]).toEqual(expect.any(String));
      if (config) {
        expect(tags).toMatchObject({
          environment: config.name,
          owner: config.owner,
          'cost-center': config.costCenter,
        });
      }
    }
  });

  it.each(stacks)('%s: no taggable resource escapes or overrides them', (stack) => {
    const json = read(stack);
    const aliases = new Set((json.provider?.aws ?? []).map((p) => (p.alias ? `aws.${p.alias}` : 'aws')));
    let taggable = 0;
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      if (!type.startsWith('aws_') || !isTaggable(type)) continue;
      for (const [name, resource] of Object.entries(byName)) {
        taggable++;
        // A resource on a provider of this stack: default tags reach it.
        const provider = resource.provider?.replace(/^\$\{|\}$/g, '') ?? 'aws';
        expect({ resource: `${type}.${name}`, provider: aliases.has(provider) }).toEqual({
          resource: `${type}.${name}`,
          provider: true,
        });
        // Its own tags merge with the defaults; one of the same key would replace the value.
        const own = Object.keys(resource.tags ?? {}).filter((key) => COST_TAGS.includes(key));
        expect({ resource: `${type}.${name}`, overrides: own }).toEqual({
          resource: `${type}.${name}`,
          overrides: [],
        });
      }
    }
    expect(taggable).toBeGreaterThan(0);
  });

  it('knows a taggable type from one that is not', () => {
    expect(isTaggable('aws_vpc')).toBe(true);
    expect(isTaggable('aws_iam_role_policy')).toBe(false);
  });
});
