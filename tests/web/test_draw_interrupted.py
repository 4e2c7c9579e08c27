"""A server killed while it draws a sample from a large long list leaves nothing behind.

The application runs under its WSGI entry in a process of its own (as in
tests/web/test_uploads_interrupted.py). A lead inspector posts a 100,000-person long list to
the draw page; once the server has read the whole request (the kernel holds no unread byte
of it: ``/proc/net/tcp``) and before it answers, it is killed with SIGKILL. No case, draw
record or audit event is written, the data directory holds no new file, and the system
temporary directory the server was given stays empty: the long list was held in memory only
(:mod:`pinspect.web.samples.upload`) and the sample is written in one transaction.
"""

from __future__ import annotations

import csv
import fcntl
import io
import select
import socket
import struct
import termios
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pinspect.synthetic import synthetic_long_list
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.inspections.models import Inspection, Membership
from pinspect.web.samples.models import SampleDraw
from tests.web.test_uploads_interrupted import (  # noqa: F401 - fixtures used by name
    Server,
    _cookie,
    _csrf,
    files_under,
    server,
    signed_in,
)

BOUNDARY = "pinspect-draw-kill-test"
PEOPLE = 100_000


def _long_list() -> bytes:
    records = synthetic_long_list(PEOPLE, 17, date(2024, 6, 30))
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    return stream.getvalue().encode()


def _draw_body(token: str, long_list: bytes) -> bytes:
    fields = {
        "csrfmiddlewaretoken": token,
        "sample": "supervision",
        "sized_by": "confidence",
        "confidence": "80",
        "margin": "5",
        "max_per_practitioner": "6",
        "reserve_percent": "20",
        "seed": "99",
    }
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="longlist.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + long_list
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def _unread(port: int, client_port: int) -> int | None:
    """Bytes of the connection from ``client_port`` to the server's ``port`` that the kernel
    holds for the server and the server has not read yet (``/proc/net/tcp``'s rx_queue)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, queues = fields[1], fields[2], fields[4]
        if int(local.split(":")[1], 16) == port and int(remote.split(":")[1], 16) == client_port:
            return int(queues.split(":")[1], 16)
    return None


def _unsent(sock: socket.socket) -> int:
    """Bytes this side has sent that the server's kernel has not acknowledged (SIOCOUTQ)."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]


def _counts(inspection: Any) -> tuple[int, int, int]:
    return (
        SampledCase.objects.filter(inspection=inspection).count(),
        SampleDraw.objects.filter(inspection=inspection).count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_a_server_killed_during_a_draw_leaves_no_sample_and_no_file(
    server: Server,  # noqa: F811 - the fixture of test_uploads_interrupted
    scenario: dict[str, Any],
    signed_in: dict[str, str],  # noqa: F811 - the same
) -> None:
    inspection = Inspection.objects.create(
        title="PDU one 2025",
        unit=scenario["fieldwork"].unit,
        framework_id="hmip-2023-pdu",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        status="set_up",
    )
    Membership.objects.create(inspection=inspection, user=scenario["users"]["lead"], role="lead")
    path = f"/samples/{inspection.pk}/draw/"
    server.start()
    cookies = dict(signed_in)
    token = _csrf(server, path, cookies)
    body = _draw_body(token, _long_list())
    before_files = files_under(server.data)
    before_rows = _counts(inspection)

    sock = socket.create_connection(("127.0.0.1", server.port), timeout=120)
    sock.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Cookie: {_cookie(cookies)}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
    )
    client_port = sock.getsockname()[1]
    deadline = time.monotonic() + 120
    while _unsent(sock) or _unread(server.port, client_port):
        assert time.monotonic() < deadline, "the server never read the whole request"
        time.sleep(0.02)
    answered, _, _ = select.select([sock], [], [], 0)
    assert answered == [], "the draw finished before the kill; the test needs a longer list"
    server.kill()
    sock.close()

    assert _counts(inspection) == before_rows
    assert files_under(server.data) == before_files
    assert list(server.system_tmp.iterdir()) == []
