"""referat: Danish meeting minutes and agendas into structured, grounded, queryable records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("referat")
except PackageNotFoundError:  # run from a checkout that is not installed
    __version__ = "0.0.0+unknown"
