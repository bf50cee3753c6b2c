#!/usr/bin/env python3
"""Whole-process timing with the commands interleaved: A B C A B C … N times each, so that every
command sees the same load. On a shared 2-core VM whose speed changes within a minute, timing one
command's runs and then the next one's (hyperfine) can put a 20 % load change between them;
interleaving does not. Each run is spawned directly (no shell), output discarded.

Usage: benches/interleave.py N 'cmd A …' 'cmd B …' […]
Prints, per command: median wall, median CPU (user + sys of the child, from wait4), mean user and
sys, in ms; then each command's median wall as a multiple of the first command's.
"""
import os
import shlex
import shutil
import statistics
import sys
import time


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    for c in commands:
        c[0] = shutil.which(c[0]) or c[0]
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]

    def run(c):
        start = time.perf_counter()
        pid = os.posix_spawn(c[0], c, os.environ, file_actions=quiet)
        _, _, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        return wall * 1000, usage.ru_utime * 1000, usage.ru_stime * 1000

    for _ in range(5):  # warm-up: page cache, CPU frequency
        for c in commands:
            run(c)
    results = [[] for _ in commands]
    for _ in range(n):
        for k, c in enumerate(commands):
            results[k].append(run(c))
    walls = []
    for c, r in zip(commands, results):
        wall = statistics.median(x[0] for x in r)
        walls.append(wall)
        cpu = statistics.median(x[1] + x[2] for x in r)
        user = statistics.mean(x[1] for x in r)
        sys_ = statistics.mean(x[2] for x in r)
        print(f"wall {wall:7.2f}  cpu {cpu:7.2f}  user {user:6.2f}  sys {sys_:6.2f}  {shlex.join(c)[:90]}")
    for c, wall in zip(commands[1:], walls[1:]):
        print(f"{os.path.basename(c[0])} / {os.path.basename(commands[0][0])}: {wall / walls[0]:.1f}x")


main()
