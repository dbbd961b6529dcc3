"""Every jurisdiction with a § 252 commission, so forms and filings can name them from the first run."""

from django.db import migrations

from jurisdictions.codes import JURISDICTIONS


def load(apps, schema_editor):
    State = apps.get_model("jurisdictions", "State")
    for code, jurisdiction in JURISDICTIONS.items():
        State.objects.update_or_create(
            code=code,
            defaults={
                "name": jurisdiction.name,
                "commission": jurisdiction.commission,
                "time_zone": jurisdiction.time_zone,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
