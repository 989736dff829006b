"""Turkish casing on the public site: every page says its language, so the browser upper-cases (CSS text-transform)
by Turkish rules (i → İ, ı → I), text in another language says its own, and no template cases text in Python."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
PUBLIC_APPS = ["theme", "home", "accounts", "assemblies", "events", "surveys", "suggestions", "distribution"]
# Casing that ignores the language: Python's str.upper and str.title, Django's |title. (|upper and |capfirst are
# the portal's Turkish-aware ones, theme/templatetags/text_tags.py.)
TEMPLATE_CASING = re.compile(r"\|\s*title\b|\.upper\(\)|\.title\(\)")


def public_templates():
    for app in PUBLIC_APPS:
        for path in (BASE / app / "templates").rglob("*.html"):
            if "/admin/" not in str(path) and "wagtailadmin" not in str(path):
                yield path


@pytest.mark.django_db
def test_pages_say_their_language_and_the_switcher_names_each_language_in_itself(client, english_home_page):
    turkish = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="tr"' in turkish and '<html lang="en"' in english
    for html in (turkish, english):
        assert re.search(r'<a href="[^"]*" lang="tr" hreflang="tr"[^>]*>Türkçe</a>', html)
        assert re.search(r'<a href="[^"]*" lang="en" hreflang="en"[^>]*>English</a>', html)
        assert "ENGLİSH" not in html and "TÜRKÇE" not in html


def test_no_public_template_cases_text_by_english_rules():
    found = []
    for path in public_templates():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if TEMPLATE_CASING.search(line):
                found.append(f"{path.relative_to(BASE)}:{number}: {line.strip()[:100]}")
    assert not found, "\n".join(found)
