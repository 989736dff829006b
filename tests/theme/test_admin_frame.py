"""Wagtail's admin settings and keyboard-shortcuts dialog, built once per process (theme/admin_frame.py), are the
same as Wagtail builds them on every page, for every way they can differ."""

import pytest
from django.db import connection
from django.template import Context, Engine, Library, Template, engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from theme import admin_frame

APPLE = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15"
LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def admin_request(user, agent):
    request = RequestFactory(headers={"User-Agent": agent}).get("/admin/")
    request.user = user
    return request


def wagtails_dialog(request):
    """The dialog as Wagtail's own inclusion tag renders it, in an engine where that tag is still Wagtail's."""
    library = Library()
    library.inclusion_tag(admin_frame.DIALOG_TEMPLATE, takes_context=True, name="wagtails_dialog")(
        admin_frame._wagtails_dialog
    )
    default = engines["django"].engine
    engine = Engine(dirs=default.dirs, app_dirs=True, libraries=default.libraries, builtins=default.builtins)
    engine.template_builtins.append(library)
    return engine.from_string("{% wagtails_dialog %}").render(Context({"request": request}))


@pytest.mark.django_db
@pytest.mark.parametrize("agent", [APPLE, LINUX])
@pytest.mark.parametrize("shortcuts", [True, False])
@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_dialog_is_wagtails_for_each_keyboard_choice_and_language(user, agent, shortcuts, language):
    UserProfile.objects.update_or_create(user=user, defaults={"keyboard_shortcuts": shortcuts})
    user.refresh_from_db()
    with translation.override(language):
        for _ in range(2):  # built, then kept
            request = admin_request(user, agent)
            assert admin_frame.keyboard_shortcuts_dialog({"request": request}) == wagtails_dialog(request)
        kept = admin_frame.keyboard_shortcuts_dialog({"request": admin_request(user, agent)})
    assert ("⌘" in kept) == (agent == APPLE)
    # The warning that they are off, or the note that they are on.
    assert ("help-warning" in kept) == (not shortcuts)
    assert ("help-info" in kept) == shortcuts


@pytest.mark.django_db
def test_the_settings_are_wagtails_with_this_requests_token_and_locale(user, locales):
    turkish, _english = locales
    with translation.override("tr"):
        request = admin_request(user, LINUX)
        ours = admin_frame.wagtail_config({"request": request, "locale": turkish})
        wagtails = admin_frame._wagtails_config({"request": request, "locale": turkish})
        again = admin_frame.wagtail_config({"request": admin_request(user, LINUX)})
    assert list(ours) == list(wagtails)
    assert {**ours, "CSRF_TOKEN": None} == {**wagtails, "CSRF_TOKEN": None}
    assert ours["CSRF_TOKEN"] and ours["ACTIVE_CONTENT_LOCALE"] == "tr"
    assert "ACTIVE_CONTENT_LOCALE" not in again
    assert [locale["code"] for locale in ours["LOCALES"]] == ["en", "tr"]


@pytest.mark.django_db
def test_the_settings_ask_nothing_once_built_and_see_a_new_language_at_once(user, locales):
    with translation.override("tr"):
        admin_frame.wagtail_config({"request": admin_request(user, LINUX)})
        with CaptureQueriesContext(connection) as queries:
            admin_frame.wagtail_config({"request": admin_request(user, LINUX)})
        assert not [query for query in queries.captured_queries if "wagtailcore_locale" in query["sql"]]

        Locale.objects.create(language_code="fr")
        config = admin_frame.wagtail_config({"request": admin_request(user, LINUX)})
    assert [locale["code"] for locale in config["LOCALES"]] == ["en", "fr", "tr"]


@pytest.mark.django_db
def test_each_person_gets_their_own_keyboard_choice(user, other_user):
    UserProfile.objects.update_or_create(user=user, defaults={"keyboard_shortcuts": False})
    user.refresh_from_db()
    with translation.override("tr"):
        off = admin_frame.wagtail_config({"request": admin_request(user, LINUX)})
        on = admin_frame.wagtail_config({"request": admin_request(other_user, LINUX)})
    assert off["KEYBOARD_SHORTCUTS_ENABLED"] is False
    assert on["KEYBOARD_SHORTCUTS_ENABLED"] is True


def filter_menu(filters):
    """The filter menu as the project draws it (kept) and as Wagtail's own template draws it."""
    ours = Template("{% load admin_frame_tags %}{% filters_menu %}").render(Context({"filters": filters}))
    return ours, admin_frame._wagtails_filters_template().render(Context({"filters": filters}))


@pytest.mark.django_db
def test_a_filter_with_choices_from_the_database_is_drawn_every_time(rf, user):
    import django_filters
    from wagtail.admin.filters import WagtailFilterSet

    from accounts.models import User

    class PeopleFilterSet(WagtailFilterSet):
        person = django_filters.ModelChoiceFilter(field_name="pk", queryset=User.objects.all())

        class Meta:
            model = User
            fields = ["person"]

    filters = PeopleFilterSet({}, request=rf.get("/"))
    assert admin_frame._filters_key(filters.form) is None
    ours, wagtails = filter_menu(filters)
    assert ours == wagtails and str(user) in ours
