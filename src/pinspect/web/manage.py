#!/usr/bin/env python
"""Django's manage command for the web application (same as ``python -m pinspect.web``)."""

from pinspect.web.__main__ import main

if __name__ == "__main__":
    main()
