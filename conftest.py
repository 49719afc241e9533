"""The page collector must live at the project root: a conftest under tests/ never sees docs/."""

from tests.harness import pytest_addoption, pytest_collect_file  # noqa: F401
