"""The demo at national scale: the planned survivors copied, each copy a person of her own.

Planning and validating one survivor's file costs about 15 ms of Python, so a
million planned one by one would take four hours and, held in memory for the
network and the courts to draw on, 26 GB. Above ``PLANNED`` survivors the seed
plans that many with every rule the services apply (``amparo.demo.plans``) and
makes the rest as copies of them, a batch at a time, in the database's own
transaction:

- each copy of a survivor is a new fictional person: a name, a pseudonym, a case
  code, a phone and a national ID of her own, with the blind-index terms that go
  with them, written from Python (``COPY`` on PostgreSQL);
- the rest of her file (incidents, consents, notes, assignments, flags, family,
  services, assessments, referrals, legal cases with their accused, charges,
  stages and hearings, and the audit events of all those writes) is copied by
  the database itself, ``INSERT … SELECT``, every key shifted by a fixed span per
  table, so that a copy points at its own rows and never at the original's.

Dates stay those of the planned file, so what the services checked for it
(nothing in the future, a report after the incident, a consent before the
referral it allows, one open assignment per worker) holds for every copy. What
is bound to a place or a day is not copied: placements, care plans and their
tasks (a shelter's beds do not multiply), the working day's drafts and closure
requests, imports and notifications.
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models

from amparo.accounts.models import Organisation
from amparo.audit.models import AuditEvent
from amparo.cases.codes import _ALPHABET
from amparo.cases.models import Case
from amparo.core.blind_index import TermKind, digest, identifier_term, name_terms
from amparo.demo import fiction
from amparo.people.models import Survivor, SurvivorIdentity, SurvivorIndexTerm
from amparo.people.vocab import Sex

# Survivors planned one by one; the rest of a bigger demo are copies of them.
PLANNED = 5_000
# Copies per INSERT … SELECT: about 50,000 survivors and a million rows a statement.
COPIES_PER_STATEMENT = 10

# Copied by the database, parents before children ("label": the model's label).
SQL_COPIED = (
    "people.FamilyMember",
    "people.ConsentGrant",
    "cases.Incident",
    "cases.CaseAssignment",
    "cases.CaseNote",
    "cases.CaseFlag",
    "aftercare.Service",
    "aftercare.Assessment",
    "aftercare.AssessmentAnswer",
    "aftercare.RestorationStatus",
    "network.Referral",
    "justice.LegalCase",
    "justice.LegalCase_victims",
    "justice.LegalCaseLawyer",
    "justice.Accused",
    "justice.Charge",
    "justice.StageEvent",
    "justice.Hearing",
)
_LEGAL = "justice.LegalCase"
# Tables whose keys a copy shifts (those written from Python, then the database's).
_KEYED = ("people.Survivor", "people.SurvivorIdentity", "cases.Case", *SQL_COPIED)


@dataclass
class CopySummary:
    survivors: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # model label → rows added

    def added(self, label: str) -> int:
        return self.rows.get(label, 0)


Progress = Callable[[int, int], None]


def copy_survivors(
    *,
    rng: random.Random,
    planned_ids: Sequence[int],
    count: int,
    progress: Progress | None = None,
) -> CopySummary:
    """Add ``count`` survivors with full files, as copies of the survivors ``planned_ids``
    (contiguous, in order); call ``progress(done, count)`` after each batch."""
    summary = CopySummary()
    if count <= 0 or not planned_ids:
        return summary
    plan = _Plan.make(planned_ids)
    people = _People.load(rng, plan, planned_ids[-1])
    bulk_load = _bulk_load_allowed()
    if bulk_load:
        # The planned part's deferred foreign-key checks run now: an index cannot be
        # built on a table with checks still pending, and the copies queue none.
        connection.check_constraints()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    indexes = _drop_plain_indexes() if bulk_load else []
    per_copy = len(planned_ids)
    full, rest = divmod(count, per_copy)
    batches = [
        (first, min(full, first + COPIES_PER_STATEMENT - 1), per_copy)
        for first in range(1, full + 1, COPIES_PER_STATEMENT)
    ]
    if rest:
        batches.append((full + 1, full + 1, rest))
    done = 0
    for first, last, survivors in batches:
        cut = planned_ids[survivors - 1]
        for copy in range(first, last + 1):
            people.write_copy(copy, survivors, summary)
        for label in SQL_COPIED:
            # A court case has several victims: it is copied only with all of them.
            if label.startswith("justice.") and survivors < per_copy:
                continue
            summary.rows[label] = summary.added(label) + plan.copy_rows(label, first, last, cut)
        summary.rows["audit.AuditEvent"] = summary.added("audit.AuditEvent") + plan.copy_audit(
            first, last, cut, with_legal=survivors == per_copy
        )
        done += (last - first + 1) * survivors
        summary.survivors = done
        if progress:
            progress(done, count)
    _reset_sequences()
    if bulk_load:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in indexes:
                cursor.execute(definition)
    return summary


def _bulk_load_allowed() -> bool:
    """On PostgreSQL as a superuser, load the copies as PostgreSQL's manual advises.

    That is, without the per-row foreign-key triggers and with the plain indexes
    built once at the end ("Populating a Database"): every key of a copy is its
    original's shifted by its table's span, so it points at a row the same batch
    wrote (``test_copies`` checks every foreign key of a copied demo), and 25
    million trigger calls and index insertions would triple the seed. Any other
    role copies with both, only slower. All of it is in the seed's transaction.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _drop_plain_indexes() -> list[str]:
    """Drop the copied tables' non-unique indexes; the statements that make them again."""
    tables = [_model(label)._meta.db_table for label in [*_KEYED, "audit.AuditEvent"]]
    tables.append(SurvivorIndexTerm._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE %%'",
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {_q(name)}")
    # A partitioned table's index reads "ON ONLY": made again without it, for every month.
    return [definition.replace(" ON ONLY ", " ON ", 1) for _name, definition in found]


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


@dataclass
class _Plan:
    """Spans and row filters of the copied tables, for copies of survivors ``lo``..``cut``."""

    lo: int
    spans: dict[str, int]  # label → the shift of a key per copy
    extents: dict[str, tuple[int, int]]  # label → the keys of the rows before any copy

    @classmethod
    def make(cls, planned_ids: Sequence[int]) -> "_Plan":
        # The audit table too: a copy's events take keys above every event before them.
        labels = [*_KEYED, "audit.AuditEvent"]
        spans, extents = {}, {}
        with connection.cursor() as cursor:
            for label in labels:
                table = _q(_model(label)._meta.db_table)
                # Table names come from the models, quoted.
                cursor.execute(f"SELECT MIN(id), MAX(id) FROM {table}")  # noqa: S608
                low, high = cursor.fetchone()
                spans[label] = (high - low + 1) if high is not None else 1
                extents[label] = (low or 0, high or 0)
        return cls(lo=planned_ids[0], spans=spans, extents=extents)

    def span(self, model: type[models.Model]) -> int | None:
        return self.spans.get(model._meta.label)

    def where(self, model: type[models.Model], cut: int, alias: str = "t") -> str:
        """The rows of ``model`` that belong to the survivors ``lo``..``cut``.

        Only rows from before the copies can: said first, as a range of the primary
        key, so that every batch reads the originals, not a table that grows.
        """
        low, high = self.extents[model._meta.label]
        return f"{alias}.id BETWEEN {low} AND {high} AND {self._owned(model, cut, alias)}"

    def _owned(self, model: type[models.Model], cut: int, alias: str) -> str:
        label = model._meta.label
        if label == "people.Survivor":
            return f"{alias}.id BETWEEN {self.lo} AND {cut}"
        if label == _LEGAL:
            return f"{alias}.id IN ({self._legal_ids(cut)})"
        fks = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model]
        for target in (_LEGAL, "people.Survivor", "cases.Case"):
            for f in fks:
                if f.related_model._meta.label == target:
                    parent = f.related_model
                    return f"{alias}.{_q(f.column)} IN ({self._ids(parent, cut)})"
        for f in fks:
            parent = f.related_model
            if parent is not model and self.span(parent) is not None:
                return f"{alias}.{_q(f.column)} IN ({self._ids(parent, cut)})"
        raise ValueError(f"{label} has no owner among the copied tables")

    def _ids(self, model: type[models.Model], cut: int) -> str:
        table = _q(model._meta.db_table)
        return f"SELECT p.id FROM {table} p WHERE {self.where(model, cut, 'p')}"  # noqa: S608

    def _legal_ids(self, cut: int) -> str:
        victims = _q(_model("justice.LegalCase_victims")._meta.db_table)
        cases = self._ids(Case, cut)
        return (
            f"SELECT v.legalcase_id FROM {victims} v WHERE v.legalcase_id NOT IN "  # noqa: S608
            f"(SELECT w.legalcase_id FROM {victims} w WHERE w.case_id NOT IN ({cases}))"
        )

    def copy_rows(self, label: str, first: int, last: int, cut: int) -> int:
        model = _model(label)
        columns, values = [], []
        for f in model._meta.concrete_fields:
            columns.append(_q(f.column))
            target = model if f.primary_key else (f.related_model if f.is_relation else None)
            span = self.span(target) if target is not None else None
            values.append(f"t.{_q(f.column)}" + (f" + k.c * {span}" if span else ""))
        return self._insert(model, columns, values, self.where(model, cut), first, last)

    def copy_audit(self, first: int, last: int, cut: int, *, with_legal: bool) -> int:
        """The audit events of the copied writes, each naming the copy's own row."""
        owners = {
            _model(label)._meta.label_lower: _model(label)
            for label in ("people.Survivor", "cases.Case", *SQL_COPIED)
            if with_legal or not label.startswith("justice.")
        }
        spans = " ".join(f"WHEN '{kind}' THEN {self.span(model)}" for kind, model in owners.items())
        # Every event of a copied write names the survivor (a court case's, none): one
        # range and one list, which an index serves, not a subquery per kind of object.
        kinds = ", ".join(f"'{kind}'" for kind in owners)
        legal = _model(_LEGAL)._meta.label_lower
        low, high = self.extents["audit.AuditEvent"]
        kept = (
            f"t.id BETWEEN {low} AND {high} AND t.object_type IN ({kinds}) "
            f"AND (t.survivor_id BETWEEN {self.lo} AND {cut}"
        )
        if with_legal:
            kept += (
                f" OR (t.object_type = '{legal}' AND t.object_id IN "  # noqa: S608
                f"(SELECT CAST(l.legalcase_id AS VARCHAR(40)) FROM ({self._legal_ids(cut)}) l))"
            )
        kept += ")"
        columns, values = [], []
        for f in AuditEvent._meta.concrete_fields:
            columns.append(_q(f.column))
            if f.primary_key:
                values.append(f"t.id + k.c * {self.spans['audit.AuditEvent']}")
            elif f.name == "object_id":
                values.append(
                    "CAST(CAST(t.object_id AS BIGINT) + k.c * "
                    f"(CASE t.object_type {spans} END) AS VARCHAR(40))"
                )
            elif f.is_relation and self.span(f.related_model):
                values.append(f"t.{_q(f.column)} + k.c * {self.span(f.related_model)}")
            else:
                values.append(f"t.{_q(f.column)}")
        return self._insert(AuditEvent, columns, values, kept, first, last)

    def _insert(
        self,
        model: type[models.Model],
        columns: list[str],
        values: list[str],
        where: str,
        first: int,
        last: int,
    ) -> int:
        copies = " UNION ALL ".join(f"SELECT {c} AS c" for c in range(first, last + 1))
        table = _q(model._meta.db_table)
        # Every name comes from the models, quoted; every number is an int of ours.
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join(values)} FROM {table} t CROSS JOIN ({copies}) k WHERE {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return max(cursor.rowcount, 0)


@dataclass
class _Person:
    """What a copy of one planned survivor keeps of her, in database form."""

    survivor: list[Any]
    identity: list[Any]
    case: list[Any]
    organisation_id: int
    female: bool
    word: str  # her pseudonym's word
    has_phone: bool
    has_national_id: bool
    has_other_names: bool
    birth_term: tuple[str, str] | None


class _People:
    """Writes the copies' survivors, identities, index terms and cases from Python."""

    def __init__(self, rng: random.Random, plan: _Plan, people: list[_Person]) -> None:
        self.rng = rng
        self.plan = plan
        self.people = people
        self.prefixes = dict(Organisation.objects.values_list("pk", "code"))
        self.codes: dict[int, set[str]] = {}
        self.pseudonyms: dict[int, set[str]] = {}
        for org_id, code, pseudonym in Case.objects.values_list(
            "organisation_id", "code", "survivor__pseudonym"
        ).iterator():
            self.codes.setdefault(org_id, set()).add(code)
            self.pseudonyms.setdefault(org_id, set()).add(pseudonym)
        # A fictional name's ciphertext and terms are made once and shared by everyone
        # the demo gives that name: demo data only, never a path real data takes.
        self._sealed: dict[str, str] = {}
        self._terms: dict[str, list[tuple[str, str]]] = {}
        self.fields = {m: list(m._meta.concrete_fields) for m in (Survivor, SurvivorIdentity, Case)}
        self.number = Survivor.objects.count()  # phones and IDs number every survivor

    @classmethod
    def load(cls, rng: random.Random, plan: _Plan, last: int) -> "_People":
        span = (plan.lo, last)
        survivors = _raw_rows(Survivor, "id", span)
        identities = _raw_rows(SurvivorIdentity, "survivor_id", span)
        cases = _raw_rows(Case, "survivor_id", span)
        births = {
            pk: born
            for pk, born in SurvivorIdentity.objects.filter(
                survivor__gte=span[0], survivor__lte=span[1]
            ).values_list("survivor_id", "date_of_birth")
            if born
        }
        s_at = _positions(list(Survivor._meta.concrete_fields))
        i_at = _positions(list(SurvivorIdentity._meta.concrete_fields))
        people = []
        for pk, survivor in survivors.items():
            if pk not in identities or pk not in cases:
                continue
            identity = identities[pk]
            born = births.get(pk)
            people.append(
                _Person(
                    survivor=survivor,
                    identity=identity,
                    case=cases[pk],
                    organisation_id=survivor[s_at["organisation_id"]],
                    female=survivor[s_at["sex"]] == Sex.FEMALE,
                    word=survivor[s_at["pseudonym"]].rsplit(" ", 1)[0],
                    # An empty field is stored empty, anything else as a ciphertext.
                    has_phone=bool(identity[i_at["phone"]]),
                    has_national_id=bool(identity[i_at["national_id"]]),
                    has_other_names=bool(identity[i_at["other_names"]]),
                    birth_term=(
                        (TermKind.BIRTH_DATE.value, digest(TermKind.BIRTH_DATE, born.isoformat()))
                        if born
                        else None
                    ),
                )
            )
        return cls(rng, plan, people)

    def write_copy(self, copy: int, survivors: int, summary: CopySummary) -> None:
        s_fields, i_fields, c_fields = (self.fields[m] for m in (Survivor, SurvivorIdentity, Case))
        s_at = _positions(s_fields)
        i_at = _positions(i_fields)
        c_at = _positions(c_fields)
        s_span = self.plan.spans["people.Survivor"]
        i_span = self.plan.spans["people.SurvivorIdentity"]
        c_span = self.plan.spans["cases.Case"]
        s_rows, i_rows, c_rows, t_rows = [], [], [], []
        for person in self.people[:survivors]:
            self.number += 1
            org = person.organisation_id
            survivor = list(person.survivor)
            survivor_id = survivor[s_at["id"]] + copy * s_span
            survivor[s_at["id"]] = survivor_id
            survivor[s_at["pseudonym"]] = self._pseudonym(org, person.word)
            identity = list(person.identity)
            identity[i_at["id"]] += copy * i_span
            identity[i_at["survivor_id"]] = survivor_id
            given, family = fiction.person_name(self.rng, female=person.female)
            identity[i_at["given_names"]] = self._seal(given)
            identity[i_at["family_names"]] = self._seal(family)
            names = [given, family]
            if person.has_other_names:
                other = f"«{given.split()[0][:4]}»"
                identity[i_at["other_names"]] = self._seal(other)
                names.append(other)
            terms = {t for name in names for t in self._name_terms(name)}
            if person.birth_term:
                terms.add(person.birth_term)
            if person.has_phone:
                phone = fiction.fake_phone(self.number)
                identity[i_at["phone"]] = _encrypt(phone)
                terms.add(_term(TermKind.PHONE, phone))
            if person.has_national_id:
                national_id = fiction.fake_national_id(self.number, self.rng)
                identity[i_at["national_id"]] = _encrypt(national_id)
                terms.add(_term(TermKind.NATIONAL_ID, national_id))
            case = list(person.case)
            case[c_at["id"]] += copy * c_span
            case[c_at["survivor_id"]] = survivor_id
            case[c_at["code"]] = self._code(org)
            s_rows.append(survivor)
            i_rows.append(identity)
            c_rows.append(case)
            ordered = sorted(terms)
            # As ``name_digests_for`` keeps it: the name-sound terms, sorted.
            survivor[s_at["name_digests"]] = self._digests(
                [d for kind, d in ordered if kind == TermKind.NAME_SOUND.value]
            )
            t_rows.extend((survivor_id, org, kind, digest) for kind, digest in ordered)
        _write(Survivor, [f.column for f in s_fields], s_rows)
        _write(SurvivorIdentity, [f.column for f in i_fields], i_rows)
        _write(SurvivorIndexTerm, ["survivor_id", "organisation_id", "kind", "digest"], t_rows)
        _write(Case, [f.column for f in c_fields], c_rows)
        for label, rows in (
            ("people.Survivor", s_rows),
            ("people.SurvivorIdentity", i_rows),
            ("people.SurvivorIndexTerm", t_rows),
            ("cases.Case", c_rows),
        ):
            summary.rows[label] = summary.added(label) + len(rows)

    def _digests(self, digests: list[str]) -> Any:
        return Survivor._meta.get_field("name_digests").get_db_prep_save(digests, connection)

    def _pseudonym(self, org: int, word: str) -> str:
        used = self.pseudonyms.setdefault(org, set())
        while True:
            name = f"{word} {self.rng.randint(1, 99_999):05d}"
            if name not in used:
                used.add(name)
                return name

    def _code(self, org: int) -> str:
        used = self.codes.setdefault(org, set())
        while True:
            code = f"{self.prefixes[org]}-{''.join(self.rng.choices(_ALPHABET, k=6))}"
            if code not in used:
                used.add(code)
                return code

    def _seal(self, text: str) -> str:
        if text not in self._sealed:
            self._sealed[text] = _encrypt(text)
        return self._sealed[text]

    def _name_terms(self, name: str) -> list[tuple[str, str]]:
        if name not in self._terms:
            self._terms[name] = name_terms(name)
        return self._terms[name]


def _term(kind: TermKind, value: str) -> tuple[str, str]:
    term = identifier_term(kind, value)
    if term is None:  # the demo's phones and IDs are long enough to index
        raise ValueError(f"no {kind} term for a fictional value")
    return term


def _encrypt(text: str) -> str:
    return SurvivorIdentity._meta.get_field("phone").get_db_prep_save(text, connection)


def _raw_rows(model: type[models.Model], key: str, span: tuple[int, int]) -> dict[int, list]:
    """Rows of ``model`` as stored (ciphertexts stay ciphertexts), by ``key`` in ``span``."""
    fields = list(model._meta.concrete_fields)
    names = ", ".join(_q(f.column) for f in fields)
    table = _q(model._meta.db_table)
    at = [f.column for f in fields].index(key)
    json_at = [n for n, f in enumerate(fields) if isinstance(f, models.JSONField)]
    with connection.cursor() as cursor:
        # Names from the model, quoted; the span is passed as parameters.
        cursor.execute(
            f"SELECT {names} FROM {table} WHERE {_q(key)} BETWEEN %s AND %s",  # noqa: S608
            list(span),
        )
        rows = [list(row) for row in cursor.fetchall()]
    if connection.vendor == "postgresql":
        # psycopg reads JSON as Python values; it writes them back only wrapped as JSON.
        for row in rows:
            for n in json_at:
                row[n] = fields[n].get_db_prep_save(row[n], connection)
    return {row[at]: row for row in rows}


def _positions(fields: list[models.Field]) -> dict[str, int]:
    return {f.attname: n for n, f in enumerate(fields)}


def _write(model: type[models.Model], columns: list[str], rows: list) -> None:
    if not rows:
        return
    table = _q(model._meta.db_table)
    names = ", ".join(_q(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Names from the model, quoted; the rows go as data, never as SQL.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _reset_sequences() -> None:
    """New rows after the copies take keys above them (PostgreSQL keeps a sequence per table)."""
    sql = connection.ops.sequence_reset_sql(
        no_style(), [_model(label) for label in _KEYED] + [AuditEvent]
    )
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
