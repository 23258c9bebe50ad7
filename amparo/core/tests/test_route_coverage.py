"""No route forgotten: every route of the registry (``amparo.core.routes``) appears in
an access matrix, which asks the standing cast who may and who may not.

A matrix claims its routes with the ``covers`` marker (``amparo.testing.matrix``),
and fails if it never requests one it claims. A page counts as covered by any
method; an API route needs each method it answers.
"""

from amparo.core.routes import all_routes
from amparo.testing.matrix import all_test_modules, claims_of, declared_claims


def test_every_route_is_in_an_access_matrix():
    claimed = declared_claims(all_test_modules())
    missing = sorted(c for route in all_routes() for c in claims_of(route) - claimed)
    assert not missing, "Add these routes to an access matrix, marked covers(...):\n" + "\n".join(
        missing
    )


def test_every_claim_names_a_route():
    known = {c for route in all_routes() for c in claims_of(route)}
    assert not declared_claims(all_test_modules()) - known
