"""Migration operations: encrypting columns that used to hold plaintext, and SQL for
PostgreSQL only (``PostgreSQLOnlySQL``).

A column turned into an ``EncryptedTextField`` still holds the old plaintext
until its rows are rewritten. ``encrypt_existing_values`` is the data
migration for that: it reads and writes the raw column (the historical model's
field would try to decrypt the plaintext), encrypts every non-empty value that
is not already ciphertext (so it can run again safely), and on reverse
decrypts back to plaintext, so no value is ever lost in either direction.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import migrations

from amparo.core import crypto

BATCH = 1000


def is_ciphertext(value: str) -> bool:
    """Whether ``value`` is a token the configured keys decrypt."""
    if not value.isascii():
        return False
    try:
        crypto.decrypt(value)
    except crypto.DecryptionError:
        return False
    return True


def _encrypted(value: str) -> str | None:
    return None if is_ciphertext(value) else crypto.encrypt(value)


def _decrypted(value: str) -> str | None:
    return crypto.decrypt(value) if is_ciphertext(value) else None


def rewrite_columns(
    connection: Any,
    *,
    table: str,
    pk: str,
    columns: Iterable[str],
    change: Callable[[str], str | None],
    batch_size: int = BATCH,
) -> int:
    """Apply ``change`` to every non-empty value of ``columns``; return how many changed.

    ``change`` returns the new value, or None to leave a value alone.
    """
    quote = connection.ops.quote_name
    columns = list(columns)
    # Identifiers come from model metadata and are quoted; values are parameters.
    select = f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} FROM {quote(table)}"  # noqa: S608
    changed, last_pk = 0, None
    with connection.cursor() as cursor:
        while True:
            where = "" if last_pk is None else f" WHERE {quote(pk)} > %s"
            params: list[Any] = [] if last_pk is None else [last_pk]
            cursor.execute(f"{select}{where} ORDER BY {quote(pk)} LIMIT %s", [*params, batch_size])
            rows = cursor.fetchall()
            if not rows:
                return changed
            for row_pk, *values in rows:
                updates = {}
                for column, value in zip(columns, values, strict=True):
                    new = change(value) if value else None
                    if new is not None:
                        updates[column] = new
                if updates:
                    assignments = ", ".join(f"{quote(c)} = %s" for c in updates)
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s",  # noqa: S608
                        [*updates.values(), row_pk],
                    )
                    changed += 1
            last_pk = rows[-1][0]


def encrypt_existing_values(model_label: str, *field_names: str) -> migrations.RunPython:
    """A reversible data migration: encrypt the plaintext left in these columns."""

    def run(apps: Any, schema_editor: Any, change: Callable[[str], str | None]) -> None:
        model = apps.get_model(model_label)
        rewrite_columns(
            schema_editor.connection,
            table=model._meta.db_table,
            pk=model._meta.pk.column,
            columns=[model._meta.get_field(name).column for name in field_names],
            change=change,
        )

    return migrations.RunPython(
        lambda apps, schema_editor: run(apps, schema_editor, _encrypted),
        lambda apps, schema_editor: run(apps, schema_editor, _decrypted),
        elidable=False,
    )


class PostgreSQLOnlySQL(migrations.RunSQL):
    """SQL that runs on PostgreSQL only and is a no-op elsewhere (SQLite).

    For indexes SQLite cannot build (GIN, trigram, operator classes). They are
    kept out of the models' ``Meta.indexes``, which SQLite rebuilds whenever it
    remakes a table; the model's Meta names them in a comment instead.
    """

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
