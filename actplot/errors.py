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
    """A plot setting (range, points, size, output file...) that cannot be used.

    One check, two ways to name the field: the message is a template in which ``{name}`` is the
    setting's name, ``{value}`` the value given, ``{given}`` both together, ``{fix}`` a suggested
    value in the same form and ``{fix_value}`` that value alone. ``str(error)`` names it as Python does
    (``x_range=(5, -5) is reversed; did you mean x_range=(-5, 5)?``) and
    :meth:`command_line` as the command line does (``--range 5 -5 is reversed; did you mean
    --range -5 5?``).
    """

    def __init__(self, template: str, field: str | None = None, value: object = None, fix: object = None) -> None:
        self.template, self.field, self.value, self.fix = template, field, value, fix
        super().__init__(self._render(python=True))

    def command_line(self) -> str:
        """The message with the field named as the command line's option."""
        return self._render(python=False)

    def _render(self, python: bool) -> str:
        if self.field is None:
            return self.template
        name = self.field if python else OPTION_NAMES.get(self.field, "--" + self.field.replace("_", "-"))

        def shown(value: object) -> str:
            text = _python_value(value) if python else _option_value(value)
            return f"{name}={text}" if python else f"{name} {text}"

        form = _python_value if python else _option_value
        return self.template.format(name=name, value=form(self.value), given=shown(self.value), fix=shown(self.fix),
                                    fix_value=form(self.fix))


#: The command line's option for each setting whose name differs from ``--`` + its Python name.
OPTION_NAMES = {"x_range": "--range", "output": "-o"}


def number_text(value: float) -> str:
    """The shortest text that reads back as the same float (``1000001``, ``0.1``, ``1e-300``)."""
    if value == value and abs(value) < 1e16 and value == int(value):
        return str(int(value))
    return repr(value)


def _python_value(value: object) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_python_value(v) for v in value) + ")"
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return number_text(value)
    return repr(value) if not isinstance(value, float) else str(value)


def _option_value(value: object) -> str:
    if isinstance(value, tuple):
        return " ".join(_option_value(v) for v in value)
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return number_text(value)
    return str(value)


class NoWindow(SettingsError):
    """No window can open here: no display, no display server answering, or no interactive backend."""


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
