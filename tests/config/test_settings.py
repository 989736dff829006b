"""Production settings: refuse to start without secrets, pass Django's deployment checks with them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7#kq!2vT9@mZ4$wL8^pR6&nB3*cY1%hJ5(dG0)fS2-aE7+uK9=oW4~iQ6",
    "ALLOWED_HOSTS": "kentkonseyi.umraniye.bel.tr",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.umraniye.bel.tr",
    "DEFAULT_FROM_EMAIL": "Ümraniye Kent Konseyi <kentkonseyi@umraniye.bel.tr>",
    "SITE_URL": "https://kentkonseyi.umraniye.bel.tr",
}


def manage(*args, env):
    # Only what a service manager would pass, plus the settings under test.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"])
def test_production_refuses_to_start_without_a_secret_or_host(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_settings_pass_the_deployment_checks_without_a_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_wsgi_defaults_to_production_settings():
    text = (ROOT / "config" / "wsgi.py").read_text()
    assert '"config.settings.production"' in text
