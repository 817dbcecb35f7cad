import type { EnvironmentConfig } from './schema';

/** The state backend an environment uses, defaults applied: one bucket per AWS account. */
export function stateBackendOf(config: EnvironmentConfig): { bucket: string; region: string } {
  return {
    bucket: config.state.bucket ?? `${config.project}-tfstate-${config.account.id}`,
    region: config.state.region ?? config.region,
  };
}

/** Prefix of every resource name of the environment: `<project>-<env>`. */
export function namePrefixOf(config: EnvironmentConfig): string {
  return `${config.project}-${config.name}`;
}

/** Short name of the environment's AWS account: its alias, or its id. */
export function accountNameOf(config: EnvironmentConfig): string {
  return config.account.alias ?? config.account.id;
}

/** The GitHub environment that gates deploys of this environment. */
export function githubEnvironmentOf(config: EnvironmentConfig): string {
  return config.ci.githubEnvironment ?? config.name;
}

/** Whether the environment's database has an RDS Proxy: when the file asks for one, and always in production. */
export function databaseHasProxyOf(config: EnvironmentConfig): boolean {
  return config.data.database.proxy ?? config.production;
}

/** Tags on every resource of the environment (the provider's `default_tags`). */
export function defaultTagsOf(config: EnvironmentConfig): Record<string, string> {
  return {
    ...config.tags,
    environment: config.name,
    owner: config.owner,
    'cost-center': config.costCenter,
    'managed-by': 'cdktf',
    repository: config.repository,
  };
}
