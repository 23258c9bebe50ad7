"""Restoration API: one view per operation, nested Input/Output serializers.

Case records are reached through ``case_get_for_user`` and then the record's
``*_get(case=…)`` selector, so another case's record is a 404.
"""
