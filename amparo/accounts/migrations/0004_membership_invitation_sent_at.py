from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="invitation_sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
