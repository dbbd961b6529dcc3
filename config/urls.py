from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import ThrottledAuthenticationForm
from config.views import healthz

handler500 = "config.views.server_error"

admin.site.site_header = "Interconnection agreement tracker"
admin.site.site_title = "ICA tracker"
admin.site.index_title = "Data entry"

urlpatterns = [
    # The deadline dashboard is the home page; its app also serves notifications and calendar feeds.
    path("", include("deadlines.urls")),
    path("", include("agreements.urls")),
    path("amendments/", include("amendments.urls")),
    path("carriers/", include("carriers.urls")),
    path("documents/", include("documents.urls")),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=ThrottledAuthenticationForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz/", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
