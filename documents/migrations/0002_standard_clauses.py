"""The two standard clauses of the seed amendment (provisions 3 and 4)."""

from django.db import migrations

CLAUSES = [
    (
        "other-provisions-unchanged",
        "All other provisions unchanged",
        "All of the other provisions of the {agreement_term} dated {agreement_date} shall remain unchanged and "
        "in full force and effect.",
        10,
    ),
    (
        "state-approval-252e",
        "Authority to submit for approval under § 252(e)",
        "Either or both of the Parties are authorized to submit this Amendment to the respective state "
        "regulatory authorities for approval subject to Section 252(e) of the Federal Telecommunications Act "
        "of 1996.",
        20,
    ),
]


def add_clauses(apps, schema_editor):
    StandardClause = apps.get_model("documents", "StandardClause")
    for key, title, text, order in CLAUSES:
        StandardClause.objects.get_or_create(key=key, defaults={"title": title, "text": text, "order": order})


def remove_clauses(apps, schema_editor):
    StandardClause = apps.get_model("documents", "StandardClause")
    StandardClause.objects.filter(key__in=[key for key, *_ in CLAUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add_clauses, remove_clauses)]
