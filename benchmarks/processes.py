"""What the worker benchmarks share: the memory of a process with all its children (the
`ekinerja worker` CLI, dramatiq's main process and its worker processes)."""

import subprocess

import psutil


def family_rss(process: subprocess.Popen) -> int:
    try:
        parent = psutil.Process(process.pid)
        return sum(member.memory_info().rss
                   for member in [parent, *parent.children(recursive=True)])  # fmt: skip
    except psutil.NoSuchProcess:
        return 0
