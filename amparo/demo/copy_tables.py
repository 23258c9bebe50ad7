"""The tables a demo copy spans and how the database copies them (see ``amparo.demo.copies``)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, models

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case

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
KEYED = ("people.Survivor", "people.SurvivorIdentity", "cases.Case", *SQL_COPIED)


@dataclass
class CopySummary:
    survivors: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # model label → rows added

    def added(self, label: str) -> int:
        return self.rows.get(label, 0)


def model_of(label: str) -> type[models.Model]:
    return apps.get_model(label)


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)


@dataclass
class CopyPlan:
    """Spans and row filters of the copied tables, for copies of survivors ``lo``..``cut``."""

    lo: int
    spans: dict[str, int]  # label → the shift of a key per copy
    extents: dict[str, tuple[int, int]]  # label → the keys of the rows before any copy

    @classmethod
    def make(cls, planned_ids: Sequence[int]) -> "CopyPlan":
        # The audit table too: a copy's events take keys above every event before them.
        labels = [*KEYED, "audit.AuditEvent"]
        spans, extents = {}, {}
        with connection.cursor() as cursor:
            for label in labels:
                table = quoted(model_of(label)._meta.db_table)
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
                    return f"{alias}.{quoted(f.column)} IN ({self._ids(parent, cut)})"
        for f in fks:
            parent = f.related_model
            if parent is not model and self.span(parent) is not None:
                return f"{alias}.{quoted(f.column)} IN ({self._ids(parent, cut)})"
        raise ValueError(f"{label} has no owner among the copied tables")

    def _ids(self, model: type[models.Model], cut: int) -> str:
        table = quoted(model._meta.db_table)
        return f"SELECT p.id FROM {table} p WHERE {self.where(model, cut, 'p')}"  # noqa: S608

    def _legal_ids(self, cut: int) -> str:
        victims = quoted(model_of("justice.LegalCase_victims")._meta.db_table)
        cases = self._ids(Case, cut)
        return (
            f"SELECT v.legalcase_id FROM {victims} v WHERE v.legalcase_id NOT IN "  # noqa: S608
            f"(SELECT w.legalcase_id FROM {victims} w WHERE w.case_id NOT IN ({cases}))"
        )

    def copy_rows(self, label: str, first: int, last: int, cut: int) -> int:
        model = model_of(label)
        columns, values = [], []
        for f in model._meta.concrete_fields:
            columns.append(quoted(f.column))
            target = model if f.primary_key else (f.related_model if f.is_relation else None)
            span = self.span(target) if target is not None else None
            values.append(f"t.{quoted(f.column)}" + (f" + k.c * {span}" if span else ""))
        return self._insert(model, columns, values, self.where(model, cut), first, last)

    def copy_audit(self, first: int, last: int, cut: int, *, with_legal: bool) -> int:
        """The audit events of the copied writes, each naming the copy's own row."""
        owners = {
            model_of(label)._meta.label_lower: model_of(label)
            for label in ("people.Survivor", "cases.Case", *SQL_COPIED)
            if with_legal or not label.startswith("justice.")
        }
        spans = " ".join(f"WHEN '{kind}' THEN {self.span(model)}" for kind, model in owners.items())
        # Every event of a copied write names the survivor (a court case's, none): one
        # range and one list, which an index serves, not a subquery per kind of object.
        kinds = ", ".join(f"'{kind}'" for kind in owners)
        legal = model_of(_LEGAL)._meta.label_lower
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
            columns.append(quoted(f.column))
            if f.primary_key:
                values.append(f"t.id + k.c * {self.spans['audit.AuditEvent']}")
            elif f.name == "object_id":
                values.append(
                    "CAST(CAST(t.object_id AS BIGINT) + k.c * "
                    f"(CASE t.object_type {spans} END) AS VARCHAR(40))"
                )
            elif f.is_relation and self.span(f.related_model):
                values.append(f"t.{quoted(f.column)} + k.c * {self.span(f.related_model)}")
            else:
                values.append(f"t.{quoted(f.column)}")
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
        table = quoted(model._meta.db_table)
        # Every name comes from the models, quoted; every number is an int of ours.
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join(values)} FROM {table} t CROSS JOIN ({copies}) k WHERE {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return max(cursor.rowcount, 0)
