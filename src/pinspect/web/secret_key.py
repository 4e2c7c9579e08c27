"""The secret key: from the environment, or a demo-only key; never a public default.

Django signs sessions, CSRF tokens and password-reset links with ``SECRET_KEY``; anyone who
knows it can forge a session. So the web application refuses to start without
``PINSPECT_SECRET_KEY`` unless it is the demo (``PINSPECT_DEMO=1``, which ``make demo`` and
``python -m pinspect.web pinspect_demo`` set): the demo gets a random key of its own, kept in
``<data directory>/demo-secret-key`` (owner-only) so its sessions survive a restart, and
marked as demo-only. The deployment checks (``check --deploy``) refuse a demo key and every key
this project has ever published (:data:`PUBLIC_KEYS`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "DEMO_KEY_FILE",
    "DEMO_KEY_PREFIX",
    "PUBLIC_KEYS",
    "SecretKey",
    "is_demo",
    "is_public_key",
    "secret_key",
]

DEMO_KEY_FILE = "demo-secret-key"
DEMO_KEY_PREFIX = "pinspect-demo-only-"
# Keys that have appeared in this project's source: a server using one is open to forgery.
PUBLIC_KEYS = frozenset({"development-only-secret-key-never-used-in-production"})
_MIN_LENGTH = 50


@dataclass(frozen=True)
class SecretKey:
    value: str
    demo: bool
    source: str  # where it came from, for messages (never the key itself)


def is_demo(environ: Mapping[str, str]) -> bool:
    """The demo is run with ``PINSPECT_DEMO=1``."""
    return environ.get("PINSPECT_DEMO", "") == "1"


def is_public_key(value: str) -> bool:
    """A key anyone can know: published in the source, or a demo key."""
    return value in PUBLIC_KEYS or value.startswith(DEMO_KEY_PREFIX)


def _demo_key(data_dir: Path) -> SecretKey:
    path = data_dir / DEMO_KEY_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        value = path.read_text(encoding="utf-8").strip()
        if value.startswith(DEMO_KEY_PREFIX) and len(value) >= _MIN_LENGTH:
            return SecretKey(value, demo=True, source=str(path))
        raise ImproperlyConfigured(
            f"{path} does not hold a demo key written by pinspect; remove it and start again"
        ) from None
    value = DEMO_KEY_PREFIX + secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(value + "\n")
    return SecretKey(value, demo=True, source=str(path))


def secret_key(environ: Mapping[str, str], data_dir: Path) -> SecretKey:
    """``PINSPECT_SECRET_KEY``; else the demo's own key when ``PINSPECT_DEMO=1``; else
    :class:`ImproperlyConfigured` saying what to set."""
    value = environ.get("PINSPECT_SECRET_KEY", "").strip()
    if value:
        return SecretKey(value, demo=False, source="PINSPECT_SECRET_KEY")
    if is_demo(environ):
        return _demo_key(data_dir)
    raise ImproperlyConfigured(
        "PINSPECT_SECRET_KEY is not set. Set it to a long random value kept secret, for "
        "example the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
        "(The demo, PINSPECT_DEMO=1, makes a demo-only key of its own.)"
    )
