"""The installation's one :class:`~pinspect.settings.Settings`, read when the web app starts.

``pinspect.web.settings`` reads it once (:func:`pinspect.settings.read_settings`: the file
named by ``PINSPECT_SETTINGS_FILE``, then ``PINSPECT_<NAME>`` variables) into the Django
setting ``PINSPECT_SETTINGS``; views and helpers take it from here and hand it to the core.
Nothing in the web app builds ``Settings()`` itself.
"""

from __future__ import annotations

from django.conf import settings as django_settings

from pinspect.settings import Settings
from pinspect.tabular_file import FileLimits

__all__ = ["file_limits", "installation_settings"]


def installation_settings() -> Settings:
    """The settings this installation was started with."""
    configured = django_settings.PINSPECT_SETTINGS
    if not isinstance(configured, Settings):
        raise TypeError("PINSPECT_SETTINGS must be a pinspect.settings.Settings")
    return configured


def file_limits() -> FileLimits:
    """The installation's caps on a user's file (rows, cells, unpacked bytes)."""
    return FileLimits.from_settings(installation_settings())
