import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy';
import {
  CloudfrontDistribution,
  CloudfrontDistributionOrderedCacheBehavior,
  CloudfrontDistributionOrigin,
} from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { EncryptionKey, KeyServiceGrant } from '../security/encryption-key';
import {
  expiringLogsRules,
  logDeliveryKeyGrant,
  logDeliveryStatements,
  logSourceCondition,
} from '../storage/log-delivery';
import { SecureBucket } from '../storage/secure-bucket';
import { defaultSecurityHeaders, SecurityHeaders, securityHeadersViolations } from './security-headers';
import {
  cloudFrontCertificateViolation,
  cloudFrontWebAclViolation,
  domainNameViolation,
  listViolations,
  MAX_ALIASES,
  pathPatternViolation,
  PRICE_CLASSES,
  PriceClass,
} from './static-site-validation';

/** AWS managed cache policy `Managed-CachingDisabled`: nothing cached, nothing in the cache key. */
export const MANAGED_CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
/** AWS managed cache policy `Managed-CachingOptimized`: honours origin Cache-Control, 1 day default, gzip and brotli. */
export const MANAGED_CACHING_OPTIMIZED_POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/**
 * AWS managed origin request policy `Managed-AllViewerExceptHostHeader`: every viewer header
 * (WebSocket `Sec-WebSocket-*` included), cookie and query string goes to the origin, except Host,
 * so the origin's TLS certificate is checked against the origin's own name.
 */
export const MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** One year, in seconds: how long content-hashed assets are cached. */
export const IMMUTABLE_TTL_SECONDS = 31_536_000;
/** Seconds the default behavior caches when the origin says nothing (non-hashed files, SPA routes). */
export const DEFAULT_SHORT_TTL_SECONDS = 60;
/** Longest the default behavior caches, whatever the origin says. */
export const DEFAULT_MAX_TTL_SECONDS = 300;
/** Seconds CloudFront caches an error response of the site bucket. */
export const ERROR_CACHING_SECONDS = 10;
/** The minimum TLS policy viewers get: TLS 1.2 with modern ciphers only. */
export const VIEWER_MINIMUM_PROTOCOL_VERSION = 'TLSv1.2_2021';
/** Where CloudFront standard logging (v2) resources must live. */
export const CLOUDFRONT_LOG_DELIVERY_REGION = 'us-east-1';
/** Days a noncurrent object version (an overwritten or deleted file) is kept. */
export const STATIC_SITE_NONCURRENT_DAYS = 30;

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const READ_METHODS = ['GET', 'HEAD'];
const S3_ORIGIN_ID = 'site-bucket';
const API_ORIGIN_ID = 'api';
const CLOUDFRONT = 'cloudfront.amazonaws.com';
const MAX_NAME_PREFIX_LENGTH = 40;

/** What the viewer-request function of the site behaviors does. */
export interface ViewerRequestOptions {
  /** Answer 301 to `https://<primaryDomain><path>` for any other host name (www → apex). @default none */
  readonly primaryDomain?: string;
  /** Rewrite paths without a file extension (client-side routes) to `/index.html`. */
  readonly spaFallback: boolean;
}

/**
 * The CloudFront Function (cloudfront-js-2.0) for the site's behaviors. A behavior takes one
 * viewer-request function, so the redirect to the primary domain and the SPA fallback share one.
 * Only the site behaviors run it: API responses (a real 404 from the API) are never rewritten.
 */
export function viewerRequestFunctionCode(options: ViewerRequestOptions): string {
  const lines = ['function handler(event) {', '  var request = event.request;'];
  if (options.primaryDomain) {
    lines.push(
      "  var host = request.headers.host ? request.headers.host.value : '';",
      `  if (host !== '${options.primaryDomain}') {`,
      '    var query = Object.keys(request.querystring).map(function (key) {',
      '      var value = request.querystring[key];',
      "      return value.multiValue ? value.multiValue.map(function (v) { return key + '=' + v.value; }).join('&') : key + (value.value ? '=' + value.value : '');",
      "    }).join('&');",
      '    return {',
      '      statusCode: 301,',
      "      statusDescription: 'Moved Permanently',",
      `      headers: { location: { value: 'https://${options.primaryDomain}' + request.uri + (query ? '?' + query : '') } },`,
      '    };',
      '  }',
    );
  }
  if (options.spaFallback) {
    lines.push(
      '  var uri = request.uri;',
      "  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {",
      "    request.uri = '/index.html';",
      '  }',
    );
  }
  lines.push('  return request;', '}', '');
  return lines.join('\n');
}

/**
 * Rewrites every path without a file extension (a client-side route such as `/orders/42`) to
 * `/index.html`, so the single-page app's router handles it.
 */
export const SPA_FALLBACK_FUNCTION_CODE = viewerRequestFunctionCode({ spaFallback: true });

/** The API behind the distribution: a load balancer reached over HTTPS. */
export interface StaticSiteApiOrigin {
  /**
   * DNS name CloudFront connects to, covered by the load balancer's certificate, e.g.
   * `origin.example.com` (an alias record to the ALB). Not the ALB's own `*.elb.amazonaws.com`
   * name: no certificate can cover it, and CloudFront checks the origin certificate against it.
   */
  readonly domainName: string;
  /** Path patterns of the API: not cached, every method, every viewer header, cookie and query string. @default ['/api/*'] */
  readonly pathPatterns?: string[];
  /** Path patterns of WebSocket endpoints, behaving like {@link pathPatterns}. @default ['/ws*'] */
  readonly webSocketPathPatterns?: string[];
}

/** How the site and log buckets encrypt objects. */
export type StaticSiteBucketEncryption = 'sse-kms' | 'sse-s3';

/** Props of {@link StaticSite}. */
export interface StaticSiteProps {
  /** Prefix of every name, e.g. `platform-prod`: lowercase letters, digits, hyphens, at most 40 characters. */
  readonly namePrefix: string;
  /** Domain names the site answers to (CloudFront aliases), e.g. `['example.com', 'www.example.com']`. */
  readonly domainNames: string[];
  /** ARN of an ACM certificate in us-east-1 covering every domain name. */
  readonly certificateArn: string;
  /** Security headers on every response. @default defaultSecurityHeaders() */
  readonly securityHeaders?: SecurityHeaders;
  /** The API origin and its paths. @default none: a static site only */
  readonly api?: StaticSiteApiOrigin;
  /**
   * Path patterns of content-hashed files, cached for a year at the edge (immutable: a new build
   * gets new names). Only list files whose name changes with their content.
   * @default ['/assets/*']
   */
  readonly immutablePathPatterns?: string[];
  /** Serve `/index.html` for paths without a file extension (client-side routes). @default true */
  readonly spaFallback?: boolean;
  /**
   * Answer 301 to the first of `domainNames` for every other name (e.g. www → apex), so the site
   * has one canonical origin (cookies, CORS, HSTS preload). @default true when there are two or more names
   */
  readonly redirectToPrimaryDomain?: boolean;
  /** Edge locations that serve the site. @default 'PriceClass_100' (North America, Europe, Israel) */
  readonly priceClass?: PriceClass;
  /** ARN of a WAFv2 web ACL of CloudFront scope. @default none */
  readonly webAclArn?: string;
  /**
   * Encryption of the site and log buckets. SSE-KMS works with an origin access control (not with
   * the legacy origin access identity): the key policy lets CloudFront decrypt for this distribution only.
   * @default 'sse-kms'
   */
  readonly bucketEncryption?: StaticSiteBucketEncryption;
  /** CloudFront standard logging (v2) to a log bucket. @default true */
  readonly accessLogs?: boolean;
  /** Days access logs are kept. @default 90 */
  readonly accessLogRetentionDays?: number;
  /** Refuse `terraform destroy` of the buckets and the key. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * A CDN for a single-page app: a private, versioned S3 bucket read only by this distribution
 * through an origin access control (SigV4), HTTPS only with TLS 1.2+, HTTP/2 and HTTP/3, IPv6,
 * year-long caching of hashed assets and no caching of `index.html`, an optional API and WebSocket
 * origin with caching off, the project's security headers on every behavior, and standard logging (v2)
 * to a private log bucket.
 */
export class StaticSite extends Construct {
  /** The distribution. */
  readonly distribution: CloudfrontDistribution;
  /** Id of the distribution, for `aws cloudfront create-invalidation`. */
  readonly distributionId: string;
  /** ARN of the distribution. */
  readonly distributionArn: string;
  /** CloudFront's own domain name, e.g. `d111111abcdef8.cloudfront.net`: the target of DNS records. */
  readonly distributionDomainName: string;
  /** Route 53 hosted zone id of CloudFront, for alias records. */
  readonly distributionHostedZoneId: string;
  /** The bucket holding the site's files. */
  readonly siteBucket: SecureBucket;
  /** How CloudFront signs its requests to the bucket. */
  readonly originAccessControl: CloudfrontOriginAccessControl;
  /** The security headers policy on every behavior. */
  readonly responseHeadersPolicy: CloudfrontResponseHeadersPolicy;
  /** Cache policy of content-hashed assets: one year. */
  readonly immutableCachePolicy: CloudfrontCachePolicy;
  /** Cache policy of the default behavior: short, honouring the origin's Cache-Control. */
  readonly defaultCachePolicy: CloudfrontCachePolicy;
  /** The viewer-request function of the site behaviors (redirect to the primary domain, SPA fallback), when either is on. */
  readonly viewerRequestFunction?: CloudfrontFunction;
  /** The KMS key of both buckets, with SSE-KMS. */
  readonly key?: EncryptionKey;
  /** The access log bucket, when access logs are on. */
  readonly logBucket?: SecureBucket;
  /** The distribution as a log source (us-east-1), when access logs are on. */
  readonly logDeliverySource?: CloudwatchLogDeliverySource;
  /** The log bucket as a log destination (us-east-1), when access logs are on. */
  readonly logDeliveryDestination?: CloudwatchLogDeliveryDestination;
  /** The delivery from source to destination, when access logs are on. */
  readonly logDelivery?: CloudwatchLogDelivery;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    const headers = props.securityHeaders ?? defaultSecurityHeaders();
    const immutablePatterns = props.immutablePathPatterns ?? ['/assets/*'];
    const apiPatterns = props.api ? (props.api.pathPatterns ?? ['/api/*']) : [];
    const webSocketPatterns = props.api ? (props.api.webSocketPathPatterns ?? ['/ws*']) : [];
    const encryption = props.bucketEncryption ?? 'sse-kms';
    const accessLogs = props.accessLogs ?? true;
    const retentionDays = props.accessLogRetentionDays ?? 90;
    const priceClass = props.priceClass ?? 'PriceClass_100';
    validate(this.node.path, props, {
      headers,
      immutablePatterns,
      apiPatterns,
      webSocketPatterns,
      retentionDays,
    });

    const aws = awsContext(this);
    const name = (...parts: string[]) => resourceName('cloudfront', props.namePrefix, ...parts);
    const bucketName = (suffix: string) =>
      // A token, so SecureBucket cannot check it: validate() bounds namePrefix so it fits in 63.
      `${resourceName('s3Bucket', props.namePrefix, suffix)}-${aws.accountId}`;

    this.originAccessControl = new CloudfrontOriginAccessControl(this, 'oac', {
      name: name('site'),
      description: `Signs CloudFront requests to the ${props.namePrefix} site bucket`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });

    this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: name('security-headers'),
      comment: `Security headers of ${props.namePrefix}`,
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: headers.hsts.maxAgeSeconds,
          includeSubdomains: headers.hsts.includeSubdomains,
          preload: headers.hsts.preload,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true },
        frameOptions: { frameOption: headers.frameOptions, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: headers.referrerPolicy, override: true },
      },
      customHeadersConfig: {
        items: [{ header: 'Permissions-Policy', value: headers.permissionsPolicy, override: true }],
      },
    });

    const staticKey = {
      cookiesConfig: { cookieBehavior: 'none' },
      headersConfig: { headerBehavior: 'none' },
      queryStringsConfig: { queryStringBehavior: 'none' },
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    };
    this.immutableCachePolicy = new CloudfrontCachePolicy(this, 'immutable-cache', {
      name: name('immutable-assets'),
      comment: 'Content-hashed assets: cached for a year whatever the origin says',
      minTtl: IMMUTABLE_TTL_SECONDS,
      defaultTtl: IMMUTABLE_TTL_SECONDS,
      maxTtl: IMMUTABLE_TTL_SECONDS,
      parametersInCacheKeyAndForwardedToOrigin: staticKey,
    });
    this.defaultCachePolicy = new CloudfrontCachePolicy(this, 'default-cache', {
      name: name('site-default'),
      comment: 'Non-hashed files and SPA routes: short, so a deploy shows within minutes',
      minTtl: 0,
      defaultTtl: DEFAULT_SHORT_TTL_SECONDS,
      maxTtl: DEFAULT_MAX_TTL_SECONDS,
      parametersInCacheKeyAndForwardedToOrigin: staticKey,
    });

    const spaFallback = props.spaFallback ?? true;
    const redirect = (props.redirectToPrimaryDomain ?? true) && props.domainNames.length > 1;
    if (spaFallback || redirect) {
      this.viewerRequestFunction = new CloudfrontFunction(this, 'viewer-request', {
        name: name('viewer-request'),
        comment: [redirect && `301 to ${props.domainNames[0]}`, spaFallback && 'SPA routes to /index.html']
          .filter(Boolean)
          .join('; '),
        runtime: 'cloudfront-js-2.0',
        publish: true,
        code: viewerRequestFunctionCode({
          primaryDomain: redirect ? props.domainNames[0] : undefined,
          spaFallback,
        }),
      });
    }
    const siteFunctions = this.viewerRequestFunction
      ? [{ eventType: 'viewer-request', functionArn: this.viewerRequestFunction.arn }]
      : undefined;

    const distributionArn = Lazy.stringValue({ produce: () => this.distributionArn });
    const fromThisAccountsLogs = logSourceCondition(
      aws.partition,
      CLOUDFRONT_LOG_DELIVERY_REGION,
      aws.accountId,
    );
    if (encryption === 'sse-kms') {
      const grants: KeyServiceGrant[] = [
        {
          // Reads through the OAC are signed by CloudFront, which then needs the key (AWS: "SSE-KMS with OAC").
          servicePrincipal: CLOUDFRONT,
          actions: ['kms:Decrypt'],
          // Lazy: the distribution is declared below, and needs the bucket (encrypted with this key) first.
          conditions: { StringEquals: { 'AWS:SourceArn': distributionArn } },
        },
      ];
      if (accessLogs) {
        grants.push(logDeliveryKeyGrant(fromThisAccountsLogs));
      }
      this.key = new EncryptionKey(this, 'key', {
        alias: `${props.namePrefix}-static-site`,
        description: `Encrypts the site and access log buckets of ${props.namePrefix}`,
        preventDestroy: props.preventDestroy,
        serviceGrants: grants,
      });
    }
    const bucketEncryption = this.key
      ? ({ type: 'sse-kms', keyArn: this.key.keyArn } as const)
      : ({ type: 'sse-s3' } as const);

    this.siteBucket = new SecureBucket(this, 'site-bucket', {
      bucketName: bucketName('site'),
      encryption: bucketEncryption,
      preventDestroy: props.preventDestroy,
      tags: { Name: resourceName('generic', props.namePrefix, 'static-site') },
      lifecycleRules: [
        {
          // Every deploy overwrites index.html: keep old versions long enough to roll back, not forever.
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: STATIC_SITE_NONCURRENT_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const origins: CloudfrontDistributionOrigin[] = [
      {
        originId: S3_ORIGIN_ID,
        // The regional name: the global one redirects (307) for a while after the bucket is created.
        domainName: this.siteBucket.bucket.bucketRegionalDomainName,
        originAccessControlId: this.originAccessControl.id,
      },
    ];

    const staticBehavior = (
      pathPattern: string,
      cachePolicyId: string,
    ): CloudfrontDistributionOrderedCacheBehavior => ({
      pathPattern,
      targetOriginId: S3_ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: READ_METHODS,
      cachedMethods: READ_METHODS,
      compress: true,
      cachePolicyId,
      responseHeadersPolicyId: this.responseHeadersPolicy.id,
      // The redirect covers files too; the SPA rewrite never touches a path with an extension.
      functionAssociation: redirect ? siteFunctions : undefined,
    });
    const orderedBehaviors: CloudfrontDistributionOrderedCacheBehavior[] = [
      ...[...apiPatterns, ...webSocketPatterns].map(
        (pathPattern): CloudfrontDistributionOrderedCacheBehavior => ({
          pathPattern,
          targetOriginId: API_ORIGIN_ID,
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: ALL_METHODS,
          cachedMethods: READ_METHODS,
          compress: true,
          cachePolicyId: MANAGED_CACHING_DISABLED_POLICY_ID,
          originRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
          responseHeadersPolicyId: this.responseHeadersPolicy.id,
        }),
      ),
      staticBehavior('/index.html', MANAGED_CACHING_DISABLED_POLICY_ID),
      ...immutablePatterns.map((pattern) => staticBehavior(pattern, this.immutableCachePolicy.id)),
    ];
    if (props.api) {
      origins.push({
        originId: API_ORIGIN_ID,
        domainName: props.api.domainName,
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: 'https-only',
          originSslProtocols: ['TLSv1.2'],
        },
      });
    }

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      comment: `${props.namePrefix} static site`,
      enabled: true,
      aliases: props.domainNames,
      defaultRootObject: 'index.html',
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass,
      webAclId: props.webAclArn,
      origin: origins,
      defaultCacheBehavior: {
        targetOriginId: S3_ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: READ_METHODS,
        cachedMethods: READ_METHODS,
        compress: true,
        cachePolicyId: this.defaultCachePolicy.id,
        responseHeadersPolicyId: this.responseHeadersPolicy.id,
        functionAssociation: siteFunctions,
      },
      orderedCacheBehavior: orderedBehaviors,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: VIEWER_MINIMUM_PROTOCOL_VERSION,
      },
      tags: { Name: resourceName('generic', props.namePrefix, 'static-site') },
    });
    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.distributionDomainName = this.distribution.domainName;
    this.distributionHostedZoneId = this.distribution.hostedZoneId;

    this.siteBucket.addToPolicy({
      Sid: 'AllowCloudFrontReadForThisDistribution',
      Effect: 'Allow',
      Principal: { Service: CLOUDFRONT },
      Action: 's3:GetObject',
      Resource: this.siteBucket.arnForObjects('*'),
      Condition: { StringEquals: { 'AWS:SourceArn': this.distributionArn } },
    });

    if (accessLogs) {
      this.logBucket = new SecureBucket(this, 'log-bucket', {
        bucketName: bucketName('cdn-logs'),
        encryption: bucketEncryption,
        preventDestroy: props.preventDestroy,
        tags: { Name: resourceName('generic', props.namePrefix, 'cdn-logs') },
        lifecycleRules: expiringLogsRules('expire-access-logs', retentionDays, STATIC_SITE_NONCURRENT_DAYS),
      });
      // Vended log delivery to S3 (AWS: "Logs sent to Amazon S3"): works with ACLs disabled.
      this.logBucket.addToPolicy(
        ...logDeliveryStatements(this.logBucket, aws.accountId, fromThisAccountsLogs),
      );
      this.logDeliverySource = new CloudwatchLogDeliverySource(this, 'log-source', {
        region: CLOUDFRONT_LOG_DELIVERY_REGION,
        name: name('access-logs'),
        logType: 'ACCESS_LOGS',
        resourceArn: this.distributionArn,
      });
      this.logDeliveryDestination = new CloudwatchLogDeliveryDestination(this, 'log-destination', {
        region: CLOUDFRONT_LOG_DELIVERY_REGION,
        name: name('access-logs-s3'),
        outputFormat: 'parquet',
        deliveryDestinationConfiguration: [{ destinationResourceArn: this.logBucket.bucketArn }],
      });
      this.logDelivery = new CloudwatchLogDelivery(this, 'log-delivery', {
        region: CLOUDFRONT_LOG_DELIVERY_REGION,
        deliverySourceName: this.logDeliverySource.name,
        deliveryDestinationArn: this.logDeliveryDestination.arn,
        // Without the bucket policy in place, delivery fails its permission check.
        dependsOn: this.logBucket.readiness,
      });
    }
  }
}

interface Resolved {
  readonly headers: SecurityHeaders;
  readonly immutablePatterns: readonly string[];
  readonly apiPatterns: readonly string[];
  readonly webSocketPatterns: readonly string[];
  readonly retentionDays: number;
}

function validate(path: string, props: StaticSiteProps, resolved: Resolved): void {
  const problems: string[] = [];
  const prefix = props.namePrefix;
  if (!Token.isUnresolved(prefix)) {
    if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(prefix) || prefix.includes('--')) {
      problems.push(
        `namePrefix: '${prefix}' must be lowercase letters, digits and single hyphens, starting with a letter`,
      );
    } else if (prefix.length > MAX_NAME_PREFIX_LENGTH) {
      problems.push(
        `namePrefix: '${prefix}' is ${prefix.length} characters; at most ${MAX_NAME_PREFIX_LENGTH} so '<namePrefix>-cdn-logs-<account id>' fits S3's 63`,
      );
    }
  }
  if (props.domainNames.length === 0) problems.push('domainNames: list at least one domain name');
  if (props.domainNames.length > MAX_ALIASES) {
    problems.push(`domainNames: CloudFront accepts ${MAX_ALIASES} aliases, got ${props.domainNames.length}`);
  }
  problems.push(...listViolations('domainNames', props.domainNames, (n) => domainNameViolation(n)));
  const certificate = cloudFrontCertificateViolation(props.certificateArn);
  if (certificate) problems.push(`certificateArn: ${certificate}`);
  if (props.webAclArn !== undefined) {
    const webAcl = cloudFrontWebAclViolation(props.webAclArn);
    if (webAcl) problems.push(`webAclArn: ${webAcl}`);
  }
  if (props.priceClass !== undefined && !(PRICE_CLASSES as readonly string[]).includes(props.priceClass)) {
    problems.push(`priceClass: '${String(props.priceClass)}' is not one of ${PRICE_CLASSES.join(', ')}`);
  }
  const encryption = props.bucketEncryption;
  if (encryption !== undefined && encryption !== 'sse-kms' && encryption !== 'sse-s3') {
    problems.push(`bucketEncryption: '${String(encryption)}' is not one of sse-kms, sse-s3`);
  }
  if (!Number.isInteger(resolved.retentionDays) || resolved.retentionDays < 1) {
    problems.push(
      `accessLogRetentionDays: must be a whole number of days, at least 1, got ${resolved.retentionDays}`,
    );
  }
  problems.push(...securityHeadersViolations(resolved.headers).map((p) => `securityHeaders.${p}`));

  const seen = new Map<string, string>([['/index.html', 'the index.html behavior']]);
  problems.push(...listViolations('api.pathPatterns', resolved.apiPatterns, pathPatternViolation, seen));
  problems.push(
    ...listViolations('api.webSocketPathPatterns', resolved.webSocketPatterns, pathPatternViolation, seen),
  );
  problems.push(
    ...listViolations('immutablePathPatterns', resolved.immutablePatterns, pathPatternViolation, seen),
  );
  if (props.api) {
    const apiDomain = props.api.domainName;
    if (!Token.isUnresolved(apiDomain)) {
      const why = domainNameViolation(apiDomain, false);
      if (why) problems.push(`api.domainName: '${apiDomain}' ${why}`);
      else if (apiDomain.endsWith('.elb.amazonaws.com')) {
        problems.push(
          `api.domainName: '${apiDomain}' is the load balancer's own name, which no certificate covers; use a name of yours pointing at it (e.g. origin.example.com)`,
        );
      }
    }
    if (resolved.apiPatterns.length + resolved.webSocketPatterns.length === 0) {
      problems.push('api: list at least one path pattern, or leave the API out');
    }
  }
  if (problems.length > 0) throw new Error(`StaticSite ${path}: ${problems.join('; ')}`);
}
