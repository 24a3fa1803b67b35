#!/usr/bin/env python3
"""Turns scripts/bench-volumes.sh's per-run times into the Markdown of docs/BENCHMARKS.md.

Each line of TIMES is one run: for each copy its wall-clock seconds and the CPU seconds its
processes used, in this order:
  (a) tar stunnel ssh ferry ferry-1-stream, (b) the same five, (c) stunnel-restage ferry-restage,
  (d) ferry-stage stunnel-cutover ferry-cutover, (e) stunnel-empty ferry-empty.
Ratios are "how many times as fast as the baseline" (baseline seconds / seconds), given as
the ratio of the medians and, in brackets, the median of each run's own ratio.
"""
import argparse
import json
import statistics

COLUMNS = [
    "a_tar", "a_stunnel", "a_ssh", "a_ferry", "a_ferry1",
    "b_tar", "b_stunnel", "b_ssh", "b_ferry", "b_ferry1",
    "c_stunnel", "c_ferry",
    "d_stage", "d_stunnel", "d_ferry",
    "e_stunnel", "e_ferry",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("times")
    parser.add_argument("--large-bytes", type=int, required=True)
    parser.add_argument("--small-bytes", type=int, required=True)
    parser.add_argument("--small-files", type=int, required=True)
    parser.add_argument("--volume-bytes", type=int, required=True)
    parser.add_argument("--changes", nargs="*", default=[])
    parser.add_argument("--volume-changes", nargs="*", default=[])
    parser.add_argument("--streams", default="default")
    parser.add_argument("--migration", help="scripts/bench-volumes.sh's migration-times file")
    arguments = parser.parse_args()
    lines = [list(map(float, line.split())) for line in open(arguments.times) if line.strip()]
    runs = [dict(zip(COLUMNS, values[0::2])) for values in lines]
    cpu = [dict(zip(COLUMNS, values[1::2])) for values in lines]

    def median_cpu(key):
        return statistics.median(run[key] for run in cpu)

    def median(key):
        return statistics.median(run[key] for run in runs)

    def each(key):
        return ", ".join(f"{run[key]:.2f}" for run in runs)

    def ratio(baseline, key):
        """baseline ÷ key: the ratio of the medians, then the median of each run's ratio."""
        paired = statistics.median(run[baseline] / run[key] for run in runs)
        return median(baseline) / median(key), paired

    def show(pair):
        return f"{pair[0]:.2f}× ({pair[1]:.2f}×)"

    mib = 1 << 20
    streams = "default streams" if arguments.streams == "default" else f"{arguments.streams} streams"
    print(f"Medians of {len(runs)} runs, seconds (each run's value in brackets); ratios are the baseline's time ÷ this row's")
    print("time (higher is faster), as the ratio of the medians and, in brackets, the median of each run's own ratio. CPU seconds")
    print("(median) are the user and system time of every process of the copier: both rsync ends, both tunnel ends or ssh and sshd:")
    print()
    for label, prefix, amount in [
        (f"(a) {arguments.large_bytes / mib:.0f} MiB in 8 large files", "a", lambda s: f"{arguments.large_bytes / mib / s:.0f} MiB/s"),
        (f"(b) {arguments.small_files:,} small files, {arguments.small_bytes / mib:.0f} MiB", "b", lambda s: f"{arguments.small_files / s:,.0f} files/s"),
    ]:
        print(f"| {label} | seconds | rate | CPU seconds | vs tar | vs rsync over stunnel | vs rsync -e ssh |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for title, key in [
            ("tar \\| tar (physical limit)", "tar"), ("one rsync over stunnel (MTC)", "stunnel"), ("rsync -e ssh (pv-migrate)", "ssh"),
            (f"Ferry LocalTransfer, {streams}", "ferry"), ("Ferry LocalTransfer, 1 stream", "ferry1"),
        ]:
            column = f"{prefix}_{key}"
            print(f"| {title} | {median(column):.2f} ({each(column)}) | {amount(median(column))} | {median_cpu(column):.2f} | {show(ratio(prefix + '_tar', column))} "
                  f"| {show(ratio(prefix + '_stunnel', column))} | {show(ratio(prefix + '_ssh', column))} |")
        print()

    def change_summary(paths):
        changes = [json.load(open(path)) for path in paths]
        if not changes:
            return ""
        first = changes[0]
        return (f"{first['edited']} edited, {first['added']} added, {first['deleted']} deleted of {first['files']:,} files, "
                f"about {statistics.median(change['changedBytes'] for change in changes) / mib:.1f} MiB of new content")

    restage_fraction = statistics.median(run["c_ferry"] / run["b_ferry"] for run in runs)
    cutover_fraction = statistics.median(run["d_ferry"] / run["d_stage"] for run in runs)
    print("| copy | seconds | CPU seconds | vs one rsync over stunnel | share of the full copy |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| (c) re-stage after 1% of (b) changed ({change_summary(arguments.changes)}): one rsync over stunnel | {median('c_stunnel'):.2f} ({each('c_stunnel')}) | {median_cpu('c_stunnel'):.2f} | 1.00× | "
          f"{statistics.median(run['c_stunnel'] / run['b_stunnel'] for run in runs):.1%} |")
    print(f"| (c) the same re-stage, Ferry LocalTransfer | {median('c_ferry'):.2f} ({each('c_ferry')}) | {median_cpu('c_ferry'):.2f} | {show(ratio('c_stunnel', 'c_ferry'))} | {restage_fraction:.1%} |")
    print(f"| (d) {arguments.volume_bytes / mib:.0f} MiB volume (256 files): Ferry stage into an empty destination | {median('d_stage'):.2f} ({each('d_stage')}) | {median_cpu('d_stage'):.2f} |  |  |")
    print(f"| (d) cutover after 1% changed ({change_summary(arguments.volume_changes)}): one rsync over stunnel, --delete | {median('d_stunnel'):.2f} ({each('d_stunnel')}) | {median_cpu('d_stunnel'):.2f} | 1.00× |  |")
    print(f"| (d) the same cutover pass, Ferry LocalTransfer | {median('d_ferry'):.2f} ({each('d_ferry')}) | {median_cpu('d_ferry'):.2f} | {show(ratio('d_stunnel', 'd_ferry'))} | {cutover_fraction:.1%} |")
    print(f"| (e) empty volume: one rsync through the already running stunnel pair | {median('e_stunnel'):.2f} ({each('e_stunnel')}) | {median_cpu('e_stunnel'):.2f} | 1.00× |  |")
    print(f"| (e) empty volume: Ferry LocalTransfer stage, tunnel up and down included | {median('e_ferry'):.2f} ({each('e_ferry')}) | {median_cpu('e_ferry'):.2f} | {show(ratio('e_stunnel', 'e_ferry'))} |  |")
    print()

    def verdict(met):
        return "met" if met else "**not met**"

    a_tar, b_tar = ratio("a_tar", "a_ferry"), ratio("b_tar", "b_ferry")
    print("Goals, judged by the ratio of the medians (and each run's ratio):")
    print()
    for prefix, tar in (("a", a_tar), ("b", b_tar)):
        # "Never slower" is judged run by run: the worst of every run's ratio to either baseline.
        worst = min(min(run[f"{prefix}_stunnel"], run[f"{prefix}_ssh"]) / run[f"{prefix}_ferry"] for run in runs)
        print(f"- ({prefix}) ≥ 0.9× tar: {tar[0]:.2f}× ({tar[1]:.2f}×), {verdict(min(tar) >= 0.9)}; "
              f"never slower than either rsync baseline: worst run {worst:.2f}×, {verdict(worst >= 1.0)}")
    c_ratio = ratio("c_stunnel", "c_ferry")
    c_worst = min(run["c_stunnel"] / run["c_ferry"] for run in runs)
    print(f"- (c) no slower than rsync's own incremental pass: {show(c_ratio)}, worst run {c_worst:.2f}×, {verdict(c_worst >= 1.0)}; "
          f"under 10% of the full copy: {restage_fraction:.1%}, {verdict(restage_fraction < 0.10)}")
    print(f"- (d) cutover copy under 10 s: {median('d_ferry'):.2f} s, {verdict(max(run['d_ferry'] for run in runs) < 10)} "
          f"(the data pass only; see below for the migration's quiesce-to-ready time)")
    print(f"- (e) fixed overhead under 2 s: {median('e_ferry'):.2f} s, {verdict(max(run['e_ferry'] for run in runs) < 2)} "
          f"(LocalTransfer alone; see below for a whole stage migration)")
    if arguments.migration:
        print()
        report_migrations(arguments.migration, arguments.volume_bytes)


# The cutover's phases in order; the destination's workloads are up once UnQuiesceDestApplications ends.
AFTER_UNQUIESCE = ["PostRestoreHooks", "SwapPVCReferences", "Verification", "DeleteMigrationResources", "Completed"]


def report_migrations(path, volume_bytes):
    """(d) and (e) inside migrations: each line of PATH is one run's stage seconds, cutover
    seconds, the cutover's start (epoch seconds), the empty stage's seconds, the cutover
    migration's name prefix and the file of stamped phase changes."""
    rows = []
    for line in open(path):
        if not line.strip():
            continue
        stage, cutover, began, empty, prefix, timeline_path = line.split()
        phases = []
        for entry in open(timeline_path):
            fields = entry.split()
            if len(fields) == 3 and fields[1].startswith(prefix) and fields[2] != "<none>" and (not phases or phases[-1][1] != fields[2]):
                phases.append((float(fields[0]) - float(began), fields[2]))
        first = {}
        for at, phase in phases:
            first.setdefault(phase, at)
        quiesce = first.get("QuiesceSourceApplications")
        unquiesced = min((first[phase] for phase in AFTER_UNQUIESCE if phase in first), default=None)
        completed = first.get("Completed")
        if quiesce is None or unquiesced is None or completed is None:
            raise SystemExit(f"the cutover's phases were not all seen ({', '.join(phase for _, phase in phases)}); see {timeline_path}")
        rows.append({"stage": float(stage), "cutover": float(cutover), "empty": float(empty),
                     "down": unquiesced - quiesce, "completed": completed - quiesce, "phases": phases})

    def median(key):
        return statistics.median(row[key] for row in rows)

    def each(key):
        return ", ".join(f"{row[key]:.2f}" for row in rows)

    mib = volume_bytes / (1 << 20)
    print(f"Inside migrations (sandbox, `ferry controller`, local data plane), medians of {len(rows)} runs (each run in brackets):")
    print()
    print("| measurement | seconds |")
    print("| --- | ---: |")
    print(f"| (d) `ferry migrate stage PLAN --wait`, one claim holding {mib:.0f} MiB, empty destination | {median('stage'):.2f} ({each('stage')}) |")
    print(f"| (d) `ferry migrate cutover PLAN --wait` after 1% changed, whole command | {median('cutover'):.2f} ({each('cutover')}) |")
    print(f"| (d) downtime: QuiesceSourceApplications entered → UnQuiesceDestApplications done | {median('down'):.2f} ({each('down')}) |")
    print(f"| (d) QuiesceSourceApplications entered → Completed | {median('completed'):.2f} ({each('completed')}) |")
    print(f"| (e) `ferry migrate stage PLAN --wait`, one empty claim | {median('empty'):.2f} ({each('empty')}) |")
    print()
    print(f"- (d) downtime under 10 s: {median('down'):.2f} s, {'met' if max(row['down'] for row in rows) < 10 else '**not met**'}")
    print(f"- (e) whole stage of an empty claim under 2 s: {median('empty'):.2f} s, {'met' if max(row['empty'] for row in rows) < 2 else '**not met**'}")
    print()
    print("Phases of the last cutover, as a watch on its MigMigration saw them (seconds from the start of the command):")
    print()
    print("| phase | entered at (s) | lasted (ms) |")
    print("| --- | ---: | ---: |")
    phases = rows[-1]["phases"]
    for index, (at, phase) in enumerate(phases):
        lasted = f"{(phases[index + 1][0] - at) * 1000:.0f}" if index + 1 < len(phases) else ""
        print(f"| {phase} | {at:.3f} | {lasted} |")
    print(f"| (command exits) | {rows[-1]['cutover']:.3f} | |")


if __name__ == "__main__":
    main()
