from django.db import migrations


def sync(apps, schema_editor):
    from accounts.services import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles_for_deadlines"), ("documents", "0002_standard_clauses")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
