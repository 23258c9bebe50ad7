from django.db import migrations

from amparo.aftercare.instruments import DEFAULT_INSTRUMENT, load_instrument, read_instrument_file


class _Models:
    def __init__(self, apps):
        for name in ("Instrument", "InstrumentDomain", "InstrumentItem"):
            setattr(self, name, apps.get_model("aftercare", name))


def forwards(apps, schema_editor):
    load_instrument(data=read_instrument_file(DEFAULT_INSTRUMENT), models=_Models(apps))


class Migration(migrations.Migration):
    dependencies = [("aftercare", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
