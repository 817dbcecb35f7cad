import { Token } from 'cdktf';
import {
  BudgetThresholds,
  DEFAULT_BUDGET_THRESHOLDS_PERCENT,
  MonthlyBudgetProps,
  ResolvedMonthlyBudgetProps,
} from './monthly-budget-props';

/**
 * AWS Budgets' limits, from the Budgets API reference: a budget name is 1-100 characters without
 * `:` or `\` or the substring `/action/` (Budget.BudgetName); a budget has at most 10 notifications,
 * each with one SNS subscriber and at most 10 email subscribers (Notification,
 * NotificationWithSubscribers).
 */
export const MAX_BUDGET_NAME_LENGTH = 100;
/** Most notifications one budget can have. */
export const MAX_BUDGET_NOTIFICATIONS = 10;
/** Most email subscribers of one notification. */
export const MAX_BUDGET_EMAILS = 10;

/** Suffix of every budget name: `<namePrefix>-monthly`. */
const NAME_SUFFIX = '-monthly';
// Tag keys and values: letters, digits, spaces and `_ . : / = + - @` (the tagging rules of AWS).
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const CENTS = /^\d+(\.\d{1,2})?$/;

/**
 * Checks {@link MonthlyBudgetProps} and applies the defaults. What AWS Budgets would reject at apply
 * time, or accept and then never notify anyone about, is rejected here, every problem in one error.
 *
 * @throws Error naming each bad field, the value seen and what AWS accepts.
 */
export function resolveMonthlyBudgetProps(props: MonthlyBudgetProps): ResolvedMonthlyBudgetProps {
  const problems: string[] = [];
  const name = `${props.namePrefix}${NAME_SUFFIX}`;
  checkName(props.namePrefix, name, problems);
  const limitAmount = checkLimit(props.limitUsd, problems);
  const tagKeyValue = checkTag(props.costAllocationTag, problems);
  const topicArn = checkTopic(props.topicArn, problems);
  const emails = checkEmails(props.emails ?? [], problems);
  if (topicArn === undefined && emails.length === 0) {
    problems.push('topicArn, emails: give a topic, an address or both, or no one hears of the budget');
  }
  const thresholds: BudgetThresholds = props.thresholds ?? {};
  const forecastedPercent = checkThresholds('forecastedPercent', thresholds.forecastedPercent, problems);
  const actualPercent = checkThresholds('actualPercent', thresholds.actualPercent, problems);
  const notifications = forecastedPercent.length + actualPercent.length;
  if (notifications === 0) {
    problems.push('thresholds: no threshold at all, so nobody would ever be notified');
  } else if (notifications > MAX_BUDGET_NOTIFICATIONS) {
    problems.push(
      `thresholds: ${notifications} thresholds in all; AWS Budgets allows ${MAX_BUDGET_NOTIFICATIONS} notifications per budget`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`MonthlyBudget '${name}': invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { name, limitAmount, tagKeyValue, topicArn, emails, forecastedPercent, actualPercent };
}

function checkName(namePrefix: unknown, name: string, problems: string[]): void {
  if (typeof namePrefix !== 'string' || namePrefix.length === 0) {
    problems.push(`namePrefix: must be a non-empty string, got ${JSON.stringify(namePrefix)}`);
    return;
  }
  if (name.length > MAX_BUDGET_NAME_LENGTH) {
    problems.push(
      `namePrefix: '${namePrefix}' makes the budget name ${name.length} characters long; AWS Budgets allows ${MAX_BUDGET_NAME_LENGTH} (the prefix can have ${MAX_BUDGET_NAME_LENGTH - NAME_SUFFIX.length})`,
    );
  }
  if (/[:\\\u0000-\u001f]/.test(namePrefix) || name.includes('/action/')) {
    problems.push(
      `namePrefix: '${namePrefix}' has ':', '\\', a control character or '/action/', which AWS Budgets refuses in a budget name`,
    );
  }
}

function checkLimit(limitUsd: unknown, problems: string[]): string {
  const text = typeof limitUsd === 'number' && Number.isFinite(limitUsd) ? String(limitUsd) : '';
  if (!CENTS.test(text) || Number(limitUsd) <= 0) {
    problems.push(
      `limitUsd: must be an amount in USD above 0 with at most 2 decimals, e.g. 1500, got ${JSON.stringify(limitUsd)}`,
    );
  }
  return text;
}

function checkTag(tag: MonthlyBudgetProps['costAllocationTag'], problems: string[]): string {
  const { key, value } = tag ?? {};
  if (typeof key !== 'string' || key.length > 128 || !TAG_TEXT.test(key)) {
    problems.push(
      `costAllocationTag.key: must be 1-128 letters, digits, spaces or '_.:/=+-@', got ${JSON.stringify(key)}`,
    );
  } else if (key.toLowerCase().startsWith('aws:')) {
    problems.push(
      `costAllocationTag.key: '${key}' is an AWS-generated tag; use the user-defined tag the environment's resources carry, e.g. 'environment'`,
    );
  }
  if (typeof value !== 'string' || value.length > 256 || !TAG_TEXT.test(value)) {
    problems.push(
      `costAllocationTag.value: must be 1-256 letters, digits, spaces or '_.:/=+-@', got ${JSON.stringify(value)}`,
    );
  }
  // The Budgets API's format for a user-defined tag: `user:<key>$<value>` (CreateBudget examples).
  return `user:${key}$${value}`;
}

function checkTopic(topicArn: unknown, problems: string[]): string | undefined {
  if (topicArn === undefined) return undefined;
  if (typeof topicArn !== 'string' || (!Token.isUnresolved(topicArn) && !SNS_TOPIC_ARN.test(topicArn))) {
    problems.push(
      `topicArn: ${JSON.stringify(topicArn)} is not an SNS topic ARN like arn:aws:sns:eu-west-1:123456789012:alerts`,
    );
    return undefined;
  }
  return topicArn;
}

function checkEmails(emails: unknown, problems: string[]): string[] {
  if (!Array.isArray(emails)) {
    problems.push(`emails: must be a list of addresses, got ${JSON.stringify(emails)}`);
    return [];
  }
  const seen = new Set<string>();
  emails.forEach((email: unknown, i) => {
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      problems.push(`emails[${i}]: ${JSON.stringify(email)} is not an email address like oncall@example.com`);
    } else if (seen.has(email.toLowerCase())) {
      problems.push(`emails[${i}]: '${email}' is listed twice`);
    } else {
      seen.add(email.toLowerCase());
    }
  });
  if (emails.length > MAX_BUDGET_EMAILS) {
    problems.push(
      `emails: ${emails.length} addresses; AWS Budgets mails at most ${MAX_BUDGET_EMAILS} per notification (subscribe more people to the topic instead)`,
    );
  }
  return emails as string[];
}

function checkThresholds(field: string, given: unknown, problems: string[]): number[] {
  const percents = given ?? [...DEFAULT_BUDGET_THRESHOLDS_PERCENT];
  if (!Array.isArray(percents)) {
    problems.push(`thresholds.${field}: must be a list of percentages, got ${JSON.stringify(given)}`);
    return [];
  }
  percents.forEach((percent: unknown, i) => {
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0) {
      problems.push(
        `thresholds.${field}[${i}]: must be a percentage of the limit above 0 (100 = the limit), got ${JSON.stringify(percent)}`,
      );
    } else if (percents.indexOf(percent) !== i) {
      problems.push(`thresholds.${field}[${i}]: ${percent} is listed twice`);
    }
  });
  return [...new Set(percents as number[])].sort((a, b) => a - b);
}
