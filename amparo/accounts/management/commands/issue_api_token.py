"""Issue a personal API token from the command line, e.g. for an integration."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amparo.accounts.models import User
from amparo.accounts.services import token_issue
from amparo.core.exceptions import Denied


class Command(BaseCommand):
    help = "Issue a personal API token for a user and print its secret (shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args: object, email: str, name: str, **options: object) -> None:
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email {email}.")
        try:
            token, secret = token_issue(user=user, name=name)
        except Denied as exc:
            if exc.args:  # the service said why (e.g. no second factor yet)
                raise CommandError(f"{email}: {exc.args[0]}") from exc
            raise CommandError(
                f"{email} is not an active member of an organisation; tokens are for members."
            ) from exc
        self.stderr.write(
            f"Token {token.name!r} ({token.prefix}…) issued, valid until "
            f"{token.expires_at:%Y-%m-%d %H:%M} UTC; store it now:"
        )
        self.stdout.write(secret)
