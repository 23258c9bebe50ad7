"""Load a country's courts and offences from a JSON file (configuration, not code)."""

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


def load_reference(*, court_model: Any, offence_model: Any, path: Path) -> tuple[int, int]:
    """Create or update courts and offences from ``path``; returns (courts, offences)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    country = data["country"]
    for court in data["courts"]:
        court_model.objects.update_or_create(
            country=country,
            name=court["name"],
            defaults={"admin1": court["admin1"], "jurisdiction": court.get("jurisdiction", "")},
        )
    for offence in data["offences"]:
        offence_model.objects.update_or_create(
            country=country,
            code=offence["code"],
            defaults={
                k: offence.get(k, "") for k in ("name_en", "name_es", "category", "legal_reference")
            },
        )
    return len(data["courts"]), len(data["offences"])
