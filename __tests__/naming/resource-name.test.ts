import {
  NAME_HASH_LENGTH,
  NAME_RULES,
  NameKind,
  nameViolation,
  NameRule,
  resourceName,
} from '../../lib/naming';

const KINDS = Object.keys(NAME_RULES) as NameKind[];
const ruleOf = (kind: NameKind): NameRule => NAME_RULES[kind];
const HASHED = new RegExp(`-[0-9a-f]{${NAME_HASH_LENGTH}}$`);

/** Deterministic pseudo-random parts: letters of both cases, digits, separators and characters AWS refuses. */
function sampleParts(seed: number): string[] {
  const alphabet = 'abcXYZ019-_. /:@+=#é*~%';
  let state = seed * 2654435761 + 1;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  return Array.from({ length: 1 + next(5) }, () =>
    Array.from({ length: 1 + next(seed % 3 === 0 ? 120 : 20) }, () => alphabet[next(alphabet.length)]).join(
      '',
    ),
  ).map((part, i) => (i === 0 ? `pfx${part}` : part));
}

describe.each(KINDS)('resourceName(%s)', (kind) => {
  const rule = ruleOf(kind);

  it('keeps a short name as written, parts joined by hyphens', () => {
    expect(resourceName(kind, 'platform', 'dev', 'api')).toBe('platform-dev-api');
    expect(resourceName(kind, 'platform', '', 'api')).toBe('platform-api');
  });

  it('cuts a long name to the limit and ends it with a hash of the full name', () => {
    const name = resourceName(kind, 'platform', 'production', 'x'.repeat(rule.maxLength));
    expect(name.length).toBeLessThanOrEqual(rule.maxLength);
    expect(name.length).toBeGreaterThan(rule.maxLength - NAME_HASH_LENGTH - 3);
    expect(name).toMatch(HASHED);
    expect(name.startsWith('platform-production-')).toBe(true);
    expect(nameViolation(kind, name)).toBeUndefined();
  });

  it('keeps a name of exactly the limit whole', () => {
    const exact = `a${'b'.repeat(rule.maxLength - 2)}c`;
    expect(resourceName(kind, exact)).toBe(exact);
    expect(resourceName(kind, `${exact}d`)).toMatch(HASHED);
  });

  it('is deterministic, and gives distinct long names that share a prefix distinct results', () => {
    const long = 'service-'.repeat(Math.ceil(rule.maxLength / 8));
    const a = resourceName(kind, 'platform', long, 'blue');
    const b = resourceName(kind, 'platform', long, 'green');
    expect(resourceName(kind, 'platform', long, 'blue')).toBe(a);
    expect(a).not.toBe(b);
    expect(a.slice(0, -NAME_HASH_LENGTH)).toBe(b.slice(0, -NAME_HASH_LENGTH));
  });

  it(`never writes two hyphens in a row${rule.alphanumericEnds === false ? '' : ', or a hyphen at either end'}`, () => {
    const name = resourceName(kind, '-platform-', '--dev--', '', 'api-');
    expect(name).toBe(rule.alphanumericEnds === false ? '-platform-dev-api-' : 'platform-dev-api');
    const cut = resourceName(kind, 'a', `${'b'.repeat(rule.maxLength - NAME_HASH_LENGTH - 4)}-----c`, 'd'.repeat(rule.maxLength)); // prettier-ignore
    expect(cut).not.toContain('--');
    expect(cut).toMatch(HASHED);
  });

  it('replaces characters AWS refuses', () => {
    const name = resourceName(kind, 'platform', 'dev%api~x');
    expect([...name].every((ch) => rule.allowed.test(ch))).toBe(true);
    expect(name).toBe('platform-dev-api-x');
  });

  if (rule.lowercase) {
    it('lowercases', () => {
      expect(resourceName(kind, 'Platform', 'DEV')).toBe('platform-dev');
    });
  } else {
    it('keeps letter case', () => {
      expect(resourceName(kind, 'Platform', 'DEV')).toBe('Platform-DEV');
    });
  }

  if (rule.startsWithLetter) {
    it('starts with a letter', () => {
      expect(resourceName(kind, '42', 'platform')).toBe('platform');
      expect(resourceName(kind, '-1db')).toBe('db');
    });
  }

  it('gives names AWS accepts for any input with a usable character', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const parts = sampleParts(seed);
      const name = resourceName(kind, ...parts);
      expect({ parts, name, violation: nameViolation(kind, name) }).toEqual({
        parts,
        name,
        violation: undefined,
      });
      expect(name.length).toBeLessThanOrEqual(rule.maxLength);
    }
  });

  if (rule.alphanumericEnds !== false) {
    it('refuses parts without a usable character', () => {
      expect(() => resourceName(kind, '%%%', '~~')).toThrow(/no usable characters/);
    });
  }
});

describe('resourceName limits that matter most', () => {
  it.each([
    ['loadBalancer', 32],
    ['targetGroup', 32],
    ['rdsIdentifier', 63],
    ['elasticacheReplicationGroup', 40],
    ['s3Bucket', 63],
    ['iamRole', 64],
    ['backup', 50],
  ] as [NameKind, number][])('%s names are at most %i characters', (kind, max) => {
    expect(NAME_RULES[kind].maxLength).toBe(max);
    expect(resourceName(kind, 'platform', 'production', 'a-rather-long-service-name', 'blue').length).toBeLessThanOrEqual(max); // prettier-ignore
  });

  it('refuses an S3 bucket name shorter than 3 characters', () => {
    expect(() => resourceName('s3Bucket', 'ab')).toThrow(/shorter than 3/);
    expect(resourceName('s3Bucket', 'abc')).toBe('abc');
  });

  it('cuts a target group name at 32 characters', () => {
    const name = resourceName('targetGroup', 'platform', 'production', 'api', 'blue-green');
    expect(name).toMatch(/^platform-production-api-b-[0-9a-f]{6}$/);
    expect(name).toHaveLength(32);
  });
});

describe('nameViolation', () => {
  it('accepts a valid name', () => {
    expect(nameViolation('s3Bucket', 'platform-tfstate-111111111111')).toBeUndefined();
    expect(nameViolation('logGroup', '/aws/ecs/platform-dev/')).toBeUndefined();
  });

  it.each([
    ['s3Bucket', 'ab', /3-63 characters long \(is 2\)/],
    ['s3Bucket', 'x'.repeat(64), /3-63 characters long \(is 64\)/],
    ['targetGroup', 'x'.repeat(33), /1-32 characters/],
    ['s3Bucket', 'Platform', /lower case/],
    ['s3Bucket', 'platform_state', /contains '_'/],
    ['rdsIdentifier', '1db', /start with a letter/],
    ['s3Bucket', '-abc', /begin and end with a letter or digit/],
    ['loadBalancer', 'abc-', /begin and end with a letter or digit/],
    ['elasticacheReplicationGroup', 'a--b', /'--'/],
  ] as [NameKind, string, RegExp][])('%s %j: %s', (kind, name, why) => {
    expect(nameViolation(kind, name)).toMatch(why);
  });

  it('accepts a one-character name where the kind allows one', () => {
    expect(nameViolation('loadBalancer', 'a')).toBeUndefined();
  });
});
