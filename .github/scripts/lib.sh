# Helpers sourced by the deploy, plan and review scripts. They run from the repository root, after
# `npm run synth`, with terraform, aws, gh and jq on PATH (all on GitHub's ubuntu runners).

# Prints an error the way GitHub Actions shows it (an annotation), a hint if given, and exits 1.
fail() {
  echo "::error::$1" >&2
  if [[ -n "${2:-}" ]]; then echo "hint: $2" >&2; fi
  exit 1
}

# Records a step output (key=value) for later steps; also printed, so a local run shows it.
set_output() {
  echo "$1=$2"
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "$1=$2" >>"$GITHUB_OUTPUT"; fi
}

# Appends Markdown from stdin to the job summary, or prints it outside GitHub Actions.
to_summary() {
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then cat >>"$GITHUB_STEP_SUMMARY"; else cat; fi
}

# The folder Terraform runs in for a synthesized stack.
stack_dir() {
  echo "cdktf.out/stacks/$1"
}

# Runs `terraform init` for a stack (quietly: its output is only interesting when it fails).
stack_init() {
  local stack=$1 log
  [[ "$stack" =~ ^[a-z0-9]+(-[a-z0-9]+)+$ ]] || fail "not a stack name: '$stack'" "stacks are named <env>-<layer>, e.g. dev-network"
  [[ -f "$(stack_dir "$stack")/cdk.tf.json" ]] ||
    fail "stack $stack is not synthesized: $(stack_dir "$stack")/cdk.tf.json is missing" "run npm run synth first"
  log=$(mktemp)
  if ! terraform -chdir="$(stack_dir "$stack")" init -input=false -no-color >"$log" 2>&1; then
    cat "$log" >&2
    fail "terraform init failed for $stack" "read the output above: credentials, state bucket and provider downloads are the usual causes"
  fi
}

# Prints one output of an initialized stack's state, or nothing (exit 1) when it has none yet.
stack_output() {
  terraform -chdir="$(stack_dir "$1")" output -raw "$2" 2>/dev/null
}

# Copies a Markdown file to stdout, cut to fit a GitHub comment or issue body (65536 characters at
# most); a cut report ends with a link to the run, whose job summary has all of it.
fit_for_github() {
  if (($(wc -c <"$1") > 60000)); then
    head -c 60000 "$1"
    printf '\n\n_Cut at 60000 characters: the whole report is in the summary of [the run](%s)._\n' \
      "${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-0}"
  else
    cat "$1"
  fi
}
