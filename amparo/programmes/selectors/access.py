"""Who may see and change a programme: the one access idiom of the app.

A programme is seen by members of its organisation and of its partner
organisations whose role grants ``Perm.AGGREGATES`` or ``Perm.PROGRAMMES``
(programmes hold aggregates only). It is changed (goals, measurements,
drafts) only by its own organisation's members with ``Perm.PROGRAMMES``;
a release is approved only by its organisation's members with
``Perm.APPROVE_RELEASES``, never by its drafter (``services.releases``).
Another organisation's programme is ``NotFound``; a partner that may see it
but not change it is ``Denied``.
"""

from django.db.models import Q, QuerySet

from amparo.accounts.access import any_perm_required, perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.exceptions import Denied, NotFound
from amparo.programmes.models import Programme


def programmes_for_user(*, user: User) -> QuerySet[Programme]:
    """The programmes ``user`` may see, archived ones included; ``Denied`` without the role."""
    membership = any_perm_required(user, Perm.AGGREGATES, Perm.PROGRAMMES)
    org = membership.organisation_id
    return Programme.objects.filter(Q(organisation_id=org) | Q(partners=org)).distinct()


def programme_get_for_user(*, user: User, programme_id: int) -> Programme:
    """A programme ``user`` may see, or ``NotFound`` (``Denied`` without the role)."""
    found = programmes_for_user(user=user).filter(pk=programme_id).first()
    if found is None:
        raise NotFound
    return found


def programme_get_for_change(*, user: User, programme_id: int) -> Programme:
    """A programme ``user`` may change: their own organisation's, with ``Perm.PROGRAMMES``.

    ``NotFound`` when they may not see it; ``Denied`` when they see it (a
    partner's member, a role without the permission) but may not change it.
    """
    programme = programme_get_for_user(user=user, programme_id=programme_id)
    membership = perm_required(user, Perm.PROGRAMMES)
    if programme.organisation_id != membership.organisation_id:
        raise Denied
    return programme


def programme_lock_for_change(*, user: User, programme_id: int) -> Programme:
    """``programme_get_for_change``, then the programme's row locked and re-read.

    Services that check the programme's state (its budget, its versions)
    take this first, inside their transaction.
    """
    programme_get_for_change(user=user, programme_id=programme_id)
    return Programme.objects.select_for_update().get(pk=programme_id)
