"""An example actplot plug-in (see snake.py); broken.py exists to test that a bad one is skipped."""
