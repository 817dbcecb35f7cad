import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { Construct } from 'constructs';
import { zoneNameOf } from '../config/edge-schema';
import type { EnvironmentConfig } from '../config/schema';
import { CloudflareZone, DnsZone, Route53Zone } from '../lib/dns';
import {
  Certificate,
  defaultSecurityHeaders,
  LoadBalancer,
  SecurityHeaders,
  StaticSite,
  WebAcl,
} from '../lib/edge';
import { AlertTopic, ThresholdAlarm } from '../lib/observability';
import { AUDIT_LOG_RETENTION_DAYS } from '../lib/security/audit-log-retention';
import { publishContract } from '../lib/state';
import { EDGE_CONTRACT } from './contracts/edge-contract';
import { NETWORK_CONTRACT } from './contracts/network-contract';
import { EnvironmentStack } from './environment-stack';

/** Percentage of CloudFront responses that may be 5xx before the alarm fires. */
const CDN_5XX_PERCENT = 5;

/** CloudFront, its certificate and its WAF, and Route 53 health check metrics, live in this region only. */
const GLOBAL_REGION = 'us-east-1';

/**
 * `<env>-edge`: what users and attackers see. The domain (Route 53 or Cloudflare), certificates,
 * the load balancer for the API and WebSockets, CloudFront with the private S3 site, both WAFs,
 * and one set of security headers on every response path.
 *
 * Request path: browser -> DNS -> CloudFront (site from S3; /api/* and /ws* to the load balancer)
 * and api.<domain> -> load balancer -> service (`<env>-service`). Plain HTTP is only ever redirected.
 */
export class EdgeStack extends EnvironmentStack {
  readonly zone: DnsZone;
  readonly loadBalancer: LoadBalancer;
  readonly site: StaticSite;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, environment, 'edge');
    const network = this.readUpstream(NETWORK_CONTRACT);
    const { production, edge } = environment;
    const domain = environment.domain.name;
    const apiDomain = `${edge.apiSubdomain}.${domain}`;
    const wwwDomain = `www.${domain}`;

    this.zone = this.dnsZone(environment);

    // Alarms on us-east-1 metrics (health check, CloudFront certificate) need a topic there.
    const globalAlerts = new AlertTopic(this, 'global-alerts', {
      namePrefix: `${this.namePrefix}-global`,
      emails: environment.alerts.emails,
      region: GLOBAL_REGION,
      preventDestroy: production,
    });

    const headers: SecurityHeaders = {
      ...defaultSecurityHeaders({ apiOrigin: `https://${apiDomain}`, webSocketOrigin: `wss://${domain}` }),
      ...(edge.contentSecurityPolicy ? { contentSecurityPolicy: edge.contentSecurityPolicy } : {}),
    };

    const apiCertificate = new Certificate(this, 'api-certificate', {
      domainName: apiDomain,
      zone: this.zone,
      expiryAlarmTopicArn: network.alertTopicArn,
      alarmNameParts: [this.namePrefix, 'api-certificate'],
    });
    const siteCertificate = new Certificate(this, 'site-certificate', {
      domainName: domain,
      subjectAlternativeNames: [wwwDomain],
      zone: this.zone,
      region: GLOBAL_REGION,
      expiryAlarmTopicArn: globalAlerts.topicArn,
      alarmNameParts: [this.namePrefix, 'site-certificate'],
    });

    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      namePrefix: this.namePrefix,
      region: environment.region,
      vpcId: network.vpcId,
      vpcCidrBlock: environment.network.cidr,
      publicSubnetIds: network.publicSubnetIds,
      certificateArn: apiCertificate.certificateArn,
      containerPort: edge.containerPort,
      // No alarms of its own: <env>-service watches it (LoadBalancerAlarms, thresholds from service.alarms).
      ingress: edge.loadBalancerIngress,
      healthCheck: { path: edge.healthCheckPath },
      stickinessSeconds: edge.webSocketStickinessSeconds,
      deletionProtection: production,
      securityHeaders: headers,
      preventDestroy: production,
    });
    // Production keeps WAF logs a year (an incident reaches back that far); the others the construct's 90 days.
    const wafLogRetentionDays = production ? AUDIT_LOG_RETENTION_DAYS : undefined;
    new WebAcl(this, 'regional-waf', {
      namePrefix: this.namePrefix,
      name: 'api-waf',
      rateLimit: edge.rateLimitPer5Minutes,
      logRetentionDays: wafLogRetentionDays,
      associatedResourceArns: [this.loadBalancer.loadBalancerArn],
      preventDestroy: production,
    });
    const cdnWaf = new WebAcl(this, 'cdn-waf', {
      namePrefix: this.namePrefix,
      name: 'cdn-waf',
      scope: 'CLOUDFRONT',
      rateLimit: edge.rateLimitPer5Minutes,
      logRetentionDays: wafLogRetentionDays,
      preventDestroy: production,
    });

    this.site = new StaticSite(this, 'site', {
      namePrefix: this.namePrefix,
      domainNames: [domain, wwwDomain],
      certificateArn: siteCertificate.certificateArn,
      api: { domainName: apiDomain },
      securityHeaders: headers,
      priceClass: edge.priceClass,
      webAclArn: cdnWaf.webAclArn,
      preventDestroy: production,
    });

    // CloudFront publishes its metrics in us-east-1 only: the alarm and its topic live there.
    new ThresholdAlarm(this, 'cdn-5xx-rate', {
      nameParts: [this.namePrefix, 'cdn', '5xx-rate'],
      description: `More than ${CDN_5XX_PERCENT} % of requests to ${domain} get a 5xx from CloudFront for 10 of 15 minutes. Check help/monitoring.md (CloudFront): the origin (S3 or the load balancer) behind the failing paths first.`,
      namespace: 'AWS/CloudFront',
      metricName: '5xxErrorRate',
      dimensions: { DistributionId: this.site.distributionId, Region: 'Global' },
      statistic: 'Average',
      threshold: CDN_5XX_PERCENT,
      comparison: 'GreaterThanThreshold',
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
      topicArn: globalAlerts.topicArn,
      region: GLOBAL_REGION,
    });

    const cdn = {
      dnsName: this.site.distributionDomainName,
      hostedZoneId: this.site.distributionHostedZoneId,
    };
    this.zone.addAlias('site', domain, cdn);
    this.zone.addAlias('www', wwwDomain, cdn);
    // At Cloudflare the API goes through its proxy (DDoS protection, the rate-limit ruleset); CloudFront
    // is already the CDN for the site, so the site names are not proxied twice.
    this.zone.addAlias(
      'api',
      apiDomain,
      { dnsName: this.loadBalancer.dnsName, hostedZoneId: this.loadBalancer.zoneId },
      { proxied: true },
    );
    if (this.zone instanceof Route53Zone) {
      this.zone.addAmazonCaa('caa');
      this.zone.addHealthCheck('health', {
        domain,
        // Through CloudFront to the service: only /api/* reaches it, any other path is the S3 site
        // (which answers 200 even when the service is down).
        resourcePath: `/api${edge.healthCheckPath}`,
        nameParts: [this.namePrefix, 'site-health'],
        alertTopicArn: globalAlerts.topicArn,
      });
    } else if (this.zone instanceof CloudflareZone) {
      this.zone.addAmazonCaa('caa');
    }

    publishContract(this, EDGE_CONTRACT, {
      siteDomainName: domain,
      apiDomainName: apiDomain,
      targetGroupArn: this.loadBalancer.targetGroupArn,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
      httpsListenerArn: this.loadBalancer.httpsListener.arn,
      loadBalancerArn: this.loadBalancer.loadBalancerArn,
      loadBalancerArnSuffix: this.loadBalancer.loadBalancer.arnSuffix,
      loadBalancerSecurityGroupId: this.loadBalancer.securityGroupId,
      distributionId: this.site.distributionId,
      distributionDomainName: this.site.distributionDomainName,
      siteBucketName: this.site.siteBucket.bucketName,
      dnsZoneId:
        this.zone instanceof Route53Zone || this.zone instanceof CloudflareZone ? this.zone.zoneId : '',
    });
  }

  private dnsZone(environment: EnvironmentConfig): DnsZone {
    const { dns } = environment.edge;
    const zoneName = zoneNameOf(environment);
    if (dns.provider === 'cloudflare') {
      // The API token comes from CLOUDFLARE_API_TOKEN at plan time; nothing secret is in the JSON.
      new CloudflareProvider(this, 'cloudflare', {});
      return new CloudflareZone(this, 'zone', {
        zoneId: dns.cloudflareZoneId!, // the schema requires it for cloudflare
        zoneName,
        rateLimits: [
          {
            pathPrefix: '/api/',
            requestsPerPeriod: Math.max(1, Math.round(environment.edge.rateLimitPer5Minutes / 5)),
            periodSeconds: 60,
          },
        ],
      });
    }
    return new Route53Zone(this, 'zone', {
      zoneName,
      createZone: dns.createZone,
      preventDestroy: environment.production,
    });
  }
}
