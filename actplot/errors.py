"""Errors that describe a user's mistake, and the "did you mean" hint they carry.

Every exception here is a mistake in what the user asked for, never a bug in actplot:
the command line turns each one into a single line on stderr and exit status 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UserError(Exception):
    """Base of every mistake in what the user asked for (exit status 2 on the command line)."""


class ParameterError(UserError, ValueError):
    """A parameter that is unknown, or whose value lies outside its domain."""


class SettingsError(UserError, ValueError):
    """A plot setting (range, points, size, output file...) that cannot be used."""


class UnknownActivation(UserError, LookupError):
    """A name that is neither an activation's canonical name nor one of its aliases."""

    def __str__(self) -> str:  # LookupError would quote the message like a dict key
        return str(self.args[0]) if self.args else "unknown activation"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'a', 'b'?"`` for the candidates close to ``word``, or ``""``.

    The comparison ignores case, hyphens and underscores, so ``LeakyRelu`` finds ``leaky-relu``.
    """
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(lookup_key(candidate), candidate)
    close = difflib.get_close_matches(lookup_key(word), list(by_key), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + ", ".join(f"'{by_key[key]}'" for key in close) + "?"


def lookup_key(name: str) -> str:
    """The form names are compared in: case, hyphens, underscores and spaces ignored."""
    return name.lower().replace("-", "").replace("_", "").replace(" ", "")


class DrawWarning(UserWarning):
    """Something drawn only in part: values that are not finite, left out of the picture."""
