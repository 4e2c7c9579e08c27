"""Benchmark: 20 inspectors loading case pages and saving answers at once, on PostgreSQL.

A real HTTP server (Django's ``runserver --noreload`` in a subprocess: threaded, one thread
per client connection, ``PINSPECT_DEBUG=0``) serves the demo inspection plus one extra
inspector per simulated client, each assigned cases of their own. After an untimed warm-up,
a first phase loads the login page from 20 threads at the inspectors' pace: the baseline
every figure is compared with. Then every simulated inspector is a thread with its own
keep-alive connection (``http.client``) that signs in through the login form and, for a fixed
number of iterations, loads one of its case pages (GET), thinks, saves (POST with the CSRF
token and the version it read, as the browser does, a few answers changed) and thinks.

Prints count, p50, p95 and max per request kind, the server's CPU time per request, the
ratios to the baseline, and whether the targets (save p95 < 50 ms, case page p95 < 100 ms)
were met. Exits 0 whatever the figures; non-zero only on an error (a response other than the
expected ones; a 409 conflict on save is counted, not an error). Without a PostgreSQL server
it says so and exits 0, unless ``CI=true`` or ``PINSPECT_REQUIRE_POSTGRES`` is set.

Run: ``.venv/bin/python benchmarks/web_concurrency.py``
(``DATABASE_URL``, default ``postgresql://postgres@127.0.0.1:5432/pinspect_bench``; the
database is created when missing; ``--fresh`` drops and recreates it first; ``--think 0``
measures saturation.)
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/pinspect_bench"
INSPECTORS = 20
ITERATIONS = 25
# Far busier than real inspectors, who read and judge for minutes between saves, yet below the
# saturation of one server process (--think 0 measures that).
THINK_SECONDS = 1.0
CHANGES = 3
SEED = 2025
TARGETS_MS = {"save": 50.0, "case page": 100.0}
BENCH_PREFIX = "bench"
DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


# ---------------------------------------------------------------------------- set-up
class DatabaseMissingError(Exception):
    """No PostgreSQL server answers."""


def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the database named in ``url`` (connecting to ``postgres``) when missing."""
    import psycopg  # noqa: PLC0415 - only this step needs the driver directly

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not DATABASE_NAME.match(name):
        raise SystemExit(f"refusing an unusual database name {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise DatabaseMissingError(f"PostgreSQL does not answer at {admin}: {error}") from None
    with connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        found = exists.fetchone() is not None
        if found and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            found = False
        if not found:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare(inspectors: int) -> tuple[str, dict[str, list[int]]]:
    """Migrate, build the demo and give every simulated inspector cases of their own.

    Returns the shared password and, per username, the ids of their cases.
    """
    # Django is configured from the environment main() has just set, so it is imported here.
    import django  # noqa: PLC0415

    django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.contrib.auth.hashers import make_password  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from pinspect.web.assessments.models import SampledCase  # noqa: PLC0415
    from pinspect.web.demo import build_demo, demo_password  # noqa: PLC0415
    from pinspect.web.inspections.models import Membership, Role  # noqa: PLC0415

    call_command("migrate", verbosity=0, interactive=False)
    summary = build_demo()
    inspection = summary.inspection
    password = demo_password()
    hashed = make_password(password)
    users = []
    for number in range(1, inspectors + 1):
        user, _ = get_user_model().objects.get_or_create(username=f"{BENCH_PREFIX}{number:02d}")
        user.password = hashed
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            inspection=inspection, user=user, defaults={"role": Role.INSPECTOR}
        )
        users.append(user)
    cases = list(
        SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)
        .exclude(status="complete")
        .order_by("reference")
    )
    if len(cases) < inspectors:
        raise SystemExit(f"only {len(cases)} unfinished cases for {inspectors} inspectors")
    assigned: dict[str, list[int]] = defaultdict(list)
    for index, case in enumerate(cases):
        user = users[index % inspectors]
        if case.assigned_to_id != user.pk:
            case.assigned_to = user
            case.save(update_fields=["assigned_to"])
        assigned[user.username].append(case.pk)
    return password, dict(assigned)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, environ: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "pinspect.web",
        "runserver",
        "--noreload",
        "--skip-checks",
        f"127.0.0.1:{port}",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=environ, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"the server stopped at start (exit status {server.returncode}); see {log}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"the server did not answer within 30 s; see {log}")


# ---------------------------------------------------------------------------- clients
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')
RADIO = re.compile(r'name="(answer:[^"]+)" type="radio" value="([^"]+)"( checked)?')
NOTE = re.compile(r'name="(note:[^"]+)" rows="\d+"[^>]*>([^<]*)</textarea>')
ATTRIBUTE = re.compile(r'name="(attribute:[^"]+)" type="text" value="([^"]*)"')


class RequestFailedError(Exception):
    """A response the benchmark did not expect."""


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.samples[kind].append(seconds * 1000)


class Browser:
    """One inspector's keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | list[tuple[str, str]] | None = None
    ) -> tuple[int, str, float]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://127.0.0.1" + path
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, text, elapsed

    def expect(
        self, method: str, path: str, statuses: set[int], form: dict[str, str] | None = None
    ) -> tuple[int, str, float]:
        status, text, elapsed = self.request(method, path, form)
        if status not in statuses:
            raise RequestFailedError(f"{method} {path} answered {status}")
        return status, text, elapsed

    def sign_in(self, username: str, password: str) -> None:
        _, page, _ = self.expect("GET", "/accounts/login/", {200})
        token = CSRF_INPUT.search(page)
        if token is None:
            raise RequestFailedError("the login page has no CSRF token")
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        self.expect("POST", "/accounts/login/", {302}, form)


def case_form(page: str, rng: random.Random, changes: int) -> list[tuple[str, str]]:
    """What the browser would post after an inspector's edit: the token, the version read,
    every answer, note and attribute as shown, with ``changes`` answers set afresh and one
    note rewritten."""
    token = CSRF_INPUT.search(page)
    version = VERSION_INPUT.search(page)
    if token is None or version is None:
        raise RequestFailedError("the case page has no form")
    choices: dict[str, list[str]] = defaultdict(list)
    answers: dict[str, str] = {}
    for name, value, checked in RADIO.findall(page):
        choices[name].append(value)
        if checked:
            answers[name] = value
    if not choices:
        raise RequestFailedError("the case page has no questions")
    for name in rng.sample(sorted(choices), min(changes, len(choices))):
        answers[name] = rng.choice(choices[name][:2])  # yes or no
    notes = dict(NOTE.findall(page))
    if notes:
        notes[rng.choice(sorted(notes))] = f"Evidence note {rng.randrange(1000)}"
    form = [
        ("csrfmiddlewaretoken", token.group(1)),
        ("version", version.group(1)),
        ("action", "save"),
    ]
    form += sorted(answers.items()) + sorted(notes.items())
    form += [(name, html.unescape(value)) for name, value in ATTRIBUTE.findall(page)]
    return form


@dataclass(frozen=True)
class Plan:
    """What every simulated inspector does: ``iterations`` times, load a case page, think,
    save ``changes`` answers, think."""

    iterations: int
    think: float
    changes: int


def pause(rng: random.Random, think: float) -> None:
    """An inspector reading or answering: uniform between half and one and a half times the
    mean think time."""
    if think > 0:
        time.sleep(rng.uniform(0.5 * think, 1.5 * think))


def inspector(
    port: int,
    account: tuple[str, str],
    cases: list[int],
    plan: Plan,
    *,
    timings: Timings,
    start: threading.Barrier,
) -> None:
    username, password = account
    rng = random.Random(f"{SEED}-{username}")
    browser = Browser(port)
    try:
        browser.sign_in(username, password)
        start.wait()
        for iteration in range(plan.iterations):
            case = cases[iteration % len(cases)]
            path = f"/cases/{case}/"
            _, page, elapsed = browser.expect("GET", path, {200})
            timings.add("case page", elapsed)
            pause(rng, plan.think)
            status, _, elapsed = browser.request("POST", path, case_form(page, rng, plan.changes))
            if status == HTTPStatus.CONFLICT:  # somebody saved the case first
                with timings.lock:
                    timings.conflicts += 1
            elif status != HTTPStatus.FOUND:  # a save redirects to the case page
                raise RequestFailedError(f"POST {path} answered {status}")
            timings.add("save", elapsed)
            pause(rng, plan.think)
    except (RequestFailedError, OSError, threading.BrokenBarrierError) as error:
        with timings.lock:
            timings.errors.append(f"{username}: {error}")
        start.abort()
    finally:
        browser.connection.close()


def baseline_client(port: int, plan: Plan, timings: Timings, start: threading.Barrier) -> None:
    """As many requests at the same pace as an inspector makes, each the login page."""
    rng = random.Random(SEED)
    browser = Browser(port)
    try:
        start.wait()
        for _ in range(plan.iterations * 2):
            _, _, elapsed = browser.expect("GET", "/accounts/login/", {200})
            timings.add("login page (baseline)", elapsed)
            pause(rng, plan.think)
    except (RequestFailedError, OSError, threading.BrokenBarrierError) as error:
        with timings.lock:
            timings.errors.append(f"baseline: {error}")
        start.abort()
    finally:
        browser.connection.close()


def run_threads(targets: list[threading.Thread], released: list[float]) -> float:
    """Run the clients; the seconds from the barrier's release (all signed in) to the end."""
    for thread in targets:
        thread.start()
    for thread in targets:
        thread.join()
    return time.perf_counter() - (released[0] if released else time.perf_counter())


# ---------------------------------------------------------------------------- report
def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(values: list[float]) -> tuple[int, float, float, float]:
    return len(values), statistics.median(values), percentile(values, 0.95), max(values)


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far (Linux ``/proc``; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    """The machine's load: the figures mean little when other work competes for the CPUs."""
    return f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"


def report(
    timings: Timings, inspectors: int, plan: Plan, seconds: float, cpu: dict[str, float]
) -> None:
    kinds = ["login page (baseline)", "case page", "save"]
    print(
        f"web concurrency: {inspectors} inspectors x {plan.iterations} (case page, save) on "
        f"PostgreSQL; think time {plan.think:g} s; {plan.changes} answers changed per save; "
        "runserver (threaded, DEBUG off), keep-alive connections"
    )
    print(f"{'request':<24}{'count':>7}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    figures = {}
    for kind in kinds:
        values = timings.samples.get(kind, [])
        if not values:
            continue
        count, p50, p95, longest = summary(values)
        figures[kind] = (p50, p95)
        print(f"{kind:<24}{count:>7}{p50:>10.1f}{p95:>10.1f}{longest:>10.1f}")
    saves = len(timings.samples.get("save", []))
    print(
        f"saves per second over the main phase: {saves / seconds:.0f}; conflicts (409): "
        f"{timings.conflicts}"
    )
    if cpu:
        base_requests = len(timings.samples.get("login page (baseline)", []))
        main_requests = saves + len(timings.samples.get("case page", []))
        print(
            "server CPU per request (load-independent): baseline "
            f"{cpu['baseline'] * 1000 / max(base_requests, 1):.1f} ms, case page + save "
            f"{cpu['main'] * 1000 / max(main_requests, 1):.1f} ms on average"
        )
    base = figures.get("login page (baseline)")
    if base:
        for kind in ("case page", "save"):
            if kind in figures:
                p50, p95 = figures[kind]
                print(
                    f"ratio to the baseline, {kind}: p50 {p50 / base[0]:.1f}x, "
                    f"p95 {p95 / base[1]:.1f}x"
                )
    for kind, target in TARGETS_MS.items():
        if kind in figures:
            p95 = figures[kind][1]
            verdict = "met" if p95 < target else "NOT met"
            print(f"target {kind} p95 < {target:.0f} ms: {verdict} ({p95:.1f} ms)")


def warm_up(port: int, account: tuple[str, list[int]], password: str) -> None:
    """One inspector's pages once, untimed: a server loads the frameworks and compiles the
    templates on first use, which is start-up, not what an inspector waits for."""
    username, cases = account
    browser = Browser(port)
    try:
        browser.sign_in(username, password)  # loads the login page first
        browser.expect("GET", f"/cases/{cases[0]}/", {200})
    finally:
        browser.connection.close()


def measure(
    server: subprocess.Popen[bytes],
    port: int,
    plan: Plan,
    accounts: dict[str, list[int]],
    password: str,
) -> tuple[Timings, float, dict[str, float]]:
    """The baseline phase, then the inspectors' phase; the timings, the seconds of the
    inspectors' phase and the server's CPU seconds per phase."""
    warm_up(port, next(iter(sorted(accounts.items()))), password)
    timings = Timings()
    released: list[float] = []
    start = threading.Barrier(len(accounts))
    baseline = [
        threading.Thread(target=baseline_client, args=(port, plan, timings, start))
        for _ in accounts
    ]
    used = cpu_seconds(server.pid)
    run_threads(baseline, released)
    after_baseline = cpu_seconds(server.pid)
    at_release: list[float | None] = []

    def release() -> None:
        """Every inspector has signed in: the measured phase starts."""
        released.append(time.perf_counter())
        at_release.append(cpu_seconds(server.pid))

    start = threading.Barrier(len(accounts), action=release)
    clients = [
        threading.Thread(
            target=inspector,
            args=(port, (name, password), cases, plan),
            kwargs={"timings": timings, "start": start},
        )
        for name, cases in sorted(accounts.items())
    ]
    seconds = run_threads(clients, released)
    after_main = cpu_seconds(server.pid)
    marks = [used, after_baseline, at_release[0] if at_release else None, after_main]
    cpu = {}
    if all(mark is not None for mark in marks):
        first, second, third, fourth = (float(mark or 0) for mark in marks)
        cpu = {"baseline": second - first, "main": fourth - third}
    return timings, seconds, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspectors", type=int, default=INSPECTORS)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument(
        "--think",
        type=float,
        default=THINK_SECONDS,
        help="mean seconds an inspector waits between requests (0: as fast as possible)",
    )
    parser.add_argument("--changes", type=int, default=CHANGES, help="answers changed per save")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    args = parser.parse_args(argv)
    plan = Plan(iterations=args.iterations, think=args.think, changes=args.changes)

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("this benchmark measures PostgreSQL: DATABASE_URL must be postgresql://")
    environ = dict(os.environ)
    environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="pinspect.web.settings",
        PINSPECT_DEBUG="0",
        PINSPECT_DATA_DIR=environ.get("PINSPECT_DATA_DIR") or tempfile.mkdtemp(),
        # The application needs a secret key; a fresh random one serves this run only.
        PINSPECT_SECRET_KEY=environ.get("PINSPECT_SECRET_KEY") or secrets.token_urlsafe(50),
    )
    os.environ.update(environ)
    try:
        ensure_database(url, fresh=args.fresh)
    except DatabaseMissingError as error:
        # As `make test`'s PostgreSQL step: required in CI, skipped with a message elsewhere.
        if os.environ.get("CI") == "true" or os.environ.get("PINSPECT_REQUIRE_POSTGRES"):
            print(f"web concurrency: {error}", file=sys.stderr)
            return 1
        print(f"web concurrency: skipped, {error}")
        return 0
    password, assigned = prepare(args.inspectors)

    print(f"before: {load()}")
    log = Path(tempfile.mkdtemp(prefix="pinspect-bench-")) / "server.log"
    port = free_port()
    server = start_server(port, environ, log)
    try:
        timings, seconds, cpu = measure(server, port, plan, assigned, password)
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(timings, args.inspectors, plan, seconds, cpu)
    print(f"after: {load()}")
    if timings.errors:
        print(f"{len(timings.errors)} error(s); server log: {log}", file=sys.stderr)
        for error in timings.errors[:10]:
            print(f"  {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
