"""Records in and out in the field's standards: HTCDS/CTDC, the GBVIMS Incident Recorder, Primero.

Exports leave the organisation de-identified (the CTDC export k-anonymised
through ``amparo.reporting``); imports bring a system's records in after a
dry run, encrypting identity on the way and flagging possible duplicates by
the blind index. Above ``reporting`` (it uses its suppression), beside
``programmes``.
"""
