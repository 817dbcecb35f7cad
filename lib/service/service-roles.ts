import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AwsContext, awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { secretsReadStatements } from '../secrets/secrets-read-statements';
import { policyDocument, PolicyStatement } from '../security/policy-document';
import { EcrRepository } from './container-image';
import { secretArnOf } from './secret-references';
import { isListReference } from '../core/terraform-text';

/** The actions ECS Exec needs in the task role: the SSM Session Manager channels (ECS Developer Guide, "ECS Exec"). */
export const ECS_EXEC_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

/** The ECR actions that pull an image, scoped to its repository. */
export const ECR_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
];

/** Props of {@link ServiceRoles}. */
export interface ServiceRolesProps {
  /** Name of the service, `<namePrefix>-<containerName>`: the roles are `<name>-execution` and `<name>-task`. */
  readonly name: string;
  /** ARN of the log group the containers write to. */
  readonly logGroupArn: string;
  /** KMS key of that log group; ECS Exec sessions are encrypted with it too. */
  readonly logsKeyArn: string;
  /** The image's ECR repository; `undefined` for an image in another (public) registry. */
  readonly ecrRepository: EcrRepository | undefined;
  /** `valueFrom` of every injected secret. */
  readonly secretValueFroms: readonly string[];
  /** Keys the secrets are encrypted with: a literal list or one list reference. */
  readonly secretKmsKeyArns: readonly string[];
  /** Give the task role the ECS Exec channel actions. */
  readonly enableExecuteCommand: boolean;
}

/**
 * The two roles of a Fargate task. The execution role is what ECS itself uses to start the task:
 * pull the image, create log streams in the service's log group, read the injected secrets, and no
 * more (an inline policy, not the broader AmazonECSTaskExecutionRolePolicy). The task role is what
 * the application's code gets: nothing by default (plus the ECS Exec channels when enabled); add the
 * app's own permissions with {@link FargateService.addTaskRolePolicy}.
 */
export class ServiceRoles extends Construct {
  /** The role ECS assumes to start tasks. */
  readonly executionRole: IamRole;
  /** Its inline policy. */
  readonly executionRolePolicy: IamRolePolicy;
  /** The role the containers' AWS SDKs use. */
  readonly taskRole: IamRole;
  /** The task role's ECS Exec policy, when enabled. */
  readonly executeCommandPolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRolesProps) {
    super(scope, id);
    const aws = awsContext(this);
    const role = (purpose: string, description: string) => {
      const name = resourceName('iamRole', props.name, purpose);
      return new IamRole(this, purpose, {
        name,
        description,
        assumeRolePolicy: policyDocument([ecsTasksTrustStatement(aws)]),
        tags: { Name: name },
      });
    };
    this.executionRole = role('execution', `ECS starts the tasks of ${props.name} with it`);
    this.taskRole = role('task', `The application in the tasks of ${props.name} runs with it`);

    this.executionRolePolicy = new IamRolePolicy(this, 'execution-policy', {
      name: resourceName('iamPolicy', props.name, 'start-tasks'),
      role: this.executionRole.id,
      policy: executionPolicy(aws, props),
    });

    if (props.enableExecuteCommand) {
      this.executeCommandPolicy = new IamRolePolicy(this, 'execute-command-policy', {
        name: resourceName('iamPolicy', props.name, 'ecs-exec'),
        role: this.taskRole.id,
        policy: policyDocument([
          {
            // The Session Manager channel actions have no resource type: AWS accepts only "*".
            Sid: 'EcsExecSessionChannels',
            Effect: 'Allow',
            Action: ECS_EXEC_ACTIONS,
            Resource: '*',
          },
          {
            // The session transcript goes to the service's own log group (the cluster's ECS Exec
            // logging): who ran what inside a task is on record, not only that a session opened.
            Sid: 'EcsExecSessionTranscript',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
            Resource: [props.logGroupArn, `${props.logGroupArn}:log-stream:*`],
          },
          {
            // The session channel is encrypted with the logs key: the agent in the task decrypts it.
            Sid: 'EcsExecSessionKey',
            Effect: 'Allow',
            Action: ['kms:Decrypt'],
            Resource: props.logsKeyArn,
          },
          {
            // The SSM agent looks its log group up before writing; DescribeLogGroups takes no resource.
            Sid: 'EcsExecFindLogGroup',
            Effect: 'Allow',
            Action: ['logs:DescribeLogGroups'],
            Resource: '*',
          },
        ]),
      });
    }
  }
}

/**
 * Trust of `ecs-tasks.amazonaws.com`, for tasks of this account and region only: the confused-deputy
 * guard the ECS Developer Guide recommends for task and task execution roles.
 */
export function ecsTasksTrustStatement(aws: AwsContext): PolicyStatement {
  return {
    Sid: 'EcsTasksAssumeRole',
    Effect: 'Allow',
    Principal: { Service: 'ecs-tasks.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': aws.accountId },
      ArnLike: { 'aws:SourceArn': `arn:${aws.partition}:ecs:${aws.region}:${aws.accountId}:*` },
    },
  };
}

/** Marks where a list reference of key ARNs goes in the execution policy's JSON. */
const KEY_LIST_PLACEHOLDER = 'secret-kms-key-arns';

/**
 * The execution role's policy document. A list reference of key ARNs cannot be written into JSON
 * text as it is: it goes in as `${jsonencode(<list>)}`, which Terraform renders as a JSON array.
 */
function executionPolicy(aws: AwsContext, props: ServiceRolesProps): string {
  const document = policyDocument(executionStatements(aws, props));
  return isListReference(props.secretKmsKeyArns)
    ? document.replace(JSON.stringify([KEY_LIST_PLACEHOLDER]), Fn.jsonencode(props.secretKmsKeyArns))
    : document;
}

function executionStatements(aws: AwsContext, props: ServiceRolesProps): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const repository = props.ecrRepository;
  if (repository) {
    statements.push(
      {
        // GetAuthorizationToken has no resource type: AWS accepts only "*". The token alone reads nothing.
        Sid: 'AuthenticateToEcr',
        Effect: 'Allow',
        Action: 'ecr:GetAuthorizationToken',
        Resource: '*',
      },
      {
        Sid: 'PullServiceImage',
        Effect: 'Allow',
        Action: ECR_PULL_ACTIONS,
        Resource: `arn:${aws.partition}:ecr:${repository.region}:${repository.accountId}:repository/${repository.name}`,
      },
    );
  }
  statements.push({
    // The log group exists (Terraform creates it), so CreateLogGroup is not granted.
    Sid: 'WriteContainerLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: `${props.logGroupArn}:log-stream:*`,
  });
  const secretArns = [...new Set(props.secretValueFroms.map(secretArnOf))];
  if (secretArns.length > 0) {
    const keyArns = props.secretKmsKeyArns;
    if (isListReference(keyArns)) {
      // Stands in for the list until executionPolicy puts the reference in its place.
      statements.push(
        ...secretsReadStatements({ secretArns, keyArns: [KEY_LIST_PLACEHOLDER], region: aws.region }),
      );
    } else if (keyArns.length > 0) {
      statements.push(...secretsReadStatements({ secretArns, keyArns: [...keyArns], region: aws.region }));
    } else {
      // Secrets under the AWS managed key need no KMS statement: its key policy admits the callers of
      // Secrets Manager in the account.
      statements.push({
        Sid: 'ReadApplicationSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArns,
      });
    }
  }
  return statements;
}
