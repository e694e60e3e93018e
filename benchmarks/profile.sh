#!/usr/bin/env bash
# Profiles benchmarks with JMH's JFR profiler and prints where the time goes (top frames of
# jdk.ExecutionSample) and which allocations happen (jdk.ObjectAllocationSample), per benchmark.
#
#   benchmarks/profile.sh [--jdk PATH] REGEX [JMH-ARGS...]
#   e.g. benchmarks/profile.sh 'ReceivePathBenchmark' -p connections=1
#
# Needs benchmarks.jar built (run.sh builds it); recordings go to results/jfr/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target=${TUNSTACK_TARGET:-target}
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
if [[ ${1:-} == --jdk ]]; then
  java_home=$2
  shift 2
fi
[[ $# -ge 1 ]] || { sed -n '2,8p' "$0" >&2; exit 2; }
out="$here/results/jfr"
rm -rf "$out"
mkdir -p "$out"

"$java_home/bin/java" -jar "$here/$target/benchmarks.jar" -f 1 -wi 2 -w 2s -i 1 -r 10s \
  -prof "jfr:dir=$out;stackDepth=64" "$@"
find "$out" -name '*.jfr' | sort | while read -r recording; do
  echo "== ${recording#"$out"/}"
  "$java_home/bin/jfr" print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.ObjectAllocationSample "$recording" \
    | python3 "$here/topframes.py"
done
