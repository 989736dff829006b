"""Çözüm Postası's retention: recipients no list uses, and stale recipient-book uploads."""

import datetime

import pytest
from django.utils import timezone

from distribution.models import Recipient, RecipientImport, Route, Stop
from distribution.retention import REMOVED_NAME
from operations import retention
from places.models import Neighbourhood
from tests.distribution.conftest import recipient

NOW = timezone.now()
LONG_AGO = NOW - datetime.timedelta(days=400)
RULES = ("unlisted_recipients", "delivery_notes", "recipient_uploads")


def counts(dry_run=False):
    report = retention.apply(dry_run=dry_run, now=NOW)
    return {name: report.counts[name] for name in RULES}


@pytest.fixture
def recipients(distribution, bulletin_list):
    made = {
        "listed": recipient("Çakmak", "Liste Derneği", lists=[bulletin_list]),
        "unlisted_never_delivered": recipient("Çakmak", "Eski Dernek"),
        "unlisted_person_delivered": recipient("İnkılap", "Ayşe Yılmaz", kind=Recipient.Kind.INDIVIDUAL),
        "unlisted_new": recipient("Çakmak", "Yeni Dernek"),
    }
    Recipient.objects.filter(pk__in=[made[key].pk for key in made if key != "unlisted_new"]).update(
        created_at=LONG_AGO, contact_person="Ali Kaya", phone="0532 111 22 33", email="ali@example.com"
    )
    distribution.date = LONG_AGO.date()
    distribution.save()
    route = Route.objects.create(
        distribution=distribution, number=1, neighbourhood=Neighbourhood.objects.get(name="İnkılap")
    )
    Stop.objects.create(
        route=route,
        recipient=made["unlisted_person_delivered"],
        position=1,
        quantity=1,
        outcome=Stop.Outcome.DELIVERED,
        received_by="Ayşe Yılmaz",
    )
    made["listed_stop"] = Stop.objects.create(
        route=route,
        recipient=made["listed"],
        position=2,
        quantity=1,
        outcome=Stop.Outcome.DELIVERED,
        received_by="Okul sekreteri Fatma Demir",
        note="Kapıcıya bırakıldı",
    )
    made["stale_upload"] = RecipientImport.objects.create(
        original_name="rehber.xlsx",
        status=RecipientImport.Status.CHECKED,
        finished_at=NOW - datetime.timedelta(days=31),
        problems=[{"line": 2, "name": "Ayşe Yılmaz", "kind": "error", "reason": "Adres yok"}],
    )
    made["fresh_upload"] = RecipientImport.objects.create(
        original_name="rehber.xlsx", status=RecipientImport.Status.CHECKED, finished_at=NOW
    )
    return made


def test_a_dry_run_counts_and_changes_nothing(recipients):
    before = list(Recipient.objects.order_by("pk").values()), RecipientImport.objects.count()
    assert counts(dry_run=True) == {"unlisted_recipients": 2, "delivery_notes": 2, "recipient_uploads": 1}
    assert (list(Recipient.objects.order_by("pk").values()), RecipientImport.objects.count()) == before


def test_unlisted_recipients_go_or_keep_only_the_address_and_a_second_run_finds_nothing(recipients):
    assert counts() == {"unlisted_recipients": 2, "delivery_notes": 1, "recipient_uploads": 1}

    assert not Recipient.objects.filter(pk=recipients["unlisted_never_delivered"].pk).exists()
    person = Recipient.objects.get(pk=recipients["unlisted_person_delivered"].pk)
    assert (person.name, person.contact_person, person.phone, person.email) == (REMOVED_NAME, "", "", "")
    assert not person.active and "ayse" not in person.match_key.lower() and "yılmaz" not in person.match_key.lower()
    assert person.stops.get().received_by == "" and person.stops.get().outcome == Stop.Outcome.DELIVERED
    listed = Recipient.objects.get(pk=recipients["listed"].pk)
    assert (listed.name, listed.contact_person) == ("Liste Derneği", "Ali Kaya")
    assert Recipient.objects.filter(pk=recipients["unlisted_new"].pk).exists()
    stop = Stop.objects.get(pk=recipients["listed_stop"].pk)
    assert (stop.received_by, stop.note, stop.outcome) == ("", "", Stop.Outcome.DELIVERED)
    assert list(RecipientImport.objects.values_list("pk", flat=True)) == [recipients["fresh_upload"].pk]

    assert counts() == dict.fromkeys(RULES, 0)
