#!/usr/bin/env python3
"""Peak memory of a command and every process it starts (digest build forks a render worker
per core), which /usr/bin/time cannot tell: it reports the largest single process.

Usage: bench/peak_memory.py COMMAND...   Runs COMMAND, samples every 0.1 s the summed PSS
(proportional set size: a page shared by n processes counts 1/n to each, so the sum is the
memory the processes hold together) from /proc/PID/smaps_rollup, and prints the peak in MB
as the last line on stderr. Exits with the command's status."""
import os, subprocess, sys, time

def tree(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass  # the process ended while we looked
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found

def pss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

command = subprocess.Popen(sys.argv[1:])
peak = 0
while command.poll() is None:
    peak = max(peak, sum(pss_kb(pid) for pid in tree(command.pid)))
    time.sleep(0.1)
print(f"{peak / 1024:.0f}", file=sys.stderr)
sys.exit(command.returncode)
