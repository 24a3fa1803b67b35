#!/usr/bin/env python3
"""Generates and changes the volume benchmark's data sets (see scripts/bench-volumes.sh).

    volume_data.py large DIR --files 8 --mib 256        # incompressible large files
    volume_data.py small DIR --files 100000 --dirs 300  # 1-16 KiB files in DIR/NN/NN
    volume_data.py change DIR --percent 1 --seed 7      # edit, add and delete 1% of the files

Content is incompressible and distinct per file: SHAKE-128 keyed by the seed and the file's
name (about 0.5 GB/s, twice /dev/urandom's speed). Everything is seeded, so every run of the
benchmark copies the same bytes. `change` prints what it did as one JSON line.
"""
import argparse
import hashlib
import json
import os
import random
import sys


def content(key, size):
    return hashlib.shake_128(key.encode()).digest(size) if size else b""


def write_file(path, data):
    with open(path, "wb") as handle:
        handle.write(data)


def make_large(directory, files, mib, seed):
    os.makedirs(directory, exist_ok=True)
    chunk = 64 << 20
    for number in range(files):
        remaining, part = int(mib * (1 << 20)), 0
        with open(os.path.join(directory, f"large-{number:03d}.bin"), "wb") as handle:
            while remaining > 0:
                size = min(chunk, remaining)
                handle.write(content(f"{seed}/large/{number}/{part}", size))
                remaining -= size
                part += 1


def make_small(directory, files, directories, seed, min_kib, max_kib):
    generator = random.Random(seed)
    top = max(1, int(directories ** 0.5))
    paths = [os.path.join(directory, f"d{index // top:02d}", f"s{index % top:02d}") for index in range(directories)]
    for path in paths:
        os.makedirs(path, exist_ok=True)
    for number in range(files):
        size = generator.randint(min_kib << 10, max_kib << 10)
        write_file(os.path.join(paths[number % directories], f"file-{number:06d}.dat"), generator.randbytes(size))


def change_tree(directory, percent, seed):
    """Edits half of PERCENT% of the files (half of those rewritten whole, half in one 4 KiB
    region, as an application would), adds a quarter as many new files and deletes a quarter."""
    generator = random.Random(seed)
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(directory) for name in names)
    if not files:
        sys.exit(f"volume_data.py change: {directory} holds no files to change")
    count = max(4, round(len(files) * percent / 100))
    chosen = generator.sample(files, min(len(files), count))
    edits, rest = chosen[: count // 2], chosen[count // 2:]
    deletes = rest[: len(rest) // 2]
    changed_bytes = 0
    for index, path in enumerate(edits):
        size = os.path.getsize(path)
        if index % 2 == 0 or size <= 8192:
            write_file(path, content(f"{seed}/edit/{path}", size))
            changed_bytes += size
        else:
            offset = generator.randrange(0, size - 4096)
            with open(path, "r+b") as handle:
                handle.seek(offset)
                handle.write(content(f"{seed}/region/{path}", 4096))
            changed_bytes += 4096
    for path in deletes:
        os.remove(path)
    adds = count - len(edits) - len(deletes)
    for number in range(adds):
        template = files[generator.randrange(len(files))]
        size = os.path.getsize(template) if os.path.exists(template) else 8192
        path = os.path.join(os.path.dirname(template), f"added-{seed}-{number:05d}.dat")
        write_file(path, content(f"{seed}/add/{number}", size))
        changed_bytes += size
    print(json.dumps({"files": len(files), "edited": len(edits), "added": adds, "deleted": len(deletes), "changedBytes": changed_bytes}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    large = commands.add_parser("large")
    large.add_argument("directory")
    large.add_argument("--files", type=int, default=8)
    large.add_argument("--mib", type=float, default=256)
    large.add_argument("--seed", type=int, default=1)
    small = commands.add_parser("small")
    small.add_argument("directory")
    small.add_argument("--files", type=int, default=100_000)
    small.add_argument("--dirs", type=int, default=300)
    small.add_argument("--min-kib", type=int, default=1)
    small.add_argument("--max-kib", type=int, default=16)
    small.add_argument("--seed", type=int, default=2)
    change = commands.add_parser("change")
    change.add_argument("directory")
    change.add_argument("--percent", type=float, default=1.0)
    change.add_argument("--seed", type=int, default=3)
    arguments = parser.parse_args()
    if arguments.command == "large":
        make_large(arguments.directory, arguments.files, arguments.mib, arguments.seed)
    elif arguments.command == "small":
        make_small(arguments.directory, arguments.files, arguments.dirs, arguments.seed, arguments.min_kib, arguments.max_kib)
    else:
        change_tree(arguments.directory, arguments.percent, arguments.seed)


if __name__ == "__main__":
    main()
