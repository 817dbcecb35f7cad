import {
  ApplicationSecrets,
  ApplicationSecretsProps,
  resolveApplicationSecretsProps,
  secretsReadStatements,
} from '../../lib/secrets';
import { synthConstructs } from '../support/synth';

type Props = ApplicationSecretsProps<string, string>;

/** The construct's error for bad props; fails the test when construction succeeds. */
function errorFor(overrides: Partial<Props>): string {
  try {
    synthConstructs(
      (scope) => new ApplicationSecrets(scope, 's', { namePrefix: 'platform-prod', ...overrides }),
    );
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`ApplicationSecrets accepted ${JSON.stringify(overrides)}`);
}

describe('ApplicationSecrets props validation', () => {
  test.each<[string, Partial<Props>, RegExp]>([
    [
      'recovery window under 7 days',
      { recoveryWindowDays: 6 },
      /recoveryWindowDays: must be a whole number of days, 7-30 .* got 6/,
    ],
    [
      'recovery window of 0 (delete at once)',
      { recoveryWindowDays: 0 },
      /recoveryWindowDays: .* \(0, deletion without recovery, is not offered\), got 0/,
    ],
    ['recovery window over 30 days', { recoveryWindowDays: 31 }, /recoveryWindowDays: .* got 31/],
    [
      'name prefix with a space',
      { namePrefix: 'platform prod' },
      /namePrefix: 'platform prod' must be letters, digits and '\/_\+=\.@-'/,
    ],
    [
      'lower-case secret name',
      { generatedSecrets: [{ name: 'jwt_secret' }] },
      /generatedSecrets\[0\]\.name: 'jwt_secret' must be an environment variable name/,
    ],
    [
      'secret name with a hyphen',
      { externalSecrets: [{ name: 'GITHUB-CLIENT-ID' }] },
      /externalSecrets\[0\]\.name: 'GITHUB-CLIENT-ID' must be an environment variable name/,
    ],
    [
      'a name generated and external at once',
      { generatedSecrets: [{ name: 'X_KEY' }], externalSecrets: [{ name: 'X_KEY' }] },
      /externalSecrets\[0\]\.name: 'X_KEY' is declared twice/,
    ],
    [
      'a generated secret of 31 characters',
      { generatedSecrets: [{ name: 'SHORT', length: 31 }] },
      /generatedSecrets\[0\]\.length: must be a whole number, 32-4096 characters, got 31/,
    ],
    ['a fractional length', { generatedSecrets: [{ name: 'ODD', length: 40.5 }] }, /got 40\.5/],
    [
      'a secret name beyond 512 characters',
      { externalSecrets: [{ name: `K${'E'.repeat(520)}` }] },
      /externalSecrets\[0\]\.name: 'platform-prod\/app\/KE+' must be 1-512 characters long/,
    ],
    [
      'no secret at all',
      { generatedSecrets: [], externalSecrets: [] },
      /generatedSecrets, externalSecrets: both are empty/,
    ],
  ])('rejects %s', (_, overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });

  test('lists every problem in one error, prefixed with the construct', () => {
    const message = errorFor({ recoveryWindowDays: 3, generatedSecrets: [{ name: 'bad', length: 8 }] });
    expect(message).toMatch(/^ApplicationSecrets 'platform-prod': invalid props:\n/);
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(3);
  });

  test('applies the documented defaults', () => {
    const settings = resolveApplicationSecretsProps({ namePrefix: 'platform-prod' });
    expect(settings.recoveryWindowDays).toBe(30);
    expect(settings.preventDestroy).toBe(false);
    expect(settings.kmsKeyArn).toBeUndefined();
    expect(settings.generated.map((s) => [s.secretName, s.length])).toEqual([
      ['platform-prod/app/JWT_SECRET', 64],
      ['platform-prod/app/WEBHOOK_SECRET', 32],
    ]);
    expect(settings.external.map((s) => [s.secretName, s.length])).toEqual([
      ['platform-prod/app/GITHUB_CLIENT_ID', undefined],
      ['platform-prod/app/GITHUB_CLIENT_SECRET', undefined],
    ]);
    expect(
      resolveApplicationSecretsProps({ namePrefix: 'p', generatedSecrets: [{ name: 'K' }] }).generated[0]
        .length,
    ).toBe(64);
  });
});

describe('secretsReadStatements', () => {
  test('GetSecretValue on exactly the secrets, Decrypt on the keys only through Secrets Manager', () => {
    expect(
      secretsReadStatements({
        secretArns: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:a', 'arn:b'],
        keyArns: ['arn:aws:kms:eu-west-1:123456789012:key/k'],
        region: 'eu-west-1',
      }),
    ).toEqual([
      {
        Sid: 'ReadApplicationSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:a', 'arn:b'],
      },
      {
        Sid: 'DecryptApplicationSecrets',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: ['arn:aws:kms:eu-west-1:123456789012:key/k'],
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  test('refuses an empty list, which would grant nothing (or, if widened to *, everything)', () => {
    expect(() => secretsReadStatements({ secretArns: [], keyArns: ['k'], region: 'eu-west-1' })).toThrow(
      /name at least one secret and one key/,
    );
    expect(() => secretsReadStatements({ secretArns: ['s'], keyArns: [], region: 'eu-west-1' })).toThrow();
  });
});
