from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from config.views import healthz

admin.site.site_header = "Interconnection agreement tracker"
admin.site.site_title = "ICA tracker"
admin.site.index_title = "Data entry"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False), name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz/", healthz, name="healthz"),
    path("documents/", include("documents.urls")),
    path("admin/", admin.site.urls),
]
