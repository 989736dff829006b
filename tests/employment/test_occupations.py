"""The ISCO-08 list as shipped, and the centre's own occupations under it."""

import pytest
from django.urls import reverse

from employment import access, occupations
from employment.models import Occupation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre_staff(db):
    user = UserFactory()
    user.groups.add(access.ensure_centre_group())
    return user


def test_every_major_and_sub_major_group_is_there_with_its_turkish_name():
    majors = dict(Occupation.objects.filter(level=Occupation.Level.MAJOR).values_list("code", "name"))
    assert sorted(majors) == [str(digit) for digit in range(10)]
    assert majors["4"] == "Büro hizmetlerinde çalışan elemanlar"
    assert majors["9"] == "Nitelik gerektirmeyen işlerde çalışanlar"
    sub_majors = set(Occupation.objects.filter(level=Occupation.Level.SUB_MAJOR).values_list("code", flat=True))
    assert len(sub_majors) == 43
    assert {"01", "02", "03", "11", "25", "35", "44", "54", "63", "75", "83", "96"} <= sub_majors


def test_the_centres_usual_unit_groups_are_there():
    units = set(Occupation.objects.filter(level=Occupation.Level.UNIT).values_list("code", flat=True))
    usual = "2512 3313 4110 4120 4222 4311 4321 5120 5131 5141 5153 5223 5230 5311 5322 5414 7112 7115 7126 7131"
    usual += " 7212 7231 7411 7512 7531 8153 8322 8332 9112 9313 9321 9329 9333 9412 9621"
    assert set(usual.split()) <= units
    assert len(units) >= 60
    assert Occupation.objects.get(code="2512").name == "Yazılım geliştiricileri"
    assert Occupation.objects.get(code="2512").name_en == "Software developers"


def test_every_row_hangs_under_the_group_its_code_names():
    rows = {
        code: (level, parent) for code, level, parent in Occupation.objects.values_list("code", "level", "parent__code")
    }
    assert len(rows) == len(occupations.isco_rows())
    for code, (level, parent) in rows.items():
        assert level == len(code)
        assert parent == (code[:-1] if len(code) > 1 else None), code
    # A unit group's whole chain: 5120 Aşçılar → 512 → 51 → 5.
    chain, occupation = [], Occupation.objects.get(code="5120")
    while occupation:
        chain.append(occupation.code)
        occupation = occupation.parent
    assert chain == ["5120", "512", "51", "5"]


def test_loading_again_changes_nothing_and_keeps_the_centres_occupations():
    unit = Occupation.objects.get(code="7112")
    Occupation.objects.create(code="7112.01", name="Duvar ustası", parent=unit, added_by_staff=True)
    before = Occupation.objects.count()
    Occupation.objects.filter(code="7112").update(name="changed")
    occupations.load(Occupation)
    assert Occupation.objects.count() == before
    assert Occupation.objects.get(code="7112").name == "Duvarcılar ve ilgili çalışanlar"
    assert Occupation.objects.get(code="7112.01").parent == unit


def test_staff_add_a_national_occupation_under_its_unit_group(client, centre_staff):
    client.force_login(centre_staff)
    response = client.post(
        reverse("employment_occupations:add"), {"code": "7112.01", "name": "Duvar ustası", "name_en": "Mason"}
    )
    assert response.status_code == 302
    added = Occupation.objects.get(code="7112.01")
    assert (added.parent.code, added.level, added.added_by_staff) == ("7112", Occupation.Level.OCCUPATION, True)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("7112", "7112.01"),  # an ISCO code is not theirs to add
        ("71120", "7112.01"),
        ("7112.1", "7112.01"),
        ("7113.01", "7113"),  # no such unit group shipped
        ("711.01", "7112.01"),
    ],
)
def test_a_national_occupations_code_is_checked(client, centre_staff, code, message):
    client.force_login(centre_staff)
    response = client.post(reverse("employment_occupations:add"), {"code": code, "name": "Deneme", "name_en": ""})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Occupation.objects.filter(name="Deneme").exists()


def test_isco_rows_can_be_read_but_not_edited_or_deleted(client, centre_staff):
    client.force_login(centre_staff)
    isco = Occupation.objects.get(code="5120")
    own = Occupation.objects.create(code="5120.01", name="Pideci", parent=isco, added_by_staff=True)
    assert client.get(reverse("employment_occupations:inspect", args=[isco.pk])).status_code == 200
    for view in ("edit", "delete"):
        response = client.get(reverse(f"employment_occupations:{view}", args=[isco.pk]))
        assert response.status_code in (302, 403)
        assert client.post(reverse(f"employment_occupations:{view}", args=[isco.pk]), {"name": "x"}).status_code in (
            302,
            403,
        )
    isco.refresh_from_db()
    assert isco.name == "Aşçılar"
    assert client.get(reverse("employment_occupations:edit", args=[own.pk])).status_code == 200
    listing = client.get(reverse("employment_occupations:index"), {"q": "5120"}).content.decode()
    assert reverse("employment_occupations:edit", args=[own.pk]) in listing
    assert reverse("employment_occupations:edit", args=[isco.pk]) not in listing
    assert client.post(reverse("employment_occupations:delete", args=[own.pk])).status_code == 302
    assert not Occupation.objects.filter(pk=own.pk).exists()


def test_people_outside_the_centre_do_not_see_the_list(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get(reverse("employment_occupations:index"))
    assert response.status_code in (302, 403)
