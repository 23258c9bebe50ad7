"""Re-encrypt every stored secret under the primary key of AMPARO_ENCRYPTION_KEYS.

The procedure (README.md, 'Key rotation'): put a new key first in the
setting and keep the old ones after it, deploy, run this command, then remove
the old keys. Every model field that is an ``EncryptedTextField`` is found
generically, plus the TOTP secrets and recovery seeds that django-allauth keeps
encrypted through ``EncryptingMfaAdapter``.

Values are read and written as raw ciphertext (the fields decrypt on read),
in batches, one transaction per batch. A value already under the primary key
is left alone, so the command can be stopped and run again. Each update
compares the old ciphertext, so a value a user changed meanwhile (written
under the new key) is never overwritten with an older one.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction

from amparo.audit import events
from amparo.audit.append_only import (
    APPEND_ONLY_TABLES,
    NotTableOwnerError,
    append_only_lifted,
    require_table_owner,
)
from amparo.core import crypto
from amparo.core.fields import encrypted_fields

BATCH = 1000
_MFA_KEYS = ("secret", "seed")


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[models.Field]]]:
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = set(encrypted_fields(model))
        fields = [f for f in model._meta.local_concrete_fields if f.attname in names]
        if fields:
            yield model, fields


def _rotated(value: str | None, *, where: str) -> str | None:
    """The value under the primary key, or None when it needs no change."""
    if not value or crypto.is_under_primary_key(value):
        return None
    try:
        return crypto.rotate(value)
    except crypto.DecryptionError as exc:
        raise CommandError(
            f"{where} cannot be decrypted with any configured key: keep every old key in "
            "AMPARO_ENCRYPTION_KEYS until the rotation has finished."
        ) from exc


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value (and MFA secret) under the primary encryption key."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH)

    def handle(self, *args: object, batch_size: int, **options: object) -> None:
        # Re-encrypting audit reasons lifts the append-only triggers, which
        # only the owner role can do: refuse before any batch is rewritten.
        try:
            require_table_owner(connection=connection, job="rotate_encryption_keys")
        except NotTableOwnerError as exc:
            raise CommandError(str(exc)) from exc
        rewritten: dict[str, int] = {}
        for model, fields in encrypted_columns():
            rewritten.update(self._rotate_model(model, fields, batch_size))
        rewritten["mfa_authenticator.data"] = self._rotate_authenticators(batch_size)
        changed = sorted(name for name, count in rewritten.items() if count)
        events.keys_rotated(actor=None, columns=changed)
        total = sum(rewritten.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-encrypted {total} values in {len(changed)} columns under the primary key. "
                "The old keys can now be removed from AMPARO_ENCRYPTION_KEYS."
            )
        )

    def _rotate_model(
        self, model: type[models.Model], fields: list[models.Field], batch_size: int
    ) -> dict[str, int]:
        quote = connection.ops.quote_name
        table, pk = model._meta.db_table, model._meta.pk.column
        columns = [f.column for f in fields]
        # Identifiers come from model metadata and are quoted; values are parameters.
        select = f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} FROM {quote(table)}"  # noqa: S608
        order = f"ORDER BY {quote(pk)} LIMIT %s"
        counts = dict.fromkeys(columns, 0)
        total = model._base_manager.count()
        seen, last_pk = 0, None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                if last_pk is None:
                    cursor.execute(f"{select} {order}", [batch_size])
                else:
                    cursor.execute(
                        f"{select} WHERE {quote(pk)} > %s {order}", [last_pk, batch_size]
                    )
                rows = cursor.fetchall()
                if not rows:
                    break
                updates = []
                for row in rows:
                    changes = {}
                    for column, value in zip(columns, row[1:], strict=True):
                        new = _rotated(value, where=f"{table}.{column} of row {row[0]}")
                        if new is not None:
                            changes[column] = (value, new)
                    if changes:
                        updates.append((row[0], changes))
                if updates:
                    self._write(cursor, table, pk, updates)
                    for _pk, changes in updates:
                        for column in changes:
                            counts[column] += 1
            seen += len(rows)
            last_pk = rows[-1][0]
            self.stdout.write(f"{table}: {seen}/{total} rows checked")
        return {f"{table}.{column}": count for column, count in counts.items()}

    @staticmethod
    def _write(
        cursor: Any,
        table: str,
        pk: str,
        updates: list[tuple[Any, dict[str, tuple[str, str]]]],
    ) -> None:
        quote = connection.ops.quote_name
        # Triggers refuse any UPDATE of audit rows (migrations audit 0002 and
        # 0003). Re-encrypting a reason does not change what it says, so they
        # are lifted inside this batch's transaction only, and guard again
        # before it commits.
        with (
            append_only_lifted(connection=connection)
            if table in APPEND_ONLY_TABLES
            else contextlib.nullcontext()
        ):
            for row_pk, changes in updates:
                assignments = ", ".join(f"{quote(c)} = %s" for c in changes)
                guards = " AND ".join(f"{quote(c)} = %s" for c in changes)
                cursor.execute(
                    f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s AND {guards}",  # noqa: S608
                    [new for _old, new in changes.values()]
                    + [row_pk]
                    + [old for old, _new in changes.values()],
                )

    def _rotate_authenticators(self, batch_size: int) -> int:
        """TOTP secrets and recovery seeds, encrypted by allauth through our adapter."""
        total, seen, count, last_pk = Authenticator.objects.count(), 0, 0, 0
        while True:
            with transaction.atomic():
                batch = list(
                    Authenticator.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    break
                for authenticator in batch:
                    if self._rotate_mfa_data(authenticator):
                        authenticator.save(update_fields=["data"])
                        count += 1
            seen += len(batch)
            last_pk = batch[-1].pk
            self.stdout.write(f"mfa_authenticator: {seen}/{total} rows checked")
        return count

    @staticmethod
    def _rotate_mfa_data(authenticator: Authenticator) -> bool:
        data, where = authenticator.data, f"mfa_authenticator.data of row {authenticator.pk}"
        changed = False
        for key in _MFA_KEYS:
            new = _rotated(data.get(key), where=where)
            if new is not None:
                data[key], changed = new, True
        codes = data.get("migrated_codes")
        if codes:
            rotated = [_rotated(code, where=where) or code for code in codes]
            if rotated != codes:
                data["migrated_codes"], changed = rotated, True
        return changed
