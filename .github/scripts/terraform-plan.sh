#!/usr/bin/env bash
# Plans one synthesized stack without taking its state lock (a running deploy keeps it), and writes
# <out-dir>/<stack>.json (`terraform show -json`), <stack>.txt (the readable plan) and <stack>.status
# (`changes` or `clean`). Sets the step output changes=true|false. Exits 0 whether or not there are
# changes, 1 when Terraform fails.
#
#   bash .github/scripts/terraform-plan.sh dev-network plans
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -eq 2 ]] || fail "usage: terraform-plan.sh <stack> <out-dir>"
stack=$1
out=$2
dir=$(stack_dir "$stack")
mkdir -p "$out"

stack_init "$stack"
# -detailed-exitcode: 0 no changes, 1 error, 2 changes (drift, when the code did not change).
set +e
terraform -chdir="$dir" plan -input=false -no-color -lock=false -detailed-exitcode -out=tfplan | tee "$out/$stack.txt"
code=${PIPESTATUS[0]}
set -e
case "$code" in
  0) status=clean ;;
  2) status=changes ;;
  *) fail "terraform plan failed for $stack (exit $code)" "read the plan output above" ;;
esac
terraform -chdir="$dir" show -json tfplan >"$out/$stack.json"
echo "$status" >"$out/$stack.status"
set_output changes "$([[ $status == changes ]] && echo true || echo false)"
