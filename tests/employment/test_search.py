"""Full-text search over CVs in Turkish: PostgreSQL's `turkish` configuration, SQLite's plain fallback."""

import pytest
from django.db import connection
from django.urls import reverse

from employment import search
from employment.models import CV, Education
from tests.employment import centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def cvs():
    ali = centre.cv("Ali Duvar", ["7112"], "Tuğla örme, Sıva", "Çakmak", experience=[("Duvar ustası", "7112")])
    Education.objects.create(cv=ali, level="vocational", school="Ümraniye Meslek Lisesi", field="İnşaat")
    ece = centre.cv("Ece Işık", ["4110"], "Excel, İngilizce yazışma", "Atakent", summary="İstanbul'da büro işi")
    deniz = centre.cv("Deniz Kaynak", ["7212"], "Gazaltı kaynağı", "İnkılap")
    return {"ali": ali, "ece": ece, "deniz": deniz}


def found(text):
    return sorted(cv.full_name for cv in search.search(CV.objects.all(), text))


def test_search_finds_name_skills_experience_education_and_occupation_names(cvs):
    assert found("Duvar") == ["Ali Duvar"]  # name and experience
    assert found("excel") == ["Ece Işık"]  # a skill, another case
    assert found("meslek lisesi") == ["Ali Duvar"]  # the school
    assert found("Kaynakçılar") == ["Deniz Kaynak"]  # the occupation's name (7212 Kaynakçılar ...)
    assert found("") == ["Ali Duvar", "Deniz Kaynak", "Ece Işık"]
    assert found("muhasebe") == []


def test_search_is_case_insensitive_the_turkish_way(cvs):
    assert found("İSTANBUL") == ["Ece Işık"]
    assert found("ışık") == ["Ece Işık"]
    assert found("ingilizce") == ["Ece Işık"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's turkish text-search configuration")
def test_postgresql_stems_turkish_words(cvs):
    assert found("duvarcılar") == ["Ali Duvar"] or found("ustaları") == ["Ali Duvar"]
    assert found("kaynağı") == ["Deniz Kaynak"]


def test_the_candidates_list_searches_with_it(client, cvs, django_assert_max_num_queries):
    client.force_login(centre.centre_staff())
    with django_assert_max_num_queries(30):
        page = client.get(reverse("employment_cvs:index"), {"q": "tuğla"})
    text = page.content.decode()
    assert "Ali Duvar" in text and "Ece Işık" not in text
