from django.db import migrations


def sync(apps, schema_editor):
    from accounts.services import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_roles"),
        ("agreements", "0003_extensions_petitions_rural_notice"),
        ("deadlines", "0002_default_policies_and_closures"),
    ]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
