"""What justice adds to the case file, registered at start-up."""

from amparo.cases.extensions import CaseFileSection, case_file_sections
from amparo.justice.views.casefile_hook import legal_context_for_case


def register() -> None:
    """Called once by ``JusticeConfig.ready()``; registering again changes nothing."""
    case_file_sections.register(
        CaseFileSection(template="justice/_case_legal.html", context=legal_context_for_case)
    )
