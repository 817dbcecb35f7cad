#!/usr/bin/env bash
# Post-deploy smoke test of an environment through its public domain: the site over HTTPS and a
# WebSocket through CloudFront, with the site's own Origin. Sets the step output url.
#
#   bash .github/scripts/smoke.sh dev
#
# SMOKE_WS_PATH (default /ws) is the WebSocket path CloudFront sends to the service. Health and CORS
# are checked on /api/health: CloudFront sends only /api/* and /ws* to the service, and answers
# every other path from the S3 site (help/smoke.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 ]] || fail "usage: smoke.sh <env>"
stack="$1-edge"
ws_path=${SMOKE_WS_PATH:-/ws}

stack_init "$stack"
domain=$(stack_output "$stack" siteDomainName) || fail "$stack has no siteDomainName output" "apply $stack first"
set_output url "https://$domain"
npm run --silent smoke -- --url "https://$domain" --ws "wss://$domain$ws_path" --origin "https://$domain" \
  --health-path /api/health --cors-path /api/health ||
  fail "the smoke test of https://$domain failed" "its output above says which check; the service is rolled back next"
