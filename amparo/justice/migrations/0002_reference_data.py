from django.db import migrations

from amparo.justice.reference import DATA_DIR, load_reference


def forwards(apps, schema_editor):
    load_reference(
        court_model=apps.get_model("justice", "Court"),
        offence_model=apps.get_model("justice", "Offence"),
        path=DATA_DIR / "gt.json",
    )


class Migration(migrations.Migration):
    dependencies = [("justice", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
