import { Fn } from 'cdktf';
import { MonthlyBudget, MonthlyBudgetProps } from '../../lib/cost';
import { onlyResource, synthConstructs } from '../support/synth';

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:platform-dev-alerts';
const BASE: MonthlyBudgetProps = {
  namePrefix: 'platform-dev',
  limitUsd: 500,
  costAllocationTag: { key: 'environment', value: 'dev' },
  topicArn: TOPIC,
};

interface Notification {
  notification_type: string;
  comparison_operator: string;
  threshold: number;
  threshold_type: string;
  subscriber_sns_topic_arns?: string[];
  subscriber_email_addresses?: string[];
}

function budgetOf(props: Partial<MonthlyBudgetProps>) {
  return onlyResource(
    synthConstructs((scope) => new MonthlyBudget(scope, 'budget', { ...BASE, ...props })),
    'aws_budgets_budget',
  );
}

const notificationsOf = (budget: Record<string, unknown>) => budget.notification as Notification[];
const thresholdsOf = (budget: Record<string, unknown>, type: string) =>
  notificationsOf(budget)
    .filter((n) => n.notification_type === type)
    .map((n) => n.threshold);

describe('MonthlyBudget', () => {
  it('is a monthly COST budget in USD named <prefix>-monthly', () => {
    expect(budgetOf({})).toEqual(
      expect.objectContaining({
        name: 'platform-dev-monthly',
        budget_type: 'COST',
        time_unit: 'MONTHLY',
        limit_amount: '500',
        limit_unit: 'USD',
      }),
    );
  });

  it('counts only the environment by its cost-allocation tag, user:<key>$<value>', () => {
    expect(budgetOf({}).cost_filter).toEqual([{ name: 'TagKeyValue', values: ['user:environment$dev'] }]);
    expect(budgetOf({ costAllocationTag: { key: 'cost-center', value: 'cc-1001' } }).cost_filter).toEqual([
      { name: 'TagKeyValue', values: ['user:cost-center$cc-1001'] },
    ]);
  });

  it('warns on the forecast and on actual spend at 80 % and 100 %, to the topic only by default', () => {
    const notifications = notificationsOf(budgetOf({}));
    expect(notifications).toHaveLength(4);
    expect(thresholdsOf(budgetOf({}), 'FORECASTED')).toEqual([80, 100]);
    expect(thresholdsOf(budgetOf({}), 'ACTUAL')).toEqual([80, 100]);
    for (const n of notifications) {
      expect(n).toEqual({
        notification_type: expect.stringMatching(/^(FORECASTED|ACTUAL)$/),
        comparison_operator: 'GREATER_THAN',
        threshold: expect.any(Number),
        threshold_type: 'PERCENTAGE',
        subscriber_sns_topic_arns: [TOPIC],
      });
    }
  });

  it('mails the addresses too, or only them when there is no topic', () => {
    const both = notificationsOf(budgetOf({ emails: ['finops@example.com', 'lead@example.com'] }));
    for (const n of both) {
      expect(n.subscriber_sns_topic_arns).toEqual([TOPIC]);
      expect(n.subscriber_email_addresses).toEqual(['finops@example.com', 'lead@example.com']);
    }
    const emailsOnly = notificationsOf(budgetOf({ topicArn: undefined, emails: ['finops@example.com'] }));
    for (const n of emailsOnly) {
      expect(n).not.toHaveProperty('subscriber_sns_topic_arns');
      expect(n.subscriber_email_addresses).toEqual(['finops@example.com']);
    }
  });

  it('takes its own thresholds, sorted, and a limit with cents', () => {
    const budget = budgetOf({
      limitUsd: 99.5,
      thresholds: { forecastedPercent: [120, 90], actualPercent: [50] },
    });
    expect(budget.limit_amount).toBe('99.5');
    expect(thresholdsOf(budget, 'FORECASTED')).toEqual([90, 120]);
    expect(thresholdsOf(budget, 'ACTUAL')).toEqual([50]);
  });

  it('can leave out one kind of notification', () => {
    const budget = budgetOf({ thresholds: { forecastedPercent: [] } });
    expect(thresholdsOf(budget, 'FORECASTED')).toEqual([]);
    expect(thresholdsOf(budget, 'ACTUAL')).toEqual([80, 100]);
  });

  it('accepts a topic ARN that is a Terraform reference', () => {
    const topicArn = Fn.lookup({}, 'alertTopicArn', 'unset');
    const [n] = notificationsOf(budgetOf({ topicArn }));
    expect(n.subscriber_sns_topic_arns).toEqual([expect.stringContaining('lookup')]);
  });

  it('exposes the budget and its name', () => {
    synthConstructs((scope) => {
      const budget = new MonthlyBudget(scope, 'budget', BASE);
      expect(budget.budgetName).toBe('platform-dev-monthly');
      expect(budget.budget.terraformResourceType).toBe('aws_budgets_budget');
    });
  });
});
