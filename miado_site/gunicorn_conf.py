"""
Gunicorn settings for the MIA-DO-KI website, driven by the environment.

    gunicorn --config miado_site/gunicorn_conf.py miado_site.wsgi:application

Options given on the command line override these; `make run` passes none, it sets
GUNICORN_BIND from HOST and PORT.
Names are checked against gunicorn 23 to 27; unknown names would be ignored silently.
"""

import multiprocessing
import os


def _cpu_count() -> int:
    # The CPUs this process may run on (a container's cpuset), not all of the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return multiprocessing.cpu_count()


# Loopback by default, so a bare start is not reachable from outside; the
# container sets GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Gunicorn's usual (2 x CPUs + 1) sync workers, capped so that a large host does
# not start more processes (each with its own DB connection) than the site needs.
# WEB_CONCURRENCY, the common convention of hosting platforms, overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(_cpu_count() * 2 + 1, 8))

# Worker heartbeats go to a file that is touched constantly; in RAM it never
# blocks on a slow or overlay disk, as it can in a container's /tmp.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# A request that takes longer than this is stuck; the worker is killed and replaced.
timeout = 30
# On SIGTERM, running requests get this long to finish before workers are killed.
graceful_timeout = 30
# Idle keep-alive wait. The default sync workers ignore it; it applies if the
# worker class is switched (e.g. GUNICORN_CMD_ARGS="--worker-class gthread").
keepalive = 5

# Recycle workers now and then, so a slow memory leak never builds up; the
# jitter keeps them from all restarting at the same moment.
# A cached page takes well under a millisecond, so 1000 requests would restart every
# worker every few seconds under load (`make bench` measured timeouts and second-long
# p99 latencies from the restarts); 50000 is still minutes at full load, days at normal.
max_requests = 50000
max_requests_jitter = 5000

# The longest request line Gunicorn reads (its maximum; the default is 4094). The site
# answers a long search address itself, in the visitor's language (search/limits.py),
# rather than Gunicorn with a bare English 414 from 4 KB on.
limit_request_line = 8190

# Logs to stdout/stderr, where the container runtime or systemd collects them.
accesslog = "-"
errorlog = "-"
# ...as JSON lines, like the app's own (miado_site/settings.py), so that stdout holds
# one format; each request's line carries its request id.
access_log_format = "%(m)s %(U)s %(s)s"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "miado_site.request_id.GunicornJsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}

# Proxies whose X-Forwarded-* headers gunicorn believes (comma-separated IPs or
# CIDRs). Django itself trusts X-Forwarded-Proto under DJANGO_ENV=production,
# so the proxy in front must always overwrite that header.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Nothing here uses gunicornc (gunicorn 25.1+), and its socket would be written
# into $HOME, which the container user has no write access to.
control_socket_disable = True
