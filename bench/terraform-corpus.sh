#!/bin/sh
# Runs `stargate-verify import` over every plan JSON file (or directory of
# .tf files) in a corpus that is not part of the repository, e.g.
#   bench/terraform-corpus.sh /work/shared/corpus/terraform-plans
# and reports how many were read, how many were refused with diagnostics,
# and how many crashed (a status other than 0 or 2; there must be none).
# Each .sg output is also checked with `stargate-verify check`.
set -u
dir=${1:?usage: bench/terraform-corpus.sh DIR [BINARY]}
bin=${2:-target/release/stargate-verify}
read_ok=0 refused=0 crashed=0 sg_bad=0
out=$(mktemp -d)
for f in "$dir"/*; do
    case "$f" in *.json) ;; *) [ -d "$f" ] || continue ;; esac
    "$bin" import "$f" --format json >"$out/json" 2>"$out/err"
    status=$?
    case $status in
        0) read_ok=$((read_ok + 1)) ;;
        2) refused=$((refused + 1)) ;;
        *) crashed=$((crashed + 1)); echo "CRASH ($status): $f"; sed 's/^/    /' "$out/err" | head -5 ;;
    esac
    if [ $status -eq 0 ]; then
        "$bin" import "$f" >"$out/policy.sg" 2>/dev/null
        "$bin" check "$out/policy.sg" >/dev/null 2>&1 || { sg_bad=$((sg_bad + 1)); echo "SG DOES NOT CHECK: $f"; }
    fi
done
rm -rf "$out"
echo "read: $read_ok, refused with diagnostics: $refused, crashed: $crashed, .sg not checking: $sg_bad"
[ $crashed -eq 0 ] && [ $sg_bad -eq 0 ]
