"""Editorial checks in a child process, so a cancel or a newly opened pair never waits for them."""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection

from alignment import Cancelled, ParalignError
from alignment.checks import run_checks
from alignment.model import Alignment, Check, IsCancelled

POLL_SECONDS = 0.05


def _run(alignment: Alignment, send: Connection) -> None:
    """In the child: the checks, or the message of what went wrong."""
    try:
        send.send(("ok", run_checks(alignment)))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which shows it
        send.send(("error", f"The checks failed unexpectedly: {type(exc).__name__}: {exc}"))


def checks_of(alignment: Alignment, cancelled: IsCancelled) -> list[Check]:
    """``run_checks`` on an alignment, stopped at once when ``cancelled`` turns true."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return run_checks(alignment)
    # A forked child shares the alignment without pickling it, and unlike a thread it can be stopped.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(alignment, send), daemon=True)
    child.start()
    send.close()
    try:
        while not receive.poll(POLL_SECONDS):
            if cancelled():
                raise Cancelled("cancelled")
        status, result = receive.recv()
    except EOFError as exc:
        raise ParalignError("The checks stopped unexpectedly.") from exc
    finally:
        receive.close()
        child.terminate()
        child.join()
    if status != "ok":
        raise ParalignError(result)
    return result
