"""Where a plot without ``-o`` goes: a window when one can open, else the terminal.

- A window needs a display (``DISPLAY`` or ``WAYLAND_DISPLAY`` on Linux and other X11 systems)
  and an interactive matplotlib backend (``MPLBACKEND=agg`` rules it out). Deciding this reads
  the environment only, so the terminal path never imports matplotlib.
- The terminal shows text (:mod:`actplot.draw.terminal`), or the real picture where the terminal
  speaks an inline image protocol: kitty's graphics protocol (``TERM=xterm-kitty``), or iTerm2's
  inline images (``TERM_PROGRAM=iTerm.app`` or ``WezTerm``, which speaks it too). The protocol is
  read from ``TERM``/``TERM_PROGRAM``, never guessed; pictures go only to a terminal, never into a
  pipe, unless asked for with ``--terminal=image``.
"""

from __future__ import annotations

import base64
import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO

from actplot.core.curves import Curve
from actplot.core.errors import SettingsError
from actplot.core.settings import PlotSettings

#: matplotlib backends that cannot open a window (as ``MPLBACKEND`` names them).
#: What ``--terminal=KIND`` takes.
KINDS = ("text", "image")
#: Base64 characters a kitty graphics escape carries at most.
KITTY_CHUNK = 4096




def image_protocol(environ: Mapping[str, str] = os.environ) -> str | None:
    """"kitty" or "iterm" when the terminal says it speaks one, else None."""
    if environ.get("TERM", "") == "xterm-kitty":
        return "kitty"
    if environ.get("TERM_PROGRAM", "") in ("iTerm.app", "WezTerm"):
        return "iterm"
    return None


def in_terminal(curves: Sequence[Curve], settings: PlotSettings, kind: str | None = None,
                stream: IO[str] | None = None, color: str = "auto") -> None:
    """Draw on the terminal: ``kind`` "text", "image", or None to choose (a picture where the
    terminal shows pictures and the output is the terminal itself, else text). Text is in colour
    as ``color`` ("auto", "always", "never") and the environment say: see
    :func:`actplot.draw.terminal.wants_color`."""
    out = stream or sys.stdout
    protocol = image_protocol()
    if kind is None:
        kind = "image" if protocol is not None and out.isatty() else "text"
    if kind == "image":
        if protocol is None:
            said = f"TERM={os.environ.get('TERM', '')!r}, TERM_PROGRAM={os.environ.get('TERM_PROGRAM', '')!r}"
            raise SettingsError(f"cannot tell which inline image protocol this terminal speaks ({said}); "
                                "kitty, iTerm2 and WezTerm are known: use --terminal=text or -o FILE")
        picture(curves, settings, protocol, out)
        return
    from actplot.draw import terminal

    terminal.write(curves, settings, out, color)


def picture(curves: Sequence[Curve], settings: PlotSettings, protocol: str, stream: IO[str]) -> None:
    """The matplotlib figure as a PNG, shown inline with the terminal's image protocol."""
    import dataclasses
    import io

    from actplot.draw import figure as render

    settings = dataclasses.replace(settings, output=None)
    settings.check_style()
    figure = render.figure(curves, settings)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=settings.dpi, metadata=render.METADATA["png"])
    stream.write(escape(buffer.getvalue(), protocol) + "\n")
    stream.flush()


def escape(png: bytes, protocol: str) -> str:
    """The escape sequence that shows ``png`` inline: kitty's graphics protocol (the image in
    chunks of base64, ``m=1`` while more follow) or iTerm2's ``File=inline=1``."""
    data = base64.standard_b64encode(png).decode("ascii")
    if protocol == "iterm":
        return f"\x1b]1337;File=inline=1;size={len(png)};preserveAspectRatio=1:{data}\x07"
    chunks = [data[i:i + KITTY_CHUNK] for i in range(0, len(data), KITTY_CHUNK)] or [""]
    parts = []
    for number, chunk in enumerate(chunks):
        more = 1 if number < len(chunks) - 1 else 0
        control = f"a=T,f=100,m={more}" if number == 0 else f"m={more}"
        parts.append(f"\x1b_G{control};{chunk}\x1b\\")
    return "".join(parts)


