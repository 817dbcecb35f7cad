#!/usr/bin/env bash
# Runs a review report on a pull request (plan-summary or synth-diff), puts it in the job summary
# and in one updated PR comment, and fails when it finds DANGER (a stateful resource destroyed or
# replaced) unless the pull request has the allow-destroy label. The label is read when this runs,
# not from the event, so adding it and re-running the failed job is enough.
#
#   bash .github/scripts/review.sh plan-summary plans/*.json
#   bash .github/scripts/review.sh synth-diff "$RUNNER_TEMP/base/cdktf.out" cdktf.out
#
# Needs GH_TOKEN, GITHUB_REPOSITORY and PR_NUMBER. PR_IS_FORK=true (a fork's read-only token):
# the report goes to the job summary only.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -ge 2 && ("$1" == plan-summary || "$1" == synth-diff) ]] ||
  fail "usage: review.sh plan-summary|synth-diff <inputs>..."
tool=$1
shift
: "${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY to owner/name}" "${PR_NUMBER:?set PR_NUMBER to the pull request number}"

allow=()
labels=$(gh api "repos/$GITHUB_REPOSITORY/pulls/$PR_NUMBER" --jq '.labels[].name')
if grep -qx allow-destroy <<<"$labels"; then
  allow=(--allow-destroy)
  echo "The pull request has the allow-destroy label: DANGER is reported, not failed."
fi

report=$(mktemp)
set +e
npm run --silent "$tool" -- "$@" "${allow[@]}" >"$report"
code=$?
set -e
if [[ $code -ne 0 && $code -ne 2 ]]; then
  cat "$report" >&2
  fail "$tool could not read its input (exit $code)" "its message is above; the inputs were: $*"
fi

to_summary <"$report"
if [[ "${PR_IS_FORK:-false}" == true ]]; then
  echo "::notice::Pull request from a fork: its token cannot comment, so the $tool report is in the job summary."
else
  bash "$(dirname "$0")/pr-comment.sh" "$report"
fi

if [[ $code -eq 2 ]]; then
  fail "$tool found DANGER: a stateful resource would be destroyed or replaced (see the report)" \
    "if that is intended, add the allow-destroy label to the pull request and re-run this job (help/pipeline.md)"
fi
