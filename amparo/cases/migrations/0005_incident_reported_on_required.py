# Its own migration: on PostgreSQL a column cannot be made NOT NULL in the
# transaction that filled it while the foreign keys' checks are still pending.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_incident_standards_vocabularies"),
    ]

    operations = [
        migrations.AlterField(
            model_name="incident",
            name="reported_on",
            field=models.DateField(verbose_name="date first reported"),
        ),
    ]
