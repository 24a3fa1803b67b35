#!/usr/bin/env bash
# Benchmarks Ferry's direct volume migration data plane (LocalTransfer: rsync daemon, stunnel
# server and client as local processes, several rsync streams per volume) against, in the
# same run, on the same directories (docs/BENCHMARKS.md holds the results):
#   tar     the physical limit: tar -C SRC -cf - . | tar -C DST -xf -
#   stunnel MTC's method: one rsync (-aH --numeric-ids --sparse --partial, Ferry's flags)
#           through an stunnel pair with client-certificate authentication, configured by
#           FerryTransfer (volume-bench tunnel-config) and started once per benchmark
#   ssh     pv-migrate's method: rsync -e ssh to our own sshd on loopback (a generated host
#           key and client key; the machine's sshd is not touched)
# Data sets, generated once per benchmark into a temporary directory on one file system:
#   (a) 8 large files of 256 MiB of incompressible bytes; (b) 100,000 files of 1-16 KiB in
#   300 directories; (c) (b) with 1% of its files edited, added or deleted, re-staged onto
#   (b)'s copies; (d) 256 files of 4 MiB (1 GiB) staged, then 1% changed and cut over
#   (--delete); (e) an empty volume.
# Each copy goes into a fresh empty destination (except the re-stage and the cutover, which
# go onto the destination of the stage before), and every destination is compared with its
# source afterwards (rsync -aHnci --numeric-ids: content checksums, modes, owners, times,
# links; --delete as well after a cutover): a wrong copy stops the benchmark. The order of
# the copiers rotates from run to run. Page cache: warm for everyone (the sources are read
# once before the runs; `sync` before every timed copy, untimed), or --drop-caches (root)
# to drop it before every timed copy instead.
# Then, unless --no-migration, (d) and (e) inside real migrations: a sandbox and `ferry
# controller` (local data plane), a namespace whose claim holds the 1 GiB volume, `ferry
# migrate stage --wait`, 1% changed, `ferry migrate cutover --wait` while a watch stamps
# every phase of the MigMigration (downtime: quiesce start to the destination's workloads
# scaled up, and to Completed), the destination's volume checked against the source; and
# `ferry migrate stage --wait` of a namespace whose one claim is empty.
#
#   scripts/bench-volumes.sh                       # release build, 3 runs, full sizes
#   scripts/bench-volumes.sh --runs 1 --scale 0.1  # a quick check at a tenth of the sizes
#   scripts/bench-volumes.sh --data-dir .bench --streams 8 --drop-caches
# The results replace the block between the volume-bench markers in docs/BENCHMARKS.md
# (FERRY_BENCH_NO_DOCS=1: print only). FERRY_BENCH_NO_BUILD=1 uses the volume-bench already
# built; FERRY_BENCH_KEEP=1 keeps the temporary directory (data sets, configs, logs).
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

runs=3 scale=1 data_dir=/tmp streams= drop_caches= migration=1
arguments=("$@")
while (($#)); do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --scale) scale=$2; shift 2 ;;
        --data-dir) data_dir=$2; shift 2 ;;
        --streams) streams=$2; shift 2 ;;
        --drop-caches) drop_caches=1; shift ;;
        --no-migration) migration=; shift ;;
        *) echo "bench-volumes.sh: unknown option $1 (see the comment at the top of the script)" >&2; exit 2 ;;
    esac
done
if [[ -n $drop_caches && $(id -u) -ne 0 ]]; then
    echo "bench-volumes.sh: --drop-caches needs root (it writes /proc/sys/vm/drop_caches)" >&2; exit 2
fi

scripts/setup.sh
scratch=${FERRY_BENCH_SCRATCH:-.build-release}
if [[ -z ${FERRY_BENCH_NO_BUILD:-} ]]; then
    scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product volume-bench
    [[ -z $migration ]] || scripts/with-build-lock swift build -c release --scratch-path "$scratch" --product ferry
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
volume_bench=$bin/volume-bench
ferry=$bin/ferry
stamp=$(($(date +%s) % 100000))
generator=$repo_root/Benchmarks/VolumeBench/volume_data.py

mkdir -p "$data_dir"
state=$(mktemp -d "$(cd "$data_dir" && pwd)/ferry-volume-bench.XXXXXX")
data=$state/data dest=$state/dest
mkdir -p "$data" "$dest" "$state/tunnel" "$state/ssh"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -z ${FERRY_BENCH_KEEP:-} ]]; then rm -rf "$state"; else echo "kept $state" >&2; fi
}
trap cleanup EXIT

scaled() { python3 -c 'import sys; print(f"{float(sys.argv[1]) * float(sys.argv[2]):g}")' "$1" "$scale"; }
# scaled_int N [MINIMUM]
scaled_int() { python3 -c 'import sys; print(max(int(sys.argv[3]), round(float(sys.argv[1]) * float(sys.argv[2]))))' "$1" "$scale" "${2:-1}"; }
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# wait_port PORT NAME LOG: waits up to 10 s until something accepts connections on 127.0.0.1:PORT.
wait_port() {
    for _ in $(seq 1 100); do
        python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$1" 2>/dev/null && return
        sleep 0.1
    done
    echo "$2 did not listen on 127.0.0.1:$1 in 10 s; its log:" >&2
    cat "$3" >&2
    exit 1
}

# background LOG COMMAND...: starts COMMAND with its output in LOG; cleanup stops it.
background() {
    local log=$1
    shift
    "$@" >"$log" 2>&1 &
    pids+=("$!")
    last_pid=$!
}

# cpu_seconds PID...: the CPU time (user and system) the processes and their reaped children used so far.
cpu_seconds() {
    local pid total=0
    for pid in "$@"; do
        total=$(awk -v ticks="$(getconf CLK_TCK)" -v sum="$total" '{ printf "%.2f", sum + ($14 + $15 + $16 + $17) / ticks }' "/proc/$pid/stat")
    done
    echo "$total"
}

# The rsync daemon, the stunnel server and the stunnel client, configured by FerryTransfer;
# the daemon's module `data` is $dest, so `rsync://…/data/NAME/` writes into $dest/NAME.
start_stunnel_baseline() {
    local tunnel=$state/tunnel daemon_port server_port
    daemon_port=$(free_port) server_port=$(free_port) client_port=$(free_port)
    "$volume_bench" tunnel-config --directory "$tunnel" --module-path "$dest" \
        --daemon-port "$daemon_port" --server-port "$server_port" --client-port "$client_port"
    background "$tunnel/rsyncd.out" rsync --daemon --no-detach --config="$tunnel/rsyncd.conf"
    wait_port "$daemon_port" "rsync --daemon" "$tunnel/rsyncd.out"
    stunnel_service_pids=("$last_pid")
    background "$tunnel/server.log" stunnel "$tunnel/server.conf"
    wait_port "$server_port" "the stunnel server" "$tunnel/server.log"
    stunnel_service_pids+=("$last_pid")
    background "$tunnel/client.log" stunnel "$tunnel/client.conf"
    wait_port "$client_port" "the stunnel client" "$tunnel/client.log"
    stunnel_service_pids+=("$last_pid")
}

# Our own sshd on loopback: a generated host key, one authorized client key, no PAM, no passwords.
start_ssh_baseline() {
    local directory=$state/ssh ssh_port
    ssh-keygen -q -t ed25519 -N '' -f "$directory/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$directory/client_key"
    cp "$directory/client_key.pub" "$directory/authorized_keys"
    chmod 600 "$directory/authorized_keys"
    ssh_port=$(free_port)
    cat >"$directory/sshd_config" <<CONFIG
Port $ssh_port
ListenAddress 127.0.0.1
HostKey $directory/host_key
AuthorizedKeysFile $directory/authorized_keys
PidFile $directory/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CONFIG
    # sshd's privilege separation directory (Debian's init script creates it the same way).
    [[ $(id -u) -ne 0 ]] || mkdir -p /run/sshd
    background "$directory/sshd.log" "$(command -v sshd || echo /usr/sbin/sshd)" -D -e -f "$directory/sshd_config"
    wait_port "$ssh_port" sshd "$directory/sshd.log"
    ssh_service_pids=("$last_pid")
    ssh_command="ssh -p $ssh_port -i $directory/client_key -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
    ssh_user=$(id -un)
}

# counted COMMAND...: runs a Ferry copy and writes the CPU seconds of every process it started
# to $state/cpu.out ("user system"). As root, in a cpuacct cgroup of its own, which counts a
# process whether or not anyone reaps it: /usr/bin/time only sees reaped descendants, and
# Ferry's rsync daemon is torn down right after the last client exits, sometimes before it
# has reaped the per-connection child that did the writing. Otherwise /usr/bin/time.
cpuacct_root=/sys/fs/cgroup/cpuacct
counted() {
    if [[ $(id -u) -ne 0 || ! -w $cpuacct_root ]]; then
        /usr/bin/time -f "%U %S" -o "$state/cpu.out" "$@"
        return
    fi
    local group=$cpuacct_root/ferry-volume-bench-$$ status=0
    mkdir -p "$group"
    echo 0 >"$group/cpuacct.usage"
    sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$group" "$@" || status=$?
    awk '{ printf "%.2f 0\n", $1 / 1e9 }' "$group/cpuacct.usage" >"$state/cpu.out"
    rmdir "$group" 2>/dev/null || true
    return "$status"
}

# Ferry's rsync flags (RsyncOptions.stage without the progress lines), for both rsync baselines.
rsync_flags=(-aH --numeric-ids --sparse --partial)

# copy COPIER SOURCE TARGET KIND: copies SOURCE into TARGET (a stage, or a cutover that also
# deletes) and prints the wall-clock seconds it took and the CPU seconds every process of the
# copier used: the command and its children (/usr/bin/time), plus, for the rsync baselines,
# what their long-running services (rsync daemon and stunnel pair, or sshd) and the children
# they reaped used meanwhile; for Ferry, every process of volume-bench's tree (see counted).
copy() {
    local copier=$1 source=$2 target=$3 kind=$4 start end delete=() services=() service_before service_after
    [[ $kind == stage ]] || delete=(--delete)
    case $copier in
        stunnel) services=("${stunnel_service_pids[@]}") ;;
        ssh) services=("${ssh_service_pids[@]}") ;;
    esac
    sync
    [[ -z $drop_caches ]] || echo 3 >/proc/sys/vm/drop_caches
    service_before=$(cpu_seconds "${services[@]}")
    start=$(now)
    {
        case $copier in
            tar) mkdir -p "$target" && /usr/bin/time -f "%U %S" -o "$state/cpu.out" sh -c 'tar -C "$1" -cf - . | tar -C "$2" -xf -' tar "$source" "$target" ;;
            stunnel) /usr/bin/time -f "%U %S" -o "$state/cpu.out" rsync "${rsync_flags[@]}" "${delete[@]}" --password-file="$state/tunnel/rsync.password" \
                "$source/" "rsync://ferry@127.0.0.1:$client_port/data/${target#"$dest"/}/" ;;
            ssh) /usr/bin/time -f "%U %S" -o "$state/cpu.out" rsync "${rsync_flags[@]}" "${delete[@]}" -e "$ssh_command" "$source/" "$ssh_user@127.0.0.1:$target/" ;;
            ferry) counted "$volume_bench" transfer --source "$source" --destination "$target" --kind "$kind" ${streams:+--streams "$streams"} ;;
            ferry1) counted "$volume_bench" transfer --source "$source" --destination "$target" --kind "$kind" --streams 1 ;;
        esac
    } >>"$state/copies.log" 2>&1 || { echo "$copier copy of $source into $target failed; the end of its log:" >&2; tail -n 20 "$state/copies.log" >&2; exit 1; }
    end=$(now)
    # The services reap the copy's per-connection children a moment after the client ends.
    [[ ${#services[@]} -eq 0 ]] || sleep 0.3
    service_after=$(cpu_seconds "${services[@]}")
    echo "$(elapsed "$start" "$end") $(awk -v before="$service_before" -v after="$service_after" '{ printf "%.2f", $1 + $2 + after - before }' "$state/cpu.out")"
}

# verify SOURCE TARGET LABEL [--delete]: stops the benchmark unless TARGET equals SOURCE by
# content checksum and metadata (with --delete: and holds nothing more).
verify() {
    local differences
    differences=$(rsync -aHnci --numeric-ids "${@:4}" "$1/" "$2/" 2>&1) || { echo "$3: comparing failed: $differences" >&2; exit 1; }
    if [[ -n $differences ]]; then
        echo "$3: the copy differs from its source:" >&2
        head -n 20 <<<"$differences" >&2
        exit 1
    fi
}

discard() { rm -rf "$@"; }

# --- (d) and (e) inside real migrations ---------------------------------------------------
# A sandbox (its hostPath volumes live under $state, so on the data sets' file system), the
# migration API and `ferry controller` with its default volume settings (the local data plane).
start_sandbox() {
    local sandbox=$state/sandbox
    "$ferry" sandbox up --state-dir "$sandbox" --source-port 0 --destination-port 0 >"$state/sandbox.log" 2>&1 &
    pids+=("$!")
    for _ in $(seq 1 200); do [[ -f $sandbox/kubeconfig ]] && break; sleep 0.1; done
    [[ -f $sandbox/kubeconfig ]] || { echo "the sandbox did not start in 20 s" >&2; cat "$state/sandbox.log" >&2; exit 1; }
    export KUBECONFIG=$sandbox/kubeconfig
    "$ferry" install --context destination --apply >"$state/install.log" 2>&1 || { cat "$state/install.log" >&2; exit 1; }
    "$ferry" controller --context destination >"$state/controller.log" 2>&1 &
    pids+=("$!")
}

# deploy_claim NAMESPACE: a namespace on the source with one claim and a Deployment mounting it.
deploy_claim() {
    kubectl --context source create namespace "$1" >/dev/null
    kubectl --context source apply -f - >/dev/null <<YAML
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: $1}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: $1}
spec:
  replicas: 1
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - {name: app, image: registry.example.com/bench/app:1, volumeMounts: [{name: data, mountPath: /data}]}
      volumes:
      - {name: data, persistentVolumeClaim: {claimName: data}}
YAML
}

# claim_directory CONTEXT NAMESPACE: the hostPath directory of the namespace's claim `data`, once bound.
claim_directory() {
    local volume path
    for _ in $(seq 1 300); do
        volume=$(kubectl --context "$1" -n "$2" get pvc data -o jsonpath='{.spec.volumeName}' 2>/dev/null || true)
        if [[ -n $volume ]]; then
            path=$(kubectl --context "$1" get pv "$volume" -o jsonpath='{.spec.hostPath.path}' 2>/dev/null || true)
            if [[ -n $path ]]; then mkdir -p "$path"; echo "$path"; return; fi
        fi
        sleep 0.1
    done
    echo "the claim data of namespace $2 on $1 was not bound to a hostPath volume in 30 s" >&2
    exit 1
}

# timed_ferry LOG ARGUMENTS...: runs ferry, prints its wall-clock seconds; stops the benchmark if it fails.
timed_ferry() {
    local log=$1 start end
    shift
    start=$(now)
    "$ferry" "$@" >>"$log" 2>&1 || { echo "ferry $* failed; the end of its log:" >&2; tail -n 20 "$log" >&2; exit 1; }
    end=$(now)
    elapsed "$start" "$end"
}

# migration_run RUN: (d) stage the 1 GiB volume in a migration, change 1%, cut over while a watch
# records when the MigMigration enters each phase; (e) stage a namespace whose one claim is empty.
migration_run() {
    local run=$1 namespace=vb-$stamp-$run empty=vb-empty-$stamp-$run source_path stage_seconds cutover_seconds watcher
    local log=$state/migration.log timeline=$state/timeline-$run
    deploy_claim "$namespace"
    source_path=$(claim_directory source "$namespace")
    python3 "$generator" large "$source_path" --files "$volume_files" --mib "$volume_mib" --seed 4
    "$ferry" plan create "$namespace" --context destination --source source --destination destination \
        --migrate-namespace "$namespace" --wait >>"$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }
    stage_seconds=$(timed_ferry "$log" migrate stage "$namespace" --context destination --wait)
    python3 "$generator" change "$source_path" --percent 1 --seed "$((300 + run))" >/dev/null
    # Every phase change of the plan's migrations, stamped when the watch saw it.
    python3 -c '
import signal, subprocess, sys, time
watch = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
signal.signal(signal.SIGTERM, lambda *_: (watch.terminate(), sys.exit(0)))
for line in watch.stdout:
    print(f"{time.time():.6f} {line.strip()}", flush=True)
' kubectl --context destination -n openshift-migration get migmigrations -w --no-headers \
        -o custom-columns=NAME:.metadata.name,PHASE:.status.phase >"$timeline" &
    watcher=$!
    sleep 0.5
    local began
    began=$(now)
    cutover_seconds=$(timed_ferry "$log" migrate cutover "$namespace" --context destination --wait)
    sleep 1
    kill -TERM "$watcher" 2>/dev/null || true
    wait "$watcher" 2>/dev/null || true
    verify "$source_path" "$(claim_directory destination "$namespace")" "(d) migration cutover, run $run" --delete
    deploy_claim "$empty"
    claim_directory source "$empty" >/dev/null
    "$ferry" plan create "$empty" --context destination --source source --destination destination \
        --migrate-namespace "$empty" --wait >>"$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }
    local empty_seconds
    empty_seconds=$(timed_ferry "$log" migrate stage "$empty" --context destination --wait)
    echo "$stage_seconds $cutover_seconds $began $empty_seconds $namespace-cutover $timeline" >>"$state/migration-times"
}

# --- data sets ---------------------------------------------------------------------------
large_files=8 large_mib=$(scaled 256) small_files=$(scaled_int 100000) small_dirs=$(scaled_int 300 10)
volume_files=256 volume_mib=$(scaled 4)
python3 "$generator" large "$data/large" --files "$large_files" --mib "$large_mib"
python3 "$generator" small "$data/small" --files "$small_files" --dirs "$small_dirs"
python3 "$generator" large "$data/volume" --files "$volume_files" --mib "$volume_mib" --seed 4
mkdir -p "$data/empty"
large_bytes=$(du -sb --apparent-size "$data/large" | cut -f1)
small_bytes=$(du -sb --apparent-size "$data/small" | cut -f1)
volume_bytes=$(du -sb --apparent-size "$data/volume" | cut -f1)
echo "data sets: (a) $large_files × $large_mib MiB, (b) $small_files files in $small_dirs directories ($small_bytes bytes), (d) $volume_files × $volume_mib MiB" >&2

start_stunnel_baseline
start_ssh_baseline
# Warm for everyone: every source is read once before the first timed copy.
tar -C "$data" -cf - . | cat >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
times=$state/times
: >"$times"
for run in $(seq 1 "$runs"); do
    row=()
    # (a) and (b): five copiers, each into a fresh empty destination, in rotating order.
    for set in large small; do
        copiers=(tar stunnel ssh ferry ferry1)
        declare -A took=()
        for turn in 0 1 2 3 4; do
            copier=${copiers[$(((run + turn) % 5))]}
            target=$dest/$set-$copier
            took[$copier]=$(copy "$copier" "$data/$set" "$target" stage)
            verify "$data/$set" "$target" "($set) $copier, run $run"
            if [[ $set == small && ($copier == stunnel || $copier == ferry) ]]; then continue; fi
            discard "$target"
        done
        row+=("${took[tar]}" "${took[stunnel]}" "${took[ssh]}" "${took[ferry]}" "${took[ferry1]}")
        unset took
    done
    # (c) re-stage after 1% of (b) changed, onto the copies (b) left.
    cp -a "$data/small" "$data/small-changed"
    python3 "$generator" change "$data/small-changed" --percent 1 --seed "$((100 + run))" >"$state/change-c-$run.json"
    for turn in 0 1; do
        case $(((run + turn) % 2)) in
            0) restage_stunnel=$(copy stunnel "$data/small-changed" "$dest/small-stunnel" stage) ;;
            1) restage_ferry=$(copy ferry "$data/small-changed" "$dest/small-ferry" stage) ;;
        esac
    done
    verify "$data/small-changed" "$dest/small-stunnel" "(c) stunnel re-stage, run $run"
    verify "$data/small-changed" "$dest/small-ferry" "(c) ferry re-stage, run $run"
    row+=("$restage_stunnel" "$restage_ferry")
    discard "$dest/small-stunnel" "$dest/small-ferry" "$data/small-changed"
    # (d) stage the 1 GiB volume, change 1%, cut over (deleting what the source deleted).
    stage_ferry=$(copy ferry "$data/volume" "$dest/volume-ferry" stage)
    copy stunnel "$data/volume" "$dest/volume-stunnel" stage >/dev/null
    cp -a "$data/volume" "$data/volume-changed"
    python3 "$generator" change "$data/volume-changed" --percent 1 --seed "$((200 + run))" >"$state/change-d-$run.json"
    for turn in 0 1; do
        case $(((run + turn) % 2)) in
            0) cutover_stunnel=$(copy stunnel "$data/volume-changed" "$dest/volume-stunnel" cutover) ;;
            1) cutover_ferry=$(copy ferry "$data/volume-changed" "$dest/volume-ferry" cutover) ;;
        esac
    done
    verify "$data/volume-changed" "$dest/volume-stunnel" "(d) stunnel cutover, run $run" --delete
    verify "$data/volume-changed" "$dest/volume-ferry" "(d) ferry cutover, run $run" --delete
    row+=("$stage_ferry" "$cutover_stunnel" "$cutover_ferry")
    discard "$dest/volume-stunnel" "$dest/volume-ferry" "$data/volume-changed"
    # (e) an empty volume: Ferry's whole transfer (tunnel up, rsync, tunnel down) against one
    # rsync through the baseline's tunnel, which is already up.
    empty_stunnel=$(copy stunnel "$data/empty" "$dest/empty-stunnel" stage)
    empty_ferry=$(copy ferry "$data/empty" "$dest/empty-ferry" stage)
    verify "$data/empty" "$dest/empty-ferry" "(e) ferry, run $run"
    row+=("$empty_stunnel" "$empty_ferry")
    discard "$dest/empty-stunnel" "$dest/empty-ferry"
    echo "${row[*]}" >>"$times"
    echo "run $run (seconds and CPU seconds of each copy): ${row[*]}" >&2
    if [[ -n $migration ]]; then
        [[ $run -gt 1 ]] || start_sandbox
        migration_run "$run"
        echo "run $run, migrations (stage s, cutover s, …): $(tail -n 1 "$state/migration-times")" >&2
    fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

results=$state/results.md
{
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(rsync --version | head -n 1 | sed 's/  */ /g'), $(stunnel -version 2>&1 | grep -m 1 -o 'stunnel [0-9.]*'),"
    echo "$(ssh -V 2>&1 | cut -d, -f1), $(tar --version | head -n 1), data on $(df --output=fstype "$state" | tail -n 1),"
    echo "page cache ${drop_caches:+dropped before every timed copy}${drop_caches:-warm for every copier}, load average before $load_before, after $load_after:"
    echo
    echo "\`\`\`sh"
    echo "scripts/bench-volumes.sh${arguments[*]:+ ${arguments[*]}}"
    echo "\`\`\`"
    echo
    python3 "$repo_root/Benchmarks/VolumeBench/volume_report.py" "$times" --large-bytes "$large_bytes" --small-bytes "$small_bytes" \
        --small-files "$small_files" --volume-bytes "$volume_bytes" --changes "$state"/change-c-*.json --volume-changes "$state"/change-d-*.json \
        --streams "${streams:-default}" ${migration:+--migration "$state/migration-times"}
} | tee "$results"

if [[ -z ${FERRY_BENCH_NO_DOCS:-} ]]; then
    python3 - "$results" docs/BENCHMARKS.md <<'PYTHON'
import sys
results, docs = sys.argv[1], sys.argv[2]
begin, end = "<!-- volume-bench results: begin -->", "<!-- volume-bench results: end -->"
text = open(docs).read()
if begin not in text or end not in text:
    sys.exit(f"{docs} has no {begin} … {end} block; results not written")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(docs, "w").write(head + begin + "\n" + open(results).read().rstrip("\n") + "\n" + end + tail)
print(f"results written to {docs}")
PYTHON
fi
