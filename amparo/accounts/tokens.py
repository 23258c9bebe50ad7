"""Personal API tokens: shown once, stored as SHA-256, revocable."""

import hashlib
import secrets

TOKEN_PREFIX = "amp_"


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
