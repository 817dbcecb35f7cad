import { ContractValues, defineContract } from '../../lib/state/contract';

/**
 * The outputs of `<env>-data`, read by the edge and service stacks (and by other teams) through
 * `terraform_remote_state`. Optional parts (proxy, replica) output an empty string when absent,
 * so the contract keeps one shape in every environment. Add outputs; never rename one.
 */
export const DATA_CONTRACT = defineContract('data', {
  databaseIdentifier: {
    type: 'string',
    description: 'DB instance identifier of the primary (CloudWatch DBInstanceIdentifier, restores).',
  },
  databaseReplicaIdentifier: {
    type: 'string',
    description: 'DB instance identifier of the read replica; empty when the environment has none.',
  },
  databaseProxyResourceId: {
    type: 'string',
    description:
      'Resource id of the RDS Proxy (prx-...), for rds-db:connect IAM policies; empty when the environment has none.',
  },
  databaseMasterUsername: {
    type: 'string',
    description:
      'User the application logs in as (the RDS-managed master user; not a secret, its password is).',
  },
  databaseProxyName: {
    type: 'string',
    description: 'Name of the RDS Proxy; empty when the environment has none.',
  },
  cacheReplicationGroupId: {
    type: 'string',
    description: 'ElastiCache replication group id (CloudWatch ReplicationGroupId, failover).',
  },
  databaseAddress: { type: 'string', description: 'Hostname of the PostgreSQL primary (writer).' },
  databasePort: { type: 'number', description: 'PostgreSQL port.' },
  databaseName: { type: 'string', description: 'Name of the application database.' },
  databaseProxyEndpoint: {
    type: 'string',
    description:
      'Hostname of the RDS Proxy (pooled, TLS-only connections); empty when the environment has none.',
  },
  databaseReaderAddress: {
    type: 'string',
    description: 'Hostname of the read replica; empty when the environment has none.',
  },
  databaseSecurityGroupId: {
    type: 'string',
    description:
      'Security group of the database entry point (the proxy when there is one): the service stack adds an ingress rule from its own group.',
  },
  databaseMasterSecretArn: {
    type: 'string',
    description: 'Secrets Manager secret RDS manages for the master user (migrations, break-glass).',
  },
  databaseKmsKeyArn: {
    type: 'string',
    description: 'KMS key of the database storage and its master secret.',
  },
  restoredDatabaseAddress: {
    type: 'string',
    description:
      'Hostname of the database restored by data.database.restore; empty when no restore is configured.',
  },
  restoredDatabaseMasterSecretArn: {
    type: 'string',
    description: 'RDS-managed master secret of the restored instance; empty when no restore is configured.',
  },
  restoredDatabaseSecurityGroupId: {
    type: 'string',
    description:
      'Security group a client joins to reach the restored instance; empty when no restore is configured.',
  },
  restoredDatabaseKmsKeyArn: {
    type: 'string',
    description:
      'KMS key of the restored instance and its master secret; empty when no restore is configured.',
  },
  cachePrimaryEndpoint: { type: 'string', description: 'Hostname of the cache primary (TLS required).' },
  cacheReaderEndpoint: { type: 'string', description: 'Hostname of the cache reader endpoint.' },
  cachePort: { type: 'number', description: 'Cache port.' },
  cacheSecurityGroupId: {
    type: 'string',
    description: 'Security group a client joins to reach the cache.',
  },
  cacheAuthSecretArn: {
    type: 'string',
    description:
      'Secret holding the cache connection as JSON: host, reader_host, port, tls, auth_token, url.',
  },
  cacheKmsKeyArn: {
    type: 'string',
    description: 'KMS key of the cache and its auth secret: readers need kms:Decrypt.',
  },
  jwtSecretArn: { type: 'string', description: 'Secret JWT_SECRET (generated).' },
  webhookSecretArn: { type: 'string', description: 'Secret WEBHOOK_SECRET (generated).' },
  githubClientIdSecretArn: {
    type: 'string',
    description: 'Secret GITHUB_CLIENT_ID (value set out of band).',
  },
  githubClientSecretArn: {
    type: 'string',
    description: 'Secret GITHUB_CLIENT_SECRET (value set out of band).',
  },
  secretsKmsKeyArns: {
    type: 'list',
    description: 'KMS keys of every secret above: a reader needs kms:Decrypt on them.',
  },
  backupVaultArn: { type: 'string', description: 'AWS Backup vault holding the recovery points.' },
});

/** The data contract's values, as a downstream stack sees them. */
export type DataOutputs = ContractValues<typeof DATA_CONTRACT.outputs>;
