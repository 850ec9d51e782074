"""matplotlib's own notices (its log messages), caught so actplot can report them its way.

matplotlib reports some things through its logger rather than by raising: a style file's bad
line, the PostScript backend's lack of transparency. Left alone they reach stderr unformatted
(and once per use). :func:`caught` collects them instead, so that the caller can turn them into
an error (a broken style file) or a one-line ``actplot: warning:`` (a format's limitation).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def caught() -> Iterator[list[str]]:
    """Collect matplotlib's warnings and errors logged inside the block, each once, in order."""
    logger = logging.getLogger("matplotlib")
    collector = _Collector()
    propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
