"""Citizen journey "answer a survey" of JOURNEYS.md in Chromium at 1280 and 390 px."""

import pytest

from surveys.models import Response, SurveyPage
from tests.e2e.journeys.conftest import PHONE, WIDTHS

CITIZEN = "vatandas@kentkonseyi.test"  # an approved member of the Kadın Meclisi in the demo


def answers_to(slug):
    return Response.objects.filter(survey=SurveyPage.objects.get(slug=slug)).count()


def send(page, button="İleri"):
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


@pytest.mark.parametrize("width", WIDTHS)
def test_answer_a_survey(journey, width):
    before = {slug: answers_to(slug) for slug in ["kadin-meclisi-oncelikleri", "hizmet-oncelikleri", "genclik-anketi"]}
    page = journey.open(CITIZEN, width, path="/anketler/")
    journey.check(page)
    page.get_by_role("link", name="Kadın Meclisi 2027 çalışma öncelikleri").click()
    page.wait_for_load_state()
    journey.check(page)

    # Multi-step and conditional: the follow-up question appears with "Evet".
    follow_up = page.locator("fieldset", has_text="Kaç toplantıya katıldınız?")
    assert not follow_up.is_visible()
    page.get_by_label("Evet", exact=True).check()
    assert follow_up.is_visible()
    page.get_by_label("İki-beş").check()
    send(page)
    journey.check(page)
    assert "Adım 2 / 2" in page.content()
    page.get_by_label("Kadın girişimciliği").check()
    page.get_by_label("Mentorluk").check()
    page.get_by_label("4", exact=True).check()
    send(page, "Yanıtlarımı gönder")
    journey.check(page)
    assert page.url.endswith("/tesekkurler/")

    # The thank-you page leads on: back to the assembly, all surveys, and other open ones.
    main = page.locator("main")
    assert main.get_by_role("link", name="Kadın Meclisi sayfasına dön").count() == 1
    assert main.get_by_role("link", name="Tüm anketler").count() == 1
    main.get_by_role("link", name="Hizmet öncelikleri anketi").click()
    page.wait_for_load_state()
    journey.check(page)

    # Ranking: one ordered list; the buttons move an item and number the list.
    page.get_by_role("button", name="Aşağı taşı: Asfalt Onarımı").click()
    page.get_by_role("button", name="Yukarı taşı: Hayvanların Muayene ve Tedavileri").click()
    labels = page.locator(".ranking__label").all_inner_texts()
    assert labels[:2] == ["Çöp Toplama", "Asfalt Onarımı"] and labels[3] == "Hayvanların Muayene ve Tedavileri"
    assert [field.input_value() for field in page.locator(".ranking__place").all()] == ["1", "2", "3", "4", "5"]
    journey.check(page)
    send(page, "Yanıtlarımı gönder")
    journey.check(page)
    survey = SurveyPage.objects.get(slug="hizmet-oncelikleri")
    # An anonymous survey: the answer's number is random, so "the latest" cannot be told; every one has this order.
    names = dict(survey.questions.get(kind="ranking").choice_list())
    for stored in Response.objects.filter(survey=survey).values_list("answers", flat=True):
        ranking = stored[survey.questions.get(kind="ranking").key]
        assert [names[key] for key in sorted(ranking, key=ranking.get)][:2] == ["Çöp Toplama", "Asfalt Onarımı"]

    # A matrix, answered row by row (on a phone each row is a block with its values named).
    page.goto(journey.url("/meclisler/genclik-meclisi/genclik-anketi/"))
    journey.check(page)
    page.get_by_label("Şu an ne yapıyorsunuz?").select_option(label="Çalışıyorum")
    page.get_by_label("Gönüllülük").check()
    for row, value in [("Spor tesisleri", 4), ("Kütüphaneler", 5), ("Bilgi Evleri", 3), ("Ulaşım", 2)]:
        page.get_by_label(f"{row}: {value}", exact=True).check()
    send(page, "Yanıtlarımı gönder")
    journey.check(page)
    assert page.url.endswith("/tesekkurler/")

    # One answer counted for each survey; a second try is told it has been answered.
    after = {slug: answers_to(slug) for slug in before}
    assert all(after[slug] == before[slug] + 1 for slug in before), (before, after)
    page.goto(journey.url("/meclisler/genclik-meclisi/genclik-anketi/"))
    # An anonymous survey: only that this person answered is kept, not when.
    assert "Bu ankete daha önce yanıt verdiniz" in page.content()
    assert "ilişkilendirilmeden saklanır" in page.content()


@pytest.mark.parametrize("width", WIDTHS)
def test_survey_results_are_readable(journey, width):
    page = journey.open(width=width, path="/anketler/")
    journey.check(page)
    page.locator("main").get_by_role("link", name="Etkinliklerin erişilebilirliği").click()
    page.wait_for_load_state()
    journey.check(page)
    assert "kişi yanıt verdi" in page.content()
    sizes = page.eval_on_selector_all(
        ".bar-list__label", "labels => labels.map(l => parseFloat(getComputedStyle(l).fontSize))"
    )
    assert sizes and min(sizes) >= 12
    if width == PHONE:
        assert page.locator(".table-scroll__hint").first.is_visible()
