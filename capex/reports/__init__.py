"""Reports that read a portfolio or results and say what they find.

* :mod:`~capex.reports.reconcile`: a portfolio against its published totals, with findings;
* :mod:`~capex.reports.compare`: any results over the same projects, side by side over their
  full windows.

The verbs are ``capex.reconcile`` and ``capex.compare``. The protocol every result speaks
(``to_frame``, ``summary``, ``to_excel``, the escaped HTML view) is
:class:`capex.model.protocol.Report`, in the model, so that the nouns can speak it too.
"""

from capex._lazy import lazy_submodules

__getattr__ = lazy_submodules(__name__)
