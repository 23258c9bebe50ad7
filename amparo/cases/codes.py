"""Human-friendly case codes: organisation prefix and six unambiguous characters.

Random rather than sequential, so a code says nothing about how many
survivors an organisation serves or when one arrived.
"""

import re
import secrets

# Crockford's alphabet: no I, L, O or U to misread over a phone line.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}$")


def new_case_code(prefix: str) -> str:
    return f"{prefix}-{''.join(secrets.choice(_ALPHABET) for _ in range(6))}"


def normalise_code(code: str) -> str:
    return code.strip().upper()
