"""The deferral engine behind :func:`capex.shift`, one concept per module, each above the next:

``solve`` (which solver, the tie-break, the relaxation) uses ``delay`` (the delay objective:
LP bound, a first plan, reduced-cost fixing), which uses ``fixing`` (exact reductions),
``exchange`` (searches by one-year moves) and the backends ``highs``, ``cpsat`` and
``mathopt``, which translate the rows of ``rows`` (each constraint family and objective
once) over the arrays of ``arrays``. ``problem`` turns a portfolio into those arrays and a
solution back into a checked result.
"""
