"""The roles of the firm and the model permissions each one holds.

Paralegals enter and edit the record; counsel see everything a paralegal does and also confirm
dates; viewers only read. Administrators are superusers. A data migration applies this table
through :func:`accounts.services.sync_roles`, and later migrations call it again when new models
arrive.
"""

from __future__ import annotations

PARALEGAL = "Paralegal"
COUNSEL = "Counsel"
VIEWER = "Viewer"
ROLES = (PARALEGAL, COUNSEL, VIEWER)

# Records a paralegal creates and edits; top-level records are never deleted by a role, only by an
# administrator, because a deadline may hang on them.
EDITABLE = {
    "carriers": ["carrier", "affiliate", "contact"],
    "agreements": [
        "negotiationrequest",
        "agreement",
        "attachment",
        "section",
        "rateelement",
        "statefiling",
        "extensionagreement",
        "arbitrationpetition",
    ],
    "amendments": ["amendment"],
}
# Rows that live inside a record's page (inlines); removing one is part of editing the record.
EDITABLE_PARTS = {
    "carriers": ["formername"],
    "agreements": ["requestparty", "carboncopy"],
    "amendments": [
        "recital",
        "provision",
        "rateelementchange",
        "sectionchange",
        "signature",
        "scheduledaffiliate",
    ],
}
READABLE = {
    "jurisdictions": ["state"],
    "carriers": ["lawfirm", "firmoffice", "counsel"],
    "deadlines": ["deadline", "reminder", "closureday", "reminderpolicy", "triggerchange"],
    "documents": ["generateddocument", "standardclause"],
}
COUNSEL_EXTRA = {"agreements": ["confirm_dates"], "deadlines": ["waive_deadline", "change_deadline"]}


def _codenames(table: dict[str, list[str]], actions: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (app, f"{action}_{model}") for app, models in table.items() for model in models for action in actions
    ]


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    viewable = {**READABLE}
    for table in (EDITABLE, EDITABLE_PARTS):
        for app, models in table.items():
            viewable.setdefault(app, [])
            viewable[app] = viewable[app] + models
    view = _codenames(viewable, ("view",))
    edit = _codenames(EDITABLE, ("add", "change")) + _codenames(EDITABLE_PARTS, ("add", "change", "delete"))
    paralegal = view + edit + [("documents", "generate_document")]
    counsel = paralegal + [(app, codename) for app, names in COUNSEL_EXTRA.items() for codename in names]
    return {PARALEGAL: paralegal, COUNSEL: counsel, VIEWER: view}
