"""Solvers: each turns a portfolio and its constraints into a checked, solver-free result.

Only modules in this package import OR-Tools. ``capex.spread`` and ``capex.shift`` are the
entry points; the modules keep their own names (``capex.solvers.spread``,
``capex.solvers.shift``), so nothing here re-exports a function under a module's name.
"""
