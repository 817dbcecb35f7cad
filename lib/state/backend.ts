import { S3Backend, TerraformStack } from 'cdktf';
import { resourceName } from '../naming';

/** Where one stack keeps its state. */
export interface StateLocation {
  /** State bucket, created by the account's bootstrap stack. */
  readonly bucket: string;
  /** Region of the state bucket. */
  readonly region: string;
  /** Object key, `<env>/<layer>.tfstate` (see {@link stateKey}). */
  readonly key: string;
}

/** The KMS alias of a state bucket's key: `alias/<bucket>`, the `kms_key_id` a backend names. */
export function stateKeyAliasOf(bucketName: string): string {
  return `alias/${resourceName('kmsAlias', bucketName)}`;
}

/** The state object key of one layer of one environment: `<env>/<layer>.tfstate`. */
export function stateKey(environment: string, layer: string): string {
  return `${environment}/${layer}.tfstate`;
}

/**
 * Stores the stack's state in S3: encrypted with the state bucket's own KMS key (see
 * {@link stateKeyAliasOf}) and locked with an S3 lock file (`use_lockfile`, Terraform 1.10+; no
 * DynamoDB table needed).
 */
export function useS3Backend(stack: TerraformStack, location: StateLocation): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: location.bucket,
    region: location.region,
    key: location.key,
    encrypt: true,
  });
  // cdktf 0.21 predates `use_lockfile`, so it is set as a raw override.
  backend.addOverride('use_lockfile', true);
  // `encrypt` alone asks S3 for SSE-S3, which the state bucket's policy refuses: name its key.
  backend.addOverride('kms_key_id', stateKeyAliasOf(location.bucket));
  return backend;
}
