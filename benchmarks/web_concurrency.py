"""Benchmark: 20 inspectors saving cases and opening case pages while a lead downloads the
300-case report PDF and XLSX annex, on PostgreSQL, through the production server.

The server is the one ``make serve`` runs (``pinspect_serve``: gunicorn with its workers and a
background-job worker at lower CPU priority) in a subprocess, on a database holding the demo
inspection grown to 300 complete cases in its sample, plus one extra inspector per simulated
client, each assigned cases of their own. After an untimed warm-up:

1. **Throughput**: 1, 5 and 20 users each loading a case page and saving it as fast as they
   can for ``--seconds`` seconds: requests per second at each.
2. **Baseline**: 20 clients load a static page (the sign-in form: no database query) at the
   inspectors' pace; every latency below is compared with it.
3. **Main phase**: every simulated inspector is a thread with its own connection that signs in
   through the login form and, ``--iterations`` times, loads one of its case pages (GET),
   thinks, saves (POST with the CSRF token and the version it read, a few answers changed) and
   thinks. Meanwhile a lead, signed in too, makes the report PDF and the XLSX annex of the
   300-case inspection as background jobs, one after the other for as long as the inspectors
   work: start the job (POST), follow its progress (GET …/progress/ each second) and download
   the file.

Prints count, p50, p95 and max per request kind, the ratios to the baseline, the jobs made and
their time, requests per second at 1, 5 and 20 users, whether the targets (save p95 < 100 ms,
case page p95 < 150 ms, with the report jobs running) were met, and the load average before and
after. Exits 0 whatever the figures; non-zero only on an error (a response other than the
expected ones; a 409 conflict on save is counted, not an error). Without a PostgreSQL server it
says so and exits 0, unless ``CI=true`` or ``PINSPECT_REQUIRE_POSTGRES`` is set.

``--compare-granian`` runs the main phase a second time with granian (when installed) serving
the same WSGI application with as many workers, beside the same job worker: the comparison
that chose gunicorn (docs/adr/0006-production-server-and-background-jobs.md).

Run: ``.venv/bin/python benchmarks/web_concurrency.py``
(``DATABASE_URL``, default ``postgresql://postgres@127.0.0.1:5432/pinspect_bench``; the
database is created when missing; ``--fresh`` drops and recreates it first.)
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
from typing import Any
from urllib.parse import urlencode, urlsplit

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/pinspect_bench"
INSPECTORS = 20
ITERATIONS = 25
# Far busier than real inspectors, who read and judge for minutes between saves, yet below the
# saturation of one server process (--think 0 measures that).
THINK_SECONDS = 1.0
CHANGES = 3
SEED = 2025
TARGETS_MS = {"save": 100.0, "case page": 150.0}
REPORT_CASES = 300
THROUGHPUT_USERS = (1, 5, 20)
THROUGHPUT_SECONDS = 8.0
JOB_TIMEOUT_SECONDS = 300.0
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


def grow_to(inspection: Any, cases: int) -> None:
    """Add complete cases to the demo's sample (copies of its strata and attributes, answers
    drawn as the demo draws them) until it holds ``cases``: the report of a 300-case
    inspection."""
    from pinspect.web.assessments.models import SampledCase  # noqa: PLC0415
    from pinspect.web.assessments.questions import case_questions  # noqa: PLC0415
    from pinspect.web.assessments.saving import CaseAnswers, save_case  # noqa: PLC0415

    in_sample = SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)
    have = in_sample.count()
    if have >= cases:
        return
    model = list(in_sample.order_by("reference")[:20])
    questions = case_questions(inspection.framework, "supervision")
    rng = random.Random(SEED)
    lead = inspection.members.get(user__username="lead").user
    for number in range(have + 1, cases + 1):
        pattern = model[number % len(model)]
        case = SampledCase.objects.create(
            inspection=inspection,
            reference=f"B{number:04d}",
            stratum=pattern.stratum,
            assigned_to=lead,
            attributes=pattern.attributes,
        )
        answers: dict[str, str] = {}
        for item in questions.key_questions:
            good = rng.random() < 0.78
            for prompt in item.prompts:
                answers[prompt.id] = "yes" if rng.random() < (0.85 if good else 0.3) else "no"
            answers[item.key_question.id] = "yes" if good else "no"
        save_case(case, case.version, CaseAnswers(answers, {}, None, complete=True), actor=lead)


def prepare(inspectors: int) -> tuple[str, int, dict[str, list[int]]]:
    """Migrate, build the demo and give every simulated inspector cases of their own.

    Returns the shared password, the inspection's id and, per username, the ids of their
    cases.
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
    grow_to(inspection, REPORT_CASES)
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
    return password, inspection.pk, dict(assigned)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_command(port: int) -> list[str]:
    """What ``make serve`` runs (without the migration: the set-up has migrated)."""
    return [
        sys.executable,
        "-m",
        "pinspect.web",
        "pinspect_serve",
        "--no-migrate",
        "--bind",
        f"127.0.0.1:{port}",
    ]


def granian_commands(port: int, workers: int) -> list[list[str]]:
    """granian serving the same WSGI application with as many workers, and a job worker at
    the same lower priority as the serve command's (for ``--compare-granian``)."""
    return [
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-ws",
            "pinspect.web.wsgi:application",
        ],
        ["nice", "-n", "10", *job_worker_command("bench-granian")],
    ]


def job_worker_command(worker_id: str) -> list[str]:
    from pinspect.web.serving import job_worker_command as command  # noqa: PLC0415

    return command(worker_id)


def healthy(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
        ok = connection.getresponse().status == HTTPStatus.OK
        connection.close()
    except OSError:
        return False
    return ok


def start_server(
    commands: list[list[str]], port: int, environ: dict[str, str], log: Path
) -> list[subprocess.Popen[bytes]]:
    processes = []
    with log.open("ab") as output:
        for command in commands:
            processes.append(
                subprocess.Popen(command, env=environ, stdout=output, stderr=subprocess.STDOUT)
            )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            stop_server(processes)
            raise SystemExit(f"the server stopped at start; see {log}")
        if healthy(port):
            return processes
        time.sleep(0.2)
    stop_server(processes)
    raise SystemExit(f"the server did not answer within 60 s; see {log}")


def stop_server(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
        # Generous: sign-ins hash passwords (about 1 s of CPU each), 20 at once on a busy machine.
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}
        self.last_size = 0

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
        body = response.read()
        elapsed = time.perf_counter() - started
        text = body.decode(errors="replace") if method != "GET" or b"\0" not in body else ""
        self.last_size = len(body)
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
            timings.add("static page (baseline)", elapsed)
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


# ---------------------------------------------------------------------------- the lead's jobs
@dataclass
class Jobs:
    made: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    sizes: dict[str, int] = field(default_factory=dict)


def make_file(browser: Browser, page: str, jobs: Jobs, name: str) -> None:
    """Start the job on ``page`` as the lead would, follow its progress, download the file."""
    _, text, _ = browser.expect("GET", page, {200})
    token = CSRF_INPUT.search(text)
    if token is None:
        raise RequestFailedError(f"{page} has no form")
    started = time.perf_counter()
    browser.expect("POST", page, {302}, {"csrfmiddlewaretoken": token.group(1)})
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    while True:
        _, state, _ = browser.expect("GET", page + "progress/", {200})
        if '"state": "done"' in state or '"state": "outdated"' in state:
            break  # made (and at once out of date: the inspectors keep saving)
        if '"state": "failed"' in state or '"state": "stopped"' in state:
            raise RequestFailedError(f"the {name} job did not finish: {state}")
        if time.monotonic() > deadline:
            raise RequestFailedError(f"the {name} job took over {JOB_TIMEOUT_SECONDS:.0f} s")
        time.sleep(1.0)
    browser.expect("GET", page + "file/", {200})
    jobs.made[name].append(time.perf_counter() - started)
    jobs.sizes[name] = browser.last_size


def lead(
    port: int,
    password: str,
    inspection: int,
    *,
    jobs: Jobs,
    timings: Timings,
    working: threading.Event,
) -> None:
    """The PDF, then the XLSX annex, again and again while the inspectors work (their saves
    change the inspection, so each file is made afresh)."""
    browser = Browser(port)
    try:
        browser.sign_in("lead", password)
        while working.is_set():
            make_file(browser, f"/reports/{inspection}/pdf/", jobs, "report PDF")
            if working.is_set():
                make_file(browser, f"/reports/{inspection}/annex/xlsx/", jobs, "XLSX annex")
    except (RequestFailedError, OSError) as error:
        with timings.lock:
            timings.errors.append(f"lead: {error}")
    finally:
        browser.connection.close()


def warm_up_every_worker(
    port: int, accounts: dict[str, list[int]], password: str, workers: int
) -> None:
    """Untimed: enough clients at once that every server worker has served a case page (a
    worker compiles its templates on first use)."""
    chosen = sorted(accounts.items())[: max(workers * 2, 1)]
    threads = [
        threading.Thread(target=warm_up, args=(port, account, password)) for account in chosen
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# ---------------------------------------------------------------------------- throughput
def busy_user(
    port: int,
    account: tuple[str, str],
    cases: list[int],
    seconds: float,
    *,
    start: threading.Barrier,
    counts: list[int],
    errors: list[str],
) -> None:
    """Signs in, waits for the others, then case page and save without pause for ``seconds``;
    adds the requests made to ``counts``."""
    username, password = account
    rng = random.Random(f"{SEED}-busy-{username}")
    browser = Browser(port)
    made = 0
    try:
        browser.sign_in(username, password)
        start.wait()
        until = time.perf_counter() + seconds
        iteration = 0
        while time.perf_counter() < until:
            path = f"/cases/{cases[iteration % len(cases)]}/"
            _, page, _ = browser.expect("GET", path, {200})
            browser.expect("POST", path, {302, 409}, case_form(page, rng, CHANGES))
            made += 2
            iteration += 1
    except (RequestFailedError, OSError, threading.BrokenBarrierError) as error:
        errors.append(f"{username}: {error}")
        start.abort()
    finally:
        counts.append(made)
        browser.connection.close()


def throughput(
    port: int, accounts: dict[str, list[int]], password: str, users: int, seconds: float
) -> tuple[float, list[str]]:
    """Requests per second with ``users`` users working without pause for ``seconds``."""
    chosen = sorted(accounts.items())[:users]
    counts: list[int] = []
    errors: list[str] = []
    start = threading.Barrier(len(chosen))
    threads = [
        threading.Thread(
            target=busy_user,
            args=(port, (name, password), cases, seconds),
            kwargs={"start": start, "counts": counts, "errors": errors},
        )
        for name, cases in chosen
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds, errors


# ---------------------------------------------------------------------------- report
def report(
    title: str,
    timings: Timings,
    jobs: Jobs,
    seconds: float,
) -> dict[str, tuple[float, float]]:
    kinds = ["static page (baseline)", "case page", "save"]
    print(title)
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
        f"saves per second over the main phase: {saves / seconds:.1f}; conflicts (409): "
        f"{timings.conflicts}"
    )
    for name, times in sorted(jobs.made.items()):
        print(
            f"background job {name}: {len(times)} made while the inspectors worked, "
            f"median {statistics.median(times):.1f} s from start to download "
            f"({jobs.sizes.get(name, 0) / 1024:.0f} KB)"
        )
    base = figures.get("static page (baseline)")
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
            print(f"target {kind} p95 < {target:.0f} ms with the report jobs running: {verdict}")
    return figures


def measure(
    port: int,
    plan: Plan,
    accounts: dict[str, list[int]],
    password: str,
    inspection: int,
) -> tuple[Timings, Jobs, float]:
    """The baseline phase, then the inspectors' phase with the lead's jobs running."""
    warm_up(port, next(iter(sorted(accounts.items()))), password)
    timings = Timings()
    released: list[float] = []
    start = threading.Barrier(len(accounts))
    baseline = [
        threading.Thread(target=baseline_client, args=(port, plan, timings, start))
        for _ in accounts
    ]
    run_threads(baseline, released)
    jobs = Jobs()
    working = threading.Event()
    working.set()
    lead_thread = threading.Thread(
        target=lead,
        args=(port, password, inspection),
        kwargs={"jobs": jobs, "timings": timings, "working": working},
    )

    def release() -> None:
        """Every inspector has signed in: the measured phase starts, and the lead with it."""
        released.append(time.perf_counter())
        lead_thread.start()

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
    working.clear()
    if lead_thread.is_alive() or released:
        lead_thread.join(timeout=JOB_TIMEOUT_SECONDS)
    return timings, jobs, seconds


def arguments(argv: list[str] | None) -> argparse.Namespace:
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
    parser.add_argument(
        "--seconds", type=float, default=THROUGHPUT_SECONDS, help="each throughput step"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument(
        "--compare-granian",
        action="store_true",
        help="measure the main phase again with granian serving the same application",
    )
    return parser.parse_args(argv)


def compare_granian(
    environ: dict[str, str], plan: Plan, prepared: tuple[str, int, dict[str, list[int]]], log: Path
) -> list[str]:
    """The main phase again with granian serving the application; the errors."""
    try:
        import granian  # noqa: F401, PLC0415
    except ImportError:
        print("granian is not installed: no comparison")
        return []
    from pinspect.web.serving import options_from  # noqa: PLC0415

    workers = options_from(environ).web_workers
    password, inspection, assigned = prepared
    port = free_port()
    servers = start_server(granian_commands(port, workers), port, environ, log)
    try:
        timings, jobs, seconds = measure(port, plan, assigned, password, inspection)
    finally:
        stop_server(servers)
    report(f"the same main phase with granian (WSGI, {workers} workers)", timings, jobs, seconds)
    return timings.errors


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
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
    environ.pop("PINSPECT_DEMO", None)
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
    password, inspection, assigned = prepare(args.inspectors)
    from pinspect.web.serving import options_from  # noqa: PLC0415

    options = options_from(environ)
    print(f"before: {load()}")
    log = Path(tempfile.mkdtemp(prefix="pinspect-bench-")) / "server.log"
    port = free_port()
    errors: list[str] = []
    servers = start_server([serve_command(port)], port, environ, log)
    try:
        warm_up_every_worker(port, assigned, password, options.web_workers)
        rates = {}
        for users in THROUGHPUT_USERS:
            rates[users], failed = throughput(port, assigned, password, users, args.seconds)
            errors += failed
        timings, jobs, seconds = measure(port, plan, assigned, password, inspection)
    finally:
        stop_server(servers)
    errors += timings.errors
    title = (
        f"web concurrency: {args.inspectors} inspectors x {plan.iterations} (case page, save) on "
        f"PostgreSQL, think time {plan.think:g} s, {plan.changes} answers changed per save, "
        f"while the lead makes the {REPORT_CASES}-case report PDF and XLSX annex as background "
        f"jobs; gunicorn, {options.web_workers} sync workers, "
        f"{options.job_workers} job worker at nice {options.job_nice}"
    )
    report(title, timings, jobs, seconds)
    print(
        "requests per second, case page and save without pause: "
        + ", ".join(f"{users} user(s) {rate:.1f}" for users, rate in rates.items())
    )
    if args.compare_granian:
        errors += compare_granian(environ, plan, (password, inspection, assigned), log)
    print(f"after: {load()}")
    if errors:
        print(f"{len(errors)} error(s); server log: {log}", file=sys.stderr)
        for error in errors[:10]:
            print(f"  {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
