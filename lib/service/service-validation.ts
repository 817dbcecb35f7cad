import { Token } from 'cdktf';
import { nameViolation, resourceName } from '../naming';
import { parseIpv4Cidr, SubnetPlanError } from '../network/subnet-plan';
import { CLOUDWATCH_LOG_RETENTION_DAYS, isLogRetentionDays } from '../observability/log-retention';
import { AUDIT_LOG_RETENTION_DAYS } from '../security/audit-log-retention';
import { imageProblems } from './container-image';
import { fargateSizeViolation, FargateCpu } from './fargate-sizes';
import { kmsKeyArnViolation, secretReferenceViolation } from './secret-references';
import { isListReference } from '../core/terraform-text';
import {
  ContainerInsightsMode,
  CpuArchitecture,
  FARGATE_SERVICE_DEFAULTS,
  FargateServiceProps,
  MigrationTaskOptions,
  ResolvedFargateServiceProps,
} from './service-props';

const NAME_PREFIX = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** ECS container names: letters, digits, `_` and `-`, up to 255 (here also a part of other names, so it starts with a letter). */
const CONTAINER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,254}$/;
const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
const TARGET_GROUP_ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
const TARGET_GROUP_SUFFIX = /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
const LOAD_BALANCER_SUFFIX = /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
/** `user`, `uid`, `user:group`, `uid:gid`, as the container definition's `user` takes them. */
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;
const ARCHITECTURES: readonly CpuArchitecture[] = ['ARM64', 'X86_64'];
const INSIGHTS_MODES: readonly ContainerInsightsMode[] = ['enabled', 'enhanced'];
/** Fargate's longest stop timeout (ECS ContainerDefinition `stopTimeout`). */
export const MAX_STOP_TIMEOUT_SECONDS = 120;
/** The longest grace period the ECS API takes (CreateService `healthCheckGracePeriodSeconds`). */
const MAX_GRACE_PERIOD_SECONDS = 2147483647;

/**
 * Checks {@link FargateServiceProps} and applies the defaults. What ECS, IAM or CloudWatch would reject
 * at apply time (task sizes, names, ARNs, retention) is rejected here, at synth time, with every
 * problem listed in one error.
 *
 * @throws Error naming the service, then each bad field, its rule and the value seen.
 */
export function resolveFargateServiceProps(props: FargateServiceProps): ResolvedFargateServiceProps {
  const d = FARGATE_SERVICE_DEFAULTS;
  const problems: string[] = [];
  const containerName = props.containerName ?? d.containerName;
  const production = props.production ?? d.production;
  checkNames(props.namePrefix, containerName, problems);

  checkLiteral('vpcId', props.vpcId, VPC_ID, 'a VPC id like vpc-0123456789abcdef0', problems);
  checkCidr(props.vpcCidr, problems);
  checkSubnets(props.subnetIds, problems);
  const additionalSecurityGroupIds = props.additionalSecurityGroupIds ?? [];
  checkSecurityGroups(additionalSecurityGroupIds, problems);
  checkLiteral(
    'loadBalancerSecurityGroupId',
    props.loadBalancerSecurityGroupId,
    SECURITY_GROUP_ID,
    'a security group id like sg-0123456789abcdef0',
    problems,
  );
  checkLiteral(
    'targetGroupArn',
    props.targetGroupArn,
    TARGET_GROUP_ARN,
    'a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<16 hex>)',
    problems,
  );
  checkLiteral(
    'targetGroupArnSuffix',
    props.targetGroupArnSuffix,
    TARGET_GROUP_SUFFIX,
    'a target group ARN suffix (targetgroup/<name>/<16 hex>)',
    problems,
  );
  checkLiteral(
    'loadBalancerArnSuffix',
    props.loadBalancerArnSuffix,
    LOAD_BALANCER_SUFFIX,
    'an application load balancer ARN suffix (app/<name>/<16 hex>)',
    problems,
  );

  problems.push(...imageProblems(props.image, production));
  const cpu = props.cpu ?? d.cpu;
  const memoryMiB = props.memoryMiB ?? d.memoryMiB;
  const sizeViolation = fargateSizeViolation(cpu, memoryMiB);
  if (sizeViolation) problems.push(sizeViolation);
  const architecture = props.architecture ?? d.architecture;
  checkOneOf('architecture', architecture, ARCHITECTURES, problems);
  const containerInsights = props.containerInsights ?? d.containerInsights;
  checkOneOf('containerInsights', containerInsights, INSIGHTS_MODES, problems);

  const containerPort = props.containerPort ?? d.containerPort;
  checkWhole('containerPort', containerPort, 1, 65535, problems);
  const environment = { ...(props.environment ?? {}) };
  const secrets = { ...(props.secrets ?? {}) };
  const secretKmsKeyArns = props.secretKmsKeyArns ?? [];
  checkVariables(environment, secrets, secretKmsKeyArns, problems);

  const minCapacity = props.minCapacity ?? d.minCapacity;
  const maxCapacity = props.maxCapacity ?? d.maxCapacity;
  checkWhole('minCapacity', minCapacity, 1, Number.MAX_SAFE_INTEGER, problems);
  checkWhole('maxCapacity', maxCapacity, 1, Number.MAX_SAFE_INTEGER, problems);
  if (minCapacity > maxCapacity) {
    problems.push(
      `minCapacity: ${minCapacity} is above maxCapacity ${maxCapacity}; the autoscaler needs min <= max`,
    );
  }
  const cpuTargetPercent = props.cpuTargetPercent ?? d.cpuTargetPercent;
  if (typeof cpuTargetPercent !== 'number' || !(cpuTargetPercent > 0 && cpuTargetPercent <= 100)) {
    problems.push(`cpuTargetPercent: must be above 0 and at most 100, got ${cpuTargetPercent}`);
  }
  const requestsPerTargetTarget = props.requestsPerTargetTarget ?? d.requestsPerTargetTarget;
  if (typeof requestsPerTargetTarget !== 'number' || !(requestsPerTargetTarget > 0)) {
    problems.push(`requestsPerTargetTarget: must be above 0, got ${requestsPerTargetTarget}`);
  }
  const scaleInCooldownSeconds = props.scaleInCooldownSeconds ?? d.scaleInCooldownSeconds;
  const scaleOutCooldownSeconds = props.scaleOutCooldownSeconds ?? d.scaleOutCooldownSeconds;
  checkWhole('scaleInCooldownSeconds', scaleInCooldownSeconds, 0, 86400, problems);
  checkWhole('scaleOutCooldownSeconds', scaleOutCooldownSeconds, 0, 86400, problems);

  const healthCheckGracePeriodSeconds =
    props.healthCheckGracePeriodSeconds ?? d.healthCheckGracePeriodSeconds;
  checkWhole(
    'healthCheckGracePeriodSeconds',
    healthCheckGracePeriodSeconds,
    0,
    MAX_GRACE_PERIOD_SECONDS,
    problems,
  );
  const stopTimeoutSeconds = props.stopTimeoutSeconds ?? d.stopTimeoutSeconds;
  checkWhole('stopTimeoutSeconds', stopTimeoutSeconds, 2, MAX_STOP_TIMEOUT_SECONDS, problems);
  checkHealthCheck(props.healthCheckCommand, problems);

  const logsKeyArn = props.logsKeyArn;
  if (logsKeyArn !== undefined) {
    const violation = kmsKeyArnViolation('logsKeyArn', logsKeyArn);
    if (violation) problems.push(violation);
  }
  const logRetentionDays =
    props.logRetentionDays ?? (production ? AUDIT_LOG_RETENTION_DAYS : d.logRetentionDays);
  if (!isLogRetentionDays(logRetentionDays)) {
    problems.push(
      `logRetentionDays: ${logRetentionDays} is not a CloudWatch Logs retention; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`,
    );
  }
  if (props.user !== undefined && (typeof props.user !== 'string' || !USER.test(props.user))) {
    problems.push(`user: '${props.user}' is not user, uid, user:group or uid:gid`);
  }
  checkMigration(props.migration, problems);

  const serviceName = `${props.namePrefix}-${containerName}`;
  if (problems.length > 0) {
    throw new Error(
      `FargateService '${serviceName}': invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    namePrefix: props.namePrefix,
    production,
    vpcId: props.vpcId,
    vpcCidr: props.vpcCidr,
    subnetIds: props.subnetIds,
    additionalSecurityGroupIds,
    loadBalancerSecurityGroupId: props.loadBalancerSecurityGroupId,
    targetGroupArn: props.targetGroupArn,
    requestCountResourceLabel: `${props.loadBalancerArnSuffix}/${props.targetGroupArnSuffix}`,
    image: { ...props.image },
    cpu: cpu as FargateCpu,
    memoryMiB,
    architecture,
    containerName,
    containerPort,
    environment,
    secrets,
    secretKmsKeyArns,
    minCapacity,
    maxCapacity,
    cpuTargetPercent,
    requestsPerTargetTarget,
    scaleInCooldownSeconds,
    scaleOutCooldownSeconds,
    healthCheckGracePeriodSeconds,
    stopTimeoutSeconds,
    healthCheckCommand: props.healthCheckCommand ? [...props.healthCheckCommand] : undefined,
    enableExecuteCommand: props.enableExecuteCommand ?? d.enableExecuteCommand,
    containerInsights,
    logsKeyArn,
    logRetentionDays,
    readonlyRootFilesystem: props.readonlyRootFilesystem ?? d.readonlyRootFilesystem,
    user: props.user,
    migration: props.migration ? { command: [...props.migration.command] } : undefined,
    clusterName: props.namePrefix,
    serviceName,
    migrationFamily: `${props.namePrefix}-migrate`,
    logGroupName: resourceName('logGroup', `/ecs/${props.namePrefix}/${containerName}`),
  };
}

/**
 * The prefix and the container name, and the ECS names made of them. An operator types the cluster,
 * service and family names into the CLI, so a name too long is refused rather than shortened.
 */
function checkNames(namePrefix: string, containerName: string, problems: string[]): void {
  if (typeof namePrefix !== 'string' || !NAME_PREFIX.test(namePrefix)) {
    problems.push(
      `namePrefix: '${namePrefix}' must be lowercase letters, digits and single inner hyphens, starting with a letter (e.g. platform-prod)`,
    );
    return;
  }
  if (typeof containerName !== 'string' || !CONTAINER_NAME.test(containerName)) {
    problems.push(
      `containerName: '${containerName}' must be 1-255 letters, digits, '_' and '-', starting with a letter (e.g. api)`,
    );
    return;
  }
  for (const [field, name] of [
    ['namePrefix', namePrefix],
    ['containerName', `${namePrefix}-${containerName}`],
    ['namePrefix', `${namePrefix}-migrate`],
  ]) {
    const violation = nameViolation('ecs', name);
    if (violation) problems.push(`${field}: the ECS name '${name}' ${violation}`);
  }
}

/** Checks a value that may be a Terraform reference (e.g. read from remote state): only literals are checked. */
function checkLiteral(
  field: string,
  value: string,
  pattern: RegExp,
  expected: string,
  problems: string[],
): void {
  if (typeof value !== 'string' || (!Token.isUnresolved(value) && !pattern.test(value))) {
    problems.push(`${field}: '${value}' is not ${expected}`);
  }
}

function checkCidr(cidr: string, problems: string[]): void {
  if (typeof cidr === 'string' && Token.isUnresolved(cidr)) return;
  try {
    parseIpv4Cidr(cidr);
  } catch (error) {
    if (!(error instanceof SubnetPlanError)) throw error;
    problems.push(`vpcCidr: ${error.message} (${error.hint})`);
  }
}

function checkSubnets(subnetIds: string[], problems: string[]): void {
  // A list read from remote state is one token: AWS checks it at apply time.
  if (Array.isArray(subnetIds) && Token.isUnresolved(subnetIds)) return;
  if (!Array.isArray(subnetIds) || subnetIds.length === 0) {
    problems.push('subnetIds: list the private subnets, one per availability zone');
    return;
  }
  subnetIds.forEach((id, i) => {
    checkLiteral(`subnetIds[${i}]`, id, SUBNET_ID, 'a subnet id like subnet-0123456789abcdef0', problems);
    if (!Token.isUnresolved(id) && subnetIds.indexOf(id) !== i) {
      problems.push(`subnetIds[${i}]: '${id}' is listed twice`);
    }
  });
}

function checkSecurityGroups(ids: string[], problems: string[]): void {
  if (isListReference(ids)) return;
  ids.forEach((id, i) => {
    const field = `additionalSecurityGroupIds[${i}]`;
    checkLiteral(field, id, SECURITY_GROUP_ID, 'a security group id like sg-0123456789abcdef0', problems);
    if (!Token.isUnresolved(id) && ids.indexOf(id) !== i) problems.push(`${field}: '${id}' is listed twice`);
  });
}

function checkOneOf<T extends string>(
  field: string,
  value: T,
  allowed: readonly T[],
  problems: string[],
): void {
  if (!allowed.includes(value)) problems.push(`${field}: '${value}' is not one of ${allowed.join(', ')}`);
}

function checkWhole(field: string, value: number, min: number, max: number, problems: string[]): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}-${max}`;
    problems.push(`${field}: must be a whole number, ${range}, got ${value}`);
  }
}

/** Names and values of the environment and the secrets, and the keys of the secrets. */
function checkVariables(
  environment: Record<string, string>,
  secrets: Record<string, string>,
  keyArns: readonly string[],
  problems: string[],
): void {
  for (const [name, value] of Object.entries(environment)) {
    if (!ENV_VAR_NAME.test(name)) {
      problems.push(
        `environment: '${name}' is not an environment variable name (letters, digits, '_'; not starting with a digit)`,
      );
    } else if (typeof value !== 'string') {
      problems.push(`environment.${name}: the value must be a string, got ${JSON.stringify(value)}`);
    } else if (name in secrets) {
      problems.push(
        `environment.${name}: also a secret; a variable comes from one place only (keep the secret, drop the plain value)`,
      );
    }
  }
  for (const [name, valueFrom] of Object.entries(secrets)) {
    const violation = ENV_VAR_NAME.test(name)
      ? secretReferenceViolation(name, valueFrom)
      : `secrets: '${name}' is not an environment variable name (letters, digits, '_'; not starting with a digit)`;
    if (violation) problems.push(violation);
  }
  if (isListReference(keyArns)) return;
  if (keyArns.length > 0 && Object.keys(secrets).length === 0) {
    problems.push(
      'secretKmsKeyArns: given, but there are no secrets to decrypt; remove it or add the secrets',
    );
  }
  keyArns.forEach((arn, i) => {
    const violation = kmsKeyArnViolation(`secretKmsKeyArns[${i}]`, arn);
    if (violation) problems.push(violation);
  });
}

function checkHealthCheck(command: string[] | undefined, problems: string[]): void {
  if (command === undefined) return;
  if (!Array.isArray(command) || command.length < 2 || !['CMD', 'CMD-SHELL'].includes(command[0])) {
    problems.push(
      `healthCheckCommand: ${JSON.stringify(command)} must start with CMD (run the arguments) or CMD-SHELL (run one shell line), then the command, e.g. ["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"]`,
    );
  } else if (command.some((part) => typeof part !== 'string' || part.length === 0)) {
    problems.push(
      `healthCheckCommand: every element must be a non-empty string, got ${JSON.stringify(command)}`,
    );
  }
}

function checkMigration(migration: MigrationTaskOptions | undefined, problems: string[]): void {
  if (migration === undefined) return;
  const command = migration.command;
  if (!Array.isArray(command) || command.length === 0) {
    problems.push(
      `migration.command: give the command as a list of arguments, e.g. ["npm", "run", "migrate"]`,
    );
  } else if (command.some((part) => typeof part !== 'string' || part.length === 0)) {
    problems.push(
      `migration.command: every argument must be a non-empty string, got ${JSON.stringify(command)}`,
    );
  }
}
