import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { GITHUB_OIDC_HOST, GITHUB_OIDC_URL, STS_AUDIENCE } from './github-trust';

/** Props of {@link GithubOidcProvider}. */
export interface GithubOidcProviderProps {
  /**
   * ARN of the account's existing IAM OIDC provider for token.actions.githubusercontent.com, to
   * use instead of creating one (IAM allows one provider per URL in an account).
   * @default a provider is created
   */
  readonly existingProviderArn?: string;
}

const PROVIDER_ARN = new RegExp(
  `^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/${GITHUB_OIDC_HOST.replace(/\./g, '\\.')}$`,
);

/**
 * The IAM OIDC identity provider that lets GitHub Actions workflows exchange their OIDC token for
 * AWS credentials, so no long-lived access key is stored in GitHub.
 */
export class GithubOidcProvider extends Construct {
  /** The provider, when this construct created it; `undefined` when an existing one is used. */
  readonly provider?: IamOpenidConnectProvider;
  /** ARN of the provider, the `Federated` principal of role trust policies. */
  readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    const existing = props.existingProviderArn;
    if (existing !== undefined) {
      if (!Token.isUnresolved(existing) && !PROVIDER_ARN.test(existing)) {
        throw new Error(
          `GithubOidcProvider: existingProviderArn ${JSON.stringify(existing)} is not the ARN of a ` +
            `${GITHUB_OIDC_HOST} provider (arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST})`,
        );
      }
      this.providerArn = existing;
      return;
    }
    this.provider = new IamOpenidConnectProvider(this, 'provider', {
      url: GITHUB_OIDC_URL,
      clientIdList: [STS_AUDIENCE],
      // No thumbprint_list: IAM verifies GitHub's certificate against its own trusted CAs and
      // ignores thumbprints for this issuer; AWS provider 6 no longer requires the argument, and
      // a pinned thumbprint would only be one more thing to rotate.
      tags: { Name: 'github-actions' },
    });
    this.providerArn = this.provider.arn;
  }
}
