import { PolicyStatement } from '../security/policy-document';

/** What {@link secretsReadStatements} grants read access to. */
export interface SecretsReadAccess {
  /** ARNs of exactly the secrets the reader needs, e.g. from the data stack's outputs. */
  readonly secretArns: string[];
  /** ARNs of the KMS keys encrypting them. */
  readonly keyArns: string[];
  /** Region of the secrets, e.g. `eu-west-1`: decryption is allowed only through Secrets Manager there. */
  readonly region: string;
}

/**
 * The identity-policy statements a reader of the application secrets needs (e.g. an ECS task
 * execution role that injects them as environment variables): `GetSecretValue` on exactly these
 * secrets, and `kms:Decrypt` on their keys only when Secrets Manager asks for it. Built from plain
 * ARNs, so a stack that reads them from remote state can use it too.
 */
export function secretsReadStatements(access: SecretsReadAccess): PolicyStatement[] {
  if (access.secretArns.length === 0 || access.keyArns.length === 0) {
    throw new Error('secretsReadStatements: name at least one secret and one key');
  }
  return [
    {
      Sid: 'ReadApplicationSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: access.secretArns,
    },
    {
      Sid: 'DecryptApplicationSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: access.keyArns,
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${access.region}.amazonaws.com` } },
    },
  ];
}
