#!/usr/bin/env bash
# The sandbox demo: installs what is missing, builds Ferry, starts two embedded clusters
# (`source` and `destination`), deploys a sample application into `source` and migrates it
# to `destination` with a stage and a cutover.
#
#   scripts/demo.sh                  # state in ./sandbox-state, runs until Ctrl-C
#   scripts/demo.sh --exit           # deploy, migrate, check, stop
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

scripts/setup.sh
scripts/with-build-lock swift build --product ferry
ferry="$(swift build --show-bin-path)/ferry"
exec "$ferry" sandbox demo --state-dir "${FERRY_SANDBOX_DIR:-$repo_root/sandbox-state}" "$@"
