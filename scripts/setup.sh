#!/usr/bin/env bash
# Installs what Ferry's build, tests and sandbox need. Idempotent: installs only what is
# missing, so running it again costs a few hundred milliseconds.
#
#   scripts/setup.sh            # everything the tests and the demo need
#
# System packages come from apt-get, Python packages from pip; nothing else is downloaded.
set -euo pipefail

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

if ! command -v swift >/dev/null 2>&1; then
    die "the Swift toolchain (6.3) is not on PATH; install it (e.g. under /opt/swift) and add its usr/bin to PATH"
fi

# Debian packages, by the command that proves each is present.
declare -A apt_packages=(
    [kubectl]=kubectl
    [flock]=util-linux
    [python3]=python3
    [docker-registry]=docker-registry
    [skopeo]=skopeo
    [openssl]=openssl
    [htpasswd]=apache2-utils
    [rsync]=rsync
    [stunnel4]=stunnel4
    [sshd]=openssh-server
    [ssh]=openssh-client
    [chromium]=chromium
    [chromedriver]=chromium-driver
)

missing=()
for command_name in "${!apt_packages[@]}"; do
    command -v "$command_name" >/dev/null 2>&1 || missing+=("${apt_packages[$command_name]}")
done

if ((${#missing[@]} > 0)); then
    if [[ $(id -u) -ne 0 ]]; then
        die "missing packages: ${missing[*]}; run 'sudo scripts/setup.sh' or install them with apt-get"
    fi
    log "installing ${missing[*]}"
    # apt-get update only when the package lists are older than a day (or absent).
    if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1) ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python packages (the second real Kubernetes client used by the conformance tests) go into
# a project-local virtual environment, so the machine's own Python stays as it was.
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$repo_root/.venv"
# Python packages by the module that proves each is present: the Kubernetes client, Selenium
# for the console's browser tests, and the OpenAPI validator and property-based API tester the
# console's API tests run.
declare -A python_packages=(
    [kubernetes]=kubernetes
    [selenium]=selenium
    [openapi_spec_validator]=openapi-spec-validator
    [schemathesis]="schemathesis>=4,<5"
)
if [[ ! -x $venv/bin/python3 ]]; then
    log "creating the Python environment $venv"
    python3 -m venv "$venv" 2>/dev/null || {
        [[ $(id -u) -eq 0 ]] || die "python3-venv is missing; install it with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    }
fi
python_missing=()
for module in "${!python_packages[@]}"; do
    "$venv/bin/python3" -c "import ${module}" >/dev/null 2>&1 || python_missing+=("${python_packages[$module]}")
done
if ((${#python_missing[@]} > 0)); then
    log "installing Python packages ${python_missing[*]} into $venv"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "${python_missing[@]}"
fi

log "ready (swift $(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9.]*\).*/\1/p' | head -n 1), kubectl $(kubectl version --client -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])' 2>/dev/null || echo '?'))"
