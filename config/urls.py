from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from workspace.forms.login import ThrottledAuthenticationForm
from workspace.views.site import healthz

handler500 = "workspace.views.site.server_error"

admin.site.site_header = "Interconnection agreement tracker"
admin.site.site_title = "ICA tracker"
admin.site.index_title = "Data entry"

urlpatterns = [
    # The deadline dashboard is the home page; its app also serves notifications and calendar feeds.
    path("", include("workspace.urls.deadlines")),
    path("", include("workspace.urls.agreements")),
    path("amendments/", include("workspace.urls.amendments")),
    path("carriers/", include("workspace.urls.carriers")),
    path("documents/", include("workspace.urls.documents")),
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
