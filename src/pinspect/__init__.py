"""pinspect: HM Inspectorate of Probation inspection standards and rating methodology.

The core (``frameworks``, ``ratings``, ``sampling``, ``stats``) is plain, typed Python that
never imports a web framework or an ORM.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
