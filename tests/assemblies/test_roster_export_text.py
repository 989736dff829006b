"""The members export as a coordinator reads it: dates as written in Turkey, local times, words."""

import csv
import datetime
import io

import pytest

from tests.factories import MembershipFactory


@pytest.mark.django_db
def test_the_roster_export_writes_dates_and_times_as_people_do(client, assemblies, coordinator):
    applied = datetime.datetime(2026, 12, 6, 3, 14, 56, 579161, tzinfo=datetime.UTC)  # 06:14 in Istanbul
    MembershipFactory(assembly=assemblies["kadin"], full_name="Gülay Erdem", state="approved", applied_at=applied)
    client.force_login(coordinator)
    content = b"".join(client.get("/admin/members/?export=csv").streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(content))
    assert row["Başvuru tarihi"] == "06.12.2026 06:14"
    assert row["Doğum tarihi"] == "17.05.1990"  # the form the roster import reads back
    assert row["Durum"] == "Üye"
    assert not {"None", "True", "False"} & set(row.values())


@pytest.mark.django_db
def test_a_coordinator_opens_a_members_edit_screen(client, assemblies, coordinator):
    member = MembershipFactory(assembly=assemblies["kadin"], full_name="Gülay Erdem", state="approved")
    client.force_login(coordinator)
    response = client.get(f"/admin/members/edit/{member.pk}/")
    assert response.status_code == 200 and "Gülay Erdem" in response.content.decode()
