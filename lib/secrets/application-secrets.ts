import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Password } from '@cdktf/provider-random/lib/password';
import { Construct } from 'constructs';
import { EncryptionKey } from '../security/encryption-key';
import {
  ApplicationSecretsProps,
  DefaultExternalSecretName,
  DefaultGeneratedSecretName,
} from './application-secrets-props';
import {
  resolveApplicationSecretsProps,
  ResolvedApplicationSecretsProps,
  ResolvedSecret,
} from './application-secrets-validation';
import { ensureRandomProvider } from './random-provider';

/**
 * The secrets the application reads, in Secrets Manager as `<namePrefix>/app/<NAME>`, each encrypted
 * with a customer-managed KMS key and restorable for a recovery window after deletion.
 *
 * - Generated secrets (JWT_SECRET, WEBHOOK_SECRET): a `random_password` (letters and digits) is the
 *   secret's only version. Terraform owns the value: replace the `random_password` to rotate it; a
 *   value put by hand is reverted by the next apply. The value is in the Terraform state (which is
 *   encrypted and access-controlled), never in code or the synthesized JSON.
 * - External secrets (GITHUB_CLIENT_ID/SECRET): created without any version. Their value is put out
 *   of band (`aws secretsmanager put-secret-value`) and Terraform has nothing that could overwrite it.
 *
 * The service reads them by ARN ({@link ApplicationSecrets.secretArns}); grant it
 * {@link secretsReadStatements} on exactly those ARNs and {@link ApplicationSecrets.keyArn}.
 */
export class ApplicationSecrets<
  G extends string = DefaultGeneratedSecretName,
  E extends string = DefaultExternalSecretName,
> extends Construct {
  /** The props, validated, with every default applied. */
  readonly settings: ResolvedApplicationSecretsProps<G, E>;
  /** The key of the secrets, unless {@link ApplicationSecretsProps.kmsKeyArn} gave one. */
  readonly key?: EncryptionKey;
  /** ARN of the key encrypting every secret: readers need `kms:Decrypt` on it. */
  readonly keyArn: string;
  /** Every secret, by name. */
  readonly secrets: Readonly<Record<G | E, SecretsmanagerSecret>>;
  /** ARN of every secret, by name: what ECS task definitions and IAM policies refer to. */
  readonly secretArns: Readonly<Record<G | E, string>>;
  /** The generators of the generated secrets, by name: `terraform apply -replace` one to rotate it. */
  readonly passwords: Readonly<Record<G, Password>>;
  /** The version holding each generated value, by name. External secrets have none. */
  readonly versions: Readonly<Record<G, SecretsmanagerSecretVersion>>;

  constructor(scope: Construct, id: string, props: ApplicationSecretsProps<G, E>) {
    super(scope, id);
    const settings = resolveApplicationSecretsProps(props);
    this.settings = settings;
    const lifecycle = settings.preventDestroy ? { preventDestroy: true } : undefined;

    if (settings.kmsKeyArn !== undefined) {
      this.keyArn = settings.kmsKeyArn;
    } else {
      // Secrets Manager uses the key on the caller's behalf: the caller's IAM policy (kms:ViaService)
      // decides, so the key policy needs no service grant.
      this.key = new EncryptionKey(this, 'key', {
        alias: `${settings.namePrefix}-app-secrets`,
        description: `Encrypts the application secrets ${settings.namePrefix}/app/*`,
        preventDestroy: settings.preventDestroy,
      });
      this.keyArn = this.key.keyArn;
    }

    const secretOf = (spec: ResolvedSecret): SecretsmanagerSecret =>
      // Keyed by name, not position: reordering the lists must not replace a secret.
      new SecretsmanagerSecret(this, `secret-${spec.name}`, {
        name: spec.secretName,
        description: spec.description,
        kmsKeyId: this.keyArn,
        recoveryWindowInDays: settings.recoveryWindowDays,
        lifecycle,
      });

    const secrets = {} as Record<G | E, SecretsmanagerSecret>;
    const passwords = {} as Record<G, Password>;
    const versions = {} as Record<G, SecretsmanagerSecretVersion>;
    if (settings.generated.length > 0) ensureRandomProvider(this);
    for (const spec of settings.generated) {
      const secret = secretOf(spec);
      secrets[spec.name] = secret;
      passwords[spec.name] = new Password(this, `value-${spec.name}`, {
        length: spec.length,
        // Letters and digits only: at 32+ characters that is 190+ bits, and the value needs no
        // quoting in env files, HTTP headers or shells.
        special: false,
        upper: true,
        lower: true,
        numeric: true,
      });
      versions[spec.name] = new SecretsmanagerSecretVersion(this, `version-${spec.name}`, {
        secretId: secret.id,
        secretString: passwords[spec.name].result,
      });
    }
    // No version for these: any aws_secretsmanager_secret_version here would overwrite the value
    // put out of band on the next apply.
    for (const spec of settings.external) secrets[spec.name] = secretOf(spec);

    this.secrets = secrets;
    this.passwords = passwords;
    this.versions = versions;
    const arns = {} as Record<G | E, string>;
    for (const name of Object.keys(secrets) as (G | E)[]) arns[name] = secrets[name].arn;
    this.secretArns = arns;
  }

  /** ARN of the secret `name`; throws for a name this construct does not hold (a typo in a stack). */
  secretArn(name: string): string {
    if (!Object.prototype.hasOwnProperty.call(this.secretArns, name)) {
      const known = Object.keys(this.secretArns).join(', ');
      throw new Error(
        `ApplicationSecrets ${this.settings.namePrefix}: no secret '${name}' (it has ${known})`,
      );
    }
    return this.secretArns[name as G | E];
  }
}
