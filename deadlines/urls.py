from django.urls import path
from django.views.generic import TemplateView

app_name = "deadlines"
urlpatterns: list = [
    # Placeholder until the dashboard lands.
    path("", TemplateView.as_view(template_name="deadlines/dashboard.html"), name="dashboard"),
]
