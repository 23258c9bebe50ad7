"""Print fresh secrets for a new installation: ``python -m amparo.core.keys``."""

import secrets

from cryptography.fernet import Fernet


def main() -> None:
    print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
    print(f"AMPARO_ENCRYPTION_KEYS={Fernet.generate_key().decode()}")
    print(f"AMPARO_BLIND_INDEX_KEY={secrets.token_urlsafe(32)}")


if __name__ == "__main__":
    main()
