"""The demo accounts' public password signs in only where someone asked for it, and says so loudly there."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from home.demo_logins import ADMIN, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
WARNING = "Demo girişleri açık"


def load(*args):
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_with_debug_off_the_demo_accounts_get_the_public_password_only_with_demo_logins(client, settings):
    settings.DEBUG = False
    output = load()
    admin = get_user_model().objects.get(email=ADMIN[0])
    assert not admin.has_usable_password() and not admin.check_password(DEMO_PASSWORD)
    assert "no password" in output and DEMO_PASSWORD not in output.split("--demo-logins")[0]
    client.force_login(admin)
    assert WARNING not in client.get("/admin/").content.decode()

    output = load("--demo-logins")
    admin.refresh_from_db()
    assert admin.check_password(DEMO_PASSWORD)
    assert "DEMO LOGINS ARE ACTIVE" in output
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert WARNING in dashboard and DEMO_PASSWORD in dashboard

    # Loaded again without the flag, the public password stops working.
    load()
    admin.refresh_from_db()
    assert not admin.check_password(DEMO_PASSWORD)
    client.force_login(admin)
    assert WARNING not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_production_settings_refuse_the_demo_content_even_when_asked(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError):
        load("--demo-logins")
    assert not get_user_model().objects.filter(email=ADMIN[0]).exists()


def test_a_real_servers_set_up_never_loads_the_demo_content():
    for unit in (ROOT / "deploy" / "systemd").iterdir():
        assert "load_demo_content" not in unit.read_text(), unit.name
    production = (ROOT / "config" / "settings" / "production.py").read_text()
    assert "DEMO_CONTENT_ALLOWED = False" in production
