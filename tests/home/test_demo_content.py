"""The demo site looks like a real council's: a full calendar, pictures that show something, both languages."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Locale

from assemblies.models import AssemblyPage
from complaints.models import Topic
from events import recurrence
from events.models import EventPage
from home.models import NewsPage

THREE_MONTHS = timedelta(days=91)


def menu(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", link).strip() for link in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


@pytest.mark.django_db
def test_demo_site_has_a_season_of_events_pictures_and_both_languages(client):
    call_command("load_demo_content", stdout=io.StringIO())

    # At least 20 events over the next three months, some repeating, for every assembly and the council.
    now = timezone.now()
    coming = [
        event
        for event in EventPage.objects.live().filter(locale__language_code="tr", status="scheduled")
        if recurrence.occurrences(event, now, now + THREE_MONTHS)
    ]
    assert len(coming) >= 20
    assert sum(event.repeat != "none" for event in coming) >= 2
    hosts = {event.get_parent().slug for event in coming}
    assert {page.slug for page in AssemblyPage.objects.filter(locale__language_code="tr")} <= hosts
    assert "etkinlikler" in hosts

    # Every news item and assembly, in both languages, has a picture whose alt text is in its language.
    for model in (NewsPage, AssemblyPage):
        pages = list(model.objects.live().select_related("image", "locale"))
        assert {page.locale.language_code for page in pages} == {"tr", "en"}
        for page in pages:
            assert page.image is not None, page.title
            assert page.image.description, page.title
            if page.locale.language_code == "en":
                turkish_page = page.get_translation(Locale.objects.get(language_code="tr")).specific
                assert page.image.description != turkish_page.image.description, page.title

    # The English menu has every section of the Turkish one, in English.
    turkish, english = menu(client.get("/").content.decode()), menu(client.get("/en/").content.decode())
    assert len(turkish) == len(english) >= 7
    assert {"City Council", "Assemblies", "News", "Events", "Surveys", "Suggestion box"} <= set(english)

    # Every English section has English content to show: the surveys page lists a survey.
    surveys = client.get("/en/surveys/").content.decode()
    assert "Service priorities survey" in surveys

    # The suggestion box under /en/ offers its topics in English.
    box = client.get("/en/suggestion-box/").content.decode()
    assert "Rubble collection" in box and "Veterinary care for animals" in box
    assert "Moloz Alımı" not in box
    assert "Moloz Alımı" in client.get("/oneri-kutusu/").content.decode()

    # Loading again changes nothing.
    counts = (EventPage.objects.count(), NewsPage.objects.count(), AssemblyPage.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (EventPage.objects.count(), NewsPage.objects.count(), AssemblyPage.objects.count()) == counts


@pytest.mark.django_db
def test_topics_and_directorates_have_english_names_shown_only_in_english():
    topic = Topic.objects.get(name="Moloz Alımı")
    with translation.override("en"):
        assert str(topic) == "Rubble collection"
        assert str(topic.default_directorate) == "Cleaning Services Directorate"
    with translation.override("tr"):
        assert str(topic) == "Moloz Alımı"
        assert str(topic.default_directorate) == "Temizlik İşleri Müdürlüğü"
