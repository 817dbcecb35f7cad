import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn, TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import { nameTag } from '../network/name-tag';

/** The keys of the connection secret's JSON value; an ECS task reads one with `<secret arn>:<key>::`. */
export const CONNECTION_SECRET_KEYS = ['host', 'reader_host', 'port', 'tls', 'auth_token', 'url'] as const;

/** Props of {@link CacheConnectionSecret}. */
export interface CacheConnectionSecretProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The cache's name after the prefix, e.g. `cache`. */
  readonly name: string;
  /** ARN of the KMS key that encrypts the secret. */
  readonly keyArn: string;
  /** The AUTH token: a reference (`random_password.<name>.result`), never a literal. */
  readonly authToken: string;
  /** Address of the primary endpoint (reads and writes). */
  readonly host: string;
  /** Address of the reader endpoint (reads, spread over the replicas). */
  readonly readerHost: string;
  /** The cache port. */
  readonly port: number;
  /** Days a deleted secret can be restored: 0 or 7-30. */
  readonly recoveryWindowDays: number;
  /** Refuse `terraform destroy` of the secret. */
  readonly preventDestroy: boolean;
}

/**
 * The Secrets Manager secret a service reads to connect: a JSON object with `host`, `reader_host`,
 * `port`, `tls` (always true), `auth_token` and `url` (`rediss://:<token>@<host>:<port>`), so a task
 * definition injects `REDIS_URL` or `REDIS_AUTH` from one key without code. The value is built by
 * Terraform from references: the token never appears in the synthesized JSON, only in the state.
 */
export class CacheConnectionSecret extends Construct {
  /** The secret, encrypted with the cache's key. */
  readonly secret: SecretsmanagerSecret;
  /** Its current value. */
  readonly version: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: CacheConnectionSecretProps) {
    super(scope, id);
    const lifecycle: TerraformResourceLifecycle | undefined = props.preventDestroy
      ? { preventDestroy: true }
      : undefined;
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: resourceName('secret', `${props.namePrefix}/${props.name}/connection`),
      description: `Connection to ElastiCache ${props.namePrefix}-${props.name}: host, port, TLS, AUTH token, rediss:// URL`,
      kmsKeyId: props.keyArn,
      recoveryWindowInDays: props.recoveryWindowDays,
      tags: nameTag(props.namePrefix, props.name, 'connection'),
      lifecycle,
    });
    this.version = new SecretsmanagerSecretVersion(this, 'value', {
      secretId: this.secret.id,
      // jsonencode, not JSON.stringify: Terraform escapes the values, whatever they contain.
      secretString: Fn.jsonencode({
        host: props.host,
        reader_host: props.readerHost,
        port: props.port,
        tls: true,
        auth_token: props.authToken,
        url: `rediss://:${props.authToken}@${props.host}:${props.port}`,
      }),
    });
  }
}
