#!/usr/bin/env bash
# Benchmarks KubeClient against a KubeSim sandbox, with kubectl doing the same work in the
# same run as the baseline (docs/BENCHMARKS.md holds the results).
#
#   scripts/bench-kube.sh                       # release build, default sizes
#   scripts/bench-kube.sh --memory-objects 20000
# Extra arguments go to kube-bench (see `kube-bench --help`).
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
scripts/setup.sh

# A separate scratch path keeps release objects from evicting the debug build's.
scratch=${FERRY_BENCH_SCRATCH:-.build-release}
scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product ferry
scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product kube-bench
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

state=$(mktemp -d /tmp/ferry-bench.XXXXXX)
# Port 0: the kernel picks free ports; the kubeconfig names them.
source_port=${FERRY_BENCH_SOURCE_PORT:-0}
destination_port=${FERRY_BENCH_DESTINATION_PORT:-0}
"$bin/ferry" sandbox up --state-dir "$state" --source-port "$source_port" --destination-port "$destination_port" >"$state/sandbox.log" 2>&1 &
sandbox_pid=$!
cleanup() {
    kill -TERM "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
    rm -rf "$state"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
    [[ -f $state/sandbox.pid ]] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$state/sandbox.log"; exit 1; }
    sleep 0.1
done
[[ -f $state/sandbox.pid ]] || { echo "the sandbox did not start in 10 s" >&2; cat "$state/sandbox.log"; exit 1; }

echo "## KubeClient → KubeSim ($(date -u +%Y-%m-%d), $(nproc) cores, $(kubectl version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])'))"
echo
"$bin/kube-bench" --kubeconfig "$state/kubeconfig" --sandbox-pid "$sandbox_pid" "$@"
