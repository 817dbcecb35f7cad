import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { ApplicationSecrets, ApplicationSecretsProps } from '../../lib/secrets';
import { ref, resources, synthConstructs, synthJson, TerraformJson, TfResource } from '../support/synth';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

const SECRET = 'aws_secretsmanager_secret';
const VERSION = 'aws_secretsmanager_secret_version';
const PASSWORD = 'random_password';

/** Builds ApplicationSecrets in a stack with the AWS provider; returns the JSON and the construct. */
function synthSecrets<G extends string, E extends string>(
  props: ApplicationSecretsProps<G, E>,
): { json: TerraformJson; secrets: ApplicationSecrets<G, E> } {
  let secrets: ApplicationSecrets<G, E> | undefined;
  const json = synthConstructs((scope) => {
    secrets = new ApplicationSecrets<G, E>(scope, 'secrets', props);
  });
  return { json, secrets: secrets as ApplicationSecrets<G, E> };
}

/** The one resource of a type whose Terraform name contains `fragment`. */
function resourceAt(json: TerraformJson, type: string, fragment: string): [string, TfResource] {
  const found = Object.entries(resources(json, type)).filter(([name]) => name.includes(fragment));
  if (found.length !== 1) throw new Error(`expected one ${type} at '${fragment}', found ${found.length}`);
  return found[0];
}

/** Every string in the JSON, wherever it is. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('ApplicationSecrets defaults', () => {
  const { json, secrets } = synthSecrets({ namePrefix: 'platform-prod' });
  const [keyName, key] = Object.entries(resources(json, 'aws_kms_key'))[0];
  const keyArn = ref('aws_kms_key', keyName, 'arn');

  test('four secrets named <prefix>/app/<NAME>, each encrypted with the key, 30-day recovery window', () => {
    const all = Object.values(resources(json, SECRET));
    expect(all.map((s) => s.name).sort()).toEqual([
      'platform-prod/app/GITHUB_CLIENT_ID',
      'platform-prod/app/GITHUB_CLIENT_SECRET',
      'platform-prod/app/JWT_SECRET',
      'platform-prod/app/WEBHOOK_SECRET',
    ]);
    for (const secret of all) {
      expect(secret).toMatchObject({ kms_key_id: keyArn, recovery_window_in_days: 30 });
      expect(typeof secret.description).toBe('string');
      expect(secret.lifecycle).toBeUndefined();
      expect(secret.policy).toBeUndefined();
    }
  });

  test('their own rotating key, alias <prefix>-app-secrets, not protected', () => {
    expect(Object.keys(resources(json, 'aws_kms_key'))).toHaveLength(1);
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle).toBeUndefined();
    expect(Object.values(resources(json, 'aws_kms_alias'))[0].name).toBe('alias/platform-prod-app-secrets');
    expect(secrets.keyArn).toBe(secrets.key?.keyArn);
  });

  test('JWT_SECRET is 64 and WEBHOOK_SECRET 32 random letters and digits', () => {
    expect(resourceAt(json, PASSWORD, 'JWT_SECRET')[1]).toEqual({
      length: 64,
      special: false,
      upper: true,
      lower: true,
      numeric: true,
    });
    expect(resourceAt(json, PASSWORD, 'WEBHOOK_SECRET')[1]).toMatchObject({ length: 32, special: false });
    expect(Object.keys(resources(json, PASSWORD))).toHaveLength(2);
  });

  test('each generated secret has one version holding the random_password result, by reference', () => {
    expect(Object.keys(resources(json, VERSION))).toHaveLength(2);
    for (const name of ['JWT_SECRET', 'WEBHOOK_SECRET']) {
      const [secretName] = resourceAt(json, SECRET, `secret-${name}`);
      const [passwordName] = resourceAt(json, PASSWORD, name);
      expect(resourceAt(json, VERSION, name)[1]).toEqual({
        secret_id: ref(SECRET, secretName),
        secret_string: ref(PASSWORD, passwordName, 'result'),
      });
    }
  });

  test('the GitHub secrets have no version, so Terraform never writes (or overwrites) their value', () => {
    for (const name of ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET']) {
      const [secretName] = resourceAt(json, SECRET, `secret-${name}`);
      const versionsOfIt = Object.values(resources(json, VERSION)).filter(
        (v) => v.secret_id === ref(SECRET, secretName),
      );
      expect(versionsOfIt).toEqual([]);
      expect(resourceAt(json, SECRET, name)[1].description).toMatch(/put-secret-value/);
    }
  });

  test('no secret value is in the synthesized JSON: every secret_string is a reference', () => {
    for (const version of Object.values(resources(json, VERSION))) {
      expect(version.secret_string).toMatch(/^\$\{random_password\.[^.}]+\.result\}$/);
      expect(version.secret_binary).toBeUndefined();
    }
    // A generated value would be a long run of letters and digits; no string in the stack is one.
    const looksGenerated = strings(json).filter((s) => /^[A-Za-z0-9]{32,}$/.test(s));
    expect(looksGenerated).toEqual([]);
  });

  test('the random provider is added to the stack', () => {
    expect(json.provider?.random).toHaveLength(1);
  });

  test('exposes the ARN of every secret by name', () => {
    expect(Object.keys(secrets.secretArns).sort()).toEqual([
      'GITHUB_CLIENT_ID',
      'GITHUB_CLIENT_SECRET',
      'JWT_SECRET',
      'WEBHOOK_SECRET',
    ]);
    // Typed: the default names are keys of the map, so a stack cannot misspell one (checked by tsc).
    const jwt: string = secrets.secretArns.JWT_SECRET;
    expect(jwt).toMatch(/TfToken/);
    expect(Object.keys(secrets.passwords).sort()).toEqual(['JWT_SECRET', 'WEBHOOK_SECRET']);
    expect(Object.keys(secrets.versions).sort()).toEqual(['JWT_SECRET', 'WEBHOOK_SECRET']);
  });

  test('the ARNs are references to the secrets, fit for stack outputs', () => {
    const stackJson = synthConstructs((scope) => {
      const s = new ApplicationSecrets(scope, 'secrets', { namePrefix: 'platform-prod' });
      new TerraformOutput(scope, 'jwtSecretArn', { value: s.secretArns.JWT_SECRET });
      new TerraformOutput(scope, 'githubClientIdSecretArn', { value: s.secretArn('GITHUB_CLIENT_ID') });
    });
    const [jwt] = resourceAt(stackJson, SECRET, 'secret-JWT_SECRET');
    const [github] = resourceAt(stackJson, SECRET, 'secret-GITHUB_CLIENT_ID');
    expect(stackJson.output?.jwtSecretArn.value).toBe(ref(SECRET, jwt, 'arn'));
    expect(stackJson.output?.githubClientIdSecretArn.value).toBe(ref(SECRET, github, 'arn'));
  });

  test('secretArn refuses a name it does not hold', () => {
    expect(() => secrets.secretArn('JWT_SECRT')).toThrow(
      /ApplicationSecrets platform-prod: no secret 'JWT_SECRT' \(it has JWT_SECRET, WEBHOOK_SECRET, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET\)/,
    );
  });
});

describe('ApplicationSecrets options', () => {
  test('a given key is used and no key is created', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const { json, secrets } = synthSecrets({ namePrefix: 'platform-dev', kmsKeyArn });
    expect(resources(json, 'aws_kms_key')).toEqual({});
    expect(secrets.key).toBeUndefined();
    expect(secrets.keyArn).toBe(kmsKeyArn);
    for (const secret of Object.values(resources(json, SECRET))) expect(secret.kms_key_id).toBe(kmsKeyArn);
  });

  test('recovery window', () => {
    const { json } = synthSecrets({ namePrefix: 'platform-dev', recoveryWindowDays: 7 });
    for (const secret of Object.values(resources(json, SECRET)))
      expect(secret.recovery_window_in_days).toBe(7);
  });

  test('preventDestroy protects every secret and the key', () => {
    const { json } = synthSecrets({ namePrefix: 'platform-prod', preventDestroy: true });
    for (const resource of [
      ...Object.values(resources(json, SECRET)),
      ...Object.values(resources(json, 'aws_kms_key')),
    ]) {
      expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test('lists of its own, typed by their names', () => {
    const { json, secrets } = synthSecrets({
      namePrefix: 'billing-prod',
      generatedSecrets: [{ name: 'SESSION_KEY', length: 48, description: 'Signs session cookies.' }],
      externalSecrets: [{ name: 'STRIPE_API_KEY' }],
    });
    expect(Object.values(resources(json, SECRET)).map((s) => [s.name, s.description])).toEqual([
      ['billing-prod/app/SESSION_KEY', 'Signs session cookies.'],
      ['billing-prod/app/STRIPE_API_KEY', expect.stringMatching(/put-secret-value/)],
    ]);
    expect(resourceAt(json, PASSWORD, 'SESSION_KEY')[1].length).toBe(48);
    expect(Object.keys(resources(json, VERSION))).toHaveLength(1);
    const arns: Record<'SESSION_KEY' | 'STRIPE_API_KEY', string> = secrets.secretArns;
    expect(Object.keys(arns)).toEqual(['SESSION_KEY', 'STRIPE_API_KEY']);
    // @ts-expect-error JWT_SECRET is not among this construct's names (checked by tsc).
    expect(secrets.secretArns.JWT_SECRET).toBeUndefined();
  });

  test('only external secrets: no random_password and no random provider', () => {
    const { json } = synthSecrets({ namePrefix: 'platform-dev', generatedSecrets: [] });
    expect(resources(json, PASSWORD)).toEqual({});
    expect(resources(json, VERSION)).toEqual({});
    expect(json.provider?.random).toBeUndefined();
  });

  test("a stack's own random provider is reused, not duplicated", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'data');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new RandomProvider(stack, 'mine');
    new ApplicationSecrets(stack, 'secrets', { namePrefix: 'platform-prod' });
    new ApplicationSecrets(stack, 'more', {
      namePrefix: 'platform-prod-2',
      generatedSecrets: [{ name: 'OTHER' }],
      externalSecrets: [],
    });
    expect(synthJson(stack).provider?.random).toHaveLength(1);
  });

  test('reordering the lists keeps every resource name (no replacement)', () => {
    const names = (props: ApplicationSecretsProps<string, string>) => {
      const { json } = synthSecrets(props);
      return Object.entries(json.resource ?? {}).flatMap(([type, all]) => Object.keys(all).map((n) => `${type}.${n}`)).sort(); // prettier-ignore
    };
    const a = names({
      namePrefix: 'p',
      generatedSecrets: [{ name: 'A' }, { name: 'B' }],
      externalSecrets: [{ name: 'C' }, { name: 'D' }],
    });
    const b = names({
      namePrefix: 'p',
      generatedSecrets: [{ name: 'B' }, { name: 'A' }],
      externalSecrets: [{ name: 'D' }, { name: 'C' }],
    });
    expect(a).toEqual(b);
  });
});
