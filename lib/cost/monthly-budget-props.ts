/** The cost-allocation tag a budget counts: only spend on resources carrying this tag. */
export interface CostAllocationTagFilter {
  /** Tag key, as applied to the resources, e.g. `environment`. It must be activated as a cost-allocation tag. */
  readonly key: string;
  /** Tag value of the resources to count, e.g. `prod`. */
  readonly value: string;
}

/** Percentages of the limit at which a notification is sent. */
export interface BudgetThresholds {
  /** Notify when the month's forecast passes these percentages of the limit. @default [80, 100] */
  readonly forecastedPercent?: number[];
  /** Notify when the month's actual spend passes these percentages of the limit. @default [80, 100] */
  readonly actualPercent?: number[];
}

/** Props of {@link MonthlyBudget}. */
export interface MonthlyBudgetProps {
  /** Prefix of the budget name, e.g. `platform-prod`: the budget is `<namePrefix>-monthly`. */
  readonly namePrefix: string;
  /** The monthly limit in USD, more than 0 with at most 2 decimals, e.g. `1500`. */
  readonly limitUsd: number;
  /**
   * The environment's cost-allocation tag: the budget counts only resources carrying it, so two
   * environments sharing an account (dev and staging) get separate budgets.
   */
  readonly costAllocationTag: CostAllocationTagFilter;
  /**
   * SNS topic notified, e.g. the environment's alert topic. AWS Budgets must be allowed to publish to
   * it and to use its KMS key (see help/cost.md). @default none: emails only
   */
  readonly topicArn?: string;
  /** Addresses AWS Budgets mails directly (at most 10), no subscription to confirm. @default none */
  readonly emails?: string[];
  /** When notifications are sent. @default forecast and actual spend, each at 80 % and 100 % */
  readonly thresholds?: BudgetThresholds;
}

/** {@link MonthlyBudgetProps} checked, defaults applied. */
export interface ResolvedMonthlyBudgetProps {
  /** Budget name, `<namePrefix>-monthly`. */
  readonly name: string;
  /** The limit as the string AWS Budgets stores, e.g. `1500` or `99.5`. */
  readonly limitAmount: string;
  /** The `TagKeyValue` filter value, `user:<key>$<value>`. */
  readonly tagKeyValue: string;
  /** SNS topic notified. @default none */
  readonly topicArn?: string;
  /** Addresses mailed, in the order given. */
  readonly emails: string[];
  /** Forecast thresholds, ascending. */
  readonly forecastedPercent: number[];
  /** Actual-spend thresholds, ascending. */
  readonly actualPercent: number[];
}

/** The thresholds used when none are given: early warning at 80 %, and the limit itself. */
export const DEFAULT_BUDGET_THRESHOLDS_PERCENT: readonly number[] = [80, 100];
