import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateSequences } from '../core/terraform-text';
import {
  cacheNodeIds,
  cacheWidgets,
  CacheDashboardSection,
  cloudFrontWidgets,
  databaseWidgets,
  DatabaseDashboardSection,
  EdgeDashboardSection,
  loadBalancerWidgets,
  serviceWidgets,
  ServiceDashboardSection,
} from './dashboard-sections';
import { alarmStatus, heading, layOut, Widget } from './dashboard-widgets';

/** Props of {@link EnvironmentDashboard}. */
export interface EnvironmentDashboardProps {
  /** The environment's prefix, e.g. `platform-prod`: the dashboard's name (255, letters, digits, - and _). */
  readonly namePrefix: string;
  /** Region of the environment's metrics, a literal such as `eu-west-1` (CloudFront's are read in us-east-1). */
  readonly region: string;
  /** CloudFront and the load balancer. @default no edge graphs */
  readonly edge?: EdgeDashboardSection;
  /** The ECS service. @default no service graphs */
  readonly service?: ServiceDashboardSection;
  /** The RDS database. @default no database graphs */
  readonly database?: DatabaseDashboardSection;
  /** The ElastiCache replication group. @default no cache graphs */
  readonly cache?: CacheDashboardSection;
  /** Alarms whose state is shown at the top (at most 100, CloudWatch's limit per widget). @default no alarm widget */
  readonly alarmArns?: string[];
}

/** CloudWatch's rule for dashboard names (PutDashboard). */
const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Alarms one alarm status widget can show. */
export const MAX_ALARMS_PER_WIDGET = 100;

/**
 * One CloudWatch dashboard per environment, named after it: the alarms' states on top, then the
 * golden signals (traffic, errors, latency, saturation) layer by layer, from CloudFront down to the
 * cache, in the order a request travels.
 *
 * The body is plain JSON when every identifier is known at synth time; when some are Terraform
 * references (remote state, resources of the stack), it is `jsonencode(...)`, so Terraform fills
 * them in and escapes them.
 */
export class EnvironmentDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: CloudwatchDashboard;
  /** The dashboard's name: {@link EnvironmentDashboardProps.namePrefix}. */
  readonly dashboardName: string;
  /** The widgets, laid out, as they are in the body. */
  readonly widgets: Widget[];
  /** The dashboard in the CloudWatch console (commercial partition). */
  readonly consoleUrl: string;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    validate(`EnvironmentDashboard ${props.namePrefix}`, props);
    const { region } = props;
    const sections: Widget[] = [
      heading(
        `# ${props.namePrefix}\nAlarms, then per layer: traffic, errors, latency, saturation. What each alarm means and what to check: help/monitoring.md.`,
        2,
      ),
    ];
    if (props.alarmArns) sections.push(alarmStatus('Alarms', props.alarmArns));
    if (props.edge?.distributionId) sections.push(...cloudFrontWidgets(props.edge.distributionId));
    if (props.edge) sections.push(...loadBalancerWidgets(props.edge, region));
    if (props.service) sections.push(...serviceWidgets(props.service, region));
    if (props.database) sections.push(...databaseWidgets(props.database, region));
    if (props.cache) sections.push(...cacheWidgets(props.cache, region));
    this.widgets = layOut(sections);

    const body = { start: '-PT3H', periodOverride: 'auto', widgets: this.widgets };
    this.dashboardName = props.namePrefix;
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.namePrefix,
      // A JSON string even with references in it: each resolves to an AWS identifier (no quote or
      // backslash to escape), and a string costs synth a fraction of walking the object inside
      // jsonencode(). A whole list given as one reference has no JSON form here: jsonencode then.
      dashboardBody: containsListToken(body)
        ? Fn.jsonencode(body)
        : escapeTemplateSequences(JSON.stringify(body)),
    });
    this.consoleUrl = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${props.namePrefix}`;
  }
}

function validate(where: string, props: EnvironmentDashboardProps): void {
  const problems: string[] = [];
  if (!Token.isUnresolved(props.namePrefix) && !DASHBOARD_NAME.test(props.namePrefix)) {
    problems.push(
      `namePrefix '${props.namePrefix}' is not a dashboard name: 1-255 letters, digits, - and _ (got ${props.namePrefix.length} characters)`,
    );
  }
  if (Token.isUnresolved(props.region) || !REGION.test(props.region)) {
    problems.push(`region must be a literal AWS region name such as eu-west-1, got '${props.region}'`);
  }
  const alarms = props.alarmArns;
  if (alarms && !Token.isUnresolved(alarms) && alarms.length > MAX_ALARMS_PER_WIDGET) {
    problems.push(
      `alarmArns lists ${alarms.length} alarms; one widget shows at most ${MAX_ALARMS_PER_WIDGET}`,
    );
  }
  if (props.cache && !props.cache.cacheClusterIds) {
    const count = props.cache.nodeCount ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 6) {
      problems.push(`cache.nodeCount must be a whole number 1-6, got ${count}`);
    }
  } else if (props.cache && cacheNodeIds(props.cache).length === 0) {
    problems.push('cache.cacheClusterIds is empty: list the nodes, e.g. platform-prod-cache-001');
  }
  if (!props.edge && !props.service && !props.database && !props.cache && !props.alarmArns) {
    problems.push('nothing to show: give at least one of edge, service, database, cache, alarmArns');
  }
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
}

/** Whether a list in the value is one Terraform reference to a whole list (its length unknown at synth). */
function containsListToken(value: unknown): boolean {
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(containsListToken);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsListToken);
  return false;
}
