"""The network cast as API clients, by the side each stands on, and what the tests send."""

from django.utils import timezone
from rest_framework.test import APIClient

from amparo.accounts.models import User
from amparo.network.inputs import TransferInput
from amparo.network.models import Transfer
from amparo.network.services.transfers import transfer_request
from amparo.network.tests.conftest import CONSENTED, Net, share_consent
from amparo.network.vocab import ALL_SECTIONS
from amparo.testing.api import api_client

TODAY = timezone.localdate().isoformat()

# Lex owns the case and sends; Refugio is its partner; Tercera has no agreement with either.
CAST = [
    "owner_caseworker",  # assigned to the case, works referrals
    "owner_supervisor",
    "owner_admin",  # sees the caseload and manages agreements; works no referrals
    "owner_analyst",  # aggregates only
    "partner_caseworker",
    "partner_supervisor",
    "third_supervisor",
    "outsider",  # signed in, no organisation
    "anonymous",
]


def user_of(net: Net, name: str) -> User | None:
    cast = net.cast
    return {
        "owner_caseworker": cast.caseworker,
        "owner_supervisor": cast.supervisor,
        "owner_admin": cast.admin,
        "owner_analyst": cast.analyst,
        "partner_caseworker": cast.partner_caseworker,
        "partner_supervisor": cast.partner_supervisor,
        "third_supervisor": net.third_supervisor,
        "outsider": cast.outsider,
        "anonymous": None,
    }[name]


def client_for(net: Net, name: str) -> APIClient:
    return api_client(user_of(net, name))


def expect(name: str, allowed: dict[str, int], default: int = 404) -> int:
    """The status ``name`` gets: as listed, 401 signed out, else ``default``."""
    if name == "anonymous":
        return 401
    return allowed.get(name, default)


def consent_to_the_whole_file(net: Net) -> None:
    share_consent(net.cast, net.cast.refugio, sorted(ALL_SECTIONS - set(CONSENTED)))


def pending_transfer(net: Net) -> Transfer:
    """Lex's supervisor proposes the case to Refugio, the survivor agreeing to the whole file."""
    consent_to_the_whole_file(net)
    cast = net.cast
    return transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(to_org_id=cast.refugio.pk)
    )
