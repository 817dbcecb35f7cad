import * as z from 'zod';
import { contentSecurityPolicyViolation } from '../lib/edge/security-headers';
import { domainName, report, rule } from './rules';

/* The `edge` section: DNS, certificates, load balancer, CDN, WAF, security headers. */

const dnsSchema = z
  .strictObject({
    provider: z
      .enum(['route53', 'cloudflare'])
      .default('route53')
      .describe('Where the zone is hosted: route53 (AWS) or cloudflare (an existing Cloudflare zone).'),
    zoneName: domainName
      .optional()
      .describe('The zone the domain lives in, e.g. example.com for app.example.com. @default domain.name'),
    createZone: z
      .boolean()
      .default(false)
      .describe('Route 53 only: create the hosted zone (true) or look up an existing one (false).'),
    cloudflareZoneId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, rule('cloudflare-zone-id'))
      .optional()
      .describe('Cloudflare only: the zone id (32 hex characters, from the zone overview page).'),
  })
  .describe(
    'DNS for the domain. The Cloudflare API token comes from CLOUDFLARE_API_TOKEN, never from this file.',
  );

/** The `edge` section of an environment file. */
export const edgeSchema = z
  .strictObject({
    dns: dnsSchema.default(dnsSchema.parse({})),
    apiSubdomain: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, rule('dns-label'))
      .default('api')
      .describe(
        'The API is served at <apiSubdomain>.<domain> (the load balancer) and at /api/* through the CDN.',
      ),
    containerPort: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(65535, rule('range'))
      .default(8080)
      .describe('Port the service containers listen on (the target group port).'),
    healthCheckPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]*$/, rule('url-path'))
      .default('/health')
      .describe('Path the load balancer and the DNS health check request.'),
    loadBalancerIngress: z
      .enum(['internet', 'cloudfront'])
      .default('internet')
      .describe(
        'Who may reach the load balancer: the internet (api.<domain> works directly) or only CloudFront.',
      ),
    webSocketStickinessSeconds: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(604800, rule('range'))
      .optional()
      .describe(
        'Sticky sessions for WebSockets, seconds of the load balancer cookie. @default off (stateless rooms)',
      ),
    contentSecurityPolicy: z
      .string()
      .superRefine((csp, ctx) => {
        const why = contentSecurityPolicyViolation(csp);
        if (why) report(ctx, [], 'content-security-policy', csp, `the policy ${why}`);
      })
      .optional()
      .describe(
        "Content-Security-Policy for every response. @default a strict policy: 'self' plus the API and wss origins",
      ),
    rateLimitPer5Minutes: z
      .number()
      .int(rule('rate-limit'))
      .min(100, rule('rate-limit'))
      .max(2_000_000_000, rule('rate-limit'))
      .default(2000)
      .describe('WAF: requests one IP may make in 5 minutes before it is blocked (100-2000000000).'),
    priceClass: z
      .enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All'])
      .default('PriceClass_100')
      .describe('CloudFront edge locations: 100 (North America, Europe), 200 (+ Asia, Africa...), All.'),
  })
  .describe('The edge: DNS, certificates, load balancer, CDN, WAF and security headers.');

/** The validated `edge` section, defaults applied. */
export type EdgeConfig = z.output<typeof edgeSchema>;

/** Rule ids the edge checks report. */
export type EdgeRuleId = 'cloudflare-zone-id' | 'dns-provider-fields' | 'domain-in-zone';

type Usable = (...paths: (string | number)[][]) => boolean;
type Report = (path: (string | number)[], id: EdgeRuleId, value: unknown, hint?: string) => void;

/** The zone the environment's domain lives in. */
export function zoneNameOf(env: { domain: { name: string }; edge: EdgeConfig }): string {
  return env.edge.dns.zoneName ?? env.domain.name;
}

/** Checks of the edge section that read more than one field. */
export function checkEdge(
  env: { domain: { name: string }; edge: EdgeConfig },
  usable: Usable,
  report: Report,
): void {
  const dns = ['edge', 'dns'];
  if (!usable(dns)) return;
  const { provider, cloudflareZoneId, createZone } = env.edge.dns;
  if (provider === 'cloudflare' && cloudflareZoneId === undefined) {
    report(
      [...dns, 'cloudflareZoneId'],
      'cloudflare-zone-id',
      undefined,
      'a Cloudflare environment names its zone id',
    );
  }
  if (provider === 'route53' && cloudflareZoneId !== undefined) {
    report(
      [...dns, 'cloudflareZoneId'],
      'dns-provider-fields',
      cloudflareZoneId,
      'remove it, or set provider: cloudflare',
    );
  }
  if (provider === 'cloudflare' && createZone) {
    report(
      [...dns, 'createZone'],
      'dns-provider-fields',
      createZone,
      'Cloudflare zones are created in Cloudflare, not here',
    );
  }
  if (usable(['domain', 'name'])) {
    const zone = zoneNameOf(env);
    const domain = env.domain.name;
    if (domain !== zone && !domain.endsWith(`.${zone}`)) {
      report([...dns, 'zoneName'], 'domain-in-zone', zone, `${domain} is not inside ${zone}`);
    }
  }
}
