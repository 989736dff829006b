"""KVKK consents as the administrator reads them: local times, words, no raw values."""

import csv
import datetime
import io

import pytest

from accounts.models import Consent


@pytest.mark.django_db
def test_consents_read_in_local_time_and_words(client, admin_user, user):
    given = datetime.datetime(2026, 12, 6, 3, 14, 56, 579161, tzinfo=datetime.UTC)  # 06:14 in Istanbul
    consent = Consent.objects.create(
        user=user, kind=Consent.Kind.EXPLICIT_CONSENT, document_title="Açık Rıza Metni", version="3", given_at=given
    )
    client.force_login(admin_user)
    content = b"".join(client.get("/admin/consents/?export=csv").streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(content))
    assert row["Verildiği zaman"] == "06.12.2026 06:14"
    assert row["Tür"] == "Açık rıza verildi"
    assert row["Geri alındığı zaman"] == ""

    page = client.get(f"/admin/consents/inspect/{consent.pk}/").content.decode()
    assert "+00:00" not in page and ">User<" not in page and "Kullanıcı" in page
    assert not any(f">{raw}<" in page.replace(" ", "").replace("\n", "") for raw in ("None", "True", "False"))
