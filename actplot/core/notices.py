"""matplotlib's own notices (its log messages), caught so actplot can report them its way.

matplotlib reports some things through its logger rather than by raising: a style file's bad
line, the PostScript backend's lack of transparency. Left alone they reach stderr unformatted
(and once per use). :func:`caught` collects them instead, so that the caller can turn them into
an error (a broken style file) or a one-line ``actplot: warning:`` (a format's limitation).

Only the calling thread's notices are taken, and nothing of the logging set-up is changed for
anyone else: while a block runs, a filter sits on matplotlib's loggers that takes the warnings
logged by a thread that is collecting and lets every other record through untouched; the last
block to end removes it. Another thread's (or the user's own) matplotlib logging is never
silenced, and after the block the loggers are as they were.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Collecting threads, by thread id, with the messages caught so far (each once, in order).
_COLLECTING: dict[int, list[str]] = {}
_LOCK = threading.Lock()


class _ThreadFilter(logging.Filter):
    """Takes the warnings of collecting threads; passes everything else on."""

    def filter(self, record: logging.LogRecord) -> bool:
        messages = _COLLECTING.get(record.thread) if record.thread is not None else None
        if messages is None or record.levelno < logging.WARNING:
            return True
        message = " ".join(record.getMessage().split())
        if message not in messages:
            messages.append(message)
        return False


_FILTER = _ThreadFilter()


def _matplotlib_loggers() -> list[logging.Logger]:
    """matplotlib's loggers as they exist now (a filter acts on the records its own logger makes)."""
    names = [name for name in list(logging.Logger.manager.loggerDict)
             if name == "matplotlib" or name.startswith("matplotlib.")]
    loggers = [logging.getLogger(name) for name in names]
    return loggers or [logging.getLogger("matplotlib")]


@contextmanager
def caught() -> Iterator[list[str]]:
    """Collect the matplotlib warnings and errors this thread logs inside the block, each once,
    in order.

    Import the modules that may log (a backend, for instance) before the block: the filter is
    put on the loggers that exist when the block starts.
    """
    ident = threading.get_ident()
    messages: list[str] = []
    with _LOCK:
        outer = _COLLECTING.get(ident)
        _COLLECTING[ident] = messages
        loggers = _matplotlib_loggers()
        for logger in loggers:
            logger.addFilter(_FILTER)  # a no-op where it is already there
    try:
        yield messages
    finally:
        with _LOCK:
            if outer is None:
                del _COLLECTING[ident]
            else:
                _COLLECTING[ident] = outer
            if not _COLLECTING:
                for logger in _matplotlib_loggers():
                    logger.removeFilter(_FILTER)
