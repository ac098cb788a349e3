"""Packaging glue that pyproject.toml cannot express: ship the top-level ``resources/`` folder
inside the installed package as ``shopwatch/resources`` (see shopwatch.config.resources_dir),
with the translations compiled to ``.qm`` by ``pyside6-lrelease`` at build time."""

import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent / "packaging"))


class BuildWithTranslations(build_py):
    """Compile resources/i18n/*.ts beside the sources first, so the wheel (package data) and
    an editable install (which reads the source tree) both ship the .qm files."""

    def run(self) -> None:
        from translations import compile_catalogues

        compile_catalogues()
        super().run()


setup(
    packages=[*find_packages(include=["shopwatch", "shopwatch.*"]), "shopwatch.resources"],
    package_dir={"shopwatch.resources": "resources"},
    package_data={"shopwatch.resources": ["**/*"]},
    include_package_data=False,
    cmdclass={"build_py": BuildWithTranslations},
)
