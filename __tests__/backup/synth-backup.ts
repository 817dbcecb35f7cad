import { BackupPlan, BackupPlanProps } from '../../lib/backup';
import { resources, synthScope, TerraformJson, TfResource } from '../support/synth';

/** The alert topic every test plan notifies. */
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:platform-prod-alerts';

/** The props most tests start from: every default. */
export const BASE_PROPS: BackupPlanProps = { namePrefix: 'platform-prod', alarmTopicArn: TOPIC_ARN };

/** Synthesizes a BackupPlan (BASE_PROPS with overrides) in a fresh stack and parses the JSON. */
export function synthBackup(overrides: Partial<BackupPlanProps> = {}): TerraformJson {
  return synthScope((scope) => {
    new BackupPlan(scope, 'backup', { ...BASE_PROPS, ...overrides });
  });
}

/** The one resource of a type whose Terraform name contains `fragment` (a construct id on its path). */
export function resourceAt(json: TerraformJson, type: string, fragment: string): [string, TfResource] {
  const found = Object.entries(resources(json, type)).filter(([name]) => name.includes(fragment));
  if (found.length !== 1) throw new Error(`expected one ${type} at '${fragment}', found ${found.length}`);
  return found[0];
}

/** The rules of the only backup plan, by rule name. */
export function planRules(json: TerraformJson): Record<string, Record<string, unknown>> {
  const plans = Object.values(resources(json, 'aws_backup_plan'));
  if (plans.length !== 1) throw new Error(`expected one aws_backup_plan, found ${plans.length}`);
  const rules = plans[0].rule as Record<string, unknown>[];
  return Object.fromEntries(rules.map((rule) => [rule.rule_name as string, rule]));
}

/** The BackupPlan's error for bad props; fails the test when construction succeeds. */
export function errorFor(overrides: Partial<BackupPlanProps>): string {
  try {
    synthBackup(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`BackupPlan accepted ${JSON.stringify(overrides)}`);
}
