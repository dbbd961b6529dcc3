from django.urls import path

from workspace.views import documents as views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/download", views.download, name="download"),
]
for _kind in ("letter", "amendment"):
    urlpatterns += [
        path(f"{_kind}/<int:pk>/", views.workspace, {"kind": _kind}, name=_kind),
        path(f"{_kind}/<int:pk>/preview.pdf", views.preview, {"kind": _kind}, name=f"{_kind}-preview"),
        path(f"{_kind}/<int:pk>/generate", views.generate, {"kind": _kind}, name=f"{_kind}-generate"),
    ]
