"""Packaging glue that pyproject.toml cannot express: ship the top-level ``resources/`` folder
inside the installed package as ``shopwatch/resources`` (see shopwatch.config.resources_dir)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["shopwatch", "shopwatch.*"]), "shopwatch.resources"],
    package_dir={"shopwatch.resources": "resources"},
    package_data={"shopwatch.resources": ["**/*"]},
    include_package_data=False,
)
