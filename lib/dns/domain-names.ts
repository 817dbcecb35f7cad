import { Token } from 'cdktf';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Why `name` is not a DNS name AWS and Cloudflare accept (lower case letters, digits and hyphens,
 * labels of 1-63 characters that neither begin nor end with a hyphen, at most 253 characters, at
 * least two labels), or `undefined` when it is one. `allowWildcard` accepts one leading `*.` label.
 */
export function domainNameViolation(name: string, allowWildcard = false): string | undefined {
  if (name !== name.toLowerCase()) return 'must be lower case';
  const bare = allowWildcard && name.startsWith('*.') ? name.slice(2) : name;
  if (name.endsWith('.')) return 'must not end with a dot';
  if (name.length > 253) return `must be at most 253 characters (is ${name.length})`;
  const labels = bare.split('.');
  if (labels.length < 2) return 'must have at least two labels, e.g. example.com';
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return `label '${bad}' must be 1-63 letters, digits or hyphens, not beginning or ending with a hyphen${allowWildcard ? " (a wildcard is only '*.' in front)" : ''}`;
  }
  return undefined;
}

/** Throws `<what>: '<name>' <violation>` when `name` is a literal that is not a valid DNS name. */
export function assertDomainName(what: string, name: string, allowWildcard = false): void {
  if (Token.isUnresolved(name)) return;
  const violation = domainNameViolation(name, allowWildcard);
  if (violation !== undefined) throw new Error(`${what}: '${name}' ${violation}`);
}

/** Whether `name` (possibly a wildcard) is the zone's apex or a name below it. */
export function isInZone(name: string, zoneName: string): boolean {
  const bare = name.startsWith('*.') ? name.slice(2) : name;
  return bare === zoneName || bare.endsWith(`.${zoneName}`);
}

/** Throws when a literal record name is not inside the zone (tokens are not checked). */
export function assertInZone(what: string, name: string, zoneName: string): void {
  if (Token.isUnresolved(name) || Token.isUnresolved(zoneName)) return;
  if (!isInZone(name, zoneName)) {
    throw new Error(`${what}: '${name}' is outside the zone ${zoneName}`);
  }
}

/** The region of a literal ARN, or `undefined` for a token or a global ARN. */
export function arnRegion(arn: string): string | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  const region = arn.split(':')[3];
  return region ? region : undefined;
}
