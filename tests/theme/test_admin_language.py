"""The admin speaks Turkish to every staff role: no English phrase, no English casing, no raw value."""

import json
import re
from html import unescape

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst

from assemblies.coordinators import ensure_coordinator_group
from complaints import cases
from complaints.groups import ensure_call_centre_group, ensure_directorate_group
from complaints.models import Case, Channel, Directorate, Topic
from places.models import Neighbourhood
from tests.conftest import publish
from tests.factories import NewsPageFactory, StandardPageFactory, UserFactory
from theme.text import join_present, tr_capfirst, tr_upper

# Seen on the staff side before the Turkish overrides (issue 15), and their neighbours.
ENGLISH = [
    "Collapse all",
    "Expand all",
    "Saved",
    "Moderators approval",
    "could not be created due to validation errors",
    "Documents",
    "created in",
    "new items in this menu",
    "Add a collection permission",
    "Date / Time",
    "Site history",
    "Page types usage",
    "Show filters",
    "Last published",
    "Public",
    "Active",
]
# English casing of Turkish words, or Turkish casing of English ones, and a suffix glued to a name.
MISCASED = ["Içerik", "Iş yeri", "Işaret dili", "Iletişim", "Ilgili kişi", "ENGLİSH", "Konseyi'de"]
RAW = re.compile(r">\s*(None|True|False)\s*<")
ROLES = ["yonetici", "kadin", "cozummerkezi", "veteriner"]


def shown(html):
    """The markup without the elements a browser does not show (hidden counters, templates)."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<(div|span)\b[^>]*\shidden[\s>][^<]*</\1>", " ", html)


def visible_text(html):
    html = shown(html)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(html))


def menu_urls(html):
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return sorted(set(re.findall(r'"url": "(/admin/[^"]*)"', unescape(props.group(1))))) if props else []


def first_links(html, pattern):
    return sorted(set(re.findall(rf'href="(/admin/{pattern})"', html)))[:3]


@pytest.fixture
def staff(assembly, news_index, admin_user, django_capture_on_commit_callbacks):
    """A user of each staff role, as the demo content makes them, and something for each to open."""
    coordinator = UserFactory(email="kadin@example.org")
    coordinator.groups.add(ensure_coordinator_group(assembly))
    call_centre = UserFactory(email="cozummerkezi@example.org")
    call_centre.groups.add(ensure_call_centre_group())
    veterinary = Directorate.objects.get(name="Veteriner İşleri Müdürlüğü")
    directorate = UserFactory(email="veteriner@example.org")
    directorate.groups.add(ensure_directorate_group(veterinary))
    publish(StandardPageFactory(parent=assembly, title="Tanışma toplantısı", slug="tanisma"))
    publish(NewsPageFactory(parent=assembly, title="Meclis toplandı", slug="meclis-toplandi"))
    with django_capture_on_commit_callbacks(execute=True):
        case = cases.file_case(
            channel=Channel.PHONE,
            kind=Case.Kind.COMPLAINT,
            topic=Topic.objects.get(name="Sokak Hayvanı Şikâyeti"),
            neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
            description="Sokakta yaralı bir köpek var.",
            name="Ayşe Yılmaz",
            phone="+905321234567",
            reply_by=Case.ReplyBy.SMS,
            consent_at=timezone.now(),
        )
    cases.route(case, veterinary, actor=admin_user)
    return {"yonetici": admin_user, "kadin": coordinator, "cozummerkezi": call_centre, "veteriner": directorate}


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_screen_of_each_role_is_in_turkish(staff, client, role):
    client.force_login(staff[role])
    home = client.get("/admin/").content.decode()
    screens = ["/admin/", *menu_urls(home)]
    seen, problems = set(), []
    for url in screens:
        if url in seen or "/logout" in url:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        # One add and one edit screen of each listing: the forms people fill in.
        if url.count("/") <= 5:
            screens += [link for link in first_links(html, r"[\w/-]*/(?:add|edit/\d+|\d+/edit)/") if link not in seen]
        text = visible_text(html)
        problems += [
            (url, phrase)
            for phrase in ENGLISH + MISCASED
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
        ]
        problems += [(url, raw) for raw in RAW.findall(shown(html))]
    assert len(seen) >= 3
    assert not sorted(set(problems))


@pytest.mark.django_db
def test_the_admins_javascript_speaks_turkish(client, admin_user):
    client.force_login(admin_user)
    catalogue = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert json.dumps("Tümünü daralt")[1:-1] in catalogue or "Tümünü daralt" in catalogue


def test_turkish_casing():
    with translation.override("tr"):
        assert tr_upper("iş yeri ılık") == "İŞ YERİ ILIK"
        assert tr_capfirst("içerik") == "İçerik"
        assert tr_capfirst("ılık") == "Ilık"
        # Django's own capfirst builds every form label and listing heading.
        assert capfirst("işaret dili tercümanı") == "İşaret dili tercümanı"
        assert tr_upper("English", language="en") == "ENGLISH"
    with translation.override("en"):
        assert capfirst("item") == "Item"
        assert tr_upper("item") == "ITEM"


def test_separators_stand_only_between_present_values():
    assert join_present("Ayşe Yılmaz", "", None, "ayse@example.org") == "Ayşe Yılmaz · ayse@example.org"
    assert join_present(None, "") == ""


@pytest.mark.parametrize("role", ["kadin", "cozummerkezi", "veteriner"])
def test_staff_menus_hold_only_what_the_role_uses(staff, client, role):
    client.force_login(staff[role])
    menu = menu_urls(client.get("/admin/").content.decode())
    assert menu and not [url for url in menu if url.startswith("/admin/reports/")]
    assert "guide.wagtail.org" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_documents_listing_says_what_documents_are_for(client, staff):
    client.force_login(staff["kadin"])
    assert "kişisel veri" in client.get("/admin/documents/").content.decode()


@pytest.mark.django_db
def test_chooser_buttons_start_with_a_capital(client, staff):
    # The case entry form lists topics plainly (complaints.wagtail_hooks); a topic's form still chooses its directorate.
    client.force_login(staff["yonetici"])
    text = visible_text(client.get("/admin/snippets/complaints/topic/add/").content.decode())
    assert "Müdürlük seç" in text and "müdürlük seç" not in text.replace("Başka müdürlük seç", "")


def test_template_casing_filters():
    from django.template import Context, Template

    with translation.override("tr"):
        rendered = Template("{{ a|tr_upper }} {{ a|capfirst }} {{ b|upper }}").render(
            Context({"a": "iş yeri", "b": "membership"})
        )
    # `upper` keeps Python's rules: Wagtail uses it for keys its JavaScript matches.
    assert rendered == "İŞ YERİ İş yeri MEMBERSHIP"


def test_a_listings_count_keeps_its_noun_singular_in_turkish():
    # Wagtail wrote "3 onaylar", "185 alıcılar" under its listings: after a number a Turkish noun stays singular.
    from wagtail.admin.paginator import WagtailPaginator

    from accounts.models import Consent

    with translation.override("tr"):
        assert WagtailPaginator(Consent.objects.none(), 20).items_count_label == "0 onay"
    with translation.override("en"):
        assert WagtailPaginator(Consent.objects.none(), 20).items_count_label == "0 consents"
