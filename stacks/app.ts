import { App } from 'cdktf';
import { ConfigError, ConfigIssue } from '../config/issues';
import type { LoadedEnvironment } from '../config/load';
import { RULES } from '../config/rules';
import { bootstrapStacksFor } from './bootstrap-stack';
import { DataStack } from './data-stack';
import { EdgeStack } from './edge-stack';
import { NetworkStack } from './network-stack';
import { ServiceStack } from './service-stack';

/** Every stack of an environment, by layer. */
export interface EnvironmentStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly edge: EdgeStack;
  readonly service: ServiceStack;
}

/**
 * Adds every stack of every environment to the app: one bootstrap stack per AWS account, then the
 * layers of each environment. Takes environments that are already validated, all of them.
 *
 * The schema catches what it can; a construct may still refuse a combination only it knows about
 * (say, alarm thresholds for an instance class it has no figures for). That is reported like any
 * config problem, against the environment's file, and then nothing is synthesized.
 */
export function buildStacks(
  app: App,
  environments: readonly LoadedEnvironment[],
): Map<string, EnvironmentStacks> {
  const configs = environments.map((e) => e.config);
  bootstrapStacksFor(app, configs);
  const stacks = new Map<string, EnvironmentStacks>();
  const issues: ConfigIssue[] = [];
  for (const { file, config } of environments) {
    try {
      stacks.set(config.name, {
        network: new NetworkStack(app, config),
        data: new DataStack(app, config),
        edge: new EdgeStack(app, config),
        service: new ServiceStack(app, config),
      });
    } catch (error) {
      if (!(error instanceof Error) || error instanceof ConfigError) throw error;
      const rule = RULES['construct-validation'];
      issues.push({ file, field: '', rule: 'construct-validation', message: `${rule.message}: ${error.message}`, value: undefined, hint: rule.hint }); // prettier-ignore
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return stacks;
}
