"""Programmes: the fourth pillar, strengthening justice systems, and proving protection.

A programme (of one organisation, or of a network of partners) sets goals on
indicators; the indicators come from live case data (``measures``,
``indicators``, ``results``) or from aggregate measurements the programme
records (prevalence studies, confidence and reliance surveys, trainings;
``measurements``, ``imports``). ``protection`` computes *people protected*
by a stated, versioned method. ``releases`` freezes chosen figures into a
public statistics release, protected by ``amparo.reporting``'s suppression
(k ≥ 11), rounding and optional differential privacy (OpenDP) with a
privacy-budget ledger, checked against every release already published
(differencing), approved by a second person, published without sign-in
(``public``) and summarised for supporters in the impact report (``impact``).

The app sits above ``reporting`` (every figure that leaves the organisation
goes through it) and below ``demo``. Nothing here stores a person's record.
"""
