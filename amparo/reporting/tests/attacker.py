"""An attacker that shares nothing with ``amparo.reporting.disclosure``: numpy and scipy.

It knows what a reader of a report knows (the shown cells, how the cells add
up, that counts are never negative) and computes, for every hidden small
count, whether a linear combination of the shown cells gives it (numpy's
rank) and the lowest and highest value it can take (scipy's linear
programming). Test-only: numpy and scipy are not runtime dependencies.
"""

import numpy as np
from scipy.optimize import linprog

MIN = 11


def system(tables, links):
    """Every count, the relations as rows of A, and which cells a reader sees."""
    values, relations, shown = {}, [], set()
    for t in tables:
        for r in t.all_rows:
            for c in t.columns:
                if c.kind == "count":
                    values[(t.key, r.key, c.key)] = r.values[c.key].value
                    if c.published and not r.values[c.key].suppressed:
                        shown.add((t.key, r.key, c.key))
        for rel in t.structure():
            relations.append(((t.key, *rel.whole), [(t.key, *p) for p in rel.parts]))
    relations += [(link.whole, list(link.parts)) for link in links]
    return values, relations, shown


def attack(tables, links):
    """For each small count the reader cannot see: whether it is determined, and its bounds."""
    values, relations, shown = system(tables, links)
    return values, relations, shown, bounds(values, relations, shown)


def bounds(values, relations, shown):
    """For each small count not in ``shown``: (determined, lowest, highest) as a reader can tell.

    ``relations`` are (whole, parts) pairs of cell keys; every count is at least zero.
    """
    unknown = sorted((k for k in values if k not in shown), key=repr)
    column = {k: i for i, k in enumerate(unknown)}
    a = np.zeros((len(relations), len(unknown)))
    b = np.zeros(len(relations))
    for i, (whole, parts) in enumerate(relations):
        for key, sign in [(whole, 1.0), *((p, -1.0) for p in parts)]:
            if key in column:
                a[i, column[key]] += sign
            else:
                b[i] -= sign * values[key]
    results = {}
    for key in unknown:
        if not 0 < values[key] < MIN:
            continue
        unit = np.zeros(len(unknown))
        unit[column[key]] = 1
        if not relations:
            results[key] = (False, 0.0, np.inf)
            continue
        determined = np.linalg.matrix_rank(np.vstack([a, unit])) == np.linalg.matrix_rank(a)
        limits = []
        for sense in (1, -1):
            solved = linprog(sense * unit, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
            assert solved.status in (0, 3), solved.message  # 3: unbounded
            limits.append(np.inf if solved.status == 3 else sense * solved.fun)
        results[key] = (determined, limits[0], limits[1])
    return results
