from django.urls import path

from workspace.views import agreements, filings, request_events, requests, search

app_name = "agreements"
urlpatterns = [
    path("requests/", requests.request_list, name="request-list"),
    path("requests/new/", requests.request_new, name="request-new"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request-edit"),
    path("requests/<int:pk>/sent", request_events.mark_sent, name="request-sent"),
    path("requests/<int:pk>/receipt", request_events.record_receipt, name="request-receipt"),
    path("requests/<int:pk>/receipt/confirm", request_events.confirm_receipt, name="request-confirm"),
    path("requests/<int:pk>/receipt/proof", request_events.receipt_proof, name="request-proof"),
    path("requests/<int:pk>/extensions", request_events.record_extension, name="request-extension"),
    path(
        "requests/<int:pk>/extensions/<int:extension_pk>/document",
        request_events.extension_document,
        name="extension-document",
    ),
    path("requests/<int:pk>/petitions", request_events.record_petition, name="request-petition"),
    path("agreements/", agreements.agreement_list, name="agreement-list"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/usocs", agreements.agreement_usocs, name="agreement-usocs"),
    path("filings/<int:pk>/", filings.filing_detail, name="filing"),
    path("filings/<int:pk>/edit/", filings.filing_edit, name="filing-edit"),
    path("search/", search.search, name="search"),
]
