"""The employer's answer for a referred candidate, and the placement a hire makes (employment/answers.py)."""

import datetime

import pytest
from django.utils import timezone

from employment.answers import AnswerError, record_answer
from employment.models import Placement, Referral
from tests.employment import employer_records as records

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(db):
    firm = records.firm()
    vacancy = records.vacancy(firm, records.occupations()["7531"])
    made = records.referral(vacancy, records.cv())
    made.firm = firm
    return made


def test_a_hire_records_the_answer_and_its_placement_together(referral):
    started = timezone.localdate()
    record_answer(referral, "hired", "", referral.firm.user, started_on=started)
    referral.refresh_from_db()
    assert referral.outcome == "hired" and referral.outcome_by == referral.firm.user and referral.outcome_at
    placement = Placement.objects.get()
    assert (placement.cv, placement.firm, placement.referral, placement.started_on) == (
        referral.cv,
        referral.firm,
        referral,
        started,
    )
    assert placement.source == Placement.Source.EMPLOYER and placement.recorded_by == referral.firm.user


def test_interviewed_then_not_hired_with_a_reason(referral):
    record_answer(referral, "interviewed", "", referral.firm.user)
    record_answer(referral, "not_hired", "Pozisyon doldu", referral.firm.user)
    referral.refresh_from_db()
    assert (referral.outcome, referral.outcome_reason) == ("not_hired", "Pozisyon doldu")
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "reason", "started_on", "words"),
    [
        ("hired", "", None, "işe başladığı"),
        ("not_hired", "  ", None, "neden"),
        ("maybe", "", None, "Görüşüldü"),
    ],
)
def test_impossible_answers_are_refused_in_turkish(referral, outcome, reason, started_on, words):
    with pytest.raises(AnswerError) as refused:
        record_answer(referral, outcome, reason, referral.firm.user, started_on=started_on)
    assert words in refused.value.message
    referral.refresh_from_db()
    assert referral.outcome == "" and not Placement.objects.exists()


@pytest.mark.parametrize("status", [Referral.Status.APPLIED, Referral.Status.ASKED, Referral.Status.DECLINED])
def test_no_answer_for_a_referral_the_candidate_did_not_agree_to(referral, status):
    Referral.objects.filter(pk=referral.pk).update(status=status)
    with pytest.raises(AnswerError) as refused:
        record_answer(referral, "hired", "", referral.firm.user, started_on=timezone.localdate())
    assert "yönlendirilmedi" in refused.value.message
    assert not Placement.objects.exists()


def test_a_start_before_the_referral_and_a_second_hire_are_refused(referral):
    with pytest.raises(AnswerError):
        record_answer(referral, "hired", "", None, started_on=timezone.localdate() - datetime.timedelta(days=30))
    record_answer(referral, "hired", "", None, started_on=timezone.localdate())
    with pytest.raises(AnswerError) as refused:
        record_answer(referral, "not_hired", "Vazgeçti", None)
    assert "İstihdam Merkezini" in refused.value.message
    assert Placement.objects.count() == 1
