"""Secure by default: DEBUG off unless asked for, no start without a secret key except the
demo, the WSGI entry on production settings, deployment checks that pass with the documented
production environment and fail with a public key, security headers on every response."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from pinspect.web.secret_key import DEMO_KEY_FILE, DEMO_KEY_PREFIX, PUBLIC_KEYS

PRODUCTION_KEY = "x" * 20 + "-a-long-random-production-key-" + "y" * 20
# The documented production environment (docs/settings.md).
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "pinspect.web.settings.production",
    "PINSPECT_SECRET_KEY": PRODUCTION_KEY,
    "PINSPECT_ALLOWED_HOSTS": "pinspect.example.org",
}
_STRIPPED = ("PINSPECT_SECRET_KEY", "PINSPECT_DEBUG", "PINSPECT_DEMO", "DJANGO_SETTINGS_MODULE")


def _python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in _STRIPPED}
    environ["PINSPECT_DATA_DIR"] = str(tmp_path / "data")
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=False
    )


def _manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return _python(
        f"from pinspect.web.__main__ import main; main(['pinspect.web', *{list(args)!r}])",
        tmp_path,
        **env,
    )


SHOW = (
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'pinspect.web.settings');"
    "import django; django.setup(); from django.conf import settings;"
    "print(settings.DEBUG, settings.PINSPECT_DEMO_KEY)"
)


def test_debug_is_off_unless_a_development_run_asks(tmp_path: Path) -> None:
    assert _python(SHOW, tmp_path, PINSPECT_SECRET_KEY=PRODUCTION_KEY).stdout.split()[0] == "False"
    asked = _python(SHOW, tmp_path, PINSPECT_SECRET_KEY=PRODUCTION_KEY, PINSPECT_DEBUG="1")
    assert asked.stdout.split()[0] == "True"


def test_no_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check")
    assert result.returncode != 0
    assert "PINSPECT_SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "data" / DEMO_KEY_FILE).exists()


def test_the_demo_makes_its_own_key_kept_owner_only(tmp_path: Path) -> None:
    first = _python(SHOW + ";print(settings.SECRET_KEY)", tmp_path, PINSPECT_DEMO="1")
    assert first.returncode == 0, first.stderr
    debug, demo, key = first.stdout.split()
    assert (debug, demo) == ("False", "True")
    assert key.startswith(DEMO_KEY_PREFIX)
    path = tmp_path / "data" / DEMO_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = _python(SHOW + ";print(settings.SECRET_KEY)", tmp_path, PINSPECT_DEMO="1")
    assert again.stdout.split()[2] == key


def test_the_demo_command_runs_as_the_demo(tmp_path: Path) -> None:
    """``pinspect_demo`` needs no key (it makes a demo-only one); other commands do."""
    result = _manage(tmp_path, "pinspect_demo", "--help")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / DEMO_KEY_FILE).exists()


def test_the_wsgi_entry_uses_the_production_settings(tmp_path: Path) -> None:
    code = (
        "import pinspect.web.wsgi; from django.conf import settings;"
        "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    )
    missing_hosts = _python(code, tmp_path, PINSPECT_SECRET_KEY=PRODUCTION_KEY, PINSPECT_DEBUG="1")
    assert missing_hosts.returncode != 0
    assert "PINSPECT_ALLOWED_HOSTS is not set" in missing_hosts.stderr
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"}
    served = _python(code, tmp_path, PINSPECT_DEBUG="1", **env)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["pinspect.web.settings.production", "False", "True"]


def test_deployment_checks_pass_with_the_documented_production_environment(
    tmp_path: Path,
) -> None:
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("key", sorted(PUBLIC_KEYS))
def test_deployment_checks_fail_with_a_public_key(tmp_path: Path, key: str) -> None:
    production = _manage(
        tmp_path, "check", "--deploy", **{**PRODUCTION, "PINSPECT_SECRET_KEY": key}
    )
    assert production.returncode != 0
    assert "demo or published key" in production.stderr
    base = _manage(
        tmp_path,
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="pinspect.web.settings",
        PINSPECT_SECRET_KEY=key,
    )
    assert base.returncode != 0
    assert "pinspect.E001" in base.stderr


def test_deployment_checks_fail_with_the_demo_key(tmp_path: Path) -> None:
    result = _manage(
        tmp_path,
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="pinspect.web.settings",
        PINSPECT_DEMO="1",
    )
    assert result.returncode != 0
    assert "pinspect.E001" in result.stderr


def _policy(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/no/such/page/", "/api/inspections"])
def test_security_headers_on_every_response(client: Client, path: str) -> None:
    response = client.get(path)
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_pages_load_nothing_from_outside_and_have_no_inline_script(client: Client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.DOTALL)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert "style=" not in page


@pytest.mark.django_db
def test_signed_in_pages_are_not_kept_by_the_browser(client_for: Any) -> None:
    response = client_for("inspector").get("/inspections/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_only_the_report_page_allows_its_inline_stylesheet(
    client_for: Any, scenario: dict[str, Any]
) -> None:
    response = client_for("lead").get(f"/reports/{scenario['published'].pk}/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'none'"
    assert "<script" not in response.content.decode()
