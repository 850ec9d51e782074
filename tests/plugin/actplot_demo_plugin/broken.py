"""A plug-in that fails to load, on purpose: actplot must warn and carry on."""

raise RuntimeError("this plug-in is broken on purpose")
