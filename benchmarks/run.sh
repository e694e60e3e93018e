#!/usr/bin/env bash
# Builds benchmarks.jar, runs the JMH suite once per JDK with the GC profiler, and renders
# results/RESULTS.md from the JSON results (results/jdk<N>.json).
#
#   benchmarks/run.sh [--quick] [--jdk PATH]... [-- JMH-ARGS...]
#
#   --quick     smoke profile: 1 fork, one 0.5 s warm-up and one 0.5 s measurement iteration (~3 min per JDK)
#   --jdk PATH  a JDK home to run on; repeat for several (default: the java on PATH)
#   -- ARGS     passed to JMH, e.g. a benchmark regex: -- 'ReceivePath|SegmentBaseline'
#
# Environment: TUNSTACK_TARGET build folder (default target), MVN_ARGS extra Maven flags (default -o).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
results="$here/results"
target=${TUNSTACK_TARGET:-target}
profile=(-f 1 -wi 2 -w 2s -i 4 -r 1s)
jdks=()
jmh_args=()

while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) profile=(-f 1 -wi 1 -w 500ms -i 1 -r 500ms) ;;
    --jdk) jdks+=("$2"); shift ;;
    --) shift; jmh_args=("$@"); break ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
  shift
done
if [[ ${#jdks[@]} -eq 0 ]]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi

(cd "$root" && mvn -q ${MVN_ARGS:--o} -Dtunstack.target="$target" -pl benchmarks -am package -DskipTests)
jar="$here/$target/benchmarks.jar"
mkdir -p "$results"

outputs=()
for jdk in "${jdks[@]}"; do
  version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  out="$results/jdk$version.json"
  echo "== JDK $version ($jdk) -> $out"
  # As the tunstack launcher does: JDK 24+ needs Unsafe memory access allowed for Netty to use it (JEP 471/498).
  unsafe=()
  if [[ ${version%%.*} -ge 24 ]]; then
    unsafe=(-jvmArgsAppend "--sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false")
  fi
  "$jdk/bin/java" -jar "$jar" "${profile[@]}" "${unsafe[@]}" -prof gc -rf json -rff "$out" "${jmh_args[@]}"
  outputs+=("$out")
done

python3 "$here/render.py" "${outputs[@]}" > "$results/RESULTS.md"
echo "== wrote $results/RESULTS.md"
