"""Public statistics releases: what a reader of a published release may rely on.

Every count in a release was computed from the programme's records; counts
smaller than the programme's k (never below 11) are hidden, with enough
others that no hidden count, nor any group of fewer than k records, can be
worked out from the shown ones or from earlier releases. Shown counts are
rounded to the programme's base; with a privacy budget, noise calibrated to
the most any one record can change the release is added first, once, and
frozen, so the preview is exactly what is published.

This package holds the pure computation (``noise``, ``guarantee``); the
services that draft, approve and publish releases are still to come.
"""
