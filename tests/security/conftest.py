"""Staff of every role, and two of everything a role may or may not see (tests/security)."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from complaints import cases, groups
from complaints.models import ApiKey, Case, Channel, Directorate, Topic
from distribution.groups import ensure_courier_group, ensure_group
from distribution.models import Recipient
from places.models import Neighbourhood
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, MembershipFactory, UserFactory


def file_case(directorate, name, phone, email):
    return cases.file_case(
        channel=Channel.PHONE,
        kind=Case.Kind.REQUEST,
        topic=Topic.objects.get(name="Asfalt Onarımı"),
        neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
        description="Sokağımızdaki çukurun onarılmasını istiyorum.",
        name=name,
        phone=phone,
        email=email,
        reply_by=Case.ReplyBy.EMAIL,
        consent_at=timezone.now(),
        directorate=directorate,
    )


@pytest.fixture
def world(assembly_index, django_capture_on_commit_callbacks):
    """Two assemblies with a member each, two directorates with a case each (and its notification), a
    recipient and an API key; the people who work them, one role each."""
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    cocuk = publish(
        AssemblyPageFactory(parent=assembly_index, title="Çocuk Meclisi", slug="cocuk-meclisi", min_age=9, max_age=17)
    )
    vet = Directorate.objects.get(name="Veteriner İşleri Müdürlüğü")
    works = Directorate.objects.get(name="Fen İşleri Müdürlüğü")
    with django_capture_on_commit_callbacks(execute=True):
        vet_case = file_case(vet, "Sadık Köpekseven", "+905321110001", "sadik@example.org")
        works_case = file_case(works, "Asfalt Yolcuoğlu", "+905321110002", "asfalt@example.org")
    team = ensure_group()

    def person(*found_groups):
        user = UserFactory()
        user.groups.add(*found_groups)
        return user

    roles = {
        "kadin_coordinator": person(ensure_coordinator_group(kadin)),
        "cocuk_coordinator": person(ensure_coordinator_group(cocuk)),
        "call_centre": person(groups.ensure_call_centre_group()),
        "vet_staff": person(groups.ensure_directorate_group(vet)),
        "works_staff": person(groups.ensure_directorate_group(works)),
        "post_team": person(team),
        "courier": person(ensure_courier_group()),
        "editor": person(Group.objects.get(name="Editörler")),
    }
    return {
        "roles": roles,
        "kadin_member": MembershipFactory(
            assembly=kadin, full_name="Gülay Erdemoğlu", email="gulay@example.org", state="applied"
        ),
        "child": MembershipFactory(
            assembly=cocuk,
            full_name="Ela Yıldızhan",
            email="ela@example.org",
            birth_date=timezone.localdate().replace(year=timezone.localdate().year - 11),
            guardian_name="Derya Yıldızhan",
            guardian_phone="0533 222 33 44",
            state="applied",
        ),
        "vet_case": vet_case,
        "works_case": works_case,
        "vet_notification": vet_case.notifications.get(medium="email"),
        "works_notification": works_case.notifications.get(medium="email"),
        "recipient": Recipient.objects.create(
            kind=Recipient.Kind.ASSOCIATION,
            name="Yıldız Kültür Derneği",
            contact_person="Hakan Derneksever",
            phone="05329998877",
            neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
            street="Alemdağ Caddesi",
            building_no="1",
        ),
        "api_key": ApiKey.objects.create(name="Beyaz Masa Gizli Ortak", prefix="abcd1234", key_hash="0" * 64),
        **council_bodies(kadin, cocuk),
        "escort_booking": escort_booking(),
    }


def council_bodies(kadin, cocuk):
    """The council's general assembly and the two assemblies' boards, each with a seat and its contact details."""
    from council.models import Body, Seat

    bodies = {
        "general_body": Body.objects.create(name="Genel Kurul", slug="genel-kurul", kind=Body.Kind.GENERAL_ASSEMBLY),
        "kadin_body": Body.objects.create(
            name="Kadın Meclisi Kurulu", slug="kadin-kurulu", kind=Body.Kind.ASSEMBLY_BOARD, assembly=kadin
        ),
        "cocuk_body": Body.objects.create(
            name="Çocuk Meclisi Kurulu", slug="cocuk-kurulu", kind=Body.Kind.ASSEMBLY_BOARD, assembly=cocuk
        ),
    }
    for key, email, phone in [
        ("general_body", "genelkurul@example.org", "0532 700 00 01"),
        ("kadin_body", "kadinkurulu@example.org", "0532 700 00 02"),
        ("cocuk_body", "cocukkurulu@example.org", "0532 700 00 03"),
    ]:
        Seat.objects.create(body=bodies[key], holder_name="Koltuk Sahibi", holder_email=email, holder_phone=phone)
    return bodies


def escort_booking():
    """A visitor booked for an escort: the escort unit's alone, not even the call centre's, which books."""
    from escort.models import Booking, Office

    office = Office.objects.create(name="Zabıta Müdürlüğü", floor="1. kat")
    return Booking.objects.create(
        date=timezone.localdate(),
        hour=10,
        office=office,
        visitor_name="Refika Refakatsever",
        phone="+905327770001",
        need_wheelchair=True,
    )
