"""
Liveness and readiness for load balancers and container runtimes.

    /healthz  200 while the process can answer at all; touches no database.
    /readyz   200 when the database (with every migration this code expects) and
              the cache answer; 503 otherwise, so the balancer sends traffic elsewhere.

Both are answered by a middleware placed before SecurityMiddleware and
CommonMiddleware, because probes come over plain HTTP with the instance's IP
address as Host: neither the HTTPS redirect nor the ALLOWED_HOSTS check applies to
them. That is safe because these answers use nothing from the request: no host,
no absolute URL, no cookie. Everything else still goes through both checks.
The bodies name no versions, hosts or errors; the reason for a failure goes to the log.
"""

import functools
import logging
import operator
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


@functools.cache
def expected_migrations() -> list[tuple[str, str]]:
    """The newest migration of each app, read once from disk: an instance whose code is
    newer than the database schema is not ready (e.g. during an upgrade before migrate)."""
    return MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()


def database_ready() -> bool:
    leaves = expected_migrations()
    wanted = functools.reduce(operator.or_, (Q(app=app, name=name) for app, name in leaves))
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return recorder.migration_qs.filter(wanted).count() == len(leaves)


def cache_ready() -> bool:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


def probe(name: str, check) -> str:
    try:
        if check():
            return "ok"
        logger.warning("Readiness: %s is not ready", name)
    except Exception:
        logger.warning("Readiness: %s is unreachable", name, exc_info=True)
    return "unavailable"


def answer(status: int, body: dict) -> JsonResponse:
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    response["X-Content-Type-Options"] = "nosniff"
    # A failing probe is logged once, as a warning, by probe(); without this Django would
    # log each 503 as an error, and e-mail the admins every few seconds during an outage.
    response._has_been_logged = True
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            return answer(200, {"status": "ok"})
        if request.path == READINESS_PATH:
            checks = {"database": probe("database", database_ready)}
            checks["cache"] = probe("cache", cache_ready)
            ready = all(state == "ok" for state in checks.values())
            return answer(
                200 if ready else 503, {"status": "ok" if ready else "unavailable", **checks}
            )
        return self.get_response(request)
