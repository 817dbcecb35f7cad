import { AlertTopic, DEFAULT_PUBLISHING_SERVICES } from '../../lib/observability';
import { onlyResource, policyOf, resources, synthConstructs } from '../support/synth';

describe('AlertTopic', () => {
  const json = synthConstructs(
    (scope) =>
      new AlertTopic(scope, 'alerts', {
        namePrefix: 'platform-prod',
        emails: ['a@example.com', 'b@example.com', 'a@example.com'],
      }),
  );
  const topic = onlyResource(json, 'aws_sns_topic');

  it('encrypts the topic with its own rotating key', () => {
    expect(topic.name).toBe('platform-prod-alerts');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.[^}]+\.arn\}$/);
    expect(onlyResource(json, 'aws_kms_key').enable_key_rotation).toBe(true);
  });

  it('lets only the alerting services of this account use the key and publish', () => {
    const keyGrants = policyOf(onlyResource(json, 'aws_kms_key')).Statement.slice(1);
    expect(keyGrants.map((s) => (s.Principal as { Service: string }).Service)).toEqual(
      DEFAULT_PUBLISHING_SERVICES,
    );
    for (const grant of keyGrants) {
      expect(grant.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      expect(grant.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': expect.stringContaining('aws_caller_identity') },
      });
    }
    const statements = policyOf(onlyResource(json, 'aws_sns_topic_policy')).Statement;
    const services = statements.find((s) => s.Sid === 'ServicesPublishAlerts');
    expect(services).toMatchObject({
      Action: 'sns:Publish',
      Principal: { Service: DEFAULT_PUBLISHING_SERVICES },
    });
    expect(services?.Condition).toHaveProperty(['StringEquals', 'aws:SourceAccount']);
    expect(statements.find((s) => s.Sid === 'DenyInsecureTransport')).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('protects its key from destroy only when asked', () => {
    expect(onlyResource(json, 'aws_kms_key').lifecycle).toBeUndefined();
    const kept = synthConstructs(
      (scope) => new AlertTopic(scope, 'a', { namePrefix: 'p', preventDestroy: true }),
    );
    expect(onlyResource(kept, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true });
  });

  it('subscribes each distinct address once, by email', () => {
    const subscriptions = Object.values(resources(json, 'aws_sns_topic_subscription'));
    expect(subscriptions.map((s) => s.endpoint)).toEqual(['a@example.com', 'b@example.com']);
    expect(subscriptions.every((s) => s.protocol === 'email')).toBe(true);
  });
});

describe('AlertTopic in another region', () => {
  it('puts the topic, its policy, subscriptions, key and alias in that region', () => {
    const json = synthConstructs(
      (scope) =>
        new AlertTopic(scope, 'alerts', {
          namePrefix: 'platform-prod-global',
          emails: ['a@example.com'],
          region: 'us-east-1',
        }),
    );
    for (const type of [
      'aws_sns_topic',
      'aws_sns_topic_policy',
      'aws_sns_topic_subscription',
      'aws_kms_key',
      'aws_kms_alias',
    ]) {
      expect({ type, region: onlyResource(json, type).region }).toEqual({ type, region: 'us-east-1' });
    }
  });
});
