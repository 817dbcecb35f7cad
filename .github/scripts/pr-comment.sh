#!/usr/bin/env bash
# Posts a Markdown file as the pull request comment it names, or updates that comment if this
# workflow posted it before: one comment per report, never a new one per push. The report's first
# line is its marker, e.g. <!-- plan-summary -->.
#
#   GH_TOKEN=... GITHUB_REPOSITORY=owner/name PR_NUMBER=42 bash .github/scripts/pr-comment.sh report.md
#
# COMMENT_AUTHOR (default github-actions[bot]) is whose comments may be updated.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 && -f "$1" ]] || fail "usage: pr-comment.sh <markdown file>"
: "${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY to owner/name}" "${PR_NUMBER:?set PR_NUMBER to the pull request number}"
author=${COMMENT_AUTHOR:-github-actions[bot]}
marker=$(head -n 1 "$1")
[[ "$marker" =~ ^\<!--\ [a-z0-9-]+\ --\>$ ]] || fail "the first line of $1 is not a marker like <!-- plan-summary -->: $marker"

body=$(mktemp)
fit_for_github "$1" >"$body"

ids=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments?per_page=100" \
  --jq ".[] | select(.user.login == \"$author\" and (.body | startswith(\"$marker\"))) | .id")
existing=${ids%%$'\n'*}
if [[ -n "$existing" ]]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" --jq .html_url
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body" --jq .html_url
fi
