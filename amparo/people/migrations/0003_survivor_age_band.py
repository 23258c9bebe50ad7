"""Today's age band kept in clear, worked out from the exact date of birth when known.

Every existing survivor gets the band of the day the migration runs, from the
decrypted date of birth when there is one (the historical model's field is the
real ``EncryptedDateField``, so it decrypts with the configured keys), else from
the birth year. The daily refresh keeps it right from then on. The date itself
is never written anywhere new.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

BATCH = 1000
# The GBVIMS bands as they are at this migration (amparo.core.age), frozen here.
_BANDS = ((0, 11, "0-11"), (12, 17, "12-17"), (18, 25, "18-25"), (26, 40, "26-40"), (41, 60, "41-60"))


def _band(age):
    if age is None or age < 0:
        return "unknown"
    for low, high, band in _BANDS:
        if low <= age <= high:
            return band
    return "61+"


def _age(birth_year, born, day):
    if born is not None:
        if day < born:
            return None
        # Born 29 February: a year older on 1 March in a year without one.
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if birth_year is None or day.year < birth_year:
        return None
    return day.year - birth_year


def band_existing_survivors(apps, schema_editor):
    Survivor = apps.get_model("people", "Survivor")
    SurvivorIdentity = apps.get_model("people", "SurvivorIdentity")
    today = timezone.localdate()
    last = 0
    while True:
        batch = list(Survivor.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        born = {
            i.survivor_id: i.date_of_birth
            for i in SurvivorIdentity.objects.filter(survivor_id__in=[s.pk for s in batch])
        }
        for survivor in batch:
            survivor.age_band = _band(_age(survivor.birth_year, born.get(survivor.pk), today))
            survivor.age_band_on = today
        Survivor.objects.bulk_update(batch, ["age_band", "age_band_on"])
        last = batch[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_membership_invitation_sent_at'),
        ('people', '0002_consentgrant_sections'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='survivor',
            name='age_band',
            field=models.CharField(choices=[('0-11', '0–11'), ('12-17', '12–17'), ('18-25', '18–25'), ('26-40', '26–40'), ('41-60', '41–60'), ('61+', '61+'), ('unknown', 'Unknown')], default='unknown', max_length=10, verbose_name='age band'),
        ),
        migrations.AddField(
            model_name='survivor',
            name='age_band_on',
            field=models.DateField(blank=True, null=True, verbose_name='age band worked out on'),
        ),
        migrations.AddIndex(
            model_name='survivor',
            index=models.Index(fields=['birth_year', 'age_band_on'], name='survivor_age_band_idx'),
        ),
        # Reversing drops the two columns: nothing else was changed to undo.
        migrations.RunPython(band_existing_survivors, migrations.RunPython.noop, elidable=False),
    ]
