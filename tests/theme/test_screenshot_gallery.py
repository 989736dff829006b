"""`make screenshots` photographs every role of JOURNEYS.md; its table of screens is checked here, not run."""

import re
from pathlib import Path

import pytest

from tests.e2e import screenshots

JOURNEYS = Path(screenshots.ROOT).parent / "shared" / "JOURNEYS.md"


def journey_roles(text):
    """The roles of JOURNEYS.md's sections: "Post team (Çözüm Postası) and couriers" → Post team, couriers."""
    roles = []
    for heading in re.findall(r"^## (.+)$", text, re.M):
        plain = re.sub(r"\s*\([^)]*\)", "", heading)
        roles += [role.strip() for role in plain.split(" and ")]
    return roles


@pytest.mark.skipif(not JOURNEYS.exists(), reason="JOURNEYS.md lies in shared/ beside the repository")
def test_every_role_of_the_journeys_has_screens_in_the_gallery():
    roles = journey_roles(JOURNEYS.read_text(encoding="utf-8"))
    assert "couriers" in roles and "Citizen" in roles
    covered = {name.casefold(): key for key, role in screenshots.ROLES.items() for name in role["journeys"]}
    with_screens = {role for role, _caption, _address in screenshots.SCREENS}
    for role in roles:
        assert role.casefold() in covered, f"no demo login plays {role!r} in tests/e2e/screenshots.py"
        assert covered[role.casefold()] in with_screens, f"no screen for {role!r}"


def test_every_screen_names_a_known_role_and_a_target_or_path():
    placeholders = set(re.findall(r"{(\w+)}", " ".join(address for _role, _caption, address in screenshots.SCREENS)))
    assert {role for role, _caption, _address in screenshots.SCREENS} <= set(screenshots.ROLES)
    assert all(address.startswith(("/", "{")) for _role, _caption, address in screenshots.SCREENS)
    assert placeholders <= set(screenshots.targets()), "each placeholder needs a function in targets()"
    # Widths of JOURNEYS.md: a desktop and a phone.
    assert screenshots.WIDTHS == (1280, 390)
