import { BudgetsBudget, BudgetsBudgetNotification } from '@cdktf/provider-aws/lib/budgets-budget';
import { Construct } from 'constructs';
import { MonthlyBudgetProps, ResolvedMonthlyBudgetProps } from './monthly-budget-props';
import { resolveMonthlyBudgetProps } from './monthly-budget-validation';

/**
 * A monthly cost budget in USD for one environment: an AWS Budgets COST budget that counts only the
 * resources carrying the environment's cost-allocation tag, and tells the alert topic and/or a few
 * addresses when the month's forecast, and later the actual spend, passes 80 % and 100 % of the limit.
 *
 * The tag filter is what makes a budget per environment possible when environments share an account
 * (dev and staging do). It only sees spend once the tag key is activated as a cost-allocation tag
 * ({@link CostAllocationTags}), and from then on: spend before the activation is not tagged.
 */
export class MonthlyBudget extends Construct {
  /** The budget. */
  readonly budget: BudgetsBudget;
  /** The budget's name, `<namePrefix>-monthly`. */
  readonly budgetName: string;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    const resolved = resolveMonthlyBudgetProps(props);
    this.budgetName = resolved.name;
    this.budget = new BudgetsBudget(this, 'budget', {
      name: resolved.name,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      limitAmount: resolved.limitAmount,
      limitUnit: 'USD',
      costFilter: [{ name: 'TagKeyValue', values: [resolved.tagKeyValue] }],
      notification: [
        ...resolved.forecastedPercent.map((percent) => notification('FORECASTED', percent, resolved)),
        ...resolved.actualPercent.map((percent) => notification('ACTUAL', percent, resolved)),
      ],
    });
  }
}

function notification(
  type: 'FORECASTED' | 'ACTUAL',
  percent: number,
  resolved: ResolvedMonthlyBudgetProps,
): BudgetsBudgetNotification {
  return {
    notificationType: type,
    comparisonOperator: 'GREATER_THAN',
    threshold: percent,
    thresholdType: 'PERCENTAGE',
    ...(resolved.topicArn === undefined ? {} : { subscriberSnsTopicArns: [resolved.topicArn] }),
    ...(resolved.emails.length === 0 ? {} : { subscriberEmailAddresses: resolved.emails }),
  };
}
