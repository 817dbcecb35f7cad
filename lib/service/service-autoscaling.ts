import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Construct } from 'constructs';
import { resourceName } from '../naming';

/** Props of {@link ServiceAutoscaling}. */
export interface ServiceAutoscalingProps {
  /** Name of the cluster. */
  readonly clusterName: string;
  /** Name of the service (a reference to it, so the target waits for the service). */
  readonly serviceName: string;
  /** Name of the service as written, for the policy names. */
  readonly label: string;
  /** Fewest tasks. */
  readonly minCapacity: number;
  /** Most tasks. */
  readonly maxCapacity: number;
  /** Average CPU percent to keep. */
  readonly cpuTargetPercent: number;
  /** Requests per task per minute to keep. */
  readonly requestsPerTarget: number;
  /** `<load balancer ARN suffix>/<target group ARN suffix>`. */
  readonly requestCountResourceLabel: string;
  /** Seconds between scale-ins. */
  readonly scaleInCooldownSeconds: number;
  /** Seconds between scale-outs. */
  readonly scaleOutCooldownSeconds: number;
}

/**
 * Target tracking of the service's task count on two signals, average CPU and load balancer requests
 * per task. Application Auto Scaling scales out when either is above its target and in only when
 * both are below, so the busier signal wins. It owns the desired count between min and max.
 */
export class ServiceAutoscaling extends Construct {
  /** The scalable target: the service's desired count, min to max. */
  readonly scalableTarget: AppautoscalingTarget;
  /** Target tracking on `ECSServiceAverageCPUUtilization`. */
  readonly cpuScalingPolicy: AppautoscalingPolicy;
  /** Target tracking on `ALBRequestCountPerTarget`. */
  readonly requestScalingPolicy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    this.scalableTarget = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      tags: { Name: props.label },
    });
    const targetTracking = (
      policyId: string,
      targetValue: number,
      predefinedMetricType: string,
      resourceLabel?: string,
    ): AppautoscalingPolicy =>
      new AppautoscalingPolicy(this, policyId, {
        name: resourceName('generic', props.label, policyId),
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.scalableTarget.serviceNamespace,
        resourceId: this.scalableTarget.resourceId,
        scalableDimension: this.scalableTarget.scalableDimension,
        targetTrackingScalingPolicyConfiguration: {
          targetValue,
          predefinedMetricSpecification: { predefinedMetricType, resourceLabel },
          scaleInCooldown: props.scaleInCooldownSeconds,
          scaleOutCooldown: props.scaleOutCooldownSeconds,
        },
      });
    this.cpuScalingPolicy = targetTracking('cpu', props.cpuTargetPercent, 'ECSServiceAverageCPUUtilization');
    this.requestScalingPolicy = targetTracking(
      'requests',
      props.requestsPerTarget,
      'ALBRequestCountPerTarget',
      props.requestCountResourceLabel,
    );
  }
}
