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


def server_error(request, *args, **kwargs):
    """handler500: a database that went away is a 503 with a plain page, not a generic crash.

    Django calls this inside its exception handler, so ``sys.exc_info()`` names the cause.
    Nothing here touches the database: the page renders without context processors.
    """
    import sys

    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        body = loader.get_template("503.html").render({})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))
