"""The box's known addresses: the recipient book and the register fill places.KnownAddress; the box's script
asks it to turn a typed address into a pin and a pin into an address, without an external geocoder."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints import cases
from complaints.models import Case, Channel, Supporter, Topic
from distribution.models import Recipient
from places import gazetteer, turkish
from places.models import KnownAddress, Neighbourhood

BOX = "/oneri-kutusu/"


@pytest.mark.parametrize(
    ("written", "key", "number"),
    [
        ("Alemdağ Caddesi No: 12, Atakent Mah.", "alemdag cad", "12"),
        ("ALEMDAĞ CAD. 12", "alemdag cad", "12"),
        ("alemdag cd no 12/3", "alemdag cad", "12/3"),
        ("Atakent Mah., Şehit Er Sokak 5", "sehit er sk", "5"),
        ("İnkılap Mahallesi Çiçek Sk. No:7A D:2", "cicek sk", "7A"),
        ("45. Sokak No 3", "45 sk", "3"),
        ("Parkın önü", "", ""),
    ],
)
def test_a_street_is_one_key_however_it_is_written(written, key, number):
    assert turkish.street_key(written) == key
    assert turkish.split_address(written)[1] == number


def _recipient(**fields):
    return Recipient.objects.create(
        **{
            "kind": Recipient.Kind.ASSOCIATION,
            "name": "Tantavi Kültür Derneği",
            "contact_person": "Hasan Demir",
            "phone": "0216 444 55 66",
            "neighbourhood": Neighbourhood.objects.get(name="Tantavi"),
            "street": "Alemdağ Caddesi",
            "building_no": "12",
            "door_no": "3",
            "latitude": Decimal("41.017100"),
            "longitude": Decimal("29.123400"),
            **fields,
        }
    )


def test_a_recipient_with_a_point_becomes_a_known_address_without_its_name(db):
    _recipient()
    _recipient(name="Yerini bilmediğimiz dernek", street="Lale Sokak", latitude=None, longitude=None)
    known = KnownAddress.objects.get()
    assert (known.street, known.number, known.neighbourhood.name, known.source) == (
        "Alemdağ Caddesi",
        "12",
        "Tantavi",
        KnownAddress.Source.RECIPIENT,
    )
    assert str(known) == "Alemdağ Caddesi No: 12, Tantavi Mah."


def test_a_filed_case_with_a_point_and_a_street_tells_only_its_street_about_where(db):
    """The address of a report may be the resident's door: the gazetteer keeps the street, rounded like the map."""
    cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        description="Kaldırım kırık.",
        topic=Topic.objects.get(name="Asfalt Onarımı"),
        address="Şehit Er Sk. No: 4",
        latitude=Decimal("41.020000"),
        longitude=Decimal("29.110000"),
        anonymous=True,
    )
    cases.file_case(
        channel=Channel.SUGGESTION_BOX, description="Parkta bank kırık.", address="Parkın önü", anonymous=True
    )
    assert list(KnownAddress.objects.values_list("street", "number", "source")) == [("Şehit Er Sk.", "", "case")]
    cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        description="Kaldırım yine kırık.",
        address="Şehit Er Sokak 9",
        latitude=Decimal("41.020456"),
        longitude=Decimal("29.110123"),
        anonymous=True,
    )
    known = KnownAddress.objects.get()
    assert (known.latitude, known.longitude) == (Decimal("41.020000"), Decimal("29.110000"))


def test_a_private_persons_door_is_kept_only_as_their_street(db):
    _recipient(kind=Recipient.Kind.INDIVIDUAL, name="Hasan Demir", latitude=Decimal("41.017123"))
    known = KnownAddress.objects.get()
    assert (known.number, known.latitude, known.longitude) == ("", Decimal("41.017000"), Decimal("29.123000"))


def test_the_refresh_command_asks_the_book_and_the_register_again(db):
    _recipient()
    cases.file_case(
        channel=Channel.PHONE,
        description="Çukur var.",
        address="Lale Sokak 8",
        latitude=Decimal("41.010000"),
        longitude=Decimal("29.100000"),
        anonymous=True,
    )
    KnownAddress.objects.all().delete()
    out = io.StringIO()
    call_command("refresh_known_addresses", stdout=out)
    assert sorted(KnownAddress.objects.values_list("street_key", "number")) == [("alemdag cad", "12"), ("lale sk", "")]
    call_command("refresh_known_addresses", stdout=out)
    assert KnownAddress.objects.count() == 2


def test_the_box_finds_a_typed_address_and_names_a_pin(client, box):
    _recipient()
    answer = client.get(BOX + "adres/", {"q": "alemdağ cad 12"}).json()["results"]
    assert answer == [
        {
            "label": "Alemdağ Caddesi No: 12, Tantavi Mah.",
            "street": "Alemdağ Caddesi",
            "number": "12",
            "address": "Alemdağ Caddesi No: 12",
            "neighbourhood": Neighbourhood.objects.get(name="Tantavi").pk,
            "lat": "41.017100",
            "lon": "29.123400",
        }
    ]
    page = json.dumps(answer)
    assert "Hasan" not in page and "Derneği" not in page and "444 55 66" not in page
    near = client.get(BOX + "adres/", {"lat": "41.017300", "lon": "29.123400"}).json()["results"]
    assert [row["address"] for row in near] == ["Alemdağ Caddesi No: 12"]  # 22 m away
    far = client.get(BOX + "adres/", {"lat": "41.019000", "lon": "29.123400"}).json()["results"]
    assert far == []  # 211 m away: not offered as the pin's address
    assert client.get(BOX + "adres/", {"q": "al"}).json()["results"] == []


def test_the_address_lookup_is_rate_limited_and_takes_fixed_queries(
    client, box, settings, django_assert_max_num_queries
):
    for number in range(1, 30):
        _recipient(building_no=str(number), latitude=Decimal("41.017100") + Decimal(number) / 100000)
    client.get(BOX + "adres/", {"q": "alemdağ"})
    with django_assert_max_num_queries(10):
        assert len(client.get(BOX + "adres/", {"q": "alemdağ"}).json()["results"]) == 6
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_address": "1/m/ip"}
    client.get(BOX + "adres/", {"q": "alemdağ"})
    assert client.get(BOX + "adres/", {"q": "alemdağ"}).status_code == 429


def test_distances_and_the_prefilter_box(db):
    assert round(gazetteer.distance(41.016, 29.124, 41.017, 29.124)) == 111
    south, north, west, east = gazetteer.box(41.016, 29.124, 150)
    assert gazetteer.distance(41.016, 29.124, north, 29.124) == pytest.approx(150, abs=0.5)
    assert gazetteer.distance(41.016, 29.124, 41.016, east) == pytest.approx(150, abs=0.5)


def test_a_supporters_data_is_in_their_download_and_gone_with_their_account(
    client, user, box, django_capture_on_commit_callbacks
):
    case = cases.file_case(
        channel=Channel.PHONE, description="Çukur var.", anonymous=True, topic=Topic.objects.get(name="Asfalt Onarımı")
    )
    cases.add_supporter(
        case, name="Deniz Aksoy", email="deniz@example.org", phone="+905551112233", user=user, consent_at=timezone.now()
    )
    client.force_login(user)
    data = json.loads(client.get("/accounts/profile/data/").content)
    (support,) = data["case_supports"]
    assert (support["case"], support["name"], support["email"]) == (case.pk, "Deniz Aksoy", "deniz@example.org")

    from accounts import personal_data

    personal_data.erase(user)
    supporter = Supporter.objects.get()
    assert (supporter.user, supporter.name, supporter.email, supporter.phone) == (None, "", "", "")
    assert case.supporters.count() == 1  # the voice still counts
    assert Case.objects.filter(pk=case.pk).exists()
