import { App } from 'cdktf';
import type { LoadedEnvironment } from '../config/load';
import { bootstrapStacksFor } from './bootstrap-stack';
import { DataStack } from './data-stack';
import { NetworkStack } from './network-stack';

/** Every stack of an environment, by layer. */
export interface EnvironmentStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
}

/**
 * Adds every stack of every environment to the app: one bootstrap stack per AWS account, then the
 * layers of each environment. Takes environments that are already validated, all of them.
 */
export function buildStacks(
  app: App,
  environments: readonly LoadedEnvironment[],
): Map<string, EnvironmentStacks> {
  const configs = environments.map((e) => e.config);
  bootstrapStacksFor(app, configs);
  const stacks = new Map<string, EnvironmentStacks>();
  for (const config of configs) {
    stacks.set(config.name, { network: new NetworkStack(app, config), data: new DataStack(app, config) });
  }
  return stacks;
}
