#!/usr/bin/env bash
# Turns the drift plans into issues: for every stack planned (a <stack>.status file written by
# terraform-plan.sh), one open issue titled "Drift: <stack>" while it drifts, its body the plan
# summary of the latest run; closed with a comment once the stack is clean again. A stack whose
# plan failed has no status file and its issue is left as it is (the failed run says why).
#
#   GH_TOKEN=... GITHUB_REPOSITORY=owner/name bash .github/scripts/drift-issues.sh plans
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 ]] || fail "usage: drift-issues.sh <folder of terraform-plan.sh outputs>"
plans=$1
: "${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY to owner/name}"
run_url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/${GITHUB_RUN_ID:-0}"
shopt -s nullglob
statuses=("$plans"/*.status)
((${#statuses[@]} > 0)) || fail "no plans in $plans" "every drift plan failed: read the drift jobs' logs"

gh label create drift --force --color D93F0B \
  --description "Infrastructure differs from the code (drift.yml)" --repo "$GITHUB_REPOSITORY" >/dev/null
issues=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues?state=open&labels=drift&per_page=100" \
  --jq '.[] | select(.pull_request == null) | "\(.number) \(.title)"')

for status_file in "${statuses[@]}"; do
  stack=$(basename "$status_file" .status)
  title="Drift: $stack"
  number=$(awk -v title="$title" '{ n = $1; $1 = ""; if (substr($0, 2) == title) { print n; exit } }' <<<"$issues")
  status=$(<"$status_file")
  if [[ "$status" == changes ]]; then
    body=$(mktemp)
    {
      echo "The deployed \`$stack\` differs from what the code on the default branch would apply,"
      echo "as of [this drift run]($run_url) ($(date -u '+%Y-%m-%d %H:%M UTC'))."
      echo "Someone changed it outside Terraform, or a change was merged but not deployed."
      echo "What to do: help/pipeline.md, section \"Drift issues\". This issue closes itself once the stack is clean."
      echo
      set +e
      npm run --silent plan-summary -- "$plans/$stack.json"
      code=$?
      set -e
      # plan-summary exits 2 for DANGER, which is part of the report here, not a failure.
      if [[ $code -ne 0 && $code -ne 2 ]]; then echo "_plan-summary failed (exit $code): see the run's log._"; fi
    } >"$body.full"
    fit_for_github "$body.full" >"$body"
    if [[ -n "$number" ]]; then
      gh issue edit "$number" --repo "$GITHUB_REPOSITORY" --body-file "$body" >/dev/null
      echo "$stack drifts: updated issue #$number"
    else
      gh issue create --repo "$GITHUB_REPOSITORY" --title "$title" --label drift --body-file "$body"
      echo "$stack drifts: opened an issue"
    fi
  elif [[ -n "$number" ]]; then
    gh issue close "$number" --repo "$GITHUB_REPOSITORY" --comment "No drift in \`$stack\` as of [this run]($run_url)."
    echo "$stack is clean: closed issue #$number"
  else
    echo "$stack is clean"
  fi
done
