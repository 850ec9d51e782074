"""Small HTML helpers: escaping, elements, a picture in light and dark at 1x and 2x, and the page shell."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from actplot.api import __version__

#: A picture's file names: light and dark, 1x and 2x (see :func:`picture_files`).
VARIANTS = (("", 1), ("@2x", 2), ("-dark", 1), ("-dark@2x", 2))


def text(value: object) -> str:
    """Text escaped for an element's content or an attribute."""
    return escape(str(value), quote=True)


def element(tag: str, content: str = "", **attributes: object) -> str:
    """``<tag attributes>content</tag>``; content is HTML (escape text with :func:`text`); an
    attribute named ``class_`` is ``class``, ``data_x`` is ``data-x``; None and False leave it out,
    True writes it bare."""
    written = []
    for name, value in attributes.items():
        name = name.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        written.append(f" {name}" if value is True else f' {name}="{text(value)}"')
    return f"<{tag}{''.join(written)}>{content}</{tag}>"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    """A table: the headers as text, the cells as HTML."""
    head = "".join(element("th", text(h), scope="col") for h in headers)
    body = "".join("<tr>" + "".join(element("td", cell) for cell in row) + "</tr>" for row in rows)
    return element("table", (element("caption", text(caption)) if caption else "")
                   + f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>")


def picture_files(stem: str) -> list[str]:
    """The four image files of a picture: ``STEM.png``, ``STEM@2x.png``, ``STEM-dark.png`` and ``STEM-dark@2x.png``."""
    return [f"{stem}{suffix}.png" for suffix, _ in VARIANTS]


def picture(stem: str, alt: str, prefix: str, width: int, height: int, lazy: bool = False) -> str:
    """A picture that follows the reader's colour scheme (``prefers-color-scheme``), sharp on
    high-density screens (1x and 2x ``srcset``); ``prefix`` leads from the page to the site's root."""
    light, light2, dark, dark2 = (f"{prefix}img/{name}" for name in picture_files(stem))
    source = f'<source media="(prefers-color-scheme: dark)" srcset="{text(dark)} 1x, {text(dark2)} 2x">'
    image = (f'<img src="{text(light)}" srcset="{text(light)} 1x, {text(light2)} 2x" alt="{text(alt)}" '
             f'width="{width}" height="{height}"' + (' loading="lazy"' if lazy else "") + ">")
    return f"<picture>{source}{image}</picture>"


def page(title: str, description: str, prefix: str, body: str, scripts: Sequence[str] = ()) -> str:
    """A whole page: the shell every page shares around ``body``."""
    script_tags = "".join(f'<script src="{text(prefix + s)}" defer></script>' for s in [*scripts, "assets/site.js"])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{text(title)}</title>\n"
        f'<meta name="description" content="{text(description)}">\n'
        f'<link rel="stylesheet" href="{text(prefix)}assets/site.css">\n'
        f"{script_tags}\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the content</a>\n'
        f'<header class="top"><a class="home" href="{text(prefix)}index.html">'
        "actplot: activation functions</a></header>\n"
        f'<main id="main">\n{body}\n</main>\n'
        f'<footer class="bottom">Drawn and computed by actplot {text(__version__)}. Every curve on this site is '
        "sampled by actplot itself; nothing is computed in the browser.</footer>\n"
        "</body>\n</html>\n"
    )
