import {
  defaultSecurityHeaders,
  IMMUTABLE_TTL_SECONDS,
  MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  MANAGED_CACHING_DISABLED_POLICY_ID,
  SPA_FALLBACK_FUNCTION_CODE,
  StaticSite,
  StaticSiteProps,
} from '../../lib/edge';
import {
  list,
  onlyResource,
  onlyResourceId,
  parsePolicy,
  policyOf,
  ref,
  resources,
  statement,
  synthConstructs,
  TerraformJson,
  TfResource,
} from '../support/synth';
import { denyInsecureTransport, denyTlsOlderThan12 } from '../support/s3-policy';

const CERTIFICATE = 'arn:aws:acm:us-east-1:222222222222:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:222222222222:global/webacl/platform-prod-cdn/0a1b2c3d-1111-2222-3333-444455556666';

const BASE_PROPS: StaticSiteProps = {
  namePrefix: 'platform-prod',
  domainNames: ['example.com', 'www.example.com'],
  certificateArn: CERTIFICATE,
};

const WITH_API: Partial<StaticSiteProps> = { api: { domainName: 'origin.example.com' } };

interface Synthesized {
  readonly json: TerraformJson;
  readonly site: StaticSite;
}

function synthSite(overrides: Partial<StaticSiteProps> = {}): Synthesized {
  let site: StaticSite | undefined;
  const json = synthConstructs((scope) => {
    site = new StaticSite(scope, 'site', { ...BASE_PROPS, ...overrides });
  });
  return { json, site: site! };
}

type Behavior = Record<string, unknown>;

function distributionOf(json: TerraformJson): TfResource {
  return onlyResource(json, 'aws_cloudfront_distribution');
}

function orderedBehaviors(json: TerraformJson): Behavior[] {
  return distributionOf(json).ordered_cache_behavior as Behavior[];
}

function behaviorFor(json: TerraformJson, pathPattern: string): Behavior {
  const found = orderedBehaviors(json).find((b) => b.path_pattern === pathPattern);
  if (!found) throw new Error(`no behavior for ${pathPattern}`);
  return found;
}

function allBehaviors(json: TerraformJson): Behavior[] {
  return [distributionOf(json).default_cache_behavior as Behavior, ...orderedBehaviors(json)];
}

/** The S3 bucket resource whose bucket name starts with `prefix`, as [Terraform name, arguments]. */
function bucketNamed(json: TerraformJson, prefix: string): [string, TfResource] {
  const found = Object.entries(resources(json, 'aws_s3_bucket')).filter(([, b]) =>
    String(b.bucket).startsWith(prefix),
  );
  if (found.length !== 1) throw new Error(`expected one bucket named ${prefix}*, found ${found.length}`);
  return found[0];
}

function policyOfBucket(json: TerraformJson, bucketName: string): TfResource {
  const found = Object.values(resources(json, 'aws_s3_bucket_policy')).filter(
    (p) => p.bucket === ref('aws_s3_bucket', bucketName),
  );
  if (found.length !== 1) throw new Error(`expected one policy of ${bucketName}, found ${found.length}`);
  return found[0];
}

const distributionArn = (json: TerraformJson) =>
  ref('aws_cloudfront_distribution', onlyResourceId(json, 'aws_cloudfront_distribution'), 'arn');

describe('StaticSite distribution', () => {
  const { json } = synthSite(WITH_API);
  const distribution = distributionOf(json);

  test('exposes what DNS records and deploys need', () => {
    const { site } = synthSite(WITH_API);
    for (const value of [site.distributionId, site.distributionDomainName, site.distributionHostedZoneId]) {
      expect(value).toMatch(/TfToken/);
    }
  });

  test('answers to the domain names with the us-east-1 certificate, SNI and TLS 1.2 (2021 ciphers)', () => {
    expect(distribution.aliases).toEqual(['example.com', 'www.example.com']);
    expect(distribution.viewer_certificate).toEqual({
      acm_certificate_arn: CERTIFICATE,
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
  });

  test('is enabled, HTTP/2 and HTTP/3, IPv6, index.html root, PriceClass_100, no geo restriction, no WAF', () => {
    expect(distribution.enabled).toBe(true);
    expect(distribution.http_version).toBe('http2and3');
    expect(distribution.is_ipv6_enabled).toBe(true);
    expect(distribution.default_root_object).toBe('index.html');
    expect(distribution.price_class).toBe('PriceClass_100');
    expect(distribution.restrictions).toEqual({ geo_restriction: { restriction_type: 'none' } });
    expect(distribution.web_acl_id).toBeUndefined();
    // No legacy logging: it needs bucket ACLs, which SecureBucket disables.
    expect(distribution.logging_config).toBeUndefined();
  });

  test('redirects HTTP to HTTPS and compresses on every behavior', () => {
    const behaviors = allBehaviors(json);
    expect(behaviors).toHaveLength(5); // default, /api/*, /ws*, /index.html, /assets/*
    for (const behavior of behaviors) {
      expect(behavior.viewer_protocol_policy).toBe('redirect-to-https');
      expect(behavior.compress).toBe(true);
    }
  });

  test('attaches the security headers policy to every behavior', () => {
    const policyId = ref(
      'aws_cloudfront_response_headers_policy',
      onlyResourceId(json, 'aws_cloudfront_response_headers_policy'),
    );
    for (const behavior of allBehaviors(json)) {
      expect(behavior.response_headers_policy_id).toBe(policyId);
    }
  });

  test('orders API behaviors first, then index.html, then hashed assets', () => {
    expect(orderedBehaviors(json).map((b) => b.path_pattern)).toEqual([
      '/api/*',
      '/ws*',
      '/index.html',
      '/assets/*',
    ]);
  });
});

describe('StaticSite site bucket', () => {
  const { json, site } = synthSite();
  const [bucketName, bucket] = bucketNamed(json, 'platform-prod-site-');

  test('is versioned, private, owner-enforced and KMS-encrypted', () => {
    expect(bucket.force_destroy).toBe(false);
    const bucketRef = ref('aws_s3_bucket', bucketName);
    const versioning = Object.values(resources(json, 'aws_s3_bucket_versioning')).find(
      (v) => v.bucket === bucketRef,
    );
    expect(versioning?.versioning_configuration).toEqual({ status: 'Enabled' });
    const block = Object.values(resources(json, 'aws_s3_bucket_public_access_block')).find(
      (b) => b.bucket === bucketRef,
    );
    expect(block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const encryption = Object.values(
      resources(json, 'aws_s3_bucket_server_side_encryption_configuration'),
    ).find((e) => e.bucket === bucketRef);
    const rule = list(encryption?.rule as Record<string, unknown>[])[0];
    expect(rule.apply_server_side_encryption_by_default).toMatchObject({ sse_algorithm: 'aws:kms' });
    expect(site.siteBucket.bucket).toBeDefined();
  });

  test('policy: TLS-only, and GetObject for CloudFront of this distribution only', () => {
    const bucketArn = ref('aws_s3_bucket', bucketName, 'arn');
    const policy = policyOf(policyOfBucket(json, bucketName));
    expect(policy.Statement).toContainEqual(denyInsecureTransport(bucketArn));
    expect(policy.Statement).toContainEqual(denyTlsOlderThan12(bucketArn));
    expect(statement(policy, 'AllowCloudFrontReadForThisDistribution')).toEqual({
      Sid: 'AllowCloudFrontReadForThisDistribution',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${bucketArn}/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': distributionArn(json) } },
    });
    // Nothing else is allowed: no public, no list.
    const allows = policy.Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
  });

  test('is read through a SigV4 origin access control that always signs', () => {
    const oacId = onlyResourceId(json, 'aws_cloudfront_origin_access_control');
    expect(onlyResource(json, 'aws_cloudfront_origin_access_control')).toMatchObject({
      name: 'platform-prod-site',
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    });
    const origins = distributionOf(json).origin as Record<string, unknown>[];
    expect(origins).toHaveLength(1);
    expect(origins[0]).toMatchObject({
      origin_access_control_id: ref('aws_cloudfront_origin_access_control', oacId),
      domain_name: ref('aws_s3_bucket', bucketName, 'bucket_regional_domain_name'),
    });
    expect(origins[0].s3_origin_config).toBeUndefined();
  });

  test('KMS key lets CloudFront decrypt for this distribution only', () => {
    const key = Object.values(resources(json, 'aws_kms_key'))[0];
    const policy = parsePolicy(key.policy);
    const cloudfront = policy.Statement.find(
      (s) => s.Principal !== '*' && s.Principal?.Service === 'cloudfront.amazonaws.com',
    );
    expect(cloudfront).toMatchObject({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Condition: { StringEquals: { 'AWS:SourceArn': distributionArn(json) } },
    });
  });

  test('SSE-S3 when asked: no KMS key', () => {
    const { json: s3 } = synthSite({ bucketEncryption: 'sse-s3' });
    expect(resources(s3, 'aws_kms_key')).toEqual({});
    for (const encryption of Object.values(
      resources(s3, 'aws_s3_bucket_server_side_encryption_configuration'),
    )) {
      const rule = list(encryption.rule as Record<string, unknown>[])[0];
      expect(rule.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
    }
  });
});

describe('StaticSite caching', () => {
  const { json } = synthSite(WITH_API);

  test('hashed assets: a one-year cache policy, nothing in the cache key, gzip and brotli', () => {
    const policies = resources(json, 'aws_cloudfront_cache_policy');
    const [immutableId, immutable] = Object.entries(policies).find(
      ([, p]) => p.name === 'platform-prod-immutable-assets',
    )!;
    expect(immutable).toMatchObject({
      min_ttl: IMMUTABLE_TTL_SECONDS,
      default_ttl: IMMUTABLE_TTL_SECONDS,
      max_ttl: IMMUTABLE_TTL_SECONDS,
      parameters_in_cache_key_and_forwarded_to_origin: {
        cookies_config: { cookie_behavior: 'none' },
        headers_config: { header_behavior: 'none' },
        query_strings_config: { query_string_behavior: 'none' },
        enable_accept_encoding_gzip: true,
        enable_accept_encoding_brotli: true,
      },
    });
    expect(behaviorFor(json, '/assets/*')).toMatchObject({
      cache_policy_id: ref('aws_cloudfront_cache_policy', immutableId),
      allowed_methods: ['GET', 'HEAD'],
      target_origin_id: 'site-bucket',
    });
  });

  test('index.html is never cached; the default behavior caches briefly', () => {
    expect(behaviorFor(json, '/index.html').cache_policy_id).toBe(MANAGED_CACHING_DISABLED_POLICY_ID);
    const [shortId, short] = Object.entries(resources(json, 'aws_cloudfront_cache_policy')).find(
      ([, p]) => p.name === 'platform-prod-site-default',
    )!;
    expect(short).toMatchObject({ min_ttl: 0, default_ttl: 60, max_ttl: 300 });
    const defaultBehavior = distributionOf(json).default_cache_behavior as Behavior;
    expect(defaultBehavior.cache_policy_id).toBe(ref('aws_cloudfront_cache_policy', shortId));
    expect(defaultBehavior.target_origin_id).toBe('site-bucket');
  });

  test('more immutable patterns become more one-year behaviors', () => {
    const { json: more } = synthSite({ immutablePathPatterns: ['/assets/*', '/static/*.js'] });
    expect(behaviorFor(more, '/static/*.js').cache_policy_id).toBe(
      behaviorFor(more, '/assets/*').cache_policy_id,
    );
  });
});

describe('StaticSite API and WebSocket origin', () => {
  const { json } = synthSite(WITH_API);

  test('the API origin is HTTPS only, TLS 1.2', () => {
    const api = (distributionOf(json).origin as Record<string, unknown>[]).find((o) => o.origin_id === 'api');
    expect(api).toEqual({
      origin_id: 'api',
      domain_name: 'origin.example.com',
      custom_origin_config: {
        http_port: 80,
        https_port: 443,
        origin_protocol_policy: 'https-only',
        origin_ssl_protocols: ['TLSv1.2'],
      },
    });
  });

  test.each(['/api/*', '/ws*'])('%s: caching off, every method, every viewer header but Host', (path) => {
    expect(behaviorFor(json, path)).toMatchObject({
      target_origin_id: 'api',
      cache_policy_id: MANAGED_CACHING_DISABLED_POLICY_ID,
      origin_request_policy_id: MANAGED_ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
      allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
      cached_methods: ['GET', 'HEAD'],
    });
    expect(behaviorFor(json, path).function_association).toBeUndefined();
  });

  test('custom API and WebSocket paths', () => {
    const { json: custom } = synthSite({
      api: {
        domainName: 'origin.example.com',
        pathPatterns: ['/v1/*'],
        webSocketPathPatterns: ['/socket/*'],
      },
    });
    expect(orderedBehaviors(custom).map((b) => b.path_pattern)).toEqual([
      '/v1/*',
      '/socket/*',
      '/index.html',
      '/assets/*',
    ]);
  });

  test('without an API: one origin, no API behavior', () => {
    const { json: plain } = synthSite();
    expect(distributionOf(plain).origin).toHaveLength(1);
    expect(orderedBehaviors(plain).map((b) => b.path_pattern)).toEqual(['/index.html', '/assets/*']);
  });
});

describe('StaticSite security headers', () => {
  test('default headers: HSTS one year with subdomains and preload, CSP, DENY, nosniff, referrer, Permissions-Policy', () => {
    const { json } = synthSite();
    const defaults = defaultSecurityHeaders();
    expect(onlyResource(json, 'aws_cloudfront_response_headers_policy')).toMatchObject({
      name: 'platform-prod-security-headers',
      security_headers_config: {
        strict_transport_security: {
          access_control_max_age_sec: 31536000,
          include_subdomains: true,
          preload: true,
          override: true,
        },
        content_security_policy: { content_security_policy: defaults.contentSecurityPolicy, override: true },
        frame_options: { frame_option: 'DENY', override: true },
        content_type_options: { override: true },
        referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
      },
      custom_headers_config: {
        items: [{ header: 'Permissions-Policy', value: defaults.permissionsPolicy, override: true }],
      },
    });
  });

  test('given headers are used as given', () => {
    const headers = {
      ...defaultSecurityHeaders({ apiOrigin: 'https://api.example.com' }),
      frameOptions: 'SAMEORIGIN' as const,
    };
    const { json } = synthSite({ securityHeaders: headers });
    const policy = onlyResource(json, 'aws_cloudfront_response_headers_policy');
    expect(policy.security_headers_config).toMatchObject({
      frame_options: { frame_option: 'SAMEORIGIN' },
      content_security_policy: {
        content_security_policy: expect.stringContaining('https://api.example.com'),
      },
    });
  });
});

describe('StaticSite options', () => {
  test('SPA fallback (default), one domain: a viewer-request function on the default behavior only', () => {
    const { json } = synthSite({ ...WITH_API, domainNames: ['example.com'] });
    const [fnId, fn] = [
      onlyResourceId(json, 'aws_cloudfront_function'),
      onlyResource(json, 'aws_cloudfront_function'),
    ];
    expect(fn).toMatchObject({
      name: 'platform-prod-viewer-request',
      runtime: 'cloudfront-js-2.0',
      publish: true,
      code: SPA_FALLBACK_FUNCTION_CODE,
    });
    expect((distributionOf(json).default_cache_behavior as Behavior).function_association).toEqual([
      { event_type: 'viewer-request', function_arn: ref('aws_cloudfront_function', fnId, 'arn') },
    ]);
    for (const behavior of orderedBehaviors(json)) expect(behavior.function_association).toBeUndefined();
    // No distribution-wide error rewrite: an API 404 stays a 404.
    expect(distributionOf(json).custom_error_response).toBeUndefined();
  });

  test('the SPA fallback rewrites routes, not files', () => {
    const handler = new Function(`${SPA_FALLBACK_FUNCTION_CODE}; return handler;`)() as (e: {
      request: { uri: string };
    }) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/orders/42')).toBe('/index.html');
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/favicon.ico')).toBe('/favicon.ico');
    expect(rewrite('/v1.2/orders')).toBe('/index.html');
  });

  test('www redirects to the primary domain (default with two names) on every site behavior, not the API', () => {
    const { json } = synthSite(WITH_API);
    const fnId = onlyResourceId(json, 'aws_cloudfront_function');
    const association = [
      { event_type: 'viewer-request', function_arn: ref('aws_cloudfront_function', fnId, 'arn') },
    ];
    expect((distributionOf(json).default_cache_behavior as Behavior).function_association).toEqual(
      association,
    );
    for (const behavior of orderedBehaviors(json)) {
      const isApi = behavior.target_origin_id === 'api';
      expect(behavior.function_association).toEqual(isApi ? undefined : association);
    }
    const code = onlyResource(json, 'aws_cloudfront_function').code as string;
    const handler = new Function(`${code}; return handler;`)() as (e: unknown) => Record<string, unknown>;
    const request = (host: string, uri: string, querystring: Record<string, unknown> = {}) => ({
      request: { uri, headers: { host: { value: host } }, querystring },
    });
    expect(handler(request('www.example.com', '/orders/42', { a: { value: '1' } }))).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: 'https://example.com/orders/42?a=1' } },
    });
    expect(handler(request('example.com', '/orders/42')).uri).toBe('/index.html');
    expect(handler(request('example.com', '/app.js')).uri).toBe('/app.js');
  });

  test('redirect off: the SPA fallback alone, on the default behavior', () => {
    const { json } = synthSite({ redirectToPrimaryDomain: false });
    expect(onlyResource(json, 'aws_cloudfront_function').code).toBe(SPA_FALLBACK_FUNCTION_CODE);
    for (const behavior of orderedBehaviors(json)) expect(behavior.function_association).toBeUndefined();
  });

  test('SPA fallback and redirect off: no function', () => {
    const { json } = synthSite({ spaFallback: false, redirectToPrimaryDomain: false });
    expect(resources(json, 'aws_cloudfront_function')).toEqual({});
    expect((distributionOf(json).default_cache_behavior as Behavior).function_association).toBeUndefined();
  });

  test.each(['PriceClass_200', 'PriceClass_All'] as const)('price class %s', (priceClass) => {
    expect(distributionOf(synthSite({ priceClass }).json).price_class).toBe(priceClass);
  });

  test('WAF web ACL attached by ARN', () => {
    expect(distributionOf(synthSite({ webAclArn: WEB_ACL }).json).web_acl_id).toBe(WEB_ACL);
  });
});

describe('StaticSite access logs', () => {
  const { json } = synthSite();

  test('standard logging v2 in us-east-1, from the distribution to the log bucket', () => {
    const [logBucketName] = bucketNamed(json, 'platform-prod-cdn-logs-');
    const source = onlyResource(json, 'aws_cloudwatch_log_delivery_source');
    expect(source).toMatchObject({
      region: 'us-east-1',
      log_type: 'ACCESS_LOGS',
      resource_arn: distributionArn(json),
    });
    const destinationId = onlyResourceId(json, 'aws_cloudwatch_log_delivery_destination');
    expect(onlyResource(json, 'aws_cloudwatch_log_delivery_destination')).toMatchObject({
      region: 'us-east-1',
      delivery_destination_configuration: [
        { destination_resource_arn: ref('aws_s3_bucket', logBucketName, 'arn') },
      ],
    });
    const delivery = onlyResource(json, 'aws_cloudwatch_log_delivery');
    expect(delivery).toMatchObject({
      region: 'us-east-1',
      delivery_destination_arn: ref('aws_cloudwatch_log_delivery_destination', destinationId, 'arn'),
    });
    expect(delivery.depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\./)]),
    );
  });

  test('log bucket: delivery may write under AWSLogs/<account>/ only, and logs expire', () => {
    const [logBucketName] = bucketNamed(json, 'platform-prod-cdn-logs-');
    const policy = policyOf(policyOfBucket(json, logBucketName));
    const write = statement(policy, 'AWSLogDeliveryWrite');
    expect(write.Principal).toEqual({ Service: 'delivery.logs.amazonaws.com' });
    expect(write.Resource).toMatch(/\/AWSLogs\/\$\{data\.aws_caller_identity\.[^}]+\.account_id\}\/\*$/);
    const lifecycle = Object.values(resources(json, 'aws_s3_bucket_lifecycle_configuration')).find(
      (l) => l.bucket === ref('aws_s3_bucket', logBucketName),
    );
    expect(JSON.stringify(lifecycle?.rule)).toContain('"days":90');
  });

  test('off: no log bucket, no delivery', () => {
    const { json: off } = synthSite({ accessLogs: false });
    expect(Object.keys(resources(off, 'aws_s3_bucket'))).toHaveLength(1);
    expect(resources(off, 'aws_cloudwatch_log_delivery')).toEqual({});
  });
});
