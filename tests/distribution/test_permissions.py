"""Who may do what in Çözüm Postası: the post team plans, a courier walks only the routes given to them."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from assemblies.coordinators import ensure_coordinator_group
from distribution import planning
from distribution.groups import ensure_courier_group, is_courier, is_member
from distribution.models import Distribution, Publication, Recipient, RecipientList, Stop
from tests.factories import UserFactory

CHOOSERS = ["recipient", "recipientlist", "publication", "distribution"]


def chooser_urls(model):
    """Every view of the model's snippet chooser: the modal, its results, a chosen item, several, the creation."""
    found = {"recipient": Recipient, "recipientlist": RecipientList, "publication": Publication}.get(
        model, Distribution
    ).objects.first()
    namespace = f"wagtailsnippetchoosers_distribution_{model}"
    return [
        reverse(f"{namespace}:choose"),
        reverse(f"{namespace}:choose_results"),
        reverse(f"{namespace}:chosen", args=[found.pk]),
        reverse(f"{namespace}:chosen_multiple") + f"?id={found.pk}",
        reverse(f"{namespace}:create"),
    ]


@pytest.mark.parametrize("model", CHOOSERS)
def test_only_the_post_team_opens_the_recipient_book_through_a_chooser(
    client, model, distribution, coordinator, user, assembly, admin_user
):
    user.groups.add(ensure_coordinator_group(assembly))  # another role with the admin: an assembly's coordinator
    client.force_login(user)
    for url in chooser_urls(model):
        answer = client.get(url)
        assert answer.status_code == 403, url
        assert "Çakmak" not in answer.content.decode()
    for person in (coordinator, admin_user):
        client.force_login(person)
        assert client.get(chooser_urls(model)[0]).status_code == 200


@pytest.fixture
def second_courier(db):
    person = UserFactory(first_name="İbrahim", last_name="Öztürk")
    person.groups.add(ensure_courier_group())
    return person


@pytest.fixture
def two_walks(distribution, courier, second_courier):
    """Route 1 is the courier's, route 2 the second courier's."""
    built = list(planning.build_routes(distribution).order_by("number"))
    built[0].courier, built[1].courier = courier, second_courier
    built[0].save()
    built[1].save()
    return built[0], built[1]


def test_a_courier_neither_sees_nor_records_another_couriers_route(client, two_walks, courier, second_courier):
    mine, theirs = two_walks
    for person, own, other in [(courier, mine, theirs), (second_courier, theirs, mine)]:
        client.force_login(person)
        assert client.get(reverse("distribution:route", args=[own.token])).status_code == 200
        listing = client.get(reverse("distribution:my_routes")).content.decode()
        assert str(own.token) in listing and str(other.token) not in listing
        # Holding the other route's link (its sheet's QR code, a forwarded message) is not enough.
        url = reverse("distribution:route", args=[other.token])
        page = client.get(url)
        assert page.status_code == 404 and other.stops.first().recipient.name not in page.content.decode()
        stop = other.stops.first()
        answer = client.post(url, {"stop": stop.pk, f"stop{stop.pk}-outcome": "delivered"})
        assert answer.status_code == 404
        stop.refresh_from_db()
        assert stop.outcome == Stop.Outcome.PENDING and stop.recorded_by is None
        # Nor a stop of the other route posted to the courier's own route.
        answer = client.post(
            reverse("distribution:route", args=[own.token]), {"stop": stop.pk, f"stop{stop.pk}-outcome": "delivered"}
        )
        assert answer.status_code == 404


def test_the_post_team_records_on_any_route_and_an_unassigned_route_is_the_teams_alone(
    client, two_walks, distribution, courier, coordinator
):
    mine, _theirs = two_walks
    unassigned = distribution.routes.filter(courier=None).first()
    client.force_login(courier)
    assert client.get(reverse("distribution:route", args=[unassigned.token])).status_code == 404
    client.force_login(coordinator)
    url = reverse("distribution:route", args=[mine.token])
    stop = mine.stops.first()
    assert client.post(url, {"stop": stop.pk, f"stop{stop.pk}-outcome": "refused"}).status_code == 302
    stop.refresh_from_db()
    assert (stop.outcome, stop.recorded_by) == (Stop.Outcome.REFUSED, coordinator)
    assert client.get(reverse("distribution:route", args=[unassigned.token])).status_code == 200


def test_a_courier_cannot_delete_plan_print_or_export_the_recipient_book(client, two_walks, distribution, courier):
    mine, _theirs = two_walks
    for permission in ("delete_distribution", "view_recipient", "change_stop", "add_recipient", "view_distribution"):
        assert not courier.has_perm(f"distribution.{permission}"), permission
    client.force_login(courier)
    for url in [
        reverse("wagtailsnippets_distribution_distribution:delete", args=[distribution.pk]),
        reverse("wagtailsnippets_distribution_recipient:list") + "?export=xlsx",
        reverse("wagtailsnippets_distribution_recipient:list") + "?export=csv",
        reverse("distribution_export"),
        reverse("distribution_plan", args=[distribution.pk]),
        reverse("distribution_sheets", args=[distribution.pk]),
        reverse("distribution_record", args=[mine.pk]),
        reverse("distribution_reports"),
    ]:
        answer = client.get(url)
        assert answer.status_code in {302, 403}, url
        assert "Çakmak" not in answer.content.decode(), url
    client.post(reverse("wagtailsnippets_distribution_distribution:delete", args=[distribution.pk]))
    assert Distribution.objects.filter(pk=distribution.pk).exists()
    # What a courier still has: the routes given to them, from the phone page and from the admin's dashboard.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_demo_couriers_are_couriers_and_not_the_post_team(db):
    from distribution import demo

    demo.load(lambda email, first, last: UserFactory(email=email, first_name=first, last_name=last))
    walker = get_user_model().objects.get(email=demo.COURIERS[0][0])
    assert is_courier(walker) and not is_member(walker)
    assert not walker.has_perm("distribution.delete_distribution")
    assert is_member(get_user_model().objects.get(email=demo.COORDINATOR[0]))


def test_couriers_put_in_the_post_team_before_the_groups_were_split_are_taken_out_of_it(courier, coordinator, team):
    courier.groups.add(team)  # as every courier was
    separate = importlib.import_module("distribution.migrations.0004_couriers_leave_the_post_team")
    separate.couriers_leave_the_post_team(django_apps, None)
    assert not is_member(courier) and is_courier(courier) and is_member(coordinator)
