#!/usr/bin/env bash
# Benchmarks Ferry cutovers against a KubeSim sandbox with `ferry controller` running, with
# kubectl copying the same objects in the same run as the baseline (docs/BENCHMARKS.md
# holds the results).
#
#   scripts/bench-migrate.sh                         # release build, default sizes
#   scripts/bench-migrate.sh --runs 3 --config-maps 8000
#   FERRY_BENCH_CONTROLLER_ARGS="--kube-api-qps 500" scripts/bench-migrate.sh
# Extra arguments go to migrate-bench (see `migrate-bench --help`). The results replace the
# block between the migrate-bench markers in docs/BENCHMARKS.md (FERRY_BENCH_NO_DOCS=1: print
# only); FERRY_BENCH_KEEP_LOGS=DIR keeps the sandbox's and the controller's logs.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
scripts/setup.sh

# A separate scratch path keeps release objects from evicting the debug build's.
scratch=${FERRY_BENCH_SCRATCH:-.build-release}
scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product ferry
scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product migrate-bench
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
ferry="$bin/ferry"

state=$(mktemp -d /tmp/ferry-migrate-bench.XXXXXX)
controller_pid=
sandbox_pid=
cleanup() {
    for pid in $controller_pid $sandbox_pid; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n ${FERRY_BENCH_KEEP_LOGS:-} ]]; then
        cp "$state"/*.log "$FERRY_BENCH_KEEP_LOGS"/ 2>/dev/null || true
    fi
    rm -rf "$state"
}
trap cleanup EXIT

# Port 0: the kernel picks free ports; the kubeconfig names them.
"$ferry" sandbox up --state-dir "$state" --source-port 0 --destination-port 0 >"$state/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 100); do
    [[ -f $state/kubeconfig ]] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$state/sandbox.log"; exit 1; }
    sleep 0.1
done
[[ -f $state/kubeconfig ]] || { echo "the sandbox did not start in 10 s" >&2; cat "$state/sandbox.log"; exit 1; }
export KUBECONFIG=$state/kubeconfig

"$ferry" install --context destination --apply >"$state/install.log" 2>&1 || { cat "$state/install.log"; exit 1; }
# shellcheck disable=SC2086 # FERRY_BENCH_CONTROLLER_ARGS is a list of arguments
"$ferry" controller --context destination ${FERRY_BENCH_CONTROLLER_ARGS:-} >"$state/controller.log" 2>&1 &
controller_pid=$!
sleep 1
kill -0 "$controller_pid" 2>/dev/null || { echo "ferry controller exited" >&2; cat "$state/controller.log"; exit 1; }

results=$state/results.md
{
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, kubectl $(kubectl version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])'), load average before the run $(cut -d' ' -f1-3 /proc/loadavg):"
    echo
    echo "\`\`\`sh"
    echo "scripts/bench-migrate.sh${*:+ $*}${FERRY_BENCH_CONTROLLER_ARGS:+  # FERRY_BENCH_CONTROLLER_ARGS=\"$FERRY_BENCH_CONTROLLER_ARGS\"}"
    echo "\`\`\`"
    echo
    "$bin/migrate-bench" --kubeconfig "$state/kubeconfig" --ferry "$ferry" --controller-pid "$controller_pid" "$@"
} | tee "$results"

if [[ -z ${FERRY_BENCH_NO_DOCS:-} ]]; then
    python3 - "$results" docs/BENCHMARKS.md <<'PYTHON'
import sys
results, docs = sys.argv[1], sys.argv[2]
begin, end = "<!-- migrate-bench results: begin -->", "<!-- migrate-bench results: end -->"
text = open(docs).read()
if begin not in text or end not in text:
    sys.exit(f"{docs} has no {begin} … {end} block; results not written")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(docs, "w").write(head + begin + "\n" + open(results).read().rstrip("\n") + "\n" + end + tail)
print(f"results written to {docs}")
PYTHON
fi
