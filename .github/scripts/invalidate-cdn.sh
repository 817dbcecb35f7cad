#!/usr/bin/env bash
# Invalidates what a single-page app must not serve stale after a deploy, and waits until CloudFront
# has done it. Hashed assets (/assets/*) never change under a name, so they stay cached. Client-side
# routes are rewritten to /index.html at the edge, so invalidating it covers every route.
#
#   bash .github/scripts/invalidate-cdn.sh dev
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 ]] || fail "usage: invalidate-cdn.sh <env>"
stack="$1-edge"
paths=(/ /index.html /manifest.json /manifest.webmanifest /sw.js /service-worker.js)

stack_init "$stack"
distribution=$(stack_output "$stack" distributionId) || fail "$stack has no distributionId output" "apply $stack first"
id=$(aws cloudfront create-invalidation --distribution-id "$distribution" --paths "${paths[@]}" \
  --query 'Invalidation.Id' --output text)
echo "Invalidation $id of ${paths[*]} on $distribution; waiting for it to complete"
aws cloudfront wait invalidation-completed --distribution-id "$distribution" --id "$id"
