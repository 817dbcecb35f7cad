import { ContractValues, defineContract } from '../../lib/state/contract';

/**
 * What `<env>-service` publishes: what the deploy pipeline needs to run migrations, watch the
 * rollout and roll back (help/pipeline.md), under these exact Terraform output names.
 */
export const SERVICE_CONTRACT = defineContract('service', {
  clusterName: { type: 'string', description: 'ECS cluster of the environment.' },
  serviceName: { type: 'string', description: 'ECS service running the API behind the load balancer.' },
  taskDefinitionFamily: {
    type: 'string',
    description: 'Task definition family of the service (roll back to <family>:<revision>).',
  },
  migrationTaskDefinitionArn: {
    type: 'string',
    description:
      'Task definition (with revision) the deploy runs once, with aws ecs run-task, before the service update.',
  },
  migrationContainerName: {
    type: 'string',
    description: 'Container of the migration task (its exit code decides).',
  },
  migrationNetworkConfiguration: {
    type: 'string',
    description:
      'JSON for aws ecs run-task --network-configuration: private subnets, the service security group, no public IP.',
  },
  logGroupName: { type: 'string', description: 'Log group of the service and migration containers.' },
  serviceSecurityGroupId: {
    type: 'string',
    description: 'Security group of the service tasks (the database and the cache admit it).',
  },
});

/** The service contract's values. */
export type ServiceOutputs = ContractValues<typeof SERVICE_CONTRACT.outputs>;
