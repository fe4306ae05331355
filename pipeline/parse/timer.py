"""A hard time limit around one parse, so that no input can make a parser run for ever.

Parsers check ``Settings.parse_timeout`` themselves where they can (the PDF parser between pages
and while a page is read) and then give the more precise message. Some work cannot check a clock:
a third-party library busy with one huge content stream, or layout code that is quadratic in the
number of lines of a hostile page. :func:`time_limit` is the backstop for those: an interval timer
(``SIGALRM``) that interrupts the parse a little after the cooperative deadline.

The interrupt is a ``BaseException`` so that the ``except Exception`` a parser uses to skip one
broken page cannot swallow it. The timer works only in the main thread of a process (where
signals are delivered): the CLI, the ingest worker processes and the inline ingest all parse
there; elsewhere the limit is left to the parsers' own checks.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GRACE = 2.0  # seconds after the cooperative deadline before the timer interrupts


class ParseInterrupted(BaseException):
    """Raised inside a parse when its time is up; :func:`time_limit` callers turn it into TooLargeError."""


def _interrupt(signum, frame) -> None:
    raise ParseInterrupted


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with ParseInterrupted after ``seconds`` + GRACE (main thread only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0 or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield  # no timer here, or someone else's is running: leave it alone
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds + GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
