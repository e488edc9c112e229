#!/usr/bin/env bash
# CI: benchmarks/peer_benchmark.py --smoke. Our API and PostGraphile 4 on a fresh small
# database (ekinerja_peer_smoke, dropped at the end): both must give the same answers to
# the four client operations and to paging through every pegawai; a few requests each
# are timed and printed, never asserted on. Fails on any difference or error.
#
#   bash benchmarks/peer_smoke.sh     (from anywhere; needs .venv, node, npm, PostgreSQL)
#
# PostgreSQL at 127.0.0.1:5432 as user postgres (trust), as .ci/run leaves it; PostGraphile
# is installed into benchmarks/peer/node_modules from its lockfile on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=.venv/bin/python
if [ ! -x "$PYTHON" ]; then
    echo "peer_smoke.sh: $PYTHON is missing: create the venv first (python3 -m ekinerja_graphql test)" >&2
    exit 2
fi
for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "peer_smoke.sh: $tool is not installed" >&2; exit 2; }
done

exec "$PYTHON" benchmarks/peer_benchmark.py --smoke "$@"
