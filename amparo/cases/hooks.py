"""What cases adds to the apps below it, registered at start-up."""

from amparo.cases.services.incident_ages import incidents_age_rederive
from amparo.people.extensions import birth_changed


def register() -> None:
    """Called once by ``CasesConfig.ready()``; registering again changes nothing."""
    # A birth year or date of birth that changes works out the age at each incident again.
    birth_changed.register(incidents_age_rederive)
