"""Package discovery (everything else is in pyproject.toml): setuptools finds the
packages of `pdscan/` and of `connectors/`, which installs as `pdscan_connectors`."""

from setuptools import find_packages, setup

setup(packages=[
    *find_packages(include=["pdscan", "pdscan.*"]),
    "pdscan_connectors",
    *(f"pdscan_connectors.{name}" for name in find_packages("connectors")),
])
