"""Privileges of the application's database role on PostgreSQL.

The owner role runs migrations and key rotation and owns every table. The
application role owns nothing, so it can neither disable a trigger nor alter a
table, and it holds only what the pages, the API and the task consumer need:
reads and writes on domain tables, but on append-only tables (and their
partitions) SELECT and INSERT alone, never UPDATE, DELETE or TRUNCATE.
"""

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from amparo.audit.append_only import APPEND_ONLY_TABLES, require_table_owner

# Written only by `migrate`, run as the owner; the application reads it.
OWNER_WRITES_ONLY = ("django_migrations",)
DOMAIN_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY_PRIVILEGES = "SELECT, INSERT"


class AppRoleError(Exception):
    """The role cannot be made the application role, with the reason."""


def app_role_grant(*, connection: BaseDatabaseWrapper, role: str) -> dict[str, list[str]]:
    """Give ``role`` exactly the application's privileges on the current schema's tables.

    Run by the owner after every ``migrate``. Idempotent: the role's table and
    sequence privileges are revoked and granted again in one transaction, so a
    privilege no longer wanted does not linger. Tables created later are
    readable and insertable by default, never more until this runs again.
    Returns the tables by privileges granted.
    """
    if connection.vendor != "postgresql":
        raise AppRoleError("Database roles exist on PostgreSQL only.")
    require_table_owner(connection=connection, job="grant_app_role")
    with connection.cursor() as cursor:
        role_sql = _checked_role(cursor, role)
        cursor.execute("SELECT quote_ident(current_schema())")
        (schema,) = cursor.fetchone()
        cursor.execute(
            # A partition inherits the rules of its partitioned (root) table.
            "SELECT c.relname, quote_ident(c.relname), root.relname FROM pg_class c "
            "JOIN pg_class root ON root.oid = COALESCE(pg_partition_root(c.oid), c.oid) "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
            "ORDER BY c.relname"
        )
        tables = cursor.fetchall()
        granted: dict[str, list[str]] = {
            DOMAIN_PRIVILEGES: [],
            APPEND_ONLY_PRIVILEGES: [],
            "SELECT": [],
        }
        statements = [
            f"GRANT USAGE ON SCHEMA {schema} TO {role_sql}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role_sql}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role_sql}",
        ]
        for name, quoted, root in tables:
            if root in APPEND_ONLY_TABLES:
                privileges = APPEND_ONLY_PRIVILEGES
            elif root in OWNER_WRITES_ONLY:
                privileges = "SELECT"
            else:
                privileges = DOMAIN_PRIVILEGES
            granted[privileges].append(name)
            statements.append(f"GRANT {privileges} ON TABLE {schema}.{quoted} TO {role_sql}")
        statements += [
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role_sql}",
            # For tables a later migration creates, before this runs again:
            # enough to read and append, so a forgotten grant fails loudly on
            # the first update instead of opening an append-only table.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT {APPEND_ONLY_PRIVILEGES} ON TABLES TO {role_sql}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {role_sql}",
        ]
        for statement in statements:
            cursor.execute(statement)
    return granted


def _checked_role(cursor: CursorWrapper, role: str) -> str:
    """The role's quoted name, once it is known to be safe as the application role."""
    cursor.execute(
        "SELECT quote_ident(rolname), rolsuper OR rolbypassrls, rolname = current_user, "
        "EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND pg_has_role(r.oid, c.relowner, 'MEMBER')) "
        "FROM pg_roles r WHERE rolname = %s",
        [role],
    )
    row = cursor.fetchone()
    if row is None:
        raise AppRoleError(f"There is no database role named {role!r}: create it first.")
    quoted, privileged, is_current, owns = row
    if privileged:
        raise AppRoleError(
            f"{role!r} is a superuser or bypasses row security: the application role must not be."
        )
    if is_current or owns:
        raise AppRoleError(
            f"{role!r} owns tables (or is a member of their owner): the application role must "
            "be a separate role that owns nothing."
        )
    return quoted
