import { Token } from 'cdktf';

/** CloudFront price classes: which edge locations serve the distribution. */
export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;

/** A CloudFront price class. */
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** Most aliases (alternate domain names) CloudFront accepts on one distribution by default. */
export const MAX_ALIASES = 100;

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Why `name` is not a DNS name CloudFront accepts as an alias, or `undefined`: lowercase labels of
 * 1-63 letters, digits and inner hyphens, at least two of them, 253 characters at most, a
 * non-numeric top-level domain. A leading `*.` is allowed when `allowWildcard`.
 */
export function domainNameViolation(name: string, allowWildcard = true): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 253) return `is ${name.length} characters long; DNS allows 253`;
  if (name !== name.toLowerCase()) return 'must be lower case';
  if (name.endsWith('.')) return 'must not end with a dot';
  const labels = name.split('.');
  if (labels.length < 2) return 'needs at least two labels, e.g. example.com';
  for (const [index, label] of labels.entries()) {
    if (label === '*' && index === 0) {
      if (!allowWildcard) return 'must not be a wildcard';
      continue;
    }
    if (!LABEL.test(label)) {
      return `has the label '${label}': labels are 1-63 letters, digits and inner hyphens`;
    }
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return 'has a numeric top-level domain (an IP address?)';
  return undefined;
}

const PATH_PATTERN = /^[A-Za-z0-9_\-.*$/~"'@:+&]+$/;

/**
 * Why `pattern` is not a CloudFront cache behavior path pattern, or `undefined`: 1-255 of the
 * characters CloudFront accepts (`A-Z a-z 0-9 _ - . * $ / ~ " ' @ : + &`), and not `*` alone, which
 * is the default behavior.
 */
export function pathPatternViolation(pattern: string): string | undefined {
  if (pattern.length === 0) return 'is empty';
  if (pattern.length > 255) return `is ${pattern.length} characters long; CloudFront allows 255`;
  if (pattern === '*' || pattern === '/*') return 'matches everything: that is the default behavior';
  const bad = [...pattern].find((ch) => !PATH_PATTERN.test(ch));
  if (bad !== undefined) return `contains '${bad}', which CloudFront does not accept in a path pattern`;
  return undefined;
}

/** Why `arn` is not an ACM certificate in us-east-1 (the only region CloudFront reads), or `undefined`. */
export function cloudFrontCertificateViolation(arn: string): string | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  const match = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]+$/.exec(arn);
  if (!match) return `'${arn}' is not an ACM certificate ARN`;
  if (match[1] !== 'us-east-1') {
    return `'${arn}' is in ${match[1]}; CloudFront only uses certificates from us-east-1`;
  }
  return undefined;
}

/** Why `arn` is not a WAFv2 web ACL of CloudFront scope (global, us-east-1), or `undefined`. */
export function cloudFrontWebAclViolation(arn: string): string | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  if (!/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]+\/[0-9a-f-]+$/.test(arn)) {
    return `'${arn}' is not a WAFv2 web ACL ARN of CloudFront scope (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)`;
  }
  return undefined;
}

/**
 * Problems of each value of `values`, as `field[index]: problem`, plus duplicates. Tokens are
 * skipped: only Terraform knows their value.
 */
export function listViolations(
  field: string,
  values: readonly string[],
  violation: (value: string) => string | undefined,
  seen: Map<string, string> = new Map(),
): string[] {
  const problems: string[] = [];
  values.forEach((value, index) => {
    if (Token.isUnresolved(value)) return;
    const why = violation(value);
    if (why) {
      problems.push(`${field}[${index}]: '${value}' ${why}`);
      return;
    }
    const first = seen.get(value);
    if (first !== undefined) {
      problems.push(`${field}[${index}]: '${value}' is already used by ${first}`);
      return;
    }
    seen.set(value, `${field}[${index}]`);
  });
  return problems;
}
