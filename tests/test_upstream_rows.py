"""Every rule docs/behaviour.md labels modelled or decided, and that the export into moto serves,
has an exported test ready to settle it against AWS (docs/upstream.md).

The mechanism is plain text: an exported test's docstring opens with ``Settles "<Rule>"`` (several
rules: ``Settles "A", "B" and "C"``), the Rule cell of its row exactly; the file a row's test lives
in follows from the row's section. Rows the export does not serve, or that AWS cannot settle
cheaply, are listed in docs/upstream.md's table of rows left out, with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from moto_connect_ext.upstream.tree import FILES

pytestmark = pytest.mark.in_process_only

ROOT = Path(__file__).parent.parent
BEHAVIOUR = ROOT / "docs" / "behaviour.md"
DOC = ROOT / "docs" / "upstream.md"
EXPORTED_TESTS = FILES / "tests" / "test_connect"

#: The exported test files, one per pull request of the series, that settle the rows of each
#: section of docs/behaviour.md.
SECTION_TESTS = {
    "Wire": ("test_number_search.py", "test_phone_numbers.py", "test_phone_number_lists.py"),
    "Numbers and targets": (
        "test_phone_numbers.py",
        "test_phone_number_lists.py",
        "test_phone_number_updates.py",
        "test_tag_limits.py",
    ),
    "The stock of numbers": (
        "test_number_search.py",
        "test_phone_numbers.py",
        "test_number_inventory.py",
    ),
    "Release rules": (
        "test_phone_numbers.py",
        "test_release_rules.py",
        "test_idempotency.py",
    ),
    "Replicated instances and traffic distribution groups": (
        "test_traffic_distribution.py",
        "test_traffic_distribution_config.py",
    ),
    "Contact flows and the number-to-flow association": (
        "test_contact_flows.py",
        "test_flow_content_checks.py",
        "test_contact_flow_search.py",
        "test_flow_associations.py",
    ),
    "Instance attributes": ("test_instance_attributes.py",),
}
#: docs/upstream.md's table of rows left out: its header, and the word for a whole section.
LEFT_OUT_HEADER = "| Section | Rows left out | Why |"
WHOLE_SECTION = "all"

Row = tuple[str, str]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split(" | ")]


def modelled_or_decided() -> list[Row]:
    """(section, rule) of each row whose Source cell says modelled or decided."""
    rows, section = [], ""
    for line in BEHAVIOUR.read_text().splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.startswith("| ") and not line.startswith(("| Rule |", "|---")):
            cells = _cells(line)
            if re.search(r"\b(modelled|decided)\b", cells[-1]):
                rows.append((section, cells[0]))
    return rows


def left_out() -> set[Row]:
    """The rows docs/upstream.md leaves out (a whole section: every row of it)."""
    lines = DOC.read_text().splitlines()
    start = lines.index(LEFT_OUT_HEADER) + 2
    rows = set()
    every = modelled_or_decided()
    for line in lines[start:]:
        if not line.startswith("| "):
            break
        section, rules, _ = _cells(line)
        if rules == WHOLE_SECTION:
            rows |= {row for row in every if row[0] == section}
        else:
            rows |= {(section, rule) for rule in rules.split("; ")}
    return rows


def settled() -> dict[str, dict[str, list[str]]]:
    """Per exported test file: each test and the rules its docstring says it settles."""
    found: dict[str, dict[str, list[str]]] = {}
    for path in sorted(EXPORTED_TESTS.glob("test_*.py")):
        tests = found[path.name] = {}
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                opening = " ".join((ast.get_docstring(node) or "").split("\n\n")[0].split())
                claim = re.match(r'Settles ((?:"[^"]+"(?:, | and )?)+)', opening)
                tests[node.name] = re.findall(r'"([^"]+)"', claim[1]) if claim else []
    return found


def test_every_modelled_or_decided_row_the_export_serves_has_an_exported_test() -> None:
    tests = settled()
    excluded = left_out()
    missing = [
        row
        for row in modelled_or_decided()
        if row not in excluded
        and not any(
            row[1] in rules
            for name in SECTION_TESTS.get(row[0], ())
            for rules in tests.get(name, {}).values()
        )
    ]

    assert missing == []


def test_each_exported_test_settles_rows_of_its_file_that_are_not_left_out() -> None:
    excluded = left_out()
    served = {
        (name, rule)
        for section, rule in modelled_or_decided()
        if (section, rule) not in excluded
        for name in SECTION_TESTS.get(section, ())
    }

    strays = {
        test: [rule for rule in rules if (name, rule) not in served] or rules or ["(none)"]
        for name, tests in settled().items()
        for test, rules in tests.items()
        if not rules or any((name, rule) not in served for rule in rules)
    }

    assert strays == {}


def test_the_rows_left_out_are_rows_of_docs_behaviour() -> None:
    assert left_out() <= set(modelled_or_decided())
