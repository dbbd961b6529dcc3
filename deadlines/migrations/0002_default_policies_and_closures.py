"""Default reminder lead times, and the commission closures the holidays package lacks."""

from django.db import migrations

from deadlines.calendar import default_closures

POLICIES = {
    "window_opens": "14, 7, 1, 0",
    "window_closes": "30, 14, 7, 3, 1, 0",
    "resolution_due": "14, 7, 1, 0",
    "response_due": "14, 7, 1, 0",
    "deemed_approval": "14, 7, 1, 0",
    "rural_exemption_due": "14, 7, 1, 0",
}
# From the Act's first requests (1996) well past any agreement now in force.
YEARS = range(1996, 2051)


def load(apps, schema_editor):
    ReminderPolicy = apps.get_model("deadlines", "ReminderPolicy")
    ClosureDay = apps.get_model("deadlines", "ClosureDay")
    for kind, lead_days in POLICIES.items():
        ReminderPolicy.objects.get_or_create(kind=kind, defaults={"lead_days": lead_days})
    for state in ("MO",):
        for day, name in default_closures(state, YEARS).items():
            ClosureDay.objects.get_or_create(state_id=state, day=day, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial"), ("jurisdictions", "0002_load_states")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
