import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformJson } from '../support/synth';
import { synthDatabase } from './synth-database';

const TOKEN = /^\$\{[^}]+\}$/;
/** Attributes that name how a password is handled, with the enum values they may take: settings, not secrets. */
const PASSWORD_SETTINGS: Record<string, string[]> = {
  client_password_auth_type: ['POSTGRES_SCRAM_SHA_256'],
};

/** Every [path, value] of the synthesized resources whose attribute name mentions a password or a secret. */
function secretAttributes(json: TerraformJson): [string, unknown][] {
  const found: [string, unknown][] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (/password|secret/i.test(key)) found.push([`${path}.${key}`, child]);
        walk(child, `${path}.${key}`);
      }
    }
  };
  walk(json.resource, 'resource');
  return found;
}

describe('no secret value in the synthesized JSON', () => {
  const variants: [string, Parameters<typeof synthDatabase>[0]][] = [
    ['defaults', {}],
    [
      'every option',
      (scope) => ({
        proxy: { iamAuth: false },
        readReplica: {},
        backupReplication: {
          provider: new AwsProvider(scope, 'dr', { region: 'eu-central-1', alias: 'dr' }),
          kmsKeyArn: 'arn:aws:kms:eu-central-1:111111111111:key/0f3c6a2e-1111-4222-8333-944455566677',
        },
      }),
    ],
    [
      'a snapshot restore',
      { name: 'db-r1', restore: { type: 'snapshot', snapshotIdentifier: 'platform-prod-db-final' } },
    ],
  ];

  test.each(variants)(
    '%s: attributes named password or secret hold references or flags, never literals',
    (_, overrides) => {
      const attributes = secretAttributes(synthDatabase(overrides).json);
      expect(attributes.length).toBeGreaterThan(0);
      for (const [path, value] of attributes) {
        const attribute = path.split('.').pop() ?? '';
        if (attribute in PASSWORD_SETTINGS) expect(PASSWORD_SETTINGS[attribute]).toContain(value);
        // The one flag allowed: it hands the password to RDS.
        else if (typeof value === 'boolean') expect(attribute).toBe('manage_master_user_password');
        else expect([path, value]).toEqual([path, expect.stringMatching(TOKEN)]);
      }
    },
  );

  test('the check catches a literal password', () => {
    const leaked = secretAttributes({ resource: { aws_db_instance: { x: { password: 'hunter2' } } } });
    expect(leaked).toEqual([['resource.aws_db_instance.x.password', 'hunter2']]);
  });
});
