"""The field's standards (HTCDS, CTDC, GBVIMS): their codes for Amparo's vocabularies.

Amparo keeps its own stable codes; where a standard's code differs, the table
here says which it is, so that an export speaks the standard exactly. The
standards' published code lists are kept in ``fixtures/`` and the tests hold
these tables to them, one to one.
"""
