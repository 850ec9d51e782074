"""actplot's version: one place, read by the package, the data files it writes and the build."""

__version__ = "0.1.0"
