#!/usr/bin/env bash
# Instructions the server spends per execution of one operation (callgrind, ASGI app called
# directly, on ekinerja_bench): two runs of LOW and HIGH executions, the difference divided
# by HIGH - LOW, so start-up, warm-up and plan building cancel out. Steady to ±2 %, unlike
# the wall clock of this shared machine. Needs valgrind (Debian package `valgrind`).
# Usage: bash benchmarks/count_instructions.sh OPERATION [LOW HIGH] [profile_operation args]
set -euo pipefail
operation=$1; low=${2:-10}; high=${3:-60}; shift $(( $# < 3 ? $# : 3 ))
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-$here/../.venv/bin/python}
count() {
  local runs=$1 out; shift
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$python" "$here/profile_operation.py" \
    "$operation" --asgi --rounds 1 --runs "$runs" "$@" 2>&1 | sed -n 's/.*Collected : //p'
  rm -f "$out"
}
a=$(count "$low" "$@"); b=$(count "$high" "$@")
echo "$operation: $(( (b - a) / (high - low) )) instructions per execution"
