import { ContractValues, defineContract } from '../../lib/state/contract';

/**
 * The outputs of `<env>-edge`, read by the service stack (and by other teams) through
 * `terraform_remote_state`. Add outputs; never rename one.
 */
export const EDGE_CONTRACT = defineContract('edge', {
  siteDomainName: { type: 'string', description: 'The domain users open, e.g. example.com (CloudFront).' },
  apiDomainName: { type: 'string', description: 'The API domain, e.g. api.example.com (the load balancer).' },
  targetGroupArn: { type: 'string', description: 'Target group the service registers its tasks in.' },
  targetGroupArnSuffix: {
    type: 'string',
    description:
      'ARN suffix of the target group, the TargetGroup dimension of its CloudWatch metrics (and of request-count autoscaling).',
  },
  httpsListenerArn: { type: 'string', description: 'HTTPS listener of the load balancer.' },
  loadBalancerArn: { type: 'string', description: 'The application load balancer.' },
  loadBalancerArnSuffix: {
    type: 'string',
    description: 'ARN suffix of the load balancer, the LoadBalancer dimension of its CloudWatch metrics.',
  },
  loadBalancerSecurityGroupId: {
    type: 'string',
    description:
      'Security group of the load balancer: the service admits its container port from this group only.',
  },
  distributionId: {
    type: 'string',
    description: 'CloudFront distribution id (for invalidations on deploy).',
  },
  distributionDomainName: {
    type: 'string',
    description: 'CloudFront domain name, e.g. d111111abcdef8.cloudfront.net.',
  },
  siteBucketName: { type: 'string', description: 'Private S3 bucket the front-end build is uploaded to.' },
  dnsZoneId: { type: 'string', description: 'Route 53 hosted zone id or Cloudflare zone id of the domain.' },
});

/** The edge contract's values, as a downstream stack sees them. */
export type EdgeOutputs = ContractValues<typeof EDGE_CONTRACT.outputs>;
