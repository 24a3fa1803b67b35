#!/usr/bin/env bash
# Benchmarks Ferry's image copies against `skopeo copy --all` (docs/BENCHMARKS.md holds the
# results). Each run starts four fresh `docker-registry` processes on loopback (plain HTTP,
# fresh storage): a source, and one destination per copier so every copier starts cold.
# 10 images (a 100 MiB base layer shared by all, 40 MiB of their own each: 500 MiB) are
# pushed to the source before timing, then, in an order that rotates between runs:
#   (a) skopeo: one `skopeo copy --all` per image, one after another, as a user scripts it;
#   (b) Ferry as `ferry images copy`, one per image, sharing a fresh blob location cache (so
#       the base layer is uploaded once and mounted into the other nine repositories), and
#       Ferry as one process copying every image the way a migration does (`ferry images copy
#       --from-file`: one copier, several images at once, the shared layer uploaded once);
#   (c) both Ferry copies again with everything already present.
# Every copy's manifest digests are checked against the source's with `skopeo inspect --raw`.
#
#   scripts/bench-images.sh                 # release build, 3 runs, medians
#   scripts/bench-images.sh --runs 5 --images 10 --base-mib 100 --image-mib 40 --jobs 4 --parallel-images 4
# The results replace the block between the image-bench markers in docs/BENCHMARKS.md
# (FERRY_BENCH_NO_DOCS=1: print only). FERRY_BENCH_NO_BUILD=1 uses the ferry already built.
# FERRY_BENCH_STORAGE=DIR keeps the registries' storage under DIR instead of /tmp (e.g. the
# tmpfs /dev/shm, to take the disk out of the measurement).
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

runs=3 images=10 base_mib=100 image_mib=40 jobs=4 parallel_images=4
arguments=("$@")
while (($#)); do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --images) images=$2; shift 2 ;;
        --base-mib) base_mib=$2; shift 2 ;;
        --image-mib) image_mib=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --parallel-images) parallel_images=$2; shift 2 ;;
        *) echo "bench-images.sh: unknown option $1 (see the comment at the top of the script)" >&2; exit 2 ;;
    esac
done

scripts/setup.sh
scratch=${FERRY_BENCH_SCRATCH:-.build-release}
if [[ -z ${FERRY_BENCH_NO_BUILD:-} ]]; then
    scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product ferry
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
ferry=$bin/ferry

state=$(mktemp -d "${FERRY_BENCH_STORAGE:-/tmp}/ferry-image-bench.XXXXXX")
registry_pids=()
stop_registries() {
    for pid in "${registry_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    registry_pids=()
}
cleanup() {
    stop_registries
    rm -rf "$state"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_registry NAME: starts a registry with fresh storage under $state/NAME; sets
# registry_host (HOST:PORT) and registry_pid. Not in a subshell, so cleanup knows the pid.
start_registry() {
    local directory=$state/$1 port
    port=$(free_port)
    mkdir -p "$directory"
    cat >"$directory/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $directory/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$directory/config.yml" >"$directory/registry.log" 2>&1 &
    registry_pid=$!
    registry_pids+=("$registry_pid")
    registry_host=127.0.0.1:$port
    for _ in $(seq 1 100); do
        curl -fs "http://$registry_host/v2/" >/dev/null 2>&1 && return
        sleep 0.1
    done
    echo "docker-registry $1 did not start in 10 s" >&2
    cat "$directory/registry.log" >&2
    exit 1
}

now() { date +%s.%N; }
# cpu_seconds PID: the CPU time (user and system) the process has used so far.
cpu_seconds() { awk -v ticks="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / ticks }' "/proc/$1/stat"; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# manifest_digests HOST REPOSITORY-PREFIX: the digest of every image, as skopeo (an independent client) sees it.
manifest_digests() {
    for number in $(seq 1 "$images"); do
        skopeo inspect --raw --tls-verify=false "docker://$1/$2-$number:v1" | sha256sum | cut -d' ' -f1
    done
}

# Each copier prints the seconds it took, then the CPU seconds its destination registry used.
run_skopeo() {
    local source=$1 destination=$2 registry_pid=$3 start cpu_start
    start=$(now) cpu_start=$(cpu_seconds "$registry_pid")
    for number in $(seq 1 "$images"); do
        skopeo copy --all --quiet --src-tls-verify=false --dest-tls-verify=false \
            "docker://$source/bench/app-$number:v1" "docker://$destination/skopeo/app-$number:v1"
    done
    echo "$(elapsed "$start" "$(now)") $(elapsed "$cpu_start" "$(cpu_seconds "$registry_pid")")"
}

# One `ferry images copy` per image, sharing the blob location cache CACHE (the reports go to $state/ferry.log).
run_ferry_commands() {
    local source=$1 destination=$2 registry_pid=$3 cache=$4 start cpu_start
    start=$(now) cpu_start=$(cpu_seconds "$registry_pid")
    for number in $(seq 1 "$images"); do
        "$ferry" images copy --src-plain-http --dest-plain-http --jobs "$jobs" --blob-cache "$cache" \
            "$source/bench/app-$number:v1" "$destination/ferry/app-$number:v1" >>"$state/ferry.log"
    done
    echo "$(elapsed "$start" "$(now)") $(elapsed "$cpu_start" "$(cpu_seconds "$registry_pid")")"
}

# One `ferry images copy --from-file` copying every image in one process, the way a migration
# does: several images at once through one copier, so the shared layer is uploaded once.
run_ferry_process() {
    local source=$1 destination=$2 registry_pid=$3 start cpu_start list=$state/images.txt
    : >"$list"
    for number in $(seq 1 "$images"); do
        echo "$source/bench/app-$number:v1 $destination/ferry/app-$number:v1" >>"$list"
    done
    start=$(now) cpu_start=$(cpu_seconds "$registry_pid")
    "$ferry" images copy --src-plain-http --dest-plain-http --jobs "$jobs" --parallel-images "$parallel_images" \
        --blob-cache none --from-file "$list" >>"$state/ferry.log"
    echo "$(elapsed "$start" "$(now)") $(elapsed "$cpu_start" "$(cpu_seconds "$registry_pid")")"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$state/times"
for run in $(seq 1 "$runs"); do
    start_registry "source-$run"; source_registry=$registry_host
    start_registry "skopeo-$run"; skopeo_registry=$registry_host; skopeo_pid=$registry_pid
    start_registry "commands-$run"; commands_registry=$registry_host; commands_pid=$registry_pid
    start_registry "process-$run"; process_registry=$registry_host; process_pid=$registry_pid
    python3 Benchmarks/ImageBench/push_images.py "$source_registry" --images "$images" --base-mib "$base_mib" \
        --image-mib "$image_mib" --prefix bench/app >/dev/null 2>"$state/push.log" || { cat "$state/push.log" >&2; exit 1; }
    cache=$state/blob-locations-$run.json
    # Rotating the order spreads whatever else the machine runs over all three copiers.
    for turn in 0 1 2; do
        case $(((run + turn) % 3)) in
            1) skopeo_result=$(run_skopeo "$source_registry" "$skopeo_registry" "$skopeo_pid") ;;
            2) commands_result=$(run_ferry_commands "$source_registry" "$commands_registry" "$commands_pid" "$cache") ;;
            0) process_result=$(run_ferry_process "$source_registry" "$process_registry" "$process_pid") ;;
        esac
    done
    commands_present=$(run_ferry_commands "$source_registry" "$commands_registry" "$commands_pid" "$cache")
    process_present=$(run_ferry_process "$source_registry" "$process_registry" "$process_pid")
    expected=$(manifest_digests "$source_registry" bench/app)
    [[ $(manifest_digests "$skopeo_registry" skopeo/app) == "$expected" ]] || { echo "run $run: skopeo's copies have other digests than the source" >&2; exit 1; }
    [[ $(manifest_digests "$commands_registry" ferry/app) == "$expected" ]] || { echo "run $run: ferry images copy's copies have other digests than the source" >&2; exit 1; }
    [[ $(manifest_digests "$process_registry" ferry/app) == "$expected" ]] || { echo "run $run: ferry images copy --from-file's copies have other digests than the source" >&2; exit 1; }
    echo "$skopeo_result $commands_result $process_result $commands_present $process_present" >>"$state/times"
    echo "run $run (seconds, destination registry CPU seconds): skopeo $skopeo_result; ferry images copy $commands_result;" \
        "one Ferry process $process_result; everything present: $commands_present / $process_present" >&2
    stop_registries
    rm -rf "$state/source-$run" "$state/skopeo-$run" "$state/commands-$run" "$state/process-$run"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

results=$state/results.md
{
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(skopeo --version), $(docker-registry --version | cut -d' ' -f2-), registry storage on $(df --output=fstype "$state" | tail -n 1),"
    echo "load average before $load_before, after $load_after:"
    echo
    echo "\`\`\`sh"
    echo "${FERRY_BENCH_STORAGE:+FERRY_BENCH_STORAGE=$FERRY_BENCH_STORAGE }scripts/bench-images.sh${arguments[*]:+ ${arguments[*]}}"
    echo "\`\`\`"
    echo
    python3 - "$state/times" "$images" "$base_mib" "$image_mib" "$runs" "$jobs" "$parallel_images" <<'PYTHON'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
images, base, own, runs, jobs, parallel = (int(argument) for argument in sys.argv[2:])
mib = base + images * own
def median(index): return statistics.median(row[index] for row in rows)
def each(index): return ", ".join(f"{row[index]:.2f}" for row in rows)
skopeo = median(0)
print(f"{images} images, {mib} MiB of distinct blobs; medians of {runs} runs (each run's value in brackets):")
print()
print("| copy | seconds | MiB/s | destination registry CPU seconds | vs skopeo: ratio of the medians | vs skopeo: median of each run's ratio |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
lines = [
    ("(a) `skopeo copy --all`, one per image", 0, 1),
    (f"(b) `ferry images copy --jobs {jobs}`, one per image", 2, 3),
    (f"(b) one `ferry images copy --from-file` ({parallel} images at once)", 4, 5),
    ("(c) `ferry images copy` again, everything present", 6, 7),
    ("(c) `ferry images copy --from-file` again, everything present", 8, 9),
]
for title, seconds, cpu in lines:
    value = median(seconds)
    rate = f"{mib / value:.0f}" if seconds < 6 else ""
    paired = statistics.median(row[0] / row[seconds] for row in rows)
    print(f"| {title} | {value:.2f} ({each(seconds)}) | {rate} | {median(cpu):.2f} | {skopeo / value:.2f}× | {paired:.2f}× |")
PYTHON
} | tee "$results"

if [[ -z ${FERRY_BENCH_NO_DOCS:-} ]]; then
    python3 - "$results" docs/BENCHMARKS.md <<'PYTHON'
import sys
results, docs = sys.argv[1], sys.argv[2]
begin, end = "<!-- image-bench results: begin -->", "<!-- image-bench results: end -->"
text = open(docs).read()
if begin not in text or end not in text:
    sys.exit(f"{docs} has no {begin} … {end} block; results not written")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(docs, "w").write(head + begin + "\n" + open(results).read().rstrip("\n") + "\n" + end + tail)
print(f"results written to {docs}")
PYTHON
fi
