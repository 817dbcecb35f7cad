import { ConfigError, ConfigIssue, formatIssues, formatPath } from '../../config/issues';

const cidr: ConfigIssue = {
  file: 'config/environments/dev.yaml',
  line: 14,
  field: 'network.cidr',
  rule: 'cidr-syntax',
  message: 'not an IPv4 CIDR',
  value: '10.0.0.0/33',
  hint: 'write it as a.b.c.d/n',
};

describe('formatIssues', () => {
  it('prints a count, then one paragraph per problem: where, what [rule], value, hint, line', () => {
    const missing: ConfigIssue = {
      file: 'config/environments/dev.yaml',
      field: 'region',
      rule: 'required',
      message: 'required field is missing',
      value: undefined,
      hint: "add 'region'",
    };
    expect(formatIssues([cidr, missing])).toBe(
      [
        '2 problems in the environment configuration:',
        '',
        'config/environments/dev.yaml: network.cidr: not an IPv4 CIDR [cidr-syntax]',
        '  value: "10.0.0.0/33"',
        '  hint:  write it as a.b.c.d/n',
        '  line:  14',
        '',
        'config/environments/dev.yaml: region: required field is missing [required]',
        '  value: (missing)',
        "  hint:  add 'region'",
      ].join('\n'),
    );
  });

  it('says "1 problem", and leaves the field out for a whole-file problem', () => {
    const empty: ConfigIssue = {
      file: 'x/dev.yaml',
      field: '',
      rule: 'empty-file',
      message: 'the file holds no configuration',
      value: undefined,
      hint: 'add fields',
    };
    expect(formatIssues([empty]).split('\n').slice(0, 3)).toEqual([
      '1 problem in the environment configuration:',
      '',
      'x/dev.yaml: the file holds no configuration [empty-file]',
    ]);
  });

  it('prints values as JSON, so a number and a string look different', () => {
    expect(formatIssues([{ ...cidr, value: 12 }])).toContain('  value: 12\n');
    expect(formatIssues([{ ...cidr, value: '12' }])).toContain('  value: "12"\n');
    expect(formatIssues([{ ...cidr, value: ['a'] }])).toContain('  value: ["a"]\n');
  });
});

describe('ConfigError', () => {
  it('holds the issues and prints them as its message, without a stack in the message', () => {
    const error = new ConfigError([cidr]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.issues).toEqual([cidr]);
    expect(error.message).toBe(formatIssues([cidr]));
  });
});

describe('formatPath', () => {
  it('writes keys with dots and list indexes in brackets', () => {
    expect(formatPath(['network', 'availabilityZones', 1])).toBe('network.availabilityZones[1]');
    expect(formatPath(['tags', 'aws:x'])).toBe('tags.aws:x');
    expect(formatPath([])).toBe('');
  });
});
