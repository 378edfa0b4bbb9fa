"""Resident memory of a process group (a server and every process it started),
read from /proc: the servers are started in their own sessions, so their
process group id is the first process's id."""
from __future__ import annotations

from pathlib import Path


def group_rss_mb(group_id: int) -> float:
    total_kb = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            # field 5 of /proc/<pid>/stat is the process group (after "pid (comm) state ppid")
            stat = (proc / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group_id:
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total_kb / 1024
