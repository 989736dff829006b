import datetime

import pytest

from accounts.models import User
from assemblies import eligibility
from assemblies.models import AssemblyPage, age_on

# Building a page object asks the database for the default locale.
pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def person(birth_date=None, gender=""):
    return User(email="kisi@example.org", birth_date=birth_date, gender=gender)


def assembly(**rules):
    return AssemblyPage(title="Meclis", **rules)


def test_age_goes_up_on_the_birthday_itself():
    assert age_on(datetime.date(2011, 11, 25), TODAY) == 15
    assert age_on(datetime.date(2011, 11, 26), TODAY) == 14
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 2, 28)) == 17
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 3, 1)) == 18


def test_minimum_age_admits_on_the_birthday_not_the_day_before():
    youth = assembly(min_age=15, max_age=30)
    turns_15_today = datetime.date(2011, 11, 25)
    assert eligibility.check(youth, person(turns_15_today, "male"), TODAY).eligible
    day_before = eligibility.check(youth, person(turns_15_today, "male"), TODAY - datetime.timedelta(days=1))
    assert not day_before.eligible
    assert day_before.reasons == ["Bu meclis 15 ve üzeri yaştakiler içindir; siz 14 yaşındasınız."]


def test_maximum_age_admits_until_the_day_before_the_next_birthday():
    youth = assembly(min_age=15, max_age=30)
    turns_31_today = datetime.date(1995, 11, 25)
    assert eligibility.check(youth, person(turns_31_today), TODAY - datetime.timedelta(days=1)).eligible
    verdict = eligibility.check(youth, person(turns_31_today), TODAY)
    assert not verdict.eligible
    assert verdict.reasons == ["Bu meclis en çok 30 yaşındakiler içindir; siz 31 yaşındasınız."]


@pytest.mark.parametrize(("gender", "eligible"), [("female", True), ("male", False), ("unstated", False)])
def test_the_womens_assembly_is_for_women(gender, eligible):
    verdict = eligibility.check(assembly(min_age=18, women_only=True), person(datetime.date(1980, 1, 1), gender), TODAY)
    assert verdict.eligible is eligible
    if not eligible:
        assert verdict.reasons == ["Bu meclis kadınlar içindir."]


def test_missing_facts_are_asked_for_before_deciding():
    verdict = eligibility.check(assembly(women_only=True), person(), TODAY)
    assert not verdict.eligible and not verdict.reasons
    assert verdict.missing == ["birth_date", "gender"]
    assert eligibility.check(assembly(), person(), TODAY).missing == ["birth_date"]


def test_under_18_needs_a_guardian_and_18_does_not():
    children = assembly(min_age=9, max_age=17)
    assert eligibility.check(children, person(datetime.date(2015, 3, 1)), TODAY).needs_guardian
    disabled = assembly(asks_disability=True)
    assert not eligibility.check(disabled, person(datetime.date(2008, 11, 25)), TODAY).needs_guardian
    assert eligibility.check(disabled, person(datetime.date(2008, 11, 26)), TODAY).needs_guardian


def test_an_assembly_not_taking_members_says_so():
    verdict = eligibility.check(assembly(accepting_members=False), person(datetime.date(1980, 1, 1)), TODAY)
    assert verdict.reasons == ["Bu meclis şu anda yeni üye almıyor."]


def test_rules_are_stated_plainly():
    assert eligibility.rules(assembly(min_age=15, max_age=30, requires_district_connection=True)) == [
        "15–30 yaş arasındakiler içindir.",
        "Ümraniye'de yaşıyor, çalışıyor ya da okuyor olmalısınız.",
        "18 yaşından küçükler için: veli ya da vasi, e-postayla gönderdiğimiz bağlantıdan başvuruyu onaylar.",
    ]
    assert eligibility.rules(assembly(min_age=18, women_only=True, requires_district_connection=False)) == [
        "18 ve üzeri yaştakiler içindir.",
        "Kadınlar içindir.",
    ]
