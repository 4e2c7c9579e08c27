"""gunicorn's settings for pinspect (``--config python:pinspect.web.gunicorn_conf``).

Logs are JSON lines on standard error like the application's (:mod:`pinspect.web.request_log`);
gunicorn's access log is off because the application logs each request itself, without the
query string. The application is preloaded, so workers start warm; they are recycled after a
number of requests (with jitter) so memory stays flat over weeks.
"""

from __future__ import annotations

# No runtime control socket: several servers on one machine would share its default path.
control_socket_disable = True
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "pinspect.web.request_log.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}
# The application is loaded once, then the workers are forked from it: each starts with the
# frameworks read (pinspect.web.wsgi), including those replacing recycled workers.
preload_app = True
# A request longer than this (seconds) is ended and its worker replaced: long work belongs in a
# background job.
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
