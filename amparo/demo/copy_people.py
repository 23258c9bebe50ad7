"""The copies' survivors, identities, index terms and cases, written from Python
(see ``amparo.demo.copies``)."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, models

from amparo.accounts.models import Organisation
from amparo.cases.codes import _ALPHABET
from amparo.cases.models import Case
from amparo.core.blind_index import TermKind, digest, identifier_term, name_terms
from amparo.demo import fiction
from amparo.demo.copy_tables import CopyPlan, CopySummary, quoted
from amparo.people.models import Survivor, SurvivorIdentity, SurvivorIndexTerm
from amparo.people.vocab import Sex


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


class CopiedPeople:
    """Writes the copies' survivors, identities, index terms and cases from Python."""

    def __init__(self, rng: random.Random, plan: CopyPlan, people: list[_Person]) -> None:
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
    def load(cls, rng: random.Random, plan: CopyPlan, last: int) -> "CopiedPeople":
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
        return _unused(
            self.pseudonyms.setdefault(org, set()),
            lambda: f"{word} {self.rng.randint(1, 99_999):05d}",
        )

    def _code(self, org: int) -> str:
        return _unused(
            self.codes.setdefault(org, set()),
            lambda: f"{self.prefixes[org]}-{''.join(self.rng.choices(_ALPHABET, k=6))}",
        )

    def _seal(self, text: str) -> str:
        if text not in self._sealed:
            self._sealed[text] = _encrypt(text)
        return self._sealed[text]

    def _name_terms(self, name: str) -> list[tuple[str, str]]:
        if name not in self._terms:
            self._terms[name] = name_terms(name)
        return self._terms[name]


def _unused(used: set[str], draw: Callable[[], str]) -> str:
    """A value ``draw`` gives that is not in ``used`` yet (then it is)."""
    while (value := draw()) in used:
        pass
    used.add(value)
    return value


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
    names = ", ".join(quoted(f.column) for f in fields)
    table = quoted(model._meta.db_table)
    at = [f.column for f in fields].index(key)
    json_at = [n for n, f in enumerate(fields) if isinstance(f, models.JSONField)]
    with connection.cursor() as cursor:
        # Names from the model, quoted; the span is passed as parameters.
        cursor.execute(
            f"SELECT {names} FROM {table} WHERE {quoted(key)} BETWEEN %s AND %s",  # noqa: S608
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
    table = quoted(model._meta.db_table)
    names = ", ".join(quoted(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Names from the model, quoted; the rows go as data, never as SQL.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
