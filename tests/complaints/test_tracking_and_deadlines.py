import datetime

import pytest

from complaints import tracking, working_days
from complaints.models import Channel, due_date


def test_new_numbers_carry_a_valid_check_digit_and_read_in_groups():
    number = tracking.new_number()
    assert len(number) == 9 and number[0] != "0"
    assert tracking.parse(number) == number
    assert tracking.parse(tracking.display(number)) == number  # "482 193 657" as typed from an SMS
    assert tracking.parse(number.replace(number[:3], number[:3] + "-", 1)) == number


@pytest.mark.parametrize("position", range(9))
def test_every_single_mistyped_digit_is_refused(position):
    number = tracking.new_number()
    for digit in "0123456789":
        if digit != number[position]:
            typo = number[:position] + digit + number[position + 1 :]
            assert tracking.parse(typo) is None


def test_every_swap_of_neighbouring_digits_is_refused():
    for _ in range(50):
        number = tracking.new_number()
        for position in range(8):
            swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
            if swapped != number:
                assert tracking.parse(swapped) is None


@pytest.mark.parametrize("text", ["", "12345678", "1234567890", "12345678a", "١٢٣٤٥٦٧٨٩"])
def test_malformed_numbers_are_refused(text):
    assert tracking.parse(text) is None


def test_working_days_skip_ramadan_bayram_and_the_weekend():
    # Ramazan Bayramı 2026: Friday 20 – Sunday 22 March. From Thursday the 19th (its eve, a half day
    # that counts), two working days later is Tuesday the 24th: Friday is the bayram, then the weekend.
    assert working_days.holiday_name(datetime.date(2026, 3, 20))
    assert working_days.add_working_days(datetime.date(2026, 3, 18), 1) == datetime.date(2026, 3, 19)
    assert working_days.add_working_days(datetime.date(2026, 3, 19), 2) == datetime.date(2026, 3, 24)


def test_law_4982_gives_fifteen_working_days_across_kurban_bayrami():
    # Kurban Bayramı 2026: Wednesday 27 – Saturday 30 May. Received Monday 25 May:
    # 26 May (1), the bayram's weekdays skipped, then 1–5 June (2–6), 8–12 (7–11), 15–18 June (12–15).
    assert due_date(Channel.INFORMATION, datetime.date(2026, 5, 25)) == datetime.date(2026, 6, 18)


def test_law_3071_gives_thirty_days_moved_off_a_holiday():
    # 30 days after 28 April 2026 is 28 May, in Kurban Bayramı: the deadline moves to Monday 1 June.
    assert due_date(Channel.CIMER, datetime.date(2026, 4, 28)) == datetime.date(2026, 6, 1)
    # An ordinary day stays where it falls.
    assert due_date(Channel.CIMER, datetime.date(2026, 9, 1)) == datetime.date(2026, 10, 1)


def test_other_channels_use_the_configured_working_days(settings):
    settings.COMPLAINTS_DEFAULT_WORKING_DAYS = 5
    # Monday 26 October 2026: Republic Day (Thursday the 29th) is skipped.
    assert due_date(Channel.SUGGESTION_BOX, datetime.date(2026, 10, 26)) == datetime.date(2026, 11, 3)


@pytest.mark.django_db
def test_a_tracking_number_already_taken_is_drawn_again_and_nothing_of_the_first_try_is_kept(monkeypatch):
    """The draw is random; here its first two numbers are the one an earlier case holds, then a free one."""
    from django.utils import timezone

    from complaints import cases
    from complaints.models import Case, CaseEvent

    def filed(**fields):
        return cases.file_case(
            channel=Channel.SUGGESTION_BOX,
            kind=Case.Kind.REQUEST,
            description="Parktaki bankların boyası döküldü.",
            name="Ayşe Yılmaz",
            email="ayse@example.org",
            consent_at=timezone.now(),
            **fields,
        )

    earlier = filed()
    free = next(n for n in iter(tracking.new_number, None) if n != earlier.tracking_number)
    draws = iter([earlier.tracking_number, free])
    monkeypatch.setattr(tracking, "new_number", lambda: next(draws))

    case = filed(address="Alemdağ Caddesi No 4")

    assert case.tracking_number == free
    assert Case.objects.get(pk=case.pk).address == "Alemdağ Caddesi No 4"
    assert Case.objects.count() == 2
    # One history for the new case: the try that clashed left none behind.
    assert CaseEvent.objects.filter(action=CaseEvent.Action.REGISTERED).count() == 2
    assert CaseEvent.objects.get(case=case, action=CaseEvent.Action.REGISTERED)
