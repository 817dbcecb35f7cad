import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { EncryptionKey } from '../security/encryption-key';
import { policyDocument } from '../security/policy-document';

/** Props of {@link AlertTopic}. */
export interface AlertTopicProps {
  /** Prefix of the topic and key names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Addresses subscribed by email; each must confirm the subscription mail once. @default none */
  readonly emails?: string[];
  /**
   * AWS services that may publish alerts, as service principals. CloudWatch alarms, AWS Backup,
   * AWS Budgets and EventBridge cover what the stacks send.
   * @default cloudwatch, backup, budgets and events (all `.amazonaws.com`)
   */
  readonly publishingServices?: string[];
  /** Refuse `terraform destroy` of the topic's key (a deleted key silences every alarm). @default false */
  readonly preventDestroy?: boolean;
  /**
   * Region of the topic and its key, when not the provider's: an alarm can only notify a topic of
   * its own region, and some metrics (Route 53 health checks, CloudFront) exist only in us-east-1.
   * @default the provider's region
   */
  readonly region?: string;
}

/** @internal exported for tests */
export const DEFAULT_PUBLISHING_SERVICES = [
  'cloudwatch.amazonaws.com',
  'backup.amazonaws.com',
  'budgets.amazonaws.com',
  'events.amazonaws.com',
];

/**
 * The environment's alert topic: an SNS topic encrypted with its own KMS key, which the alarms,
 * backups and budgets of every stack publish to, with the on-call addresses subscribed by email.
 *
 * An encrypted topic only receives from a service that may use its key, so the key policy and
 * the topic policy name the same services, both limited to this account (confused-deputy guard).
 */
export class AlertTopic extends Construct {
  /** The SNS topic. */
  readonly topic: SnsTopic;
  /** The key that encrypts messages at rest. */
  readonly key: EncryptionKey;
  /** The email subscriptions, one per distinct address. */
  readonly subscriptions: SnsTopicSubscription[];
  /** ARN of the topic, for alarm actions. */
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const aws = awsContext(this);
    const services = props.publishingServices ?? DEFAULT_PUBLISHING_SERVICES;
    const sameAccount = { StringEquals: { 'aws:SourceAccount': aws.accountId } };

    this.key = new EncryptionKey(this, 'key', {
      alias: `${props.namePrefix}-alerts`,
      description: `Encrypts the ${props.namePrefix} alert topic`,
      preventDestroy: props.preventDestroy,
      region: props.region,
      serviceGrants: services.map((service) => ({
        servicePrincipal: service,
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        conditions: sameAccount,
      })),
    });

    this.topic = new SnsTopic(this, 'topic', {
      region: props.region,
      name: resourceName('snsTopic', props.namePrefix, 'alerts'),
      displayName: `${props.namePrefix} alerts`,
      kmsMasterKeyId: this.key.keyArn,
    });
    this.topicArn = this.topic.arn;

    new SnsTopicPolicy(this, 'policy', {
      region: props.region,
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: 'AccountManagesTopic',
          Effect: 'Allow',
          Principal: { AWS: `arn:${aws.partition}:iam::${aws.accountId}:root` },
          Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes'],
          Resource: this.topic.arn,
        },
        {
          Sid: 'ServicesPublishAlerts',
          Effect: 'Allow',
          Principal: { Service: services },
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: sameAccount,
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });

    // Keyed by address, not position: reordering the list must not re-create (and un-confirm) subscriptions.
    this.subscriptions = [...new Set(props.emails ?? [])].map(
      (email) =>
        new SnsTopicSubscription(this, `email-${email}`, {
          region: props.region,
          topicArn: this.topic.arn,
          protocol: 'email',
          endpoint: email,
        }),
    );
  }
}
