"""The centre's ranked candidates for a vacancy: the order and the reasons, on a fixed set of CVs."""

import datetime

import pytest
from django.utils import timezone

from employment import matching
from employment.models import CV
from tests.employment import centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def seekers():
    """Five CVs a bricklayer's vacancy in Çakmak should find, and two it must not."""
    today = timezone.localdate()
    return {
        # Same unit group (7112), all three skills, same mahalle, free now, full-time: 40+24+20+10+10.
        "ali": centre.cv("Ali Duvar", ["7112"], "Tuğla örme, Sıva, İskele kurma", "Çakmak"),
        # Same minor group (711: concrete workers), one skill written in lower case, 1,1 km away: 25+8+13+10+10.
        "burak": centre.cv("Burak Beton", ["7114"], "sıva, Kalıp", "Atakent"),
        # A bricklayer by experience (7112), no skills, 5,1 km away, starts in ten days, part-time: 40+5+5.
        "cem": centre.cv(
            "Cem Usta",
            [],
            "",
            "Şerifali",
            experience=[("Duvar ustası", "7112")],
            available_from=today + datetime.timedelta(days=10),
            work_types=["part_time"],
        ),
        # Another trade (welder, 72), one skill, same mahalle: 8+20+10+10.
        "deniz": centre.cv("Deniz Kaynak", ["7212"], "İskele kurma, Gazaltı kaynağı", "Çakmak"),
        # A construction labourer (93) with one skill, no mahalle, eligible for the quota: 8+10+10.
        "ece": centre.cv("Ece Tuğla", ["9313"], "TUĞLA ÖRME", None, disability_quota=CV.Quota.ELIGIBLE),
        # Office work, nothing in common: not a candidate.
        "fatma": centre.cv("Fatma Büro", ["4110"], "Excel", "Çakmak"),
        # A bricklayer who hid their CV: never a candidate.
        "gizli": centre.cv("Gizli Duvarcı", ["7112"], "Tuğla örme", "Çakmak", hidden=True),
    }


def names(candidates):
    return [candidate.cv.full_name for candidate in candidates]


def test_candidates_are_ranked_by_occupation_skills_distance_and_availability(seekers):
    ranked = matching.rank(centre.vacancy())

    assert names(ranked) == ["Ali Duvar", "Burak Beton", "Cem Usta", "Deniz Kaynak", "Ece Tuğla"]
    assert [candidate.score for candidate in ranked] == [104, 66, 50, 48, 28]


def test_each_candidate_carries_the_reasons_of_its_rank_in_turkish(seekers):
    ali, burak, cem, deniz, ece = matching.rank(centre.vacancy())

    assert ali.reasons == [
        "Aynı meslek (7112 Duvarcılar ve ilgili çalışanlar)",
        "3 beceri ortak: Tuğla örme, Sıva, İskele kurma",
        "Aynı mahalle",
        "Hemen başlayabilir",
        "İstediği çalışma şekli: tam zamanlı",
    ]
    assert burak.reasons == [
        "Aynı meslek alt grubu (711 Kaba inşaat ve ilgili işlerde çalışan sanatkarlar)",
        "1 beceri ortak: Sıva",
        "1,1 km (Atakent)",
        "Hemen başlayabilir",
        "İstediği çalışma şekli: tam zamanlı",
    ]
    start = cem.cv.available_from
    assert cem.reasons[0] == "Aynı meslek (7112 Duvarcılar ve ilgili çalışanlar), deneyimden"
    assert cem.reasons[1] == "5,1 km (Şerifali)"
    assert cem.reasons[2].startswith(f"{start.day} ") and cem.reasons[2].endswith("tarihinden itibaren başlayabilir")
    assert len(cem.reasons) == 3  # part-time only: no word on the work type
    assert deniz.reasons == [
        "1 beceri ortak: İskele kurma",
        "Aynı mahalle",
        "Hemen başlayabilir",
        "İstediği çalışma şekli: tam zamanlı",
    ]
    assert ece.reasons[0] == "1 beceri ortak: Tuğla örme"
    assert "Engelli kontenjanına uygun" not in ece.reasons


def test_a_quota_vacancy_ranks_quota_eligible_candidates_first_and_excludes_nobody(seekers):
    ranked = matching.rank(centre.vacancy(disability_quota=True))

    assert names(ranked) == ["Ece Tuğla", "Ali Duvar", "Burak Beton", "Cem Usta", "Deniz Kaynak"]
    assert ranked[0].reasons[0] == "Engelli kontenjanına uygun"


def test_a_candidate_already_referred_is_marked_and_cannot_be_referred_again(seekers):
    from employment.models import Referral

    vacancy = centre.vacancy()
    Referral.objects.create(vacancy=vacancy, cv=seekers["burak"], origin="application", status="applied")

    ranked = {candidate.cv.full_name: candidate for candidate in matching.rank(vacancy)}

    assert ranked["Burak Beton"].referral.status == "applied"
    assert not ranked["Burak Beton"].may_refer
    assert ranked["Ali Duvar"].may_refer


def test_the_candidate_list_runs_a_bounded_number_of_queries(seekers, django_assert_max_num_queries):
    vacancy = centre.vacancy()
    for index in range(20):
        centre.cv(f"Aday {index}", ["7112"], "Sıva", "İnkılap", experience=[("Duvarcı", "7112")])

    with django_assert_max_num_queries(6):
        ranked = matching.rank(vacancy)
        assert len(ranked) == 25
        assert all(candidate.reasons for candidate in ranked)


def test_haversine_distance_between_mahalle_centres():
    # Çakmak to Atakent: about a kilometre apart on the approximate centres.
    assert 1.0 < matching.haversine_km((41.035, 29.129), (41.0252, 29.1257)) < 1.2
