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
scripts/with-build-lock swift test --skip-build "$@"
