import { ContainerImage } from './container-image';
import { FargateCpu } from './fargate-sizes';

/** CPU architecture of the image and of the Fargate task. */
export type CpuArchitecture = 'ARM64' | 'X86_64';

/** Container Insights on the cluster: `enhanced` adds per-task and per-container metrics, at a higher price. */
export type ContainerInsightsMode = 'enabled' | 'enhanced';

/** A one-off task that runs with the service's image, e.g. database migrations before a deploy. */
export interface MigrationTaskOptions {
  /** The command, one argument per element, e.g. `['npm', 'run', 'migrate']`. */
  readonly command: string[];
}

/** Props of {@link FargateService}. */
export interface FargateServiceProps {
  /** Prefix of every name, e.g. `platform-prod`: lowercase letters, digits and inner hyphens. */
  readonly namePrefix: string;
  /** Production refuses the image tag `latest`. @default false */
  readonly production?: boolean;
  /** The VPC of the tasks and their security group. */
  readonly vpcId: string;
  /** CIDR block of the VPC: the tasks may open TCP connections to it (database, cache, VPC endpoints). */
  readonly vpcCidr: string;
  /** Subnets of the tasks: the private tier (a route to the internet through NAT, none from it). */
  readonly subnetIds: string[];
  /**
   * Other security groups the tasks (and the migration task) join, e.g. the database's and the
   * cache's client groups; a literal list or one list reference. @default none
   */
  readonly additionalSecurityGroupIds?: string[];
  /** Security group of the load balancer: the only source admitted to the container port. */
  readonly loadBalancerSecurityGroupId: string;
  /** Target group (target type `ip`) the service registers its tasks in. */
  readonly targetGroupArn: string;
  /** ARN suffix of the target group, `targetgroup/<name>/<id>`: half of the request-count scaling label. */
  readonly targetGroupArnSuffix: string;
  /** ARN suffix of the load balancer, `app/<name>/<id>`: the other half of the request-count scaling label. */
  readonly loadBalancerArnSuffix: string;
  /** The image the service (and the migration task) runs. */
  readonly image: ContainerImage;
  /** CPU units of one task (1024 = 1 vCPU). @default 512 */
  readonly cpu?: FargateCpu;
  /** Memory of one task in MiB; Fargate accepts a range per `cpu` ({@link FARGATE_MEMORY_MIB}). @default 1024 */
  readonly memoryMiB?: number;
  /** CPU architecture of the image. @default 'ARM64' (Graviton: about 20 % cheaper than X86_64) */
  readonly architecture?: CpuArchitecture;
  /** Name of the container; also part of the service, task family, role and log group names. @default 'api' */
  readonly containerName?: string;
  /** Port the container listens on (HTTP), registered in the target group. @default 8080 */
  readonly containerPort?: number;
  /** Plain environment variables (never secrets), e.g. `{ LOG_LEVEL: 'info' }`; values may be references. @default none */
  readonly environment?: Record<string, string>;
  /**
   * Secrets injected as environment variables at task start: name -> Secrets Manager secret ARN (full
   * ARN, with its 6-character suffix), optionally with `:<json-key>::` for one key of a JSON secret.
   * The execution role may read exactly these secrets. @default none
   */
  readonly secrets?: Record<string, string>;
  /**
   * KMS keys the secrets are encrypted with: the execution role may decrypt with them, only through
   * Secrets Manager. A literal list, or one list reference (e.g. `Fn.concat` of remote state
   * outputs). Not needed for secrets under the AWS managed key `aws/secretsmanager`. @default none
   */
  readonly secretKmsKeyArns?: string[];
  /** Fewest tasks; the service starts with this many. At least 1; two or more survive a task or zone failure. @default 2 */
  readonly minCapacity?: number;
  /** Most tasks the autoscaler may run. At least minCapacity. @default 4 */
  readonly maxCapacity?: number;
  /** Average CPU, in percent, that CPU target tracking keeps the service near. @default 60 */
  readonly cpuTargetPercent?: number;
  /** Load balancer requests per task per minute that request-count target tracking keeps the service near. @default 1000 */
  readonly requestsPerTargetTarget?: number;
  /** Seconds after a scale-in before the next scale-in. @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** Seconds after a scale-out before the next scale-out. @default 60 */
  readonly scaleOutCooldownSeconds?: number;
  /** Seconds a new task may fail load balancer health checks while it starts. @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Seconds between SIGTERM and SIGKILL when a task stops (2-120; 120 is Fargate's maximum). ECS sends
   * SIGTERM only once the load balancer has drained the task (the target group's deregistration
   * delay, which bounds how long open WebSockets are kept): this is the app's time to finish its work
   * and close its connections (help/service.md, Graceful shutdown). @default 120
   */
  readonly stopTimeoutSeconds?: number;
  /**
   * Container health check, starting with `CMD` or `CMD-SHELL`, e.g.
   * `['CMD-SHELL', 'wget -qO- http://localhost:8080/health || exit 1']`; the tool must be in the image.
   * @default none (the load balancer's health check only)
   */
  readonly healthCheckCommand?: string[];
  /** Allow ECS Exec (`aws ecs execute-command`) into the tasks; the task role then gets the SSM channel actions and writes each session's transcript to the service's log group. @default false */
  readonly enableExecuteCommand?: boolean;
  /** Container Insights on the cluster. @default 'enabled' */
  readonly containerInsights?: ContainerInsightsMode;
  /**
   * KMS key of the log group; its policy must let CloudWatch Logs use it for `/ecs/<namePrefix>/<containerName>`.
   * @default a new key, `alias/<namePrefix>-<containerName>-logs`, usable by CloudWatch Logs for this log group only
   */
  readonly logsKeyArn?: string;
  /** Days the container logs are kept (a CloudWatch Logs retention value). @default 365 in production (AUDIT_LOG_RETENTION_DAYS), else 30 */
  readonly logRetentionDays?: number;
  /** Mount the root filesystem read-only (a writable `/tmp` volume is always mounted). @default true */
  readonly readonlyRootFilesystem?: boolean;
  /** User the container runs as: `user`, `uid`, `user:group` or `uid:gid`. @default the image's USER */
  readonly user?: string;
  /** A migration task definition (`<namePrefix>-migrate`) with the same image, settings and roles. @default none */
  readonly migration?: MigrationTaskOptions;
}

/** {@link FargateServiceProps} validated, with every default applied and the names derived. */
export interface ResolvedFargateServiceProps {
  readonly namePrefix: string;
  readonly production: boolean;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: string[];
  readonly additionalSecurityGroupIds: string[];
  readonly loadBalancerSecurityGroupId: string;
  readonly targetGroupArn: string;
  /** `<loadBalancerArnSuffix>/<targetGroupArnSuffix>`, the `ALBRequestCountPerTarget` resource label. */
  readonly requestCountResourceLabel: string;
  readonly image: ContainerImage;
  readonly cpu: FargateCpu;
  readonly memoryMiB: number;
  readonly architecture: CpuArchitecture;
  readonly containerName: string;
  readonly containerPort: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  /** A literal list, or one list reference ({@link isListReference}). */
  readonly secretKmsKeyArns: readonly string[];
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly cpuTargetPercent: number;
  readonly requestsPerTargetTarget: number;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  readonly healthCheckGracePeriodSeconds: number;
  readonly stopTimeoutSeconds: number;
  readonly healthCheckCommand: readonly string[] | undefined;
  readonly enableExecuteCommand: boolean;
  readonly containerInsights: ContainerInsightsMode;
  readonly logsKeyArn: string | undefined;
  readonly logRetentionDays: number;
  readonly readonlyRootFilesystem: boolean;
  readonly user: string | undefined;
  readonly migration: MigrationTaskOptions | undefined;
  /** The cluster: `<namePrefix>`. */
  readonly clusterName: string;
  /** The service and its task family: `<namePrefix>-<containerName>`. */
  readonly serviceName: string;
  /** The migration task family: `<namePrefix>-migrate`. */
  readonly migrationFamily: string;
  /** The log group: `/ecs/<namePrefix>/<containerName>`. */
  readonly logGroupName: string;
}

/** The defaults of the optional settings. */
export const FARGATE_SERVICE_DEFAULTS = {
  production: false,
  cpu: 512,
  memoryMiB: 1024,
  architecture: 'ARM64',
  containerName: 'api',
  containerPort: 8080,
  minCapacity: 2,
  maxCapacity: 4,
  cpuTargetPercent: 60,
  requestsPerTargetTarget: 1000,
  scaleInCooldownSeconds: 300,
  scaleOutCooldownSeconds: 60,
  healthCheckGracePeriodSeconds: 60,
  stopTimeoutSeconds: 120,
  enableExecuteCommand: false,
  containerInsights: 'enabled',
  /** Outside production; production keeps AUDIT_LOG_RETENTION_DAYS. */
  logRetentionDays: 30,
  readonlyRootFilesystem: true,
} as const satisfies Partial<ResolvedFargateServiceProps>;
