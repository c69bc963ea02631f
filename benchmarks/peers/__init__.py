"""Peers of the benchmarks, by problem: the same problems as capex solves, through general
solvers, and the independent checks of every answer (:mod:`.spread`, :mod:`.shift`,
:mod:`.psplib`)."""
