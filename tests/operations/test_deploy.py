"""The configuration in deploy/ agrees with the portal: upload limits, commands, an nginx that starts."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from assemblies.admin_views import MAX_ROSTER_BYTES
from complaints.photos import MAX_UPLOAD_BYTES
from deploy.stack import Stack
from distribution.import_views import MAX_BYTES as MAX_RECIPIENT_BYTES
from suggestions.forms import MAX_PHOTOS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
MIB = 1024 * 1024
# Room for the form's other fields and the multipart boundaries.
OVERHEAD = MIB


def body_limits():
    """`location` → client_max_body_size in bytes, from portal.conf ("server" for the default)."""
    text = (DEPLOY / "nginx" / "portal.conf").read_text()
    limits = {"server": None}
    location = "server"
    depth = 0
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("location"):
            location, depth = line.removeprefix("location").strip(" {"), depth + 1
        elif line == "}":
            depth -= 1
            location = "server" if depth == 0 else location
        elif match := re.match(r"client_max_body_size (\d+)m;", line):
            limits[location] = int(match.group(1)) * MIB
    return limits


def test_nginx_takes_the_largest_suggestion_and_admin_uploads_and_little_else():
    limits = body_limits()
    suggestion = limits["~ ^/(en/)?oneri-kutusu-gonder/"]
    assert MAX_PHOTOS * MAX_UPLOAD_BYTES < suggestion <= MAX_PHOTOS * MAX_UPLOAD_BYTES + OVERHEAD
    largest_admin_upload = max(
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        MAX_ROSTER_BYTES,
        MAX_RECIPIENT_BYTES,
    )
    assert largest_admin_upload < limits["/admin/"] <= largest_admin_upload + OVERHEAD
    # Everything else is a form without files.
    assert limits["server"] <= 2 * MIB


def test_the_systemd_units_run_commands_the_portal_has():
    commands = get_commands()
    for unit in (DEPLOY / "systemd").glob("*.service"):
        for command in re.findall(r"manage\.py (\w+)", unit.read_text()):
            assert command in commands, (unit.name, command)


def test_the_systemd_units_write_files_other_users_cannot_read():
    """Uploads and backups hold personal data; the default umask (022) would leave them world-readable."""
    for unit in (DEPLOY / "systemd").glob("*.service"):
        umask = re.search(r"^UMask=(0[0-7]{3})$", unit.read_text(), re.MULTILINE)
        assert umask, unit.name
        assert int(umask.group(1), 8) & 0o007 == 0o007, unit.name


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is installed by `make install`")
def test_the_nginx_configuration_is_valid(tmp_path):
    stack = Stack(tmp_path, "postgres://unused/unused", "redis://unused")
    conf = stack.write_nginx_conf()
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_only_the_suggestion_form_is_sent_again_to_another_app_server_after_it_was_received():
    """A POST that reached a failing app server may already be stored: only a form with a one-time key is resent."""
    retried = {}
    location = "server"
    for line in (DEPLOY / "nginx" / "portal.conf").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("location"):
            location = line.removeprefix("location").strip(" {")
        elif line.startswith("proxy_next_upstream "):
            retried[location] = line
    assert retried["~ ^/(en/)?oneri-kutusu-gonder/"] == "proxy_next_upstream error timeout non_idempotent;"
    others = {where: rule for where, rule in retried.items() if "oneri-kutusu-gonder" not in where}
    assert set(others) >= {"/", "/admin/"}
    assert not any("non_idempotent" in rule for rule in others.values())
