"""One pending transfer per case: the database itself refuses a copy, on both engines."""

import pytest
from django.db import IntegrityError, transaction

from amparo.network import vocab
from amparo.network.inputs import TransferInput
from amparo.network.models import Transfer
from amparo.network.services.transfers import transfer_request
from amparo.network.tests.conftest import share_consent


def test_the_database_refuses_a_second_pending_transfer(net):
    cast = net.cast
    share_consent(cast, cast.refugio, sorted(vocab.ALL_SECTIONS))
    transfer = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk)
    )
    fields = {
        f.attname: getattr(transfer, f.attname)
        for f in Transfer._meta.concrete_fields
        if not f.primary_key
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Transfer.objects.create(**fields)
