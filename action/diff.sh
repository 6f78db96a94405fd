#!/usr/bin/env bash
# The diff step of the GitHub Action (action.yml), on pull requests, also
# run by tests/ci_recipe.rs: for every policy that `check` reads, annotate
# the flows the pull request opens. A policy the pull request adds gets a
# notice, or with INPUT_NEW_POLICY=empty is compared with an empty network
# (everything it admits is opened). Like check.sh it never fails itself; it
# hands on the worst exit status.
#
# With INPUT_TERRAFORM, the Terraform configuration is diffed instead: the
# flows the pull request opens in the imported network, annotated on the
# `.tf` lines that open them.
#
# Inputs (environment): GITHUB_BASE_REF, INPUT_PATHS, INPUT_TERRAFORM,
# INPUT_FAIL_ON, INPUT_TIMEOUT, INPUT_NEW_POLICY, GITHUB_OUTPUT;
# STARGATE_BASE_REMOTE (default `origin`).
set -uo pipefail

base="${GITHUB_BASE_REF:-}"
remote="${STARGATE_BASE_REMOTE:-origin}"
if [ -z "$base" ]; then
  echo "::error title=stargate-verify::diff runs on pull requests only (GITHUB_BASE_REF is not set)"
  echo "status=2" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 0
fi
git fetch --quiet --no-tags --depth=1 "$remote" "$base:refs/remotes/$remote/$base" || true

read -r -a paths <<< "${INPUT_PATHS:-}"
options=(--format github --new-policy "${INPUT_NEW_POLICY:-notice}")
if [ -n "${INPUT_FAIL_ON:-}" ]; then options+=(--fail-on "$INPUT_FAIL_ON"); fi
if [ -n "${INPUT_TIMEOUT:-}" ]; then options+=(--timeout "$INPUT_TIMEOUT"); fi

if [ -n "${INPUT_TERRAFORM:-}" ]; then
  tf_options=(--format github)
  if [ -n "${INPUT_FAIL_ON:-}" ]; then tf_options+=(--fail-on "$INPUT_FAIL_ON"); fi
  if [ -n "${INPUT_TIMEOUT:-}" ]; then tf_options+=(--timeout "$INPUT_TIMEOUT"); fi
  stargate-verify diff --base "$remote/$base" --terraform "${tf_options[@]}" "$INPUT_TERRAFORM"
  echo "status=$?" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 0
fi

worst=0
while IFS= read -r file; do
  stargate-verify diff --base "$remote/$base" "${options[@]}" "$file"
  status=$?
  if [ "$status" -gt "$worst" ]; then worst=$status; fi
done < <(stargate-verify check --show-files "${paths[@]}")

echo "status=$worst" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
