"""Cost and schedule risk: distributions, reproducible Monte Carlo draws and their summary.

* :mod:`capex.risk.distributions`: cost change (``Uniform``, ``Triangular``, ``PERT``,
  ``Lognormal``, ``Empirical``) and start delay (``Discrete``), checked when made;
* :mod:`capex.risk.uncertainty`: which projects they apply to, the price index, and the draws;
* :mod:`capex.risk.evaluate`: what each draw spends (array arithmetic, or one solve per draw);
* :mod:`capex.risk.result`: :class:`RiskResult`.

:func:`capex.simulate` (in :mod:`capex.risk.simulate`) runs the draws through :func:`capex.sweep`,
which stands above this package.
"""

from capex.risk.distributions import (
    PERT,
    CostDistribution,
    Discrete,
    DistributionError,
    Empirical,
    Lognormal,
    Triangular,
    Uniform,
    parse_distribution,
)
from capex.risk.result import QUANTILES, RiskResult
from capex.risk.uncertainty import DRAW_BLOCK, Uncertainty

__all__ = [
    "DRAW_BLOCK",
    "PERT",
    "QUANTILES",
    "CostDistribution",
    "Discrete",
    "DistributionError",
    "Empirical",
    "Lognormal",
    "RiskResult",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "parse_distribution",
]

from capex._lazy import lazy_submodules

__getattr__ = lazy_submodules(__name__)
