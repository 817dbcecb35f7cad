import { escapeTemplateSequences } from '../core/terraform-text';

/** A writable volume of the task's ephemeral storage, mounted into the container. */
export interface WritableVolume {
  /** Volume name in the task definition. */
  readonly name: string;
  /** Where the container sees it. */
  readonly containerPath: string;
}

/** `/tmp`: always writable, so a read-only root filesystem still leaves the app a scratch directory. */
export const TMP_VOLUME: WritableVolume = { name: 'tmp', containerPath: '/tmp' };

/**
 * Where the SSM agent behind ECS Exec keeps its state and logs. It cannot start on a read-only root
 * filesystem unless these are writable (aws-containers/amazon-ecs-exec-checker#21).
 */
export const ECS_EXEC_VOLUMES: readonly WritableVolume[] = [
  { name: 'ssm-state', containerPath: '/var/lib/amazon' },
  { name: 'ssm-logs', containerPath: '/var/log/amazon' },
];

/** The writable volumes a task needs. */
export function writableVolumes(readonlyRootFilesystem: boolean, executeCommand: boolean): WritableVolume[] {
  return [TMP_VOLUME, ...(readonlyRootFilesystem && executeCommand ? ECS_EXEC_VOLUMES : [])];
}

/** The container health check's timing; the command comes from the props. */
export const CONTAINER_HEALTH_CHECK = { intervalSeconds: 30, timeoutSeconds: 5, retries: 3 } as const;
/** The longest start period ECS accepts for a container health check. */
const MAX_HEALTH_CHECK_START_PERIOD = 300;

/** What {@link containerDefinitionsJson} builds one container from. */
export interface ContainerSettings {
  /** Container name. */
  readonly name: string;
  /** Image reference, `repository:tag` or `repository@sha256:…`. */
  readonly image: string;
  /** Command replacing the image's CMD. @default the image's */
  readonly command?: readonly string[];
  /** Port the container listens on, mapped for the load balancer. @default none (no port mapping) */
  readonly port?: number;
  /** Plain environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** Secrets: variable name -> `valueFrom`. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Log group of the awslogs driver. */
  readonly logGroupName: string;
  /** Region of the log group. */
  readonly logRegion: string;
  /** Prefix of the log streams: `<prefix>/<container>/<task id>`. */
  readonly logStreamPrefix: string;
  /** Mount the root filesystem read-only. */
  readonly readonlyRootFilesystem: boolean;
  /** Writable volumes to mount. */
  readonly volumes: readonly WritableVolume[];
  /** User to run as. @default the image's */
  readonly user?: string;
  /** Seconds between SIGTERM and SIGKILL. */
  readonly stopTimeoutSeconds: number;
  /** Health check command (`CMD …` or `CMD-SHELL …`). @default none */
  readonly healthCheckCommand?: readonly string[];
  /** Seconds of start-up during which failed health checks do not count. */
  readonly healthCheckStartPeriodSeconds: number;
}

/**
 * The `container_definitions` of a task definition with one container: a JSON string in which
 * references (log group, region, secret ARNs) stay cdktf tokens, so they resolve to Terraform
 * references at synth, and literal text has Terraform's template sequences escaped.
 *
 * JSON.stringify rather than `Fn.jsonencode`: cdktf 0.21 writes the strings of a `jsonencode`
 * argument into HCL without escaping their quotes and backslashes, so an environment value or a
 * shell command containing `"` would break the expression. The fields are those ECS returns, so the
 * plan shows no perpetual difference (`hostPort` equals `containerPort` in `awsvpc` mode).
 */
export function containerDefinitionsJson(settings: ContainerSettings): string {
  const escape = escapeTemplateSequences;
  const sortedEntries = (values: Readonly<Record<string, string>>) =>
    Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const container = {
    name: settings.name,
    image: escape(settings.image),
    essential: true,
    ...(settings.command ? { command: settings.command.map(escape) } : {}),
    ...(settings.port !== undefined
      ? { portMappings: [{ containerPort: settings.port, hostPort: settings.port, protocol: 'tcp' }] }
      : {}),
    environment: sortedEntries(settings.environment).map(([name, value]) => ({ name, value: escape(value) })),
    secrets: sortedEntries(settings.secrets).map(([name, valueFrom]) => ({
      name,
      valueFrom: escape(valueFrom),
    })),
    readonlyRootFilesystem: settings.readonlyRootFilesystem,
    mountPoints: settings.volumes.map((volume) => ({
      sourceVolume: volume.name,
      containerPath: volume.containerPath,
      readOnly: false,
    })),
    // An init process (tini) as PID 1 forwards SIGTERM to the app and reaps zombies: without it a
    // Node or shell entrypoint as PID 1 may ignore SIGTERM and be killed after the stop timeout.
    linuxParameters: { initProcessEnabled: true },
    stopTimeout: settings.stopTimeoutSeconds,
    ...(settings.user !== undefined ? { user: escape(settings.user) } : {}),
    ...(settings.healthCheckCommand
      ? {
          healthCheck: {
            command: settings.healthCheckCommand.map(escape),
            interval: CONTAINER_HEALTH_CHECK.intervalSeconds,
            timeout: CONTAINER_HEALTH_CHECK.timeoutSeconds,
            retries: CONTAINER_HEALTH_CHECK.retries,
            startPeriod: Math.min(settings.healthCheckStartPeriodSeconds, MAX_HEALTH_CHECK_START_PERIOD),
          },
        }
      : {}),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': settings.logGroupName,
        'awslogs-region': settings.logRegion,
        'awslogs-stream-prefix': settings.logStreamPrefix,
        // Non-blocking: when CloudWatch Logs is slow, the app keeps serving and the driver buffers up
        // to 25 MiB (dropping beyond), instead of the app blocking on every write to stdout.
        mode: 'non-blocking',
        'max-buffer-size': '25m',
      },
    },
  };
  return JSON.stringify([container]);
}
