#!/usr/bin/env bash
# The ECS service of an environment, as the deploy job sees it. Reads the cluster and service names
# from the <env>-service stack's outputs.
#
#   bash .github/scripts/service.sh current <env>        # step output task-definition-arn (empty before the first deploy)
#   bash .github/scripts/service.sh wait-stable <env>    # the newest revision serves, and the deployment completed
#   bash .github/scripts/service.sh restart <env>        # a new deployment of the same task definition
#   bash .github/scripts/service.sh rollback <env> <task definition ARN>
#
# SERVICE_STABLE_TIMEOUT_SECONDS (default 1800) bounds each wait; SERVICE_POLL_SECONDS (default 15) its polling.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage="usage: service.sh current|wait-stable|restart <env>, or service.sh rollback <env> <task definition ARN>"
[[ $# -ge 2 ]] || fail "$usage"
command=$1
environment=$2
stack="$environment-service"
timeout=${SERVICE_STABLE_TIMEOUT_SECONDS:-1800}
poll=${SERVICE_POLL_SECONDS:-15}

stack_init "$stack"
cluster=$(stack_output "$stack" clusterName || true)
service=$(stack_output "$stack" serviceName || true)

describe() {
  aws ecs describe-services --cluster "$cluster" --services "$service" --output json
}

# Waits until the service runs only `expected`, with its deployment COMPLETED. Fails early when ECS
# marks the deployment FAILED: its circuit breaker then rolls back to the last deployment that worked,
# and a plain "services stable" wait would report that rollback as a success.
wait_for() {
  local expected=$1 deadline=$((SECONDS + timeout)) state primary rollout running desired count
  echo "Waiting up to ${timeout}s for $service to run $expected"
  while :; do
    state=$(describe)
    primary=$(jq -r '.services[0].deployments[] | select(.status == "PRIMARY") | .taskDefinition' <<<"$state")
    rollout=$(jq -r '.services[0].deployments[] | select(.status == "PRIMARY") | .rolloutState // "COMPLETED"' <<<"$state")
    count=$(jq -r '.services[0].deployments | length' <<<"$state")
    running=$(jq -r '.services[0].runningCount' <<<"$state")
    desired=$(jq -r '.services[0].desiredCount' <<<"$state")
    if [[ "$primary" != "$expected" ]]; then
      fail "$service now deploys $primary instead of $expected" \
        "the ECS deployment circuit breaker rolled back (tasks did not become healthy), or someone else deployed: read the service events with aws ecs describe-services --cluster $cluster --services $service --query 'services[0].events[:10]'"
    fi
    if [[ "$rollout" == FAILED ]]; then
      fail "the ECS deployment of $expected failed: $(jq -r '.services[0].deployments[] | select(.status == "PRIMARY") | .rolloutStateReason' <<<"$state")" \
        "the circuit breaker rolls back to the last task definition that worked; read the stopped tasks' reasons with aws ecs list-tasks --cluster $cluster --desired-status STOPPED"
    fi
    if [[ "$rollout" == COMPLETED && "$count" == 1 && "$running" == "$desired" ]]; then
      echo "$service is stable: $running/$desired tasks of $expected"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      fail "$service is not stable after ${timeout}s: $running/$desired tasks, rollout $rollout, $count deployments" \
        "read the service events: aws ecs describe-services --cluster $cluster --services $service --query 'services[0].events[:10]'"
    fi
    sleep "$poll"
  done
}

case "$command" in
  current)
    [[ $# -eq 2 ]] || fail "$usage"
    arn=""
    if [[ -n "$cluster" && -n "$service" ]]; then
      arn=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
        --query 'services[?status==`ACTIVE`] | [0].taskDefinition' --output text)
      [[ "$arn" == None ]] && arn=""
    fi
    [[ -n "$arn" ]] || echo "::notice::$stack has no running service yet: nothing to roll back to if this deploy fails."
    set_output task-definition-arn "$arn"
    ;;
  wait-stable)
    [[ $# -eq 2 ]] || fail "$usage"
    [[ -n "$cluster" && -n "$service" ]] || fail "$stack has no clusterName/serviceName outputs" "apply the stack first"
    family=$(stack_output "$stack" taskDefinitionFamily) || fail "$stack has no taskDefinitionFamily output"
    # The family's newest ACTIVE revision is the one the apply just registered.
    expected=$(aws ecs describe-task-definition --task-definition "$family" \
      --query 'taskDefinition.taskDefinitionArn' --output text)
    wait_for "$expected"
    ;;
  restart)
    [[ $# -eq 2 ]] || fail "$usage"
    [[ -n "$cluster" && -n "$service" ]] || fail "$stack has no clusterName/serviceName outputs" "apply the stack first"
    aws ecs update-service --cluster "$cluster" --service "$service" --force-new-deployment \
      --query 'service.taskDefinition' --output text
    ;;
  rollback)
    [[ $# -eq 3 && -n "$3" ]] || fail "$usage"
    previous=$3
    [[ -n "$cluster" && -n "$service" ]] || fail "$stack has no clusterName/serviceName outputs" "nothing to roll back"
    echo "::warning::Rolling $service back to $previous"
    aws ecs update-service --cluster "$cluster" --service "$service" --task-definition "$previous" \
      --query 'service.taskDefinition' --output text
    wait_for "$previous"
    echo "::warning::$service runs $previous again. Terraform state still names the new task definition: revert the commit (help/pipeline.md) so the next deploy matches."
    ;;
  *) fail "$usage" ;;
esac
