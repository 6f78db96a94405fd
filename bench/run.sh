#!/usr/bin/env bash
# Reproducible end-to-end benchmark of stargate-verify: prints a Markdown
# report (machine, versions, then one table per measurement) on stdout.
# Usage: bash bench/run.sh [--quick]   (--quick skips the 10,000-service estate)
# Needs: hyperfine, z3 (Debian packages), GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin stargate-verify --example workload --example parseonly
bin=target/release/stargate-verify
gen=target/release/examples/workload

echo "## Machine"
echo
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; memory $(free -g | awk '/Mem:/{print $2}') GiB"
echo "- $(rustc --version); z3 library $(dpkg-query -W -f='${Version}' libz3-4 2>/dev/null || echo unknown); $(z3 --version)"
echo "- date: $(date -u +%Y-%m-%d)"
echo

# name services balancers rules_per_balancer assertions [seed port_assertions dual_stack cloud]
estates=(
  "rules-1k 100 10 100 100"
  "rules-10k 1000 100 100 100"
  "estate-1k 1000 100 140 200"
  "estate-1k-ports 1000 100 140 200 1 76"
  "estate-1k-cloud 1000 100 140 200 1 0 1 1"
)
[ "$quick" = "--quick" ] || estates+=("rules-100k 10000 1000 100 100" "estate-10k 10000 1000 100 1000")
cp policies/sandbox.sg "$work/sandbox.sg"
for e in "${estates[@]}"; do
  set -- $e
  "$gen" "$2" "$3" "$4" "$5" ${6:-} ${7:-} ${8:-} ${9:-} > "$work/$1.sg"
done

median_ms() { # command... -> median wall time in ms over runs
  hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  python3 -c "import json;r=json.load(open('$work/h.json'))['results'][0];print(round(r['median']*1000,1))"
}

echo "## End to end (process wall time, median)"
echo
echo "| policy | size | rules | assertions | median | peak memory |"
echo "|---|---|---|---|---|---|"
for name in sandbox $(printf '%s\n' "${estates[@]}" | cut -d' ' -f1); do
  file="$work/$name.sg"
  rules=$(grep -cE '^\s*(deny|forward)' "$file" || true)
  asserts=$(grep -c '^assert' "$file" || true)
  case "$name" in sandbox) RUNS=30 ;; *-10k|*-100k) RUNS=3 ;; *) RUNS=5 ;; esac
  t=$(median_ms "$bin $file")
  mem=$( { /usr/bin/time -f '%M' "$bin" "$file" >/dev/null || true; } 2>&1 | tail -1)
  echo "| $name | $(( $(wc -c < "$file") / 1024 )) KiB | $rules | $asserts | $t ms | $(( mem / 1024 )) MiB |"
done
echo

echo "## Parse throughput"
echo
for name in sandbox estate-1k $( [ "$quick" = "--quick" ] || echo estate-10k ); do
  out=$(target/release/examples/parseonly "$work/$name.sg" 2>&1)
  fast=$(sed -n 's/^parse: .* \([0-9.]* MB\/s\).*/\1/p' <<<"$out")
  grammar=$(sed -n 's/^grammar: .* \([0-9.]* MB\/s\).*/\1/p' <<<"$out")
  echo "- $name: $fast; the pest grammar alone $grammar (best of 5)"
done
echo

echo "## Per-assertion solve time (one worker)"
echo
echo "| policy | status | count | median | p99 |"
echo "|---|---|---|---|---|"
for name in sandbox estate-1k estate-1k-ports; do
  "$bin" -j1 --format json "$work/$name.sg" > "$work/$name.json" || true
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
by = {}
for a in doc["files"][0]["assertions"]:
    by.setdefault(a["status"], []).append(a["elapsed_ms"])
for status, xs in sorted(by.items()):
    xs.sort()
    med = xs[len(xs) // 2]
    p99 = xs[min(len(xs) - 1, int(len(xs) * 0.99))]
    print(f"| {sys.argv[2]} | {status} | {len(xs)} | {med:.2f} ms | {p99:.2f} ms |")
PY
done
echo

echo "## Overhead against a separate z3 process"
echo
echo "| policy | stargate-verify end to end | z3 processes on the obligations (sum) | ratio |"
echo "|---|---|---|---|"
for name in sandbox estate-1k; do
  rm -rf "$work/smt"
  "$bin" --emit-smt "$work/smt" "$work/$name.sg" >/dev/null || true
  RUNS=5
  ours=$(median_ms "$bin $work/$name.sg")
  start=$(date +%s%N)
  for f in "$work"/smt/*.smt2; do z3 "$f" >/dev/null; done
  z3ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "| $name | $ours ms | $z3ms ms | $(python3 -c "print(round($ours/$z3ms,3))") |"
done
echo

echo "## diff (one-line edits of the 1,000-service estate and of the sandbox)"
echo
echo "| comparison | check of HEAD | diff | summary |"
echo "|---|---|---|---|"
e="$work/estate-1k.sg"
sed 's/^  listen 8500 from lb0$/  listen 8500 from [lb0, office]/' "$e" > "$work/e-widen.sg"
sed 's/^  listen 8500 from lb0$/  listen 8500 from lb1/' "$e" > "$work/e-tighten.sg"
sed '0,/\/lb0\/s500\/r5\/\*/s||/lb0/s500/r6/*|' "$e" > "$work/e-rule.sg"
# Edits of other kinds: an edge's rule, a service's egress and addresses, a zone's addresses.
sed 's|forward when path in /lb0/\* to lb0:80 set header X-Origin = origin|forward when path in /lb0x/* to lb0:80 set header X-Origin = origin|' "$e" > "$work/e-edge.sg"
sed '/^service s500 {/,/^}/ s/egress to vpc ports \[5432, 443\]/egress to vpc ports [5432, 443, 80]/' "$e" > "$work/e-egress.sg"
sed '/^service s500 {/,/^}/ s|addresses 10.64.31.64/28|addresses 10.64.31.64/27|' "$e" > "$work/e-address.sg"
sed 's|^zone office { addresses 10.250.0.0/16|zone office { addresses 10.250.0.0/15|' "$e" > "$work/e-zone.sg"
# The dual-stack estate with groups, patterns and ACLs: a rule and a listen line.
c="$work/estate-1k-cloud.sg"
sed '0,/forward when path in \/lb0\/s400\/r4\/\*/s||forward when path in /lb0/s400/r9/*|' "$c" > "$work/c-rule.sg"
sed 's/^  listen 8500 from lb0_sg$/  listen 8500 from lb1_sg/' "$c" > "$work/c-tighten.sg"
s="$work/sandbox.sg"
sed 's/listen 2049 from vpc/listen 2049 from private_subnets/' "$s" > "$work/s-2049.sg"
sed 's/listen 443 tls from any/listen 443 tls from internet/' "$s" > "$work/s-443.sg"
for pair in "estate-1k estate-1k" "estate-1k e-widen" "estate-1k e-tighten" "estate-1k e-rule" \
            "estate-1k e-edge" "estate-1k e-egress" "estate-1k e-address" "estate-1k e-zone" \
            "estate-1k-cloud c-rule" "estate-1k-cloud c-tighten" \
            "sandbox sandbox" "sandbox s-2049" "sandbox s-443"; do
  set -- $pair
  RUNS=3
  c=$(median_ms "$bin $work/$2.sg")
  d=$(median_ms "$bin diff $work/$1.sg $work/$2.sg")
  summary=$("$bin" diff "$work/$1.sg" "$work/$2.sg" 2>/dev/null | tail -1 || true)
  echo "| $1 -> $2 | $c ms | $d ms | $summary |"
done
echo

echo "## Terraform (check --terraform, import and check end to end)"
echo
echo "| configuration | lines | median | peak memory | summary |"
echo "|---|---|---|---|---|"
python3 bench/tf_estate.py "$work/tf-10k" 10000 2>/dev/null
for tf in tests/terraform/sandbox "$work/tf-10k"; do
  RUNS=10
  t=$(median_ms "$bin check --terraform $tf")
  /usr/bin/time -f '%M' -o "$work/mem" "$bin" check --terraform "$tf" >/dev/null 2>&1 || true
  mem=$(tail -1 "$work/mem")
  lines=$(cat "$tf"/*.tf | wc -l)
  summary=$("$bin" check --terraform "$tf" 2>/dev/null | tail -1 || true)
  echo "| $(basename "$tf") | $lines | $t ms | $(( ${mem:-0} / 1024 )) MiB | $summary |"
done
