import { TerraformVariable } from 'cdktf';
import { defaultSecurityHeaders, StaticSite, StaticSiteProps } from '../../lib/edge';
import { synthConstructs } from '../support/synth';

const CERTIFICATE = 'arn:aws:acm:us-east-1:222222222222:certificate/0a1b2c3d-1111-2222-3333-444455556666';

const BASE_PROPS: StaticSiteProps = {
  namePrefix: 'platform-prod',
  domainNames: ['example.com'],
  certificateArn: CERTIFICATE,
};

// Casts for values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;

function errorFor(overrides: Partial<StaticSiteProps>): string {
  try {
    synthConstructs((scope) => new StaticSite(scope, 'site', { ...BASE_PROPS, ...overrides }));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`StaticSite accepted ${JSON.stringify(overrides)}`);
}

describe('StaticSite props validation', () => {
  test.each<[string, Partial<StaticSiteProps>, RegExp]>([
    ['upper-case name prefix', { namePrefix: 'Platform' }, /namePrefix: 'Platform' must be lowercase/],
    ['long name prefix', { namePrefix: 'a'.repeat(41) }, /namePrefix: .* is 41 characters; at most 40/],
    ['no domain name', { domainNames: [] }, /domainNames: list at least one domain name/],
    [
      'single label',
      { domainNames: ['localhost'] },
      /domainNames\[0\]: 'localhost' needs at least two labels/,
    ],
    ['upper case', { domainNames: ['Example.com'] }, /domainNames\[0\]: 'Example.com' must be lower case/],
    ['underscore', { domainNames: ['my_site.example.com'] }, /domainNames\[0\]: .* has the label 'my_site'/],
    ['leading hyphen', { domainNames: ['-a.example.com'] }, /has the label '-a'/],
    ['trailing dot', { domainNames: ['example.com.'] }, /must not end with a dot/],
    ['an IP address', { domainNames: ['10.0.0.1'] }, /numeric top-level domain/],
    ['wildcard not first', { domainNames: ['a.*.example.com'] }, /has the label '\*'/],
    [
      'duplicate domain',
      { domainNames: ['example.com', 'example.com'] },
      /domainNames\[1\]: 'example.com' is already used by domainNames\[0\]/,
    ],
    [
      'regional certificate',
      {
        certificateArn: 'arn:aws:acm:eu-west-1:222222222222:certificate/0a1b2c3d-1111-2222-3333-444455556666',
      },
      /certificateArn: .* is in eu-west-1; CloudFront only uses certificates from us-east-1/,
    ],
    [
      'not a certificate',
      { certificateArn: 'my-cert' },
      /certificateArn: 'my-cert' is not an ACM certificate ARN/,
    ],
    [
      'unknown price class',
      { priceClass: untyped('PriceClass_50') },
      /priceClass: 'PriceClass_50' is not one of PriceClass_100, PriceClass_200, PriceClass_All/,
    ],
    [
      'regional web ACL',
      {
        webAclArn:
          'arn:aws:wafv2:eu-west-1:222222222222:regional/webacl/x/0a1b2c3d-1111-2222-3333-444455556666',
      },
      /webAclArn: .* is not a WAFv2 web ACL ARN of CloudFront scope/,
    ],
    ['classic WAF id', { webAclArn: '0a1b2c3d-1111-2222' }, /webAclArn:/],
    [
      'bad encryption',
      { bucketEncryption: untyped('none') },
      /bucketEncryption: 'none' is not one of sse-kms, sse-s3/,
    ],
    [
      'zero retention',
      { accessLogRetentionDays: 0 },
      /accessLogRetentionDays: must be a whole number of days, at least 1, got 0/,
    ],
    [
      'invalid CSP',
      {
        securityHeaders: {
          ...defaultSecurityHeaders(),
          contentSecurityPolicy: "default-src 'self', img-src *",
        },
      },
      /securityHeaders\.contentSecurityPolicy: .* has a comma/,
    ],
    [
      'HSTS preload below a year',
      {
        securityHeaders: {
          ...defaultSecurityHeaders(),
          hsts: { maxAgeSeconds: 300, includeSubdomains: true, preload: true },
        },
      },
      /securityHeaders\.hsts\.preload: the preload list requires/,
    ],
    [
      'path with a space',
      { immutablePathPatterns: ['/my assets/*'] },
      /immutablePathPatterns\[0\]: '\/my assets\/\*' contains ' '/,
    ],
    [
      'catch-all path',
      { immutablePathPatterns: ['*'] },
      /immutablePathPatterns\[0\]: '\*' matches everything/,
    ],
    ['empty path', { immutablePathPatterns: [''] }, /immutablePathPatterns\[0\]: '' is empty/],
    [
      'index.html as an immutable path',
      { immutablePathPatterns: ['/index.html'] },
      /immutablePathPatterns\[0\]: '\/index.html' is already used by the index.html behavior/,
    ],
    [
      'a path both API and asset',
      { api: { domainName: 'origin.example.com' }, immutablePathPatterns: ['/api/*'] },
      /immutablePathPatterns\[0\]: '\/api\/\*' is already used by api.pathPatterns\[0\]/,
    ],
    [
      'the ALB DNS name as API origin',
      { api: { domainName: 'platform-prod-123.eu-west-1.elb.amazonaws.com' } },
      /api.domainName: .* is the load balancer's own name, which no certificate covers/,
    ],
    [
      'a URL as API origin',
      { api: { domainName: 'https://origin.example.com' } },
      /api.domainName: 'https:\/\/origin.example.com'/,
    ],
    [
      'an API without paths',
      { api: { domainName: 'origin.example.com', pathPatterns: [], webSocketPathPatterns: [] } },
      /api: list at least one path pattern/,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(errorFor(overrides)).toMatch(expected);
  });

  test('names the construct, and reports every problem at once', () => {
    const message = errorFor({ domainNames: ['Example.com'], priceClass: untyped('cheap') });
    expect(message).toMatch(/^StaticSite test\/site: /);
    expect(message).toMatch(/domainNames\[0\]/);
    expect(message).toMatch(/priceClass/);
  });

  test('wildcard aliases are accepted', () => {
    expect(() =>
      synthConstructs(
        (scope) => new StaticSite(scope, 'site', { ...BASE_PROPS, domainNames: ['*.example.com'] }),
      ),
    ).not.toThrow();
  });

  test('tokens are left to Terraform', () => {
    expect(() =>
      synthConstructs((scope) => {
        const domain = new TerraformVariable(scope, 'domain', { type: 'string' }).stringValue;
        const cert = new TerraformVariable(scope, 'cert', { type: 'string' }).stringValue;
        new StaticSite(scope, 'site', { ...BASE_PROPS, domainNames: [domain], certificateArn: cert });
      }),
    ).not.toThrow();
  });
});
