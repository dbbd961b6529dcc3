from django.urls import path

from workspace.views import carriers as views

app_name = "carriers"
urlpatterns = [
    path("", views.carrier_list, name="carrier-list"),
    path("<int:pk>/", views.carrier_detail, name="carrier"),
    path("affiliates/autocomplete", views.affiliate_autocomplete, name="affiliate-autocomplete"),
    path("affiliates/<int:pk>/", views.affiliate_detail, name="affiliate"),
]
