"""Run a command in a child process and measure the command's own peak resident memory.

Linux carries a parent's peak memory into a child across fork and exec (the ru_maxrss of a child
spawned by a 400 MB test process reads 400 MB), so the command is started by a small interpreter
of its own, which reports the command's ru_maxrss: the figure is the command's alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_TRAMPOLINE = """
import json, os, subprocess, sys
out, err = json.loads(sys.argv[1])
child = subprocess.Popen(sys.argv[2:], stdout=out, stderr=err)
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss]))
"""


@dataclass(frozen=True)
class Measured:
    """Exit code, output, wall time and peak resident memory (MiB) of one command."""

    code: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_mib: float


def run_measured(
    argv: Sequence[str | bytes],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> Measured:
    """Run argv to its end, with its standard output and error collected."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    start = time.perf_counter()
    trampoline = subprocess.Popen(
        [sys.executable, "-c", _TRAMPOLINE, json.dumps([out_w, err_w]), *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        pass_fds=(out_w, err_w),
        start_new_session=True,
    )
    os.close(out_w)
    os.close(err_w)
    collected: dict[int, bytes] = {}

    def drain(fd: int) -> None:
        with os.fdopen(fd, "rb") as stream:
            collected[fd] = stream.read()

    # Threads drain both pipes so that a chatty command never blocks on a full one.
    readers = [threading.Thread(target=drain, args=(fd,)) for fd in (out_r, err_r)]
    for reader in readers:
        reader.start()
    try:
        report, _ = trampoline.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(trampoline.pid, signal.SIGKILL)
        trampoline.wait()
        raise TimeoutError(f"{list(argv)} ran over {timeout} s") from None
    finally:
        for reader in readers:
            reader.join()
    code, peak_kib = json.loads(report)
    return Measured(code, collected[out_r], collected[err_r], time.perf_counter() - start, peak_kib / 1024)
