import { StackGroup, StackJson, SynthStack } from '../../scripts/cost/synth-output';

/** A synthesized stack written by hand: resources by type and name, the AWS provider in `region`. */
export function stack(
  name: string,
  resource: NonNullable<StackJson['resource']>,
  region = 'eu-west-1',
): SynthStack {
  return { name, json: { provider: { aws: [{ region }] }, resource } };
}

/** An environment group of hand-written stacks. */
export function group(...stacks: SynthStack[]): StackGroup {
  return { name: 'shop', accountLevel: false, region: 'eu-west-1', stacks };
}

/** Three subnets, one per zone, as the network stack has them. */
export const SUBNETS = {
  aws_subnet: {
    a: { availability_zone: 'eu-west-1a' },
    b: { availability_zone: 'eu-west-1b' },
    c: { availability_zone: 'eu-west-1c' },
  },
};

/** An ECS service on Fargate with its task definition and, optionally, its autoscaling target. */
export function fargateService(options: {
  cpu: string;
  memory: string;
  architecture?: 'ARM64' | 'X86_64';
  desiredCount?: number;
  minCapacity?: number;
  launch?: 'launch_type' | 'capacity_provider';
}): NonNullable<StackJson['resource']> {
  const launch =
    options.launch === 'capacity_provider'
      ? { capacity_provider_strategy: [{ capacity_provider: 'FARGATE_SPOT', weight: 1 }] }
      : { launch_type: 'FARGATE' };
  return {
    aws_ecs_task_definition: {
      api_task: {
        family: 'shop-api',
        cpu: options.cpu,
        memory: options.memory,
        requires_compatibilities: ['FARGATE'],
        ...(options.architecture
          ? { runtime_platform: { cpu_architecture: options.architecture, operating_system_family: 'LINUX' } }
          : {}),
      },
    },
    aws_ecs_service: {
      api_service: {
        name: 'shop-api',
        task_definition: '${aws_ecs_task_definition.api_task.arn}',
        ...(options.desiredCount === undefined ? {} : { desired_count: options.desiredCount }),
        ...launch,
      },
    },
    ...(options.minCapacity === undefined
      ? {}
      : {
          aws_appautoscaling_target: {
            api_scaling: {
              service_namespace: 'ecs',
              scalable_dimension: 'ecs:service:DesiredCount',
              resource_id: 'service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.api_service.name}',
              min_capacity: options.minCapacity,
              max_capacity: 10,
            },
          },
        }),
  };
}
