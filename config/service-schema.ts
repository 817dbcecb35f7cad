import * as z from 'zod';
import {
  FARGATE_CPU_VALUES,
  FARGATE_MEMORY_MIB,
  IMAGE_DIGEST,
  IMAGE_REPOSITORY,
  IMAGE_TAG,
  isFargateCpu,
  MAX_REPOSITORY_LENGTH,
} from '../lib/service';
import { LOG_RETENTION_DAYS, rule, uniqueItems } from './rules';

/* The `service` section (ECS Fargate behind the load balancer) and the `budget` section. */

/** A POSIX-style environment variable name, as the app reads it. */
export const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Names that hold secrets: those come from Secrets Manager, never from a config file. */
export const SECRET_LIKE_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL)/;

/**
 * Variables the service stack sets itself from the other stacks' outputs and the domain; the
 * config's `environment` may not override them (a typo'd host would silently point elsewhere).
 */
export const RESERVED_ENV_VARS = [
  'APP_ENV',
  'PORT',
  'PUBLIC_URL',
  'API_URL',
  'CORS_ALLOWED_ORIGINS',
  'WEBSOCKET_ALLOWED_ORIGINS',
  'DATABASE_HOST',
  'DATABASE_READER_HOST',
  'DATABASE_PORT',
  'DATABASE_NAME',
  'DATABASE_SSL',
  'DATABASE_IAM_AUTH',
  'DATABASE_USERNAME',
  'DATABASE_PASSWORD',
  'REDIS_HOST',
  'REDIS_PORT',
  'REDIS_TLS',
  'REDIS_URL',
  'REDIS_AUTH_TOKEN',
  'JWT_SECRET',
  'WEBHOOK_SECRET',
  'GITHUB_CLIENT_ID',
  'GITHUB_CLIENT_SECRET',
] as const;

const percent = (fallback: number, description: string) =>
  z.number().min(1, rule('range')).max(100, rule('range')).default(fallback).describe(description);

const imageSchema = z
  .strictObject({
    repository: z
      .string()
      .max(MAX_REPOSITORY_LENGTH, rule('image-repository'))
      .regex(IMAGE_REPOSITORY, rule('image-repository'))
      .describe(
        'Image repository, e.g. 222222222222.dkr.ecr.eu-west-1.amazonaws.com/platform-api (ECR) or ghcr.io/example-org/api.',
      ),
    tag: z
      .string()
      .regex(IMAGE_TAG, rule('image-tag'))
      .optional()
      .describe('Image tag, e.g. 1.4.2 or the git SHA. Give a tag or a digest, not both.'),
    digest: z
      .string()
      .regex(IMAGE_DIGEST, rule('image-digest'))
      .optional()
      .describe(
        'Image digest, sha256:<64 hex>: the exact image, immune to a moved tag. Give a tag or a digest.',
      ),
  })
  .describe('The container image the service and its migration task run. Deploying is changing this.');

const alarmsSchema = z
  .strictObject({
    cpuPercent: percent(85, 'Alarm when the service average CPU stays above this percentage.'),
    memoryPercent: percent(85, 'Alarm when the service average memory stays above this percentage.'),
    loadBalancer5xxPercent: percent(
      5,
      'Alarm when more than this percentage of requests get a 5xx from the load balancer itself.',
    ),
    target5xxPercent: percent(
      5,
      'Alarm when more than this percentage of requests get a 5xx from the service.',
    ),
    p99LatencySeconds: z
      .number()
      .min(0.01, rule('range'))
      .max(60, rule('range'))
      .default(2)
      .describe('Alarm when the 99th percentile response time stays above this many seconds.'),
    errorLogsPer5Minutes: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(100000, rule('range'))
      .default(10)
      .describe('Alarm when the service writes more error-level log lines than this in 5 minutes.'),
  })
  .describe('Alarm thresholds of the service and its load balancer; every alarm notifies the alert topic.');

/** The `service` section of an environment file. */
export const serviceSchema = z
  .strictObject({
    image: imageSchema,
    cpu: z
      .literal(FARGATE_CPU_VALUES, rule('fargate-size'))
      .default(512)
      .describe('CPU units of one task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384.'),
    memoryMiB: z
      .number()
      .int(rule('fargate-size'))
      .default(1024)
      .describe('Memory of one task in MiB; Fargate accepts a range per cpu value (help/service.md).'),
    architecture: z
      .enum(['ARM64', 'X86_64'])
      .default('ARM64')
      .describe('CPU architecture of the image: ARM64 (Graviton, about 20 % cheaper) or X86_64.'),
    minTasks: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(500, rule('range'))
      .default(2)
      .describe('Fewest running tasks; two or more keep the service up while a task is replaced.'),
    maxTasks: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(500, rule('range'))
      .default(4)
      .describe('Most running tasks the autoscaler may start.'),
    cpuTargetPercent: z
      .number()
      .int(rule('range'))
      .min(10, rule('range'))
      .max(90, rule('range'))
      .default(60)
      .describe('Autoscaling keeps the average CPU near this percentage.'),
    requestsPerTarget: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(100000, rule('range'))
      .default(1000)
      .describe('Autoscaling keeps the load balancer requests per task per minute near this.'),
    healthCheckGracePeriodSeconds: z
      .number()
      .int(rule('range'))
      .min(0, rule('range'))
      .max(1800, rule('range'))
      .default(60)
      .describe('Seconds a new task may fail load balancer health checks while it starts.'),
    stopTimeoutSeconds: z
      .number()
      .int(rule('range'))
      .min(2, rule('range'))
      .max(120, rule('range'))
      .default(120)
      .describe(
        'Seconds between SIGTERM and SIGKILL: time to close WebSockets and finish requests (Fargate allows 120).',
      ),
    migrationCommand: z
      .array(z.string().min(1, rule('range')))
      .min(1, rule('range'))
      .default(['npm', 'run', 'migrate'])
      .describe('Command of the migration task, run with the new image before the service is updated.'),
    logRetentionDays: z
      .literal(LOG_RETENTION_DAYS)
      .optional()
      .describe(
        'Days the container logs are kept (a CloudWatch Logs retention value). @default 365 in production (audit), 30 otherwise',
      ),
    environment: z
      .record(
        z
          .string()
          .regex(ENV_VAR_NAME, rule('env-var-name'))
          .refine(
            (name) => !(RESERVED_ENV_VARS as readonly string[]).includes(name),
            rule('env-var-reserved'),
          )
          .refine((name) => !SECRET_LIKE_NAME.test(name), rule('env-var-secret')),
        z.string().max(4096, rule('range')),
      )
      .default({})
      .describe(
        'Extra plain environment variables, e.g. LOG_LEVEL: info. Never secrets: those live in Secrets Manager.',
      ),
    alarms: alarmsSchema.default(alarmsSchema.parse({})),
  })
  .describe('The API service: ECS Fargate tasks in the private subnets, behind the load balancer.');

/** The `budget` section of an environment file. */
export const budgetSchema = z
  .strictObject({
    monthlyLimitUsd: z
      .number()
      .positive(rule('range'))
      .max(10_000_000, rule('range'))
      .multipleOf(0.01, rule('range'))
      .describe(
        'Monthly cost limit of the environment in USD; alerts at 80 % and 100 %, forecast and actual.',
      ),
    emails: z
      .array(z.email(rule('email')))
      .superRefine(uniqueItems<string>('unique-item', (email) => email.toLowerCase()))
      .default([])
      .describe('Addresses the budget alerts go to besides the alert topic, e.g. the budget owner.'),
  })
  .describe(
    'Cost budget of the environment, filtered by its environment tag (dev and staging share an account).',
  );

/** The validated `service` section, defaults applied. */
export type ServiceConfig = z.output<typeof serviceSchema>;

/** Rule ids the service checks report. */
export type ServiceRuleId = 'image-reference' | 'image-latest' | 'fargate-size' | 'task-capacity';

type Usable = (...paths: (string | number)[][]) => boolean;
type Report = (path: (string | number)[], id: ServiceRuleId, value: unknown, hint?: string) => void;

/** Checks of the service section that read more than one field. */
export function checkService(
  env: { production: boolean; service: ServiceConfig },
  usable: Usable,
  report: Report,
): void {
  const image = ['service', 'image'];
  if (usable(image)) {
    const { tag, digest } = env.service.image;
    if ((tag === undefined) === (digest === undefined)) {
      report(image, 'image-reference', env.service.image, tag ? 'remove one of tag and digest' : 'add tag: <version> or digest: sha256:<64 hex>'); // prettier-ignore
    }
    if (usable(['production']) && env.production && tag === 'latest') {
      report([...image, 'tag'], 'image-latest', tag);
    }
  }
  if (usable(['service', 'cpu'], ['service', 'memoryMiB'])) {
    const { cpu, memoryMiB } = env.service;
    const options = isFargateCpu(cpu) ? FARGATE_MEMORY_MIB[cpu] : [];
    if (!options.includes(memoryMiB)) {
      const shown = options.length > 8 ? `${options[0]}-${options[options.length - 1]} in steps of ${options[1] - options[0]}` : options.join(', '); // prettier-ignore
      report(['service', 'memoryMiB'], 'fargate-size', memoryMiB, `with cpu ${cpu}, Fargate accepts memoryMiB ${shown}`); // prettier-ignore
    }
  }
  if (usable(['service', 'minTasks'], ['service', 'maxTasks'])) {
    const { minTasks, maxTasks } = env.service;
    if (minTasks > maxTasks) {
      report(['service', 'maxTasks'], 'task-capacity', maxTasks, `maxTasks must be at least minTasks (${minTasks})`); // prettier-ignore
    }
  }
}
