import { EncryptionKey } from '../../lib/security';
import { onlyResource, policyOf, synthConstructs } from '../support/synth';

describe('EncryptionKey', () => {
  it('rotates yearly, waits 30 days before deletion and gives key administration to the account', () => {
    const json = synthConstructs(
      (scope) => new EncryptionKey(scope, 'k', { alias: 'platform-dev-logs', description: 'logs' }),
    );
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    expect(key.lifecycle).toBeUndefined();
    const [admin, ...rest] = policyOf(key).Statement;
    expect(admin).toMatchObject({ Effect: 'Allow', Action: 'kms:*' });
    expect((admin.Principal as { AWS: string }).AWS).toMatch(
      /^arn:\$\{data\.aws_partition\.[^}]+\}:iam::\$\{data\.aws_caller_identity\.[^}]+\}:root$/,
    );
    expect(rest).toHaveLength(0);
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/platform-dev-logs');
  });

  it('grants each service only the listed actions under its conditions', () => {
    const json = synthConstructs(
      (scope) =>
        new EncryptionKey(scope, 'k', {
          alias: 'a',
          description: 'd',
          serviceGrants: [
            {
              servicePrincipal: 'sns.amazonaws.com',
              actions: ['kms:Decrypt'],
              conditions: { StringEquals: { 'aws:SourceAccount': '1' } },
            },
          ],
        }),
    );
    const grant = policyOf(onlyResource(json, 'aws_kms_key')).Statement[1];
    expect(grant).toEqual({
      Sid: 'AllowService0',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: ['kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': '1' } },
    });
  });

  it('sets prevent_destroy when asked', () => {
    const json = synthConstructs(
      (scope) => new EncryptionKey(scope, 'k', { alias: 'a', description: 'd', preventDestroy: true }),
    );
    expect(onlyResource(json, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true });
  });

  it.each([6, 31, 7.5])('rejects a deletion window of %p days', (days) => {
    expect(() =>
      synthConstructs(
        (scope) =>
          new EncryptionKey(scope, 'k', { alias: 'a', description: 'd', deletionWindowInDays: days }),
      ),
    ).toThrow(/deletionWindowInDays must be 7-30/);
  });
});
