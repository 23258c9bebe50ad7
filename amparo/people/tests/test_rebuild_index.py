from django.core.management import call_command
from django.test import override_settings

from amparo.people.inputs import IdentityInput
from amparo.people.selectors import possible_duplicates


def test_rebuild_after_blind_index_key_change(cast):
    probe = IdentityInput(national_id="TEST-0000-0001")
    with override_settings(AMPARO_BLIND_INDEX_KEY="a-new-blind-index-key"):
        assert possible_duplicates(organisation=cast.lex, identity=probe) == []
        call_command("rebuild_blind_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert possible_duplicates(organisation=cast.lex, identity=probe)
