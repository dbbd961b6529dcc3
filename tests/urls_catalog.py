"""Every named URL pattern of the site, with sample arguments, for tests that walk them all."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

SAMPLE = {"app_label": "agreements", "token": "x" * 43, "month": "2005-01", "kind": "letter"}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[tuple[str, str], ...]
    callback: object

    def url(self, **overrides) -> str:
        kwargs = {**dict(self.kwargs), **overrides}
        return reverse(self.name, kwargs=kwargs or None)


def _kwarg_names(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return []


def _walk(patterns, namespace: str, inherited: list[str]):
    for entry in patterns:
        names = inherited + _kwarg_names(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace, names)
        elif isinstance(entry, URLPattern) and entry.name:
            kwargs = tuple(
                (n, SAMPLE.get(n, "1")) for n in dict.fromkeys(names) if n not in entry.default_args
            )
            yield Route(f"{namespace}{entry.name}", kwargs, entry.callback)


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns, "", []):
        try:
            route.url()
        except Exception:  # noqa: BLE001, S112 - a pattern the samples cannot fill is left out
            continue
        seen.setdefault(route.name, route)
    return sorted(seen.values(), key=lambda r: r.name)


# Pages anyone may open: the login page, the health check, and calendar feeds (their token is the key).
PUBLIC = {
    "login",
    "healthz",
    "deadlines:feed",
    "admin:login",
    "admin:logout",
    "logout",
    "admin:password_change_done",
}
