import { Token } from 'cdktf';
import { textAfterLastToken } from '../core/terraform-text';

/**
 * A Secrets Manager secret ARN, as ECS `valueFrom` takes it: the secret's full ARN (with the 6
 * characters Secrets Manager appends to the name), optionally followed by
 * `:<json-key>:<version-stage>:<version-id>`, e.g. `…:secret:platform-prod/db-AbCdEf:password::`
 * for one key of a JSON secret (RDS-managed secrets are named `rds!…`). Source: Amazon ECS Developer Guide, "Pass Secrets Manager secrets
 * through Amazon ECS environment variables".
 */
const SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@!-]+(?::[^:]*:[^:]*:[^:]*)?$/;
/** The part after the secret's ARN: `:<json-key>:<version-stage>:<version-id>`, each may be empty. */
const VALUE_FROM_SUFFIX = /^:[^:]*:[^:]*:[^:]*$/;
const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:/;
/** A KMS key ARN; alias ARNs do not work in an IAM policy's Resource (IAM matches the key's ARN). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * The secret ARN an IAM policy names for a `valueFrom`: the ARN without a JSON key or version
 * suffix. A reference (e.g. a remote state output) is the whole ARN, or the ARN followed by a
 * literal suffix such as `:password::`.
 */
export function secretArnOf(valueFrom: string): string {
  if (Token.isUnresolved(valueFrom)) {
    const suffix = textAfterLastToken(valueFrom);
    return VALUE_FROM_SUFFIX.test(suffix) ? valueFrom.slice(0, valueFrom.length - suffix.length) : valueFrom;
  }
  return valueFrom.split(':').slice(0, 7).join(':');
}

/** Why `valueFrom` cannot be injected as the secret `name`, or `undefined`. */
export function secretReferenceViolation(name: string, valueFrom: string): string | undefined {
  if (typeof valueFrom !== 'string' || valueFrom.length === 0) {
    return `secrets.${name}: give the Secrets Manager secret ARN, got ${JSON.stringify(valueFrom)}`;
  }
  if (Token.isUnresolved(valueFrom)) {
    const suffix = textAfterLastToken(valueFrom);
    return suffix === '' || VALUE_FROM_SUFFIX.test(suffix)
      ? undefined
      : `secrets.${name}: after the secret's ARN only ':<json-key>:<version-stage>:<version-id>' may follow, got '${suffix}'`;
  }
  if (PARAMETER_ARN.test(valueFrom)) {
    return `secrets.${name}: '${valueFrom}' is an SSM parameter; FargateService injects Secrets Manager secrets only`;
  }
  if (!SECRET_ARN.test(valueFrom)) {
    return `secrets.${name}: '${valueFrom}' is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>, optionally :<json-key>::)`;
  }
  return undefined;
}

/** Why `arn` cannot be a key the execution role decrypts secrets with, or `undefined`. */
export function kmsKeyArnViolation(field: string, arn: string): string | undefined {
  if (typeof arn !== 'string' || (!Token.isUnresolved(arn) && !KMS_KEY_ARN.test(arn))) {
    return `${field}: '${arn}' is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>; not an alias)`;
  }
  return undefined;
}
