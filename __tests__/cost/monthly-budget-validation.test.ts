import { MonthlyBudgetProps, resolveMonthlyBudgetProps } from '../../lib/cost';

const BASE: MonthlyBudgetProps = {
  namePrefix: 'platform-dev',
  limitUsd: 500,
  costAllocationTag: { key: 'environment', value: 'dev' },
  topicArn: 'arn:aws:sns:eu-west-1:111111111111:platform-dev-alerts',
};

// Casts for values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;

describe('MonthlyBudget props validation', () => {
  test.each<[string, Partial<MonthlyBudgetProps>, RegExp]>([
    ['an empty prefix', { namePrefix: '' }, /namePrefix: must be a non-empty string, got ""/],
    ['a name over 100 characters', { namePrefix: 'p'.repeat(93) }, /name 101 characters long; AWS Budgets allows 100 \(the prefix can have 92\)/], // prettier-ignore
    ['a colon in the name', { namePrefix: 'platform:dev' }, /'platform:dev' has ':', '\\'/],
    ['a backslash in the name', { namePrefix: 'platform\\dev' }, /namePrefix: 'platform\\dev' has/],
    ['/action/ in the name', { namePrefix: 'a/action/b' }, /'\/action\/', which AWS Budgets refuses/],
    [
      'a zero limit',
      { limitUsd: 0 },
      /limitUsd: must be an amount in USD above 0 with at most 2 decimals, e\.g\. 1500, got 0/,
    ],
    ['a negative limit', { limitUsd: -5 }, /limitUsd: .* got -5/],
    ['fractions of a cent', { limitUsd: 10.005 }, /limitUsd: .* got 10\.005/],
    ['an infinite limit', { limitUsd: Infinity }, /limitUsd: .* got null/],
    ['a limit as a string', { limitUsd: untyped('500') }, /limitUsd: .* got "500"/],
    [
      'an empty tag key',
      { costAllocationTag: { key: '', value: 'dev' } },
      /costAllocationTag\.key: must be 1-128/,
    ],
    [
      'a tag key with $',
      { costAllocationTag: { key: 'env$x', value: 'dev' } },
      /costAllocationTag\.key: .* got "env\$x"/,
    ],
    [
      'an aws: tag key',
      { costAllocationTag: { key: 'aws:createdBy', value: 'x' } },
      /'aws:createdBy' is an AWS-generated tag/,
    ],
    [
      'an empty tag value',
      { costAllocationTag: { key: 'environment', value: '' } },
      /costAllocationTag\.value: must be 1-256/,
    ],
    [
      'a tag value of 257 characters',
      { costAllocationTag: { key: 'environment', value: 'v'.repeat(257) } },
      /costAllocationTag\.value/,
    ],
    ['a missing tag', { costAllocationTag: untyped(undefined) }, /costAllocationTag\.key: .* got undefined/],
    [
      'a topic that is not an SNS ARN',
      { topicArn: 'arn:aws:sqs:eu-west-1:111111111111:q' },
      /topicArn: "arn:aws:sqs:.*" is not an SNS topic ARN/,
    ],
    [
      'neither topic nor emails',
      { topicArn: undefined },
      /topicArn, emails: give a topic, an address or both/,
    ],
    ['a bad address', { emails: ['oncall'] }, /emails\[0\]: "oncall" is not an email address/],
    [
      'an address twice',
      { emails: ['a@example.com', 'A@example.com'] },
      /emails\[1\]: 'A@example.com' is listed twice/,
    ],
    [
      '11 addresses',
      { emails: Array.from({ length: 11 }, (_, i) => `p${i}@example.com`) },
      /emails: 11 addresses; AWS Budgets mails at most 10/,
    ],
    [
      'a zero threshold',
      { thresholds: { actualPercent: [0] } },
      /thresholds\.actualPercent\[0\]: must be a percentage of the limit above 0/,
    ],
    [
      'a threshold twice',
      { thresholds: { forecastedPercent: [80, 80] } },
      /thresholds\.forecastedPercent\[1\]: 80 is listed twice/,
    ],
    [
      'no threshold at all',
      { thresholds: { forecastedPercent: [], actualPercent: [] } },
      /thresholds: no threshold at all/,
    ],
    ['11 notifications', { thresholds: { forecastedPercent: [10, 20, 30, 40, 50, 60], actualPercent: [70, 80, 90, 100, 110] } }, /11 thresholds in all; AWS Budgets allows 10/], // prettier-ignore
  ])('rejects %s', (_, props, message) => {
    expect(() => resolveMonthlyBudgetProps({ ...BASE, ...props })).toThrow(message);
  });

  it('names the budget in the error and lists every problem', () => {
    let message = '';
    try {
      resolveMonthlyBudgetProps({ ...BASE, limitUsd: 0, emails: ['x'] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^MonthlyBudget 'platform-dev-monthly': invalid props:\n/);
    expect(message.match(/^ {2}- /gm)).toHaveLength(2);
  });

  it('accepts a prefix of exactly 92 characters and 10 notifications', () => {
    const resolved = resolveMonthlyBudgetProps({
      ...BASE,
      namePrefix: 'p'.repeat(92),
      thresholds: { forecastedPercent: [10, 20, 30, 40, 50], actualPercent: [60, 70, 80, 90, 100] },
    });
    expect(resolved.name).toHaveLength(100);
    expect(resolved.forecastedPercent.length + resolved.actualPercent.length).toBe(10);
  });

  it('resolves the defaults', () => {
    expect(resolveMonthlyBudgetProps(BASE)).toEqual({
      name: 'platform-dev-monthly',
      limitAmount: '500',
      tagKeyValue: 'user:environment$dev',
      topicArn: BASE.topicArn,
      emails: [],
      forecastedPercent: [80, 100],
      actualPercent: [80, 100],
    });
  });
});
