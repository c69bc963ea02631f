"""Solvers: each turns a portfolio and its constraints into a checked, solver-free result.

Only modules in this package import OR-Tools.
"""

from capex.solvers.spread import min_flat_ceiling, spread

__all__ = ["min_flat_ceiling", "spread"]
