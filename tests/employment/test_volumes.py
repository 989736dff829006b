"""load_employment_volumes: the report's yearly table reproduced by the figures page from real (anonymised) records."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from employment import statistics
from employment.models import CV, Firm, Placement, Referral

SEED = Path(__file__).resolve().parents[2] / "employment" / "data" / "istihdam-merkezi-2016-2020.csv"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "istihdam-merkezi-2016-2020.csv"

pytestmark = pytest.mark.django_db


def seed_table():
    with SEED.open(encoding="utf-8") as lines:
        return {
            row["yil"]: [int(row[key]) for key in ("yeni_cv", "yeni_firma", "yonlendirilen_is", "istihdam_edilen")]
            for row in csv.DictReader(lines)
        }


def test_the_shipped_table_is_the_seeds():
    if SHARED_SEED.exists():
        assert SEED.read_text(encoding="utf-8") == SHARED_SEED.read_text(encoding="utf-8")
    assert seed_table()["2020"] == [4536, 83, 14005, 452]


def test_loaded_years_give_the_seeds_figures_exactly_and_are_not_loaded_twice(django_assert_max_num_queries):
    out = io.StringIO()
    call_command("load_employment_volumes", year=[2016, 2020], stdout=out)
    assert "2020: 4,536 CVs, 83 firms, 14,005 referrals, 452 people employed added." in out.getvalue()

    with django_assert_max_num_queries(4):
        table = statistics.report(datetime.date(2016, 1, 1), datetime.date(2020, 12, 31)).tables[0]
    assert table.columns[1:] == ["2016", "2017", "2018", "2019", "2020"]
    by_year = {year: [row[index] for row in table.rows] for index, year in enumerate(table.columns[1:], start=1)}
    seed = seed_table()
    assert by_year["2016"] == seed["2016"]
    assert by_year["2020"] == seed["2020"]
    assert by_year["2018"] == [0, 0, 0, 0]

    # Anonymised: no CV of the volumes holds a name, an address or an account.
    assert not CV.objects.exclude(full_name="", email="", phone="", user=None).exists()
    assert not CV.objects.filter(anonymised_at=None).exists()
    assert not CV.objects.searchable().exists()
    # Each placement follows an agreed referral to that firm, within its year.
    placement = Placement.objects.select_related("referral__vacancy").first()
    assert placement.referral.status == Referral.Status.AGREED
    assert placement.referral.vacancy.firm_id == placement.firm_id
    assert placement.started_on.year == placement.referral.agreed_at.year
    assert Firm.objects.filter(verified_at=None).count() == 0

    with pytest.raises(CommandError, match="already has records dated in 2020"):
        call_command("load_employment_volumes", year=[2019, 2020], stdout=io.StringIO())
    assert statistics.year_has_records(2019) is False  # refused as a whole: nothing of 2019 either
    with pytest.raises(CommandError, match="2016–2020"):
        call_command("load_employment_volumes", year=[2021], stdout=io.StringIO())
