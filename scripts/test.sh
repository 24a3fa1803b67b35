#!/usr/bin/env bash
# Runs every Ferry test: unit tests, KubeSim integration tests, and the conformance suites
# that drive real kubectl and the Python kubernetes client against the simulator.
#
#   scripts/test.sh                 # everything
#   scripts/test.sh --filter Kube   # only matching suites (arguments go to `swift test`)
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

scripts/setup.sh
export FERRY_PYTHON="$repo_root/.venv/bin/python3"

scripts/with-build-lock swift build --build-tests
# Most suites start two simulated clusters, and some run rsync, stunnel, registries or a
# browser: with every test at once a 2-core machine starves them past their time limits.
# Twelve at a time keeps the cores busy without that (FERRY_TEST_PARALLELISM overrides).
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=${FERRY_TEST_PARALLELISM:-12}
# CI shows only the end of a run's output, where swift-testing's verdict names no test: the
# failures are repeated there, from a copy of the whole output.
log=$(mktemp "${TMPDIR:-/tmp}/ferry-test-XXXXXX.log")
set +e
scripts/with-build-lock swift test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo
    echo "=== swift test exited with $status; its failures (whole output: $log) ==="
    grep -a -A4 -E 'recorded an issue|Fatal error|fatal error|Crash|Segmentation|Illegal instruction' "$log" | tail -n 120
    grep -a -E '^✘ (Test|Suite) ' "$log" | tail -n 40
else
    rm -f "$log"
fi
exit "$status"
