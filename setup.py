"""Package layout that ships the top-level ``vocab/``, ``rules/`` and ``schemas/`` folders inside
the wheel.

The design card keeps vocabularies and rules as plain data at the top of the repository, where
reviewers find them; setuptools maps them to ``termlint._vocab`` and ``termlint._rules`` so that
``importlib.resources`` finds them in an installed wheel and in an editable install alike.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {"termlint._vocab": "vocab", "termlint._rules": "rules",
                 "termlint._schemas": "schemas"}

setup(
    packages=find_packages(include=["termlint", "termlint.*"]) + list(DATA_PACKAGES),
    package_dir=DATA_PACKAGES,
    # py.typed (PEP 561): the package's own annotations serve type checkers of its users.
    package_data={"termlint": ["py.typed"], **{name: ["*.yaml", "*.json"] for name in DATA_PACKAGES}},
)
