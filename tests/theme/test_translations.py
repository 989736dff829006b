import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import override_settings
from django.utils import translation

from places.turkish import slugify


def test_every_user_facing_string_has_a_turkish_translation(capsys, tmp_path):
    # One test, not two: makemessages writes temporary files beside the templates,
    # so two runs in parallel workers would trip over each other.
    call_command("check_translations")
    assert "have a Turkish translation" in capsys.readouterr().out

    # ...and the check does fail on an untranslated string, leaving the real catalogue alone.
    real = settings.LOCALE_PATHS[0] / "tr" / "LC_MESSAGES" / "django.po"
    before = real.read_bytes()
    catalogue = tmp_path / "tr" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    with override_settings(LOCALE_PATHS=[tmp_path]), pytest.raises(CommandError, match="Skip to content"):
        call_command("check_translations")
    assert real.read_bytes() == before


def test_the_libraries_speak_the_portals_vocabulary():
    with translation.override("tr"):
        assert translation.gettext("Password (again)") == "Parola (tekrar)"
        assert translation.gettext("Email") == "E-posta"
        assert translation.gettext("Cancel") == "Vazgeç"
    assert slugify("Parola (tekrar)") == "parola-tekrar"


def test_the_admins_add_buttons_read_in_turkish_word_order():
    # Wagtail's own Turkish put the verb first: "Ekle Tarih", "Ekle Konuşmacı" under an editor's inline panels.
    with translation.override("tr"):
        assert translation.gettext("Add %(label)s") % {"label": "Tarih"} == "Tarih ekle"


def test_the_admins_empty_listings_read_as_turkish_sentences():
    # Wagtail's Turkish put a plural after "hiçbir": "Gösterilecek hiçbir dağıtımlar yok."
    with translation.override("tr"):
        empty = translation.gettext("There are no %(model_name)s to display.") % {"model_name": "dağıtımlar"}
        unmatched = translation.gettext("No %(model_name)s match your query.") % {"model_name": "dağıtımlar"}
    assert empty == "Gösterilecek dağıtımlar yok."
    assert unmatched == "Aramanızla eşleşen dağıtımlar yok."
