"""The courier's day: the log-in leads to today's routes, each route one tap away, recorded stops folded away."""

import datetime
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from distribution import planning
from distribution.groups import ensure_courier_group
from distribution.models import Distribution, Recipient, Stop
from tests.factories import PASSWORD, UserFactory

MY_ROUTES = reverse("distribution:my_routes")


@pytest.fixture
def walker(courier):
    """The courier of conftest, in the couriers' group as the team's couriers are."""
    courier.groups.add(ensure_courier_group())
    EmailAddress.objects.create(user=courier, email=courier.email, verified=True, primary=True)
    return courier


@pytest.fixture
def routes(distribution, walker):
    built = list(planning.build_routes(distribution))
    for route in built[:2]:
        route.courier = walker
        route.save()
    return built


def test_a_courier_lands_on_todays_routes_and_next_still_wins(client, walker, coordinator):
    answer = client.post("/accounts/login/", {"login": walker.email, "password": PASSWORD})
    assert answer["Location"] == MY_ROUTES
    client.logout()
    answer = client.post("/accounts/login/?next=/admin/reports/", {"login": walker.email, "password": PASSWORD})
    assert answer["Location"] == "/admin/reports/"
    client.logout()
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    answer = client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD})
    assert answer["Location"] == reverse("wagtailadmin_home")  # the team's planners keep the admin


def test_todays_routes_show_the_couriers_own_routes_with_their_progress(
    client, routes, walker, distribution, django_assert_max_num_queries
):
    first, second, third = routes[0], routes[1], routes[2]
    planning.record(first.stops.first(), Stop.Outcome.DELIVERED, walker)
    # Yesterday's distribution: an unfinished route stays on the list, a finished one does not.
    earlier = Distribution.objects.create(
        publication=distribution.publication, date=timezone.localdate() - datetime.timedelta(days=1)
    )
    earlier.lists.set(distribution.lists.all())
    old = list(planning.build_routes(earlier))
    old[0].courier = old[1].courier = walker
    old[0].save()
    old[1].save()
    for stop in old[1].stops.all():
        planning.record(stop, Stop.Outcome.REFUSED, walker)

    client.force_login(walker)
    with django_assert_max_num_queries(30):  # the page frame (menus, settings) and one for the routes
        page = client.get(MY_ROUTES)
    html = page.content.decode()
    for route in [first, second, old[0]]:
        assert reverse("distribution:route", args=[route.token]) in html
    for route in [third, old[1]]:
        assert reverse("distribution:route", args=[route.token]) not in html
    assert "2 duraktan 1 tanesi kaydedildi" in html and "Önceki günlerden, bitmemiş" in html
    position = {route: html.index(str(route.token)) for route in [first, old[0]]}
    assert position[first] < html.index("Önceki günlerden") < position[old[0]]


def test_the_route_page_folds_recorded_stops_and_calls_or_maps_each_stop(client, routes, walker):
    route = routes[0]
    first, second = route.stops.all()
    Recipient.objects.filter(pk=second.recipient_id).update(phone="0216 345 12 34")
    planning.record(first, Stop.Outcome.DELIVERED, walker)
    client.force_login(walker)
    url = reverse("distribution:route", args=[route.token])
    html = client.get(url).content.decode()
    folded = re.search(rf'id="stop-{first.pk}"[^>]*>\s*<details(?P<open>[^>]*)>', html)
    waiting = re.search(rf'id="stop-{second.pk}"[^>]*>\s*<details(?P<open>[^>]*)>', html)
    assert folded["open"] == "" and waiting["open"] == " open"
    assert 'href="tel:02163451234"' in html
    lat, lon = first.recipient.point
    assert f"https://www.google.com/maps/search/?api=1&amp;query={lat:.6f}%2C{lon:.6f}" in html

    # Correcting the recorded stop takes the courier on to the stop still waiting, saved at once.
    answer = client.post(url, {"stop": first.pk, f"stop{first.pk}-outcome": "nobody"})
    assert answer["Location"] == f"{url}#stop-{second.pk}"
    first.refresh_from_db()
    assert first.outcome == Stop.Outcome.NOBODY


def test_the_teams_dashboard_shows_distributions_in_progress_and_a_couriers_routes(
    client, routes, walker, coordinator, distribution, admin_user, django_assert_max_num_queries
):
    planning.record(routes[0].stops.first(), Stop.Outcome.DELIVERED, walker)
    client.force_login(coordinator)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("wagtailadmin_home"))
    panels = [type(panel).__name__ for panel in page.context["panels"]]
    assert panels == ["DistributionsPanel"]  # no Wagtail page panels for a team that edits no pages
    html = page.content.decode()
    assert "Süren dağıtımlar" in html and str(distribution.publication) in html
    assert "1 / 7" in html  # 7 stops in all, one recorded
    assert reverse("distribution_sheets", args=[distribution.pk]) in html

    client.force_login(walker)
    page = client.get(reverse("wagtailadmin_home"))
    assert [type(panel).__name__ for panel in page.context["panels"]] == ["MyRoutesPanel"]
    html = page.content.decode()
    assert reverse("distribution:route", args=[routes[0].token]) in html and MY_ROUTES in html

    client.force_login(admin_user)  # administrators and the other roles keep their own dashboards
    panels = [type(panel).__name__ for panel in client.get(reverse("wagtailadmin_home")).context["panels"]]
    assert "DistributionsPanel" not in panels and "RecentEditsPanel" in panels


def test_only_the_team_sees_todays_routes(client, user):
    assert client.get(MY_ROUTES).status_code == 302
    client.force_login(user)
    assert client.get(MY_ROUTES).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(MY_ROUTES).status_code == 404


def test_no_editors_button_covers_the_couriers_stops(client, routes, walker):
    client.force_login(walker)
    for url in (reverse("distribution:my_routes"), reverse("distribution:route", args=[routes[0].token])):
        assert "wagtail-userbar" not in client.get(url).content.decode(), url


def sheet_codes(client, route):
    """The stops' codes as printed under their barcodes on the route's sheet, read back from the PDF."""
    pdf = client.get(reverse("distribution_sheets", args=[route.distribution_id]) + f"?route={route.pk}")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    return re.findall(r"^\s*(R\d+-S\d+)\s*$", text, re.MULTILINE)


def test_a_code_read_from_the_printed_sheet_finds_its_stop_on_the_couriers_page(client, routes, walker, coordinator):
    route = routes[0]
    client.force_login(coordinator)
    codes = sheet_codes(client, route)
    stops = list(route.stops.order_by("position"))
    assert len(codes) == len(stops) == 2
    last = stops[-1]

    client.force_login(walker)
    url = reverse("distribution:route", args=[route.token])
    page = client.get(url).content.decode()
    assert 'name="kod"' in page and "Kodu okutun ya da yazın" in page
    # Typed as people type it: lower case, with spaces round it.
    answer = client.get(url, {"kod": f"  {codes[-1].lower()} "})
    assert answer.status_code == 302 and answer["Location"] == f"{url}?durak={last.pk}#stop-{last.pk}"
    html = client.get(answer["Location"]).content.decode()
    found = re.search(rf'<li id="stop-{last.pk}" class="(?P<classes>[^"]*)"[^>]*>\s*<details(?P<open>[^>]*)>', html)
    assert "route-stop--found" in found["classes"] and found["open"] == " open"
    assert f"{codes[-1]} kodlu durak bu." in html

    # The courier records the outcome of the stop found, as for any other.
    answer = client.post(url, {"stop": last.pk, f"stop{last.pk}-outcome": "delivered"})
    assert answer.status_code == 302
    last.refresh_from_db()
    assert last.outcome == Stop.Outcome.DELIVERED


def test_a_wrong_code_says_so_in_turkish_and_keeps_what_was_typed(client, routes, walker):
    mine, other = routes[0], routes[2]
    client.force_login(walker)
    url = reverse("distribution:route", args=[mine.token])
    for wrong in ["R1-S99999", other.stops.first().code, "merhaba"]:  # a stop of another route is no better
        page = client.get(url, {"kod": wrong})
        html = page.content.decode()
        assert page.status_code == 200, wrong
        assert f"“{wrong}” bu rotadaki hiçbir durağın kodu değil." in html, wrong
        assert 'role="alert"' in html and f'value="{wrong}"' in html and 'aria-invalid="true"' in html
        assert other.stops.first().recipient.name not in html
    html = client.get(url, {"kod": " "}).content.decode()
    assert "Önce bir durağın kodunu okutun ya da yazın." in html
