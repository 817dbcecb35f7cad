import { Token } from 'cdktf';
import type { DnsRecordSpec } from './dns-zone';
import { assertDomainName, assertInZone } from './domain-names';

/** Checks what both providers would refuse at apply time: names, empty value lists. */
export function validateRecord(zoneName: string, id: string, record: DnsRecordSpec): void {
  const what = `DnsZone ${zoneName} record ${id}`;
  assertDomainName(`${what}: name`, record.name, true);
  assertInZone(`${what}: name`, record.name, zoneName);
  if (record.values.length === 0) throw new Error(`${what}: values: give at least one value`);
  if (record.type === 'CNAME' && record.values.length !== 1) {
    throw new Error(`${what}: a CNAME has exactly one value, got ${record.values.length}`);
  }
  for (const value of record.values) {
    if (!Token.isUnresolved(value) && value.trim() === '') {
      throw new Error(`${what}: values: an empty value`);
    }
  }
}

/** CloudFront's hosted zone id, the same in every account and region. */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';
