import { EstimateError, StackGroup, SynthStack, TfArguments } from './synth-output';

/** An RDS instance. */
export interface DatabaseInstance {
  readonly id: string;
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly storageGb: number;
  readonly replica: boolean;
  readonly advancedInsights: boolean;
}

/** An ElastiCache replication group. */
export interface CacheCluster {
  readonly id: string;
  readonly nodeType: string;
  readonly nodes: number;
  readonly engine: string;
}

/** An ECS service on Fargate, sized by its task definition. */
export interface FargateService {
  readonly id: string;
  /** The service's name, or its Terraform name when the name is a reference. */
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGb: number;
  /** The autoscaling floor, or the desired count without autoscaling: what always runs. */
  readonly minTasks: number;
  readonly arm: boolean;
}

/** A Route 53 health check, with the optional features that cost extra. */
export interface HealthCheck {
  readonly id: string;
  readonly features: number;
}

/** What costs money in a group of stacks. */
export interface Inventory {
  readonly availabilityZones: number;
  readonly natGateways: number;
  readonly publicIpv4Addresses: number;
  /** One entry per interface endpoint: the zones it has a network interface in. */
  readonly interfaceEndpointAzs: readonly number[];
  readonly loadBalancers: number;
  readonly databases: readonly DatabaseInstance[];
  /** The instance class behind each RDS Proxy, which is billed per vCPU of it. */
  readonly proxyInstanceClasses: readonly string[];
  /** GB of automated backups copied to another region. */
  readonly replicatedBackupGb: number;
  readonly caches: readonly CacheCluster[];
  readonly fargateServices: readonly FargateService[];
  readonly distributions: number;
  /** One entry per web ACL: its rules. */
  readonly webAclRules: readonly number[];
  readonly kmsKeys: number;
  readonly secrets: number;
  readonly alarmMetrics: number;
  readonly highResolutionAlarmMetrics: number;
  readonly dashboards: number;
  readonly logGroups: number;
  readonly flowLogsToCloudWatch: number;
  readonly hostedZones: number;
  readonly healthChecks: readonly HealthCheck[];
  readonly buckets: number;
  readonly backupVaults: number;
  readonly budgets: number;
}

type Entry = [id: string, args: TfArguments, stack: SynthStack];

/** Every resource of a type in the group, as [stack/name, arguments, stack], in a stable order. */
function all(group: StackGroup, type: string): Entry[] {
  return group.stacks.flatMap((stack) =>
    Object.entries(stack.json.resource?.[type] ?? {})
      .sort(([a], [b]) => a.localeCompare(b, 'en'))
      .map(([name, args]): Entry => [`${stack.name}/${name}`, args, stack]),
  );
}

const count = (group: StackGroup, type: string) => all(group, type).length;

/** A list argument, which cdk.tf.json writes as a list, a single block, or a token string. */
function blocks(value: unknown): TfArguments[] {
  if (Array.isArray(value)) return value as TfArguments[];
  return value !== null && typeof value === 'object' ? [value as TfArguments] : [];
}

/** Counts what costs money in a group of stacks. */
export function inventoryOf(group: StackGroup): Inventory {
  const availabilityZones = new Set(all(group, 'aws_subnet').map(([, s]) => s.availability_zone)).size;
  const loadBalancers = all(group, 'aws_lb').filter(([, lb]) => (lb.load_balancer_type ?? 'application') === 'application'); // prettier-ignore
  const internetFacing = loadBalancers.filter(([, lb]) => lb.internal !== true).length;
  const databases = databasesOf(group);
  const primaryStorage = databases.filter((db) => !db.replica).reduce((gb, db) => gb + db.storageGb, 0);
  const alarms = all(group, 'aws_cloudwatch_metric_alarm').map(([, a]) => ({
    metrics: Math.max(1, blocks(a.metric_query).filter((q) => q.metric !== undefined).length),
    highResolution: typeof a.period === 'number' && a.period < 60,
  }));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    availabilityZones,
    natGateways: all(group, 'aws_nat_gateway').filter(([, n]) => n.connectivity_type !== 'private').length,
    // Elastic IPs (NAT gateways') plus the one address per zone of each internet-facing load balancer.
    publicIpv4Addresses: count(group, 'aws_eip') + internetFacing * availabilityZones,
    interfaceEndpointAzs: all(group, 'aws_vpc_endpoint')
      .filter(([, e]) => e.vpc_endpoint_type === 'Interface')
      .map(([, e]) => (Array.isArray(e.subnet_ids) ? e.subnet_ids.length : availabilityZones)),
    loadBalancers: loadBalancers.length,
    databases,
    proxyInstanceClasses: all(group, 'aws_db_proxy').map(([id, , stack]) => proxyInstanceClassOf(id, stack, databases)), // prettier-ignore
    replicatedBackupGb: count(group, 'aws_db_instance_automated_backups_replication') * primaryStorage,
    caches: all(group, 'aws_elasticache_replication_group').map(([id, c]) => ({
      id,
      nodeType: String(c.node_type),
      nodes: Number(c.num_cache_clusters ?? 1),
      engine: String(c.engine ?? 'redis'),
    })),
    fargateServices: fargateServicesOf(group),
    distributions: count(group, 'aws_cloudfront_distribution'),
    webAclRules: all(group, 'aws_wafv2_web_acl').map(([, acl]) => blocks(acl.rule).length),
    kmsKeys: count(group, 'aws_kms_key'),
    secrets: count(group, 'aws_secretsmanager_secret'),
    alarmMetrics: sum(alarms.filter((a) => !a.highResolution).map((a) => a.metrics)),
    highResolutionAlarmMetrics: sum(alarms.filter((a) => a.highResolution).map((a) => a.metrics)),
    dashboards: count(group, 'aws_cloudwatch_dashboard'),
    logGroups: count(group, 'aws_cloudwatch_log_group'),
    flowLogsToCloudWatch: all(group, 'aws_flow_log').filter(([, f]) => (f.log_destination_type ?? 'cloud-watch-logs') === 'cloud-watch-logs').length, // prettier-ignore
    hostedZones: count(group, 'aws_route53_zone'),
    healthChecks: all(group, 'aws_route53_health_check').map(([id, h]) => ({ id, features: healthCheckFeatures(h) })), // prettier-ignore
    buckets: count(group, 'aws_s3_bucket'),
    backupVaults: count(group, 'aws_backup_vault'),
    budgets: count(group, 'aws_budgets_budget'),
  };
}

function databasesOf(group: StackGroup): DatabaseInstance[] {
  const instances = all(group, 'aws_db_instance');
  return instances.map(([id, db, stack]) => {
    const replica = db.replicate_source_db !== undefined;
    // A replica inherits the storage of its source, the stack's instance that is not a replica.
    const source = instances.find(([, s, st]) => st === stack && s.replicate_source_db === undefined);
    const storage = db.allocated_storage ?? (replica ? source?.[1].allocated_storage : undefined);
    if (typeof storage !== 'number') {
      throw new EstimateError(`${id}: allocated_storage is ${JSON.stringify(storage)}, not a number of GB`);
    }
    return {
      id,
      instanceClass: String(db.instance_class),
      multiAz: db.multi_az === true,
      storageGb: storage,
      replica,
      advancedInsights: db.database_insights_mode === 'advanced',
    };
  });
}

/** The instance class behind an RDS Proxy: its target's, else the stack's primary instance's. */
function proxyInstanceClassOf(
  proxyId: string,
  stack: SynthStack,
  databases: readonly DatabaseInstance[],
): string {
  const proxyName = proxyId.slice(stack.name.length + 1);
  const ofStack = databases.filter((db) => db.id.startsWith(`${stack.name}/`));
  const target = Object.values(stack.json.resource?.aws_db_proxy_target ?? {}).find(
    (t) => referencedName(t.db_proxy_name, 'aws_db_proxy') === proxyName,
  );
  const targetName = referencedName(target?.db_instance_identifier, 'aws_db_instance');
  const instance =
    ofStack.find((db) => db.id === `${stack.name}/${targetName}`) ?? ofStack.find((db) => !db.replica);
  if (instance === undefined) {
    throw new EstimateError(`${proxyId}: no RDS instance in its stack, so its vCPUs are unknown`);
  }
  return instance.instanceClass;
}

/** The resource name in a reference like `${aws_db_instance.name.identifier}`, if it is one to `type`. */
function referencedName(value: unknown, type: string): string | undefined {
  return new RegExp(`^\\$\\{${type}\\.([^.}]+)\\.`).exec(String(value))?.[1];
}

function healthCheckFeatures(check: TfArguments): number {
  const type = String(check.type);
  return (
    Number(type.startsWith('HTTPS')) +
    Number(type.endsWith('STR_MATCH')) +
    Number(check.request_interval === 10) +
    Number(check.measure_latency === true)
  );
}

/** Fargate services: task size from their task definition, floor from their autoscaling target. */
function fargateServicesOf(group: StackGroup): FargateService[] {
  return all(group, 'aws_ecs_service')
    .filter(([, s]) => isFargate(s))
    .map(([id, service, stack]) => {
      const name = id.split('/')[1];
      const taskName = referencedName(service.task_definition, 'aws_ecs_task_definition');
      const task =
        taskName === undefined ? undefined : stack.json.resource?.aws_ecs_task_definition?.[taskName];
      if (task === undefined) {
        throw new EstimateError(
          `${id}: task_definition ${JSON.stringify(service.task_definition)} is not a task definition of the same stack, so its size is unknown`,
        );
      }
      const cpuUnits = Number(task.cpu);
      const memoryMib = Number(task.memory);
      if (!(cpuUnits > 0) || !(memoryMib > 0)) {
        throw new EstimateError(
          `${id}: its task definition's cpu (${JSON.stringify(task.cpu)}) and memory (${JSON.stringify(task.memory)}) must be numbers (CPU units, MiB)`,
        );
      }
      const scaling = Object.values(stack.json.resource?.aws_appautoscaling_target ?? {}).find(
        (t) => t.service_namespace === 'ecs' && String(t.resource_id).includes(`\${aws_ecs_service.${name}.`),
      );
      const architecture = blocks(task.runtime_platform)[0]?.cpu_architecture;
      return {
        id,
        name: typeof service.name === 'string' && !service.name.includes('${') ? service.name : name,
        vcpus: cpuUnits / 1024,
        memoryGb: memoryMib / 1024,
        minTasks: Number(scaling?.min_capacity ?? service.desired_count ?? 0),
        arm: architecture === 'ARM64',
      };
    });
}

function isFargate(service: TfArguments): boolean {
  if (service.launch_type === 'FARGATE') return true;
  return blocks(service.capacity_provider_strategy).some((s) =>
    String(s.capacity_provider).startsWith('FARGATE'),
  );
}
