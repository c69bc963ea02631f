"""The selection engine behind :func:`capex.select`, one concept per module:

``solve`` (the strategy: the linear relaxation's bound, a first plan, the proof by
enumeration, the whole MIP when that is too large, the tie-break) uses ``enumerate`` (every
plan within a reduced-cost distance of the bound), ``first`` (a first plan by rounding and
greedy filling) and the deferral engine's backends (:mod:`capex.solvers._shift.highs`,
:mod:`capex.solvers._shift.cpsat`), which translate the rows of ``rows`` (the selection's
row families, beside the deferral engine's ceilings and one-shift rows) over the arrays of
``arrays``. ``problem`` turns candidates into those arrays and a solution back into a
checked result; ``explain`` re-solves to say why each project was left out and what more
money would buy.
"""
