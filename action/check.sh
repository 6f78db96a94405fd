#!/usr/bin/env bash
# The check step of the GitHub Action (action.yml), also run by
# tests/ci_recipe.rs: verify the policies once as SARIF (for code scanning)
# and once as workflow commands (annotations on the diff). It never fails
# itself; it hands the exit status of `check` to the action's last step.
#
# Inputs (environment): INPUT_PATHS (whitespace-separated; empty: `paths`
# of stargate.toml, else `.`), INPUT_TERRAFORM (a Terraform directory or
# plan: the paths are then intents checked against it, and without any the
# built-in findings run), INPUT_TIMEOUT, INPUT_ANNOTATIONS (true/false),
# RUNNER_TEMP, GITHUB_OUTPUT.
set -uo pipefail

read -r -a paths <<< "${INPUT_PATHS:-}"
options=()
if [ -n "${INPUT_TIMEOUT:-}" ]; then
  options+=(--timeout "$INPUT_TIMEOUT")
fi
if [ -n "${INPUT_TERRAFORM:-}" ]; then
  options+=(--terraform "$INPUT_TERRAFORM")
fi

sarif="${RUNNER_TEMP:-/tmp}/stargate-verify.sarif"
rm -f "$sarif"
stargate-verify check --format sarif --output "$sarif" "${options[@]}" "${paths[@]}"
status=$?

if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then
  # The same verdicts as annotations; the status is the one above.
  stargate-verify check --format github "${options[@]}" "${paths[@]}" || true
fi

{
  echo "status=$status"
  # A usage or settings error writes no SARIF; then there is nothing to upload.
  if [ -s "$sarif" ]; then echo "sarif=$sarif"; fi
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
