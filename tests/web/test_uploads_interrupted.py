"""Uploads never touch the system temporary directory, and an interrupted one leaves nothing.

The kill test starts the application (its WSGI entry, under a plain WSGI server) in a process
of its own, sends half of a 6 MB evidence document, waits until the server is writing it, and
kills the server with SIGKILL: no row is written, no file is left in the data directory, and
the system temporary directory the server was given is still empty. The upload was held in a
file without a name (:mod:`pinspect.web.upload_files`), which the operating system freed with
the process. A partial document file of the killed process (what a kill while the document
itself was being written leaves) is removed when the server starts again, and the restarted
server takes the same upload whole.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.models import EvidenceItem, StoredDocument
from pinspect.web.evidence.uploads import PARTIAL_SUFFIX
from pinspect.web.inspections.models import Membership
from pinspect.web.startup import ORPHAN_AGE_SECONDS, clean_up_interrupted

DOCUMENT = b"%PDF-1.4\n" + b"x" * (6 * 1024 * 1024)
BOUNDARY = "pinspect-kill-test"
SERVE = (
    "import sys\n"
    "from wsgiref.simple_server import WSGIRequestHandler, make_server\n"
    "from pinspect.web.wsgi import application\n"
    "class Quiet(WSGIRequestHandler):\n"
    "    def log_message(self, *args):\n"
    "        pass\n"
    "server = make_server('127.0.0.1', int(sys.argv[1]), application, handler_class=Quiet)\n"
    "print('serving', flush=True)\n"
    "server.serve_forever()\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    """The test database, for the server process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return "sqlite:///" + str(db["NAME"])
    user = db.get("USER") or "postgres"
    return (
        f"postgresql://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


class Server:
    """The application under its WSGI entry in a process of its own."""

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        self.system_tmp = root / "system-tmp"
        self.data.mkdir()
        self.system_tmp.mkdir()
        self.port = _free_port()
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        environ = {
            **os.environ,
            # The base settings (production's hashed static files need collectstatic first).
            "DJANGO_SETTINGS_MODULE": "pinspect.web.settings",
            "PINSPECT_DATA_DIR": str(self.data),
            "DATABASE_URL": _database_url(),
            "TMPDIR": str(self.system_tmp),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(self.port)],
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        said = []  # the start-up clean-up may log first
        while (line := self.process.stdout.readline()) and line.strip() != "serving":
            said.append(line)
        assert line.strip() == "serving", "".join(said)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def open_files(self) -> list[str]:
        assert self.process is not None
        links = []
        fds = Path(f"/proc/{self.process.pid}/fd")
        for fd in fds.iterdir():
            with contextlib.suppress(OSError):
                links.append(os.readlink(fd))
        return links


def files_under(directory: Path) -> set[str]:
    """Every file, except the database's own (SQLite and its WAL) and the data directory's
    fixed parts."""
    return {
        str(p.relative_to(directory))
        for p in directory.rglob("*")
        if p.is_file() and not p.name.startswith("pinspect.sqlite3")
    }


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    yield running
    running.stop()


@pytest.fixture
def signed_in(scenario: dict[str, Any]) -> dict[str, str]:
    """A session of the lead inspector, as the server's cookie."""
    lead = scenario["users"]["lead"]
    session = SessionStore()
    session[SESSION_KEY] = str(lead.pk)
    session["_auth_user_backend"] = "pinspect.web.accounts.backends.ThrottledModelBackend"
    session["_auth_user_hash"] = lead.get_session_auth_hash()
    session.create()
    return {"sessionid": session.session_key or ""}


def _csrf(server: Server, path: str, cookies: dict[str, str]) -> str:
    conn = server.connection()
    try:
        conn.request("GET", path, headers={"Cookie": _cookie(cookies)})
        response = conn.getresponse()
        page = response.read().decode()
        assert response.status == 200, page[:500]
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "csrftoken":
                cookies["csrftoken"] = rest.split(";", 1)[0]
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None
        return found.group(1)
    finally:
        conn.close()


def _cookie(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _multipart(token: str) -> tuple[bytes, bytes]:
    head = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n"
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="title"\r\n\r\nInterrupted report\r\n'
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="report.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    return head + DOCUMENT, f"\r\n--{BOUNDARY}--\r\n".encode()


def _start_upload(server: Server, path: str, cookies: dict[str, str], token: str) -> socket.socket:
    body, tail = _multipart(token)
    headers = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Cookie: {_cookie(cookies)}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body) + len(tail)}\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    sock.sendall(headers + body[: len(body) // 2])
    return sock


def _wait_for_upload_file(server: Server) -> str:
    """The file the server holds the upload in, once it holds one."""
    uploading = str(server.data / "uploading")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        held = [link for link in server.open_files() if link.startswith(uploading)]
        if held:
            return held[0]
        time.sleep(0.05)
    raise AssertionError("the server never opened a file for the upload")


def _counts() -> tuple[int, int, int]:
    return EvidenceItem.objects.count(), StoredDocument.objects.count(), AuditEvent.objects.count()


@pytest.mark.django_db(transaction=True)
def test_a_server_killed_during_an_upload_leaves_nothing_behind(
    server: Server, scenario: dict[str, Any], signed_in: dict[str, str]
) -> None:
    inspection = scenario["fieldwork"]
    path = f"/evidence/{inspection.pk}/documents/upload/"
    server.start()
    cookies = dict(signed_in)
    token = _csrf(server, path, cookies)
    before_files = files_under(server.data)
    before_rows = _counts()

    sock = _start_upload(server, path, cookies, token)
    held = _wait_for_upload_file(server)
    # The upload is in a file without a name in the data directory, never in the system's.
    assert held.endswith("(deleted)") or "/#" in held, held
    assert list(server.system_tmp.iterdir()) == []
    server.kill()
    sock.close()

    assert _counts() == before_rows
    assert files_under(server.data) == before_files
    assert list(server.system_tmp.iterdir()) == []

    # What a kill while the document itself was written leaves: a partial file of the dead
    # process. The next start removes it; the same upload then goes through whole.
    killed = server.process.pid if server.process else 0
    folder = server.data / "uploads" / str(inspection.pk)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{'0' * 32}{PARTIAL_SUFFIX}{killed}"
    partial.write_bytes(DOCUMENT[:1000])
    server.start()
    assert not partial.exists()

    token = _csrf(server, path, cookies)
    body, tail = _multipart(token)
    conn = server.connection()
    try:
        conn.request(
            "POST",
            path,
            body=body + tail,
            headers={
                "Cookie": _cookie(cookies),
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            },
        )
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    assert response.status == 302
    document = StoredDocument.objects.get()
    assert document.size == len(DOCUMENT)
    assert files_under(server.data) - before_files == {f"uploads/{document.storage_name}"}
    assert list(server.system_tmp.iterdir()) == []


@pytest.mark.django_db
def test_a_large_upload_is_held_in_the_data_directory_not_the_systems(
    scenario: dict[str, Any], client_for: Any, settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Over 2.5 MB, Django would write the upload to /tmp; here it goes to an unnamed file
    under the data directory, gone when the request ends."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    settings.PINSPECT_UPLOAD_DIR = str(tmp_path / "uploads")
    opened: list[str] = []
    real = tempfile.TemporaryFile

    def spy(*args: Any, **kwargs: Any) -> Any:
        opened.append(str(kwargs.get("dir")))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", spy)
    response = client_for("lead").post(
        f"/evidence/{scenario['fieldwork'].pk}/documents/upload/",
        {"file": SimpleUploadedFile("report.pdf", DOCUMENT), "title": ""},
    )
    assert response.status_code == 302
    assert opened == [str(tmp_path / "uploading")]
    assert list(system_tmp.iterdir()) == []
    assert list((tmp_path / "uploading").iterdir()) == []
    assert StoredDocument.objects.get().size == len(DOCUMENT)


@pytest.mark.django_db
def test_start_up_removes_only_what_interrupted_requests_left(
    scenario: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    settings.PINSPECT_UPLOAD_DIR = str(tmp_path / "uploads")
    folder = tmp_path / "uploads" / "7"
    folder.mkdir(parents=True)
    (tmp_path / "uploading").mkdir()
    leftover = tmp_path / "uploading" / "tmp1234.upload"
    leftover.write_bytes(b"left by a crash")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_partial = folder / f"{'a' * 32}{PARTIAL_SUFFIX}{int(dead.stdout)}"
    live_partial = folder / f"{'b' * 32}{PARTIAL_SUFFIX}{os.getpid()}"
    recorded = folder / ("c" * 32)
    old_orphan = folder / ("d" * 32)
    new_orphan = folder / ("e" * 32)
    for path in (dead_partial, live_partial, recorded, old_orphan, new_orphan):
        path.write_bytes(b"%PDF-1.4")
    past = time.time() - ORPHAN_AGE_SECONDS - 10
    for path in (recorded, old_orphan):
        os.utime(path, (past, past))
    item = EvidenceItem.objects.create(
        inspection=scenario["fieldwork"],
        kind="document",
        title="Kept",
        added_by=get_user_model().objects.first(),
    )
    StoredDocument.objects.create(
        item=item,
        original_name="kept.pdf",
        size=8,
        sha256="0" * 64,
        content_type="application/pdf",
        storage_name=f"7/{'c' * 32}",
    )

    result = clean_up_interrupted()

    assert (result.temporary, result.partial, result.orphaned) == (1, 1, 1)
    assert not leftover.exists()
    assert not dead_partial.exists()
    assert not old_orphan.exists()
    assert live_partial.exists()  # a process still writing it
    assert recorded.exists()  # a document on record
    assert new_orphan.exists()  # maybe about to be recorded by a running process
    assert Membership.objects.exists()
