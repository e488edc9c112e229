#!/usr/bin/env bash
# CI: graphql-http's GraphQL-over-HTTP server audit against a freshly migrated API.
#
#   bash .ci/audit/run.sh      (from the repository root; needs .venv, node and npm)
#
# Starts `ekinerja serve` on a free loopback port with a throw-away SQLite database
# and data dir, waits for /healthz, runs audit.mjs, and always stops the server and
# removes the temporary files. Exits with audit.mjs's status: 0 all ok, 1 any audit
# not ok, 2 server unreachable (also when it never became healthy), 3 audit crashed.
set -euo pipefail
cd "$(dirname "$0")/../.."

AUDIT_DIR=.ci/audit
EKINERJA=.venv/bin/ekinerja
PYTHON=.venv/bin/python
HEALTH_TIMEOUT=30
SECONDS=0

for tool in "$EKINERJA" "$PYTHON"; do
    if [ ! -x "$tool" ]; then
        echo "run.sh: $tool is missing: create the venv first (python3 -m ekinerja_graphql test)" >&2
        exit 3
    fi
done
for tool in node npm curl; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 3; }
done

TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ekinerja-audit.XXXXXX")"
SERVER_PID=""
SERVER_LOG="$TMP_DIR/server.log"

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_server_log() {
    echo "---- server log ($SERVER_LOG) ----" >&2
    tail -n 60 "$SERVER_LOG" >&2 || true
    echo "---- end of server log ----" >&2
}

export EKINERJA_DATA_DIR="$TMP_DIR"
export DATABASE_URL="sqlite://$TMP_DIR/audit.sqlite3"
EKINERJA_JWT_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export EKINERJA_JWT_SECRET
export EKINERJA_GRAPHIQL=false
unset EKINERJA_DATABASE_URL

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE_URL="http://127.0.0.1:$PORT"

echo "==> migrate ($DATABASE_URL)"
"$EKINERJA" migrate

echo "==> serve on $BASE_URL (log: $SERVER_LOG)"
"$EKINERJA" serve --host 127.0.0.1 --port "$PORT" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

echo "==> wait for $BASE_URL/healthz (up to ${HEALTH_TIMEOUT}s)"
deadline=$((SECONDS + HEALTH_TIMEOUT))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/healthz" || true)" = 200 ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "run.sh: the server exited before answering /healthz" >&2
        show_server_log
        exit 2
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "run.sh: $BASE_URL/healthz did not answer 200 within ${HEALTH_TIMEOUT}s" >&2
        show_server_log
        exit 2
    fi
    sleep 0.25
done

if [ ! -d "$AUDIT_DIR/node_modules" ]; then
    echo "==> npm ci --prefix $AUDIT_DIR"
    npm ci --prefix "$AUDIT_DIR" --no-audit --no-fund
fi

echo "==> graphql-http audit of $BASE_URL/graphql"
status=0
node "$AUDIT_DIR/audit.mjs" "$BASE_URL/graphql" || status=$?
if [ "$status" -ne 0 ]; then
    show_server_log
fi
echo "==> audit exit status $status (run.sh took ${SECONDS}s)"
exit "$status"
