"""Any period a visitor types gets the figures or a Turkish word on what to change, never an error page."""

import pytest

BAD = [
    ({"start": "2024-13-45", "end": "2024-12-31"}, "İlk günü bir tarih olarak yazın, örneğin 01.03.2020."),
    ({"start": "2024-05-01", "end": "2024-04-01"}, "İlk gün son günden önce gelmeli."),
    ({"start": "2024-05-01"}, "İlk ve son günü birlikte verin ya da yalnızca bir yıl seçin."),
    ({"start": "0001-01-01", "end": "9999-12-31"}, "İlk gün 2000 ile"),
    ({"year": "iki bin"}, "Yılı dört rakamla yazın, örneğin 2020."),
    ({"year": "1800"}, "2000 ile"),
    ({"end": "31.12.2024x"}, "Son günü bir tarih olarak yazın"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "message"), BAD)
def test_a_bad_period_is_explained_in_turkish(client, home_page, query, message):
    response = client.get("/seffaflik/", query)
    assert response.status_code == 200  # the form again, with what to change
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page or 'role="alert"' in page
    assert "Bu dönemde" not in page and response.context["report"] is None


@pytest.mark.django_db
def test_a_day_written_the_turkish_way_is_understood(client, home_page):
    response = client.get("/seffaflik/", {"start": "01.03.2024", "end": "31.03.2024"})
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.start.isoformat(), report.end.isoformat()) == ("2024-03-01", "2024-03-31")
    assert "1 Mart 2024 – 31 Mart 2024 arasında 0 başvuru alındı." in response.content.decode()


@pytest.mark.django_db
def test_the_english_dashboard_speaks_english(client, home_page, english_home_page, make_case):
    make_case(answered_after=2)
    page = client.get("/en/seffaflik/", {"start": "2024-05-01", "end": "2024-04-01"}).content.decode()
    assert "The first day must come before the last." in page
    page = client.get("/en/seffaflik/", {"year": 2024}).content.decode()
    assert "How each directorate answers: time, deadline, reopenings and satisfaction" in page
    assert '<th scope="row">Public Works Directorate</th>' in page and "Asphalt repair" in page
    # The open data stays Turkish whoever asks first.
    client.cookies["django_language"] = "en"
    assert "Fen İşleri Müdürlüğü" in client.get("/seffaflik/veri/answering-2024.csv").content.decode("utf-8-sig")
