"""``/healthz``: whether this app server can serve, for the load balancer. No sign-in, no data.

200 ``{"status": "ok"}`` when the primary database answers and every migration
this code knows is applied; else 503 with the reason's name only. Cheap: one
``SELECT 1`` per call. The migration check reads the migration files once per
process, and only until it first passes (a deploy that brings migrations
starts new processes), so a server started before ``migrate`` finished stays
out of rotation until it has. It touches no session, so the load balancer's
calls write nothing, and the overload limits never refuse it.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_migrated = False


def _migrations_applied() -> bool:
    global _migrated  # once true, true for the life of the process
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def _answer(status: str, code: int) -> JsonResponse:
    return JsonResponse({"status": status}, status=code)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """``ok`` (200), or ``database unavailable`` / ``migrations pending`` (503)."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrations_applied():
            return _answer("migrations pending", 503)
    except DatabaseError:
        return _answer("database unavailable", 503)
    return _answer("ok", 200)
