"""Retention is a registry each app fills; the README's table says the same as the registry."""

import inspect
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts import personal_data
from operations import retention

README = Path(__file__).resolve().parents[2] / "README.md"
APPS_WITH_PERSONAL_DATA = {
    "accounts",
    "assemblies",
    "events",
    "surveys",
    "complaints",
    "distribution",
    "outbox",
    "council",
    "employment",
    "escort",
    "fieldwork",
}


def readme_rows():
    """The rows of the README's retention table: {rule name: the whole row}."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### What is kept, and for how long", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and (name := re.fullmatch(r"`(\w+)`", cells[2])):
            rows[name.group(1)] = line
    return rows


def test_every_app_holding_personal_data_registers_its_rules():
    rules = personal_data.retention_rules()
    assert {rule.app for rule in rules} == APPS_WITH_PERSONAL_DATA
    assert len({rule.name for rule in rules}) == len(rules)
    # The runner knows no app: the rules live with their data.
    source = inspect.getsource(retention)
    assert not re.search(r"^from (complaints|surveys|assemblies|events|distribution)\b", source, re.MULTILINE)


def test_the_readme_table_names_every_rule_with_its_setting_and_default():
    rows = readme_rows()
    rules = {rule.name: rule for rule in personal_data.retention_rules()}
    assert set(rows) == set(rules)
    for name, rule in rules.items():
        assert f"`{rule.setting}` ({rule.default_days}" in rows[name], name


@pytest.mark.django_db
def test_the_dry_run_prints_one_line_per_rule_and_changes_nothing(settings):
    settings.RETENTION_ENDED_MEMBERSHIP_DAYS = 400
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    for rule in personal_data.retention_rules():
        assert any(re.match(rf"\s+{rule.app}\s+{rule.name}\s+0\s+{rule.days} days\s+\S", line) for line in lines), (
            rule.name
        )
    assert any(re.match(r"\s+assemblies\s+ended_memberships\s+0\s+400 days", line) for line in lines)
