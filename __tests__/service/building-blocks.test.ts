import { TerraformVariable, Testing, TerraformStack } from 'cdktf';
import { escapeTemplateSequences, textAfterLastToken } from '../../lib/core';
import {
  ecrRepositoryOf,
  FARGATE_CPU_VALUES,
  FARGATE_MEMORY_MIB,
  fargateSizeViolation,
  imageProblems,
  imageReference,
  secretArnOf,
} from '../../lib/service';

describe('Fargate task sizes', () => {
  test('every CPU value has the memory range of the ECS documentation', () => {
    const ranges = Object.fromEntries(
      FARGATE_CPU_VALUES.map((cpu) => {
        const memory = FARGATE_MEMORY_MIB[cpu];
        return [cpu, [memory[0], memory[memory.length - 1], memory.length]];
      }),
    );
    expect(ranges).toEqual({
      256: [512, 2048, 3],
      512: [1024, 4096, 4],
      1024: [2048, 8192, 7],
      2048: [4096, 16384, 13],
      4096: [8192, 30720, 23],
      8192: [16384, 61440, 12],
      16384: [32768, 122880, 12],
    });
  });

  test.each(FARGATE_CPU_VALUES.flatMap((cpu) => FARGATE_MEMORY_MIB[cpu].map((memory) => [cpu, memory])))(
    'cpu %i with %i MiB is accepted',
    (cpu, memory) => {
      expect(fargateSizeViolation(cpu, memory)).toBeUndefined();
    },
  );

  test.each([
    [256, 1536],
    [256, 4096],
    [512, 5120],
    [1024, 1024],
    [2048, 3072],
    [4096, 31744],
    [8192, 18432],
    [16384, 24576],
  ])('cpu %i with %i MiB is refused', (cpu, memory) => {
    expect(fargateSizeViolation(cpu, memory)).toMatch(
      new RegExp(`^memoryMiB: ${memory} does not go with cpu ${cpu}`),
    );
  });
});

describe('container images', () => {
  test('ECR URIs are parsed into account, region and repository name; other registries are not ECR', () => {
    expect(ecrRepositoryOf('222222222222.dkr.ecr.eu-west-1.amazonaws.com/team/api')).toEqual({
      accountId: '222222222222',
      region: 'eu-west-1',
      name: 'team/api',
    });
    expect(ecrRepositoryOf('111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/api')?.region).toBe(
      'cn-north-1',
    );
    expect(ecrRepositoryOf('public.ecr.aws/nginx/nginx')).toBeUndefined();
    expect(ecrRepositoryOf('ghcr.io/example-org/api')).toBeUndefined();
  });

  test('the reference is repository:tag, or repository@digest', () => {
    expect(imageReference({ repository: 'ghcr.io/o/api', tag: 'v1' })).toBe('ghcr.io/o/api:v1');
    const digest = `sha256:${'f'.repeat(64)}`;
    expect(imageReference({ repository: 'ghcr.io/o/api', digest })).toBe(`ghcr.io/o/api@${digest}`);
  });

  test.each(['nginx', 'library/nginx', 'localhost:5000/team/api', 'registry.example.com/a_b/c-d.e'])(
    'repository %s is accepted',
    (repository) => {
      expect(imageProblems({ repository, tag: '1' }, true)).toEqual([]);
    },
  );

  test.each(['-nginx', 'team//api', 'team/api/', 'team/API', 'team/a__b', 'nginx:1.25'])(
    'repository %s is refused',
    (repository) => {
      expect(imageProblems({ repository, tag: '1' }, false)).toEqual([
        expect.stringMatching(/^image\.repository: /),
      ]);
    },
  );
});

describe('secret references', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:platform-prod/db-AbCdEf';

  test('IAM gets the secret ARN without a JSON key or version suffix', () => {
    expect(secretArnOf(arn)).toBe(arn);
    expect(secretArnOf(`${arn}:password::`)).toBe(arn);
    expect(secretArnOf(`${arn}:password:AWSCURRENT:`)).toBe(arn);
  });

  test('a reference keeps its token and loses only a literal suffix', () => {
    const stack = new TerraformStack(Testing.app(), 'refs');
    const token = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    expect(secretArnOf(token)).toBe(token);
    expect(secretArnOf(`${token}:password::`)).toBe(token);
    expect(textAfterLastToken(`${token}:password::`)).toBe(':password::');
    expect(textAfterLastToken('no token')).toBe('no token');
  });
});

describe('Terraform template escaping', () => {
  test('literal ${ and %{ are doubled; other text and cdktf tokens are kept', () => {
    const stack = new TerraformStack(Testing.app(), 'escape');
    const token = new TerraformVariable(stack, 'x', { type: 'string' }).stringValue;
    expect(escapeTemplateSequences('a ${B} %{c} $d {e}')).toBe('a $${B} %%{c} $d {e}');
    expect(escapeTemplateSequences(`\${A}${token}%{B}`)).toBe(`$\${A}${token}%%{B}`);
    expect(escapeTemplateSequences(token)).toBe(token);
  });
});
