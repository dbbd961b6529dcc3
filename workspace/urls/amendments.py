from django.urls import path

from workspace.views import amendments as views

app_name = "amendments"
urlpatterns = [
    path("", views.amendment_list, name="amendment-list"),
    path("new/", views.amendment_new, name="amendment-new"),
    path("<int:pk>/", views.amendment_detail, name="amendment"),
    path("<int:pk>/edit/", views.amendment_edit, name="amendment-edit"),
    path("<int:pk>/signatures/<int:sig_pk>/", views.signature_edit, name="signature"),
    path("<int:pk>/file", views.file_everywhere, name="file"),
]
