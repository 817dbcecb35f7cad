import { TerraformVariable } from 'cdktf';
import { FargateServiceProps } from '../../lib/service';
import {
  DB_SECRET_ARN,
  errorFor,
  JWT_SECRET_ARN,
  REPOSITORY,
  SECRETS_KEY_ARN,
  synthService,
} from './synth-service';

// Casts for values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;
const DIGEST = `sha256:${'0'.repeat(64)}`;

describe('FargateService props validation', () => {
  test.each<[string, Partial<FargateServiceProps>, RegExp]>([
    [
      'namePrefix with upper case',
      { namePrefix: 'Platform-prod' },
      /namePrefix: 'Platform-prod' must be lowercase letters/,
    ],
    [
      'containerName with a dot',
      { containerName: 'api.v2' },
      /containerName: 'api\.v2' must be 1-255 letters, digits/,
    ],
    [
      'a service name over 255 characters',
      { containerName: `a${'b'.repeat(250)}` },
      /containerName: the ECS name 'platform-prod-ab+' must be 1-255 characters long \(is 265\)/,
    ],
    ['a VPC id that is not one', { vpcId: 'vpc-xyz' }, /vpcId: 'vpc-xyz' is not a VPC id/],
    [
      'a VPC CIDR with host bits',
      { vpcCidr: '10.20.1.0/16' },
      /vpcCidr: '10\.20\.1\.0\/16' has host bits set \(use the network address: 10\.20\.0\.0\/16\)/,
    ],
    ['a VPC CIDR that is not one', { vpcCidr: '10.20.0.0' }, /vpcCidr: '10\.20\.0\.0' is not an IPv4 CIDR/],
    ['no subnet', { subnetIds: [] }, /subnetIds: list the private subnets/],
    [
      'a subnet listed twice',
      { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'] },
      /subnetIds\[1\]: 'subnet-0123456789abcdef0' is listed twice/,
    ],
    ['a subnet name', { subnetIds: ['private-a'] }, /subnetIds\[0\]: 'private-a' is not a subnet id/],
    [
      'an additional group name',
      { additionalSecurityGroupIds: ['database-clients'] },
      /additionalSecurityGroupIds\[0\]: 'database-clients' is not a security group id/,
    ],
    [
      'an additional group twice',
      { additionalSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1', 'sg-0aaaaaaaaaaaaaaa1'] },
      /additionalSecurityGroupIds\[1\]: 'sg-0aaaaaaaaaaaaaaa1' is listed twice/,
    ],
    [
      'a load balancer group name',
      { loadBalancerSecurityGroupId: 'alb' },
      /loadBalancerSecurityGroupId: 'alb' is not a security group id/,
    ],
    [
      'a load balancer ARN as target group',
      {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/x/0123456789abcdef',
      },
      /targetGroupArn: '.*' is not a target group ARN/,
    ],
    [
      'a full ARN as target group suffix',
      {
        targetGroupArnSuffix:
          'arn:aws:elasticloadbalancing:eu-west-1:222222222222:targetgroup/x/0123456789abcdef',
      },
      /targetGroupArnSuffix: '.*' is not a target group ARN suffix \(targetgroup\/<name>\/<16 hex>\)/,
    ],
    [
      'a network load balancer suffix',
      { loadBalancerArnSuffix: 'net/x/0123456789abcdef' },
      /loadBalancerArnSuffix: 'net\/x\/0123456789abcdef' is not an application load balancer ARN suffix/,
    ],
    [
      'an image without tag or digest',
      { image: { repository: REPOSITORY } },
      /image: give a tag \(e\.g\. 1\.4\.2\) or a digest \(sha256:…\); the image has neither/,
    ],
    [
      'an image with tag and digest',
      { image: { repository: REPOSITORY, tag: '1.4.2', digest: DIGEST } },
      /image: give a tag or a digest, not both/,
    ],
    [
      'a short digest',
      { image: { repository: REPOSITORY, digest: 'sha256:abc' } },
      /image\.digest: 'sha256:abc' is not sha256: followed by 64 lowercase hex digits/,
    ],
    [
      'an upper-case digest',
      { image: { repository: REPOSITORY, digest: `sha256:${'A'.repeat(64)}` } },
      /image\.digest: .* is not sha256:/,
    ],
    [
      'latest in production',
      { production: true, image: { repository: REPOSITORY, tag: 'latest' } },
      /image\.tag: 'latest' is refused in production: it names no release/,
    ],
    [
      'a tag with a slash',
      { image: { repository: REPOSITORY, tag: 'feature/x' } },
      /image\.tag: 'feature\/x' is not a tag/,
    ],
    [
      'a tag inside the repository',
      { image: { repository: `${REPOSITORY}:1.4.2`, tag: '1.4.2' } },
      /image\.repository: '.*:1\.4\.2' carries a tag or digest; give the repository alone/,
    ],
    [
      'a digest inside the repository',
      { image: { repository: `${REPOSITORY}@${DIGEST}`, digest: DIGEST } },
      /image\.repository: .* carries a tag or digest/,
    ],
    [
      'an upper-case repository',
      { image: { repository: 'ghcr.io/Example/API', tag: '1' } },
      /image\.repository: 'ghcr\.io\/Example\/API' is not a repository/,
    ],
    [
      'a repository over 255 characters',
      { image: { repository: `ghcr.io/${'a'.repeat(250)}`, tag: '1' } },
      /image\.repository: .* is not a repository \(at most 255 characters/,
    ],
    ['no image', { image: untyped(undefined) }, /image: is required/],
    [
      'cpu 768',
      { cpu: untyped(768) },
      /cpu: 768 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384/,
    ],
    [
      '256 CPU with 1536 MiB',
      { cpu: 256, memoryMiB: 1536 },
      /memoryMiB: 1536 does not go with cpu 256 on Fargate; use one of 512, 1024, 2048$/m,
    ],
    [
      '512 CPU with 512 MiB',
      { cpu: 512, memoryMiB: 512 },
      /memoryMiB: 512 does not go with cpu 512 on Fargate; use one of 1024, 2048, 3072, 4096$/m,
    ],
    [
      '1024 CPU with 9216 MiB',
      { cpu: 1024, memoryMiB: 9216 },
      /memoryMiB: 9216 does not go with cpu 1024 on Fargate; use one of 2048, 3072, 4096, 5120, 6144, 7168, 8192$/m,
    ],
    [
      '2048 CPU with 4500 MiB',
      { cpu: 2048, memoryMiB: 4500 },
      /memoryMiB: 4500 does not go with cpu 2048 on Fargate; use one of 4096, 5120, 6144, … 16384 \(steps of 1024\)/,
    ],
    [
      '8192 CPU with 17408 MiB',
      { cpu: 8192, memoryMiB: 17408 },
      /memoryMiB: 17408 does not go with cpu 8192 on Fargate; use one of 16384, 20480, 24576, … 61440 \(steps of 4096\)/,
    ],
    [
      '16384 CPU with 131072 MiB',
      { cpu: 16384, memoryMiB: 131072 },
      /memoryMiB: 131072 does not go with cpu 16384 .* 32768, 40960, 49152, … 122880 \(steps of 8192\)/,
    ],
    [
      'an unknown architecture',
      { architecture: untyped('ARM') },
      /architecture: 'ARM' is not one of ARM64, X86_64/,
    ],
    ['port 0', { containerPort: 0 }, /containerPort: must be a whole number, 1-65535, got 0/],
    [
      'an environment name with a hyphen',
      { environment: { 'LOG-LEVEL': 'info' } },
      /environment: 'LOG-LEVEL' is not an environment variable name/,
    ],
    [
      'a number as environment value',
      { environment: { WORKERS: untyped(4) } },
      /environment\.WORKERS: the value must be a string, got 4/,
    ],
    [
      'a name both plain and secret',
      { environment: { JWT_SECRET: 'x' }, secrets: { JWT_SECRET: JWT_SECRET_ARN } },
      /environment\.JWT_SECRET: also a secret; a variable comes from one place only/,
    ],
    [
      'a secret name starting with a digit',
      { secrets: { '1SECRET': JWT_SECRET_ARN } },
      /secrets: '1SECRET' is not an environment variable name/,
    ],
    [
      'an SSM parameter as secret',
      { secrets: { TOKEN: 'arn:aws:ssm:eu-west-1:222222222222:parameter/token' } },
      /secrets\.TOKEN: '.*' is an SSM parameter; FargateService injects Secrets Manager secrets only/,
    ],
    [
      'a secret name instead of its ARN',
      { secrets: { JWT_SECRET: 'platform-prod/app/JWT_SECRET' } },
      /secrets\.JWT_SECRET: 'platform-prod\/app\/JWT_SECRET' is not a Secrets Manager secret ARN/,
    ],
    [
      'a secret ARN with a half suffix',
      { secrets: { PASSWORD: `${DB_SECRET_ARN}:password` } },
      /secrets\.PASSWORD: .* is not a Secrets Manager secret ARN/,
    ],
    [
      'an empty secret',
      { secrets: { PASSWORD: '' } },
      /secrets\.PASSWORD: give the Secrets Manager secret ARN, got ""/,
    ],
    [
      'a key alias as secret key',
      {
        secrets: { JWT_SECRET: JWT_SECRET_ARN },
        secretKmsKeyArns: ['arn:aws:kms:eu-west-1:222222222222:alias/app'],
      },
      /secretKmsKeyArns\[0\]: '.*alias\/app' is not a KMS key ARN .*not an alias/,
    ],
    [
      'keys without secrets',
      { secretKmsKeyArns: [SECRETS_KEY_ARN] },
      /secretKmsKeyArns: given, but there are no secrets to decrypt/,
    ],
    ['min 0', { minCapacity: 0 }, /minCapacity: must be a whole number, at least 1, got 0/],
    [
      'min above max',
      { minCapacity: 5, maxCapacity: 3 },
      /minCapacity: 5 is above maxCapacity 3; the autoscaler needs min <= max/,
    ],
    ['a fractional max', { maxCapacity: 2.5 }, /maxCapacity: must be a whole number, at least 1, got 2\.5/],
    ['CPU target 0', { cpuTargetPercent: 0 }, /cpuTargetPercent: must be above 0 and at most 100, got 0/],
    [
      'CPU target 120',
      { cpuTargetPercent: 120 },
      /cpuTargetPercent: must be above 0 and at most 100, got 120/,
    ],
    ['request target 0', { requestsPerTargetTarget: 0 }, /requestsPerTargetTarget: must be above 0, got 0/],
    [
      'a negative cooldown',
      { scaleInCooldownSeconds: -1 },
      /scaleInCooldownSeconds: must be a whole number, 0-86400, got -1/,
    ],
    [
      'a fractional cooldown',
      { scaleOutCooldownSeconds: 1.5 },
      /scaleOutCooldownSeconds: must be a whole number, 0-86400, got 1\.5/,
    ],
    [
      'a negative grace period',
      { healthCheckGracePeriodSeconds: -5 },
      /healthCheckGracePeriodSeconds: must be a whole number, 0-2147483647, got -5/,
    ],
    [
      'stop timeout 300',
      { stopTimeoutSeconds: 300 },
      /stopTimeoutSeconds: must be a whole number, 2-120, got 300/,
    ],
    ['stop timeout 1', { stopTimeoutSeconds: 1 }, /stopTimeoutSeconds: must be a whole number, 2-120, got 1/],
    [
      'a health check without CMD',
      { healthCheckCommand: ['curl', '-f', 'http://localhost:8080/health'] },
      /healthCheckCommand: \["curl".*\] must start with CMD \(run the arguments\) or CMD-SHELL/,
    ],
    [
      'a health check with CMD only',
      { healthCheckCommand: ['CMD'] },
      /healthCheckCommand: \["CMD"\] must start with CMD/,
    ],
    [
      'a health check with an empty argument',
      { healthCheckCommand: ['CMD', ''] },
      /healthCheckCommand: every element must be a non-empty string/,
    ],
    [
      'unknown insights',
      { containerInsights: untyped('disabled') },
      /containerInsights: 'disabled' is not one of enabled, enhanced/,
    ],
    ['a logs key alias', { logsKeyArn: 'alias/logs' }, /logsKeyArn: 'alias\/logs' is not a KMS key ARN/],
    [
      'log retention 45',
      { logRetentionDays: 45 },
      /logRetentionDays: 45 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30/,
    ],
    ['a user with a space', { user: 'app user' }, /user: 'app user' is not user, uid, user:group or uid:gid/],
    [
      'an empty migration command',
      { migration: { command: [] } },
      /migration\.command: give the command as a list of arguments/,
    ],
    [
      'a migration command as one string',
      { migration: { command: untyped('npm run migrate') } },
      /migration\.command: give the command as a list of arguments/,
    ],
  ])('%s', (_, overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });

  test('the error names the service and lists every problem, one per line', () => {
    const message = errorFor({
      cpu: 256,
      memoryMiB: 4096,
      minCapacity: 3,
      maxCapacity: 2,
      logRetentionDays: 2,
    });
    expect(message.split('\n')).toEqual([
      "FargateService 'platform-prod-api': invalid props:",
      '  - memoryMiB: 4096 does not go with cpu 256 on Fargate; use one of 512, 1024, 2048',
      '  - minCapacity: 3 is above maxCapacity 2; the autoscaler needs min <= max',
      expect.stringMatching(/^ {2}- logRetentionDays: 2 is not a CloudWatch Logs retention/),
    ]);
  });

  test('references are not checked at synth time: AWS checks them at apply time', () => {
    expect(() =>
      synthService((scope) => {
        const text = (name: string) => new TerraformVariable(scope, name, { type: 'string' }).stringValue;
        return {
          vpcId: text('vpc_id'),
          vpcCidr: text('vpc_cidr'),
          loadBalancerSecurityGroupId: text('alb_sg'),
          targetGroupArn: text('tg_arn'),
          targetGroupArnSuffix: text('tg_suffix'),
          loadBalancerArnSuffix: text('lb_suffix'),
          logsKeyArn: text('logs_key'),
          secrets: { JWT_SECRET: text('jwt_arn') },
          secretKmsKeyArns: [text('key_arn')],
          image: { repository: REPOSITORY, digest: text('digest') },
        };
      }),
    ).not.toThrow();
  });

  test('a reference as repository is refused: its ECR permissions could not be scoped', () => {
    const message = errorFor((scope) => ({
      image: { repository: new TerraformVariable(scope, 'repo', { type: 'string' }).stringValue, tag: '1' },
    }));
    expect(message).toMatch(/image\.repository: must be a literal repository like 222222222222\.dkr\.ecr/);
  });

  test('a reference followed by anything but a JSON-key suffix is refused', () => {
    const message = errorFor((scope) => ({
      secrets: {
        PASSWORD: `${new TerraformVariable(scope, 'arn', { type: 'string' }).stringValue}/password`,
      },
    }));
    expect(message).toMatch(
      /secrets\.PASSWORD: after the secret's ARN only ':<json-key>:<version-stage>:<version-id>' may follow, got '\/password'/,
    );
  });
});
