"""The container image's entry command (``CMD`` in the Containerfile, which ``make serve`` runs
too) started as it is, without building an image: it migrates a new database, collects the
static files, and serves the health endpoint (200, with the database checked) and the static
files through gunicorn, in production settings, with JSON logs; stopped with SIGTERM, it ends
its children and exits 0."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 180


def entry_command() -> list[str]:
    """The Containerfile's ``CMD``, with this interpreter for ``python``."""
    lines = (ROOT / "Containerfile").read_text("utf-8").splitlines()
    command = json.loads(
        next(line for line in lines if line.startswith("CMD ")).removeprefix("CMD ")
    )
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_entry_command_serves_the_health_endpoint(tmp_path: Path) -> None:
    port = free_port()
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PINSPECT_", "DJANGO_", "DATABASE_URL"))
    }
    environ.update(
        # As the Containerfile sets them (the data directory a fresh one here).
        DJANGO_SETTINGS_MODULE="pinspect.web.settings.production",
        PINSPECT_DATA_DIR=str(tmp_path / "data"),
        PINSPECT_BIND=f"127.0.0.1:{port}",
        PINSPECT_SECRET_KEY=secrets.token_urlsafe(50),
        PINSPECT_ALLOWED_HOSTS="127.0.0.1",
        PINSPECT_WEB_WORKERS="2",
    )
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            entry_command(), env=environ, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        status, body = 0, b""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, log.read_text()
        # Plain HTTP from a load balancer: not redirected to HTTPS.
        assert status == 200, log.read_text()
        assert json.loads(body) == {"status": "ok", "database": "ok"}
        # The static files, collected and served by the application (WhiteNoise).
        status, body = get(
            port, "/static/govuk/govuk-frontend.min.css", {"X-Forwarded-Proto": "https"}
        )
        assert status == 200
        assert body.startswith(b":root") or b"govuk" in body[:2000]
        # Any other page over plain HTTP goes to HTTPS.
        assert get(port, "/accounts/login/")[0] == 301
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=60)
    assert code == 0, log.read_text()
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(json.loads(line).get("path") == "/healthz" for line in lines)
