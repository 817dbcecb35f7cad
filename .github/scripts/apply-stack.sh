#!/usr/bin/env bash
# Deploys one synthesized stack: plan, the plan summary in the job summary, then apply of exactly
# that plan (taking the state lock). The pull request's plan check is the review gate; this shows
# what is applied now, which differs from the review only if something changed since.
#
#   bash .github/scripts/apply-stack.sh dev-network
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 ]] || fail "usage: apply-stack.sh <stack>"
stack=$1
dir=$(stack_dir "$stack")
plans="${RUNNER_TEMP:-/tmp}/plans"
mkdir -p "$plans"

stack_init "$stack"
terraform -chdir="$dir" plan -input=false -no-color -out=tfplan
terraform -chdir="$dir" show -json tfplan >"$plans/$stack.json"
# A broken summary must not stop a deploy whose plan is in the log above.
if ! npm run --silent plan-summary -- "$plans/$stack.json" --allow-destroy | to_summary; then
  echo "::warning::plan-summary could not summarize the plan of $stack; the plan is in the log"
fi
terraform -chdir="$dir" apply -input=false -no-color tfplan
