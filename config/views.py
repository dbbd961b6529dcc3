"""Views that belong to the site rather than to one app."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not; for load balancers and compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
