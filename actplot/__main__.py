"""``python -m actplot``: the same as the ``actplot`` command."""

from actplot.cli import main

main()
