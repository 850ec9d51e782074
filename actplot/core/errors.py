"""Errors that describe a user's mistake, and the "did you mean" hint they carry.

Every exception here is a mistake in what the user asked for, never a bug in actplot:
the command line turns each one into a single line on stderr and exit status 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Words:
    """A phrase said one way to Python users and another on the command line: ``Words("pass
    beta=VALUE", "add --param beta=VALUE")``."""

    python: str
    command_line: str


class UserError(Exception):
    """Base of every mistake in what the user asked for (exit status 2 on the command line).

    One message serves both: ``str(error)`` speaks Python (``beta=``, ``x_range=``) and
    :meth:`command_line` speaks the command line (``--param beta=``, ``--range``), which the
    command line, the gallery and the Sphinx directive print. A message that differs between them
    is a template whose ``{placeholders}`` are given as keywords, each a :class:`Words` (or plain
    text, the same for both): ``ParameterError("parameter 'beta' has no value: {fix}",
    fix=Words("pass beta=VALUE", "add --param beta=VALUE"))``. A message without keywords is the
    same for both, and is not a template.
    """

    def __init__(self, *args: Any, **words: Words | str) -> None:
        self.template = str(args[0]) if args else ""
        self.words = words
        super().__init__(*([self._render(python=True)] if words else args))

    def command_line(self) -> str:
        """The message as the command line says it."""
        return self._render(python=False) if self.words else str(self)

    def _render(self, python: bool) -> str:
        if not self.words:
            return self.template
        return self.template.format(**_said(self.words, python))

    def __reduce__(self) -> tuple[Any, ...]:  # both renderings survive pickling (worker processes)
        return _restore, (type(self), self.args, dict(self.__dict__))


def _said(words: dict[str, Words | str], python: bool) -> dict[str, str]:
    return {key: (word.python if python else word.command_line) if isinstance(word, Words) else word
            for key, word in words.items()}


def _restore(kind: type[UserError], args: tuple[Any, ...], state: dict[str, Any]) -> UserError:
    error = Exception.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class ParameterError(UserError, ValueError):
    """A parameter that is unknown, or whose value lies outside its domain."""


class SettingsError(UserError, ValueError):
    """A plot setting (range, points, size, output file...) that cannot be used.

    One check, two ways to name the field: the message is a template in which ``{name}`` is the
    setting's name, ``{value}`` the value given, ``{given}`` both together, ``{fix}`` a suggested
    value in the same form and ``{fix_value}`` that value alone. ``str(error)`` names it as Python does
    (``x_range=(5, -5) is reversed; did you mean x_range=(-5, 5)?``) and
    :meth:`command_line` as the command line does (``--range 5 -5 is reversed; did you mean
    --range -5 5?``). Other placeholders are :class:`Words` keywords, as for :class:`UserError`;
    a message with neither says the command line's advice of :data:`PYTHON_ADVICE` in Python's words.
    """

    def __init__(self, template: str, field: str | None = None, value: object = None, fix: object = None,
                 **words: Words | str) -> None:
        self.template, self.field, self.value, self.fix, self.words = template, field, value, fix, words
        Exception.__init__(self, self._render(python=True))

    def command_line(self) -> str:
        """The message with the field named as the command line's option."""
        return self._render(python=False)

    def _render(self, python: bool) -> str:
        if self.field is None:
            if self.words:
                return self.template.format(**_said(self.words, python))
            return _python_advice(self.template) if python else self.template
        name = self.field if python else OPTION_NAMES.get(self.field, "--" + self.field.replace("_", "-"))

        def shown(value: object) -> str:
            text = _python_value(value) if python else _option_value(value)
            return f"{name}={text}" if python else f"{name} {text}"

        form = _python_value if python else _option_value
        return self.template.format(name=name, value=form(self.value), given=shown(self.value), fix=shown(self.fix),
                                    fix_value=form(self.fix), **_said(self.words, python))


#: The command line's option for each setting whose name differs from ``--`` + its Python name.
OPTION_NAMES = {"x_range": "--range", "output": "-o"}
#: Advice that code shared by both (actplot.draw.figure's windows and pictures) words as the command
#: line does, and the same advice in Python's words: ``str()`` of a setting's message says these.
PYTHON_ADVICE = {
    "use -o FILE to write the figure to a file": "use actplot.save(path, ...) to write the figure to a file",
    "use -o FILE to write a file": "use actplot.save(path, ...) to write a file",
    "or give -o FILE": "or give actplot.save() a file path",
}


def _python_advice(message: str) -> str:
    for command_line, python in PYTHON_ADVICE.items():
        message = message.replace(command_line, python)
    return message


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


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """Return ``"; did you mean 'a', 'b'?"`` for the candidates close to ``word``, or ``""``.

    The comparison ignores case, hyphens and underscores, so ``LeakyRelu`` finds ``leaky-relu``.
    """
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(lookup_key(candidate), candidate)
    import difflib

    close = difflib.get_close_matches(lookup_key(word), list(by_key), n=3, cutoff=cutoff)
    if not close:
        return ""
    return "; did you mean " + ", ".join(f"'{by_key[key]}'" for key in close) + "?"


def lookup_key(name: str) -> str:
    """The form names are compared in: case, hyphens, underscores and spaces ignored."""
    return name.lower().replace("-", "").replace("_", "").replace(" ", "")


class DrawWarning(UserWarning):
    """Something drawn only in part: values that are not finite, left out of the picture."""
