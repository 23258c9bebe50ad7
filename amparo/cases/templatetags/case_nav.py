"""The case parts of the page frame: the header menu's recently opened cases."""

from django import template

from amparo.cases.kept import recent_case_ids
from amparo.cases.models import Case
from amparo.cases.selectors import recent_cases_list

register = template.Library()


@register.simple_tag(takes_context=True)
def recent_cases(context: template.Context) -> list[Case]:
    """The signed-in user's recently opened cases that they may still open.

    No query at all until the user has opened a case in this session.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    case_ids = recent_case_ids(request.session)
    return recent_cases_list(user=user, case_ids=case_ids) if case_ids else []
