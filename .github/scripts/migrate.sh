#!/usr/bin/env bash
# Runs the database migrations of one environment before its service changes:
#   1. applies only the migration task definition of <env>-service (so it runs the new image),
#   2. starts it once on Fargate with the service's network configuration,
#   3. waits for it to stop, and fails unless its container exited 0 (printing the task's last log lines).
# Sets the step output ran=true, or ran=false on the environment's first deploy, when the cluster
# does not exist yet: the workflow runs this again, with --required, after the service stack's apply.
#
#   bash .github/scripts/migrate.sh dev [--required]
#
# MIGRATION_TIMEOUT_SECONDS (default 1800) bounds the wait; MIGRATION_POLL_SECONDS (default 10) its polling.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [[ $# -lt 1 || $# -gt 2 || ($# -eq 2 && "$2" != --required) ]]; then
  fail "usage: migrate.sh <env> [--required]"
fi
environment=$1
required=${2:-}
stack="$environment-service"
dir=$(stack_dir "$stack")
timeout=${MIGRATION_TIMEOUT_SECONDS:-1800}
poll=${MIGRATION_POLL_SECONDS:-10}

stack_init "$stack"
echo "Applying aws_ecs_task_definition.migration_task_definition of $stack"
terraform -chdir="$dir" apply -input=false -no-color -auto-approve \
  -target=aws_ecs_task_definition.migration_task_definition

# Terraform refreshes only the outputs that depend on nothing but the targeted resource (the task
# definition ARN); the others come from the last full apply, and are absent before the first one.
cluster=$(stack_output "$stack" clusterName || true)
if [[ -z "$cluster" ]]; then
  if [[ -n "$required" ]]; then
    fail "$stack has no clusterName output after its apply" "check that the service stack publishes clusterName"
  fi
  echo "::notice::First deploy of $stack: no cluster yet, so the migrations run after the service stack is applied."
  set_output ran false
  exit 0
fi
task_definition=$(stack_output "$stack" migrationTaskDefinitionArn) || fail "$stack has no migrationTaskDefinitionArn output"
container=$(stack_output "$stack" migrationContainerName) || fail "$stack has no migrationContainerName output"
network=$(stack_output "$stack" migrationNetworkConfiguration) || fail "$stack has no migrationNetworkConfiguration output"
log_group=$(stack_output "$stack" logGroupName || true)

echo "Starting $task_definition in cluster $cluster"
started=$(aws ecs run-task --cluster "$cluster" --task-definition "$task_definition" --launch-type FARGATE \
  --count 1 --network-configuration "$network" --started-by "deploy-${GITHUB_RUN_ID:-manual}" \
  --propagate-tags TASK_DEFINITION --output json)
task=$(jq -r '.tasks[0].taskArn // empty' <<<"$started")
if [[ -z "$task" ]]; then
  fail "the migration task did not start: $(jq -c '.failures' <<<"$started")" \
    "ECS refused to place it: check the cluster, subnets and Fargate capacity, then re-run the job"
fi
echo "Migration task $task started; waiting up to ${timeout}s for it to stop"

deadline=$((SECONDS + timeout))
while :; do
  status=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --query 'tasks[0].lastStatus' --output text)
  [[ "$status" == STOPPED ]] && break
  if ((SECONDS >= deadline)); then
    # Not stopped on purpose: killing a migration half-way can leave more damage than letting it finish.
    fail "the migration task $task is still $status after ${timeout}s" \
      "it keeps running; watch it, or stop it: aws ecs stop-task --cluster $cluster --task $task --reason 'deploy timeout'"
  fi
  sleep "$poll"
done

described=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --output json)
exit_code=$(jq -r --arg name "$container" '.tasks[0].containers[] | select(.name == $name) | .exitCode // "none"' <<<"$described")
reason=$(jq -r '.tasks[0].stoppedReason // "unknown"' <<<"$described")
if [[ "$exit_code" == 0 ]]; then
  set_output ran true
  echo "Migrations done: container $container exited 0"
  exit 0
fi

if [[ -n "$log_group" ]]; then
  prefix=$(aws ecs describe-task-definition --task-definition "$task_definition" \
    --query "taskDefinition.containerDefinitions[?name=='$container'].logConfiguration.options.\"awslogs-stream-prefix\" | [0]" \
    --output text || true)
  stream="$prefix/$container/${task##*/}"
  echo "Last log lines of $log_group $stream:"
  aws logs get-log-events --log-group-name "$log_group" --log-stream-name "$stream" --limit 50 \
    --query 'events[].message' --output text || echo "(could not read the log stream)"
fi
fail "the migrations failed: container $container exit code $exit_code (task stopped: $reason)" \
  "the service was not updated and still runs its previous task definition (the stacks before it stay applied). Fix the migration and push again."
