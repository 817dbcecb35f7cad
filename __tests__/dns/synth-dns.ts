import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { Construct } from 'constructs';
import { CloudflareZone, CloudflareZoneProps, Route53Zone, Route53ZoneProps } from '../../lib/dns';
import { resources, synthConstructs, TerraformJson, TfResource } from '../support/synth';

export const ZONE_ID = '0123456789abcdef0123456789abcdef';
export const US_EAST_TOPIC = 'arn:aws:sns:us-east-1:222222222222:platform-prod-alerts';

/** Synthesizes a Route53Zone (looked up by default) and whatever `build` adds to it. */
export function synthRoute53(
  build: (zone: Route53Zone, scope: Construct) => void = () => undefined,
  props: Partial<Route53ZoneProps> = {},
): TerraformJson {
  return synthConstructs((scope) => {
    const zone = new Route53Zone(scope, 'zone', { zoneName: 'example.com', ...props });
    build(zone, scope);
  });
}

/** Synthesizes a CloudflareZone, in a stack with the AWS and Cloudflare providers. */
export function synthCloudflare(
  build: (zone: CloudflareZone, scope: Construct) => void = () => undefined,
  props: Partial<CloudflareZoneProps> = {},
): TerraformJson {
  return synthConstructs((scope) => {
    new CloudflareProvider(scope, 'cloudflare');
    const zone = new CloudflareZone(scope, 'zone', { zoneName: 'example.com', zoneId: ZONE_ID, ...props });
    build(zone, scope);
  });
}

/** The error `run` throws; fails the test when it does not throw. */
export function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

/** Every resource of a type, as a list. */
export function all(json: TerraformJson, type: string): TfResource[] {
  return Object.values(resources(json, type));
}
