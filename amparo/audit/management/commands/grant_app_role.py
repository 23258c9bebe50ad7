"""``manage.py grant_app_role ROLE``: the application role's privileges, run by the owner.

Run it after every ``migrate``, with ``DATABASE_URL`` set to the owner's URL
(README.md, 'Running in production'). PostgreSQL only.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from amparo.audit.append_only import NotTableOwnerError
from amparo.audit.roles import DOMAIN_PRIVILEGES, AppRoleError, app_role_grant


class Command(BaseCommand):
    help = (
        "Grant the application's database role read and write on domain tables and only "
        "read and insert on the audit trail. Run as the owner role after each migrate."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("role", help="the application's database role (owns no tables)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: object, role: str, database: str, **options: object) -> None:
        connection = connections[database]
        try:
            with transaction.atomic(using=database):
                granted = app_role_grant(connection=connection, role=role)
        except (AppRoleError, NotTableOwnerError) as exc:
            raise CommandError(str(exc)) from exc
        for privileges, tables in granted.items():
            self.stdout.write(f"{privileges}: {len(tables)} tables")
            # Domain tables are the many; the exceptions are named.
            if privileges != DOMAIN_PRIVILEGES:
                for table in tables:
                    self.stdout.write(f"  {table}")
        self.stdout.write(self.style.SUCCESS(f"Privileges granted to {role}."))
