"""One direction of dependencies (issue 17): the Rasa server's code (bot/,
scaleout/) and the action server's (actions/) both build on common/ and never
import each other, and common/ imports neither; so each server's container
image holds its own folder and common/ (deploy/README.md). Read from the
sources, so a lazy import inside a function counts too."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# package -> the project packages it must never import
FORBIDDEN = {
    "bot": {"actions"},
    "scaleout": {"actions"},
    # the action server's image has rasa-sdk, not Rasa
    "actions": {"bot", "scaleout", "rasa"},
    "common": {"bot", "scaleout", "actions", "rasa"},
}


def imported_packages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_never_imports_the_other_server(package):
    sources = sorted((ROOT / package).rglob("*.py"))
    assert sources, f"{package}/ has no Python files"
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {name}"
             for path in sources if "node_modules" not in path.parts
             for line, name in imported_packages(path) if name in FORBIDDEN[package]]
    assert wrong == []


# import name -> distribution name, where they differ
DISTRIBUTIONS = {"rasa_sdk": "rasa-sdk", "sqlalchemy": "SQLAlchemy", "dotenv": "python-dotenv",
                 "yaml": "PyYAML", "dateutil": "python-dateutil", "stdnum": "python-stdnum"}


def declared(requirements):
    lines = (line.split("#")[0].strip() for line in requirements.read_text().splitlines())
    return {line.split("==")[0].split("[")[0].lower() for line in lines if line}


def test_the_action_servers_imports_are_all_in_its_requirements():
    import sys

    third_party = {name for package in ("actions", "common")
                   for path in (ROOT / package).rglob("*.py")
                   for _, name in imported_packages(path)
                   if name not in sys.stdlib_module_names and name not in FORBIDDEN}
    wanted = {DISTRIBUTIONS.get(name, name).lower() for name in third_party}
    missing = wanted - declared(ROOT / "actions" / "requirements.txt")
    assert missing == set(), "add to actions/requirements.txt (and requirements.txt)"
    assert wanted - declared(ROOT / "requirements.txt") == set()
