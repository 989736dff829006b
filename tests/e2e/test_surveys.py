"""A multi-step survey answered with the keyboard alone, and axe on surveys, their errors and results."""

from surveys.models import Response, SurveyPage
from tests.e2e.test_join import CITIZEN, PASSWORD, assert_no_violations, focused_text, tab_to

KADIN = "/meclisler/kadin-meclisi/kadin-meclisi-oncelikleri/"


def test_a_member_answers_a_two_step_survey_with_the_keyboard_only(demo_site, page):
    page.goto(demo_site.url + KADIN)
    tab_to(page, "Yanıtlamak için oturum açın")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/**")
    tab_to(page, "E-posta")
    page.keyboard.type(CITIZEN)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(KADIN) and "login" not in url)
    page.wait_for_load_state()

    # Sending the first step empty: one message per question, listed at the top.
    tab_to(page, "İleri")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Lütfen bu soruyu yanıtlayın." in page.content()
    assert_no_violations(page)

    # The follow-up question stays hidden until "Evet" is chosen.
    follow_up = page.locator("fieldset", has_text="Kaç toplantıya katıldınız?")
    assert not follow_up.is_visible()
    tab_to(page, "Evet")
    page.keyboard.press("Space")
    assert follow_up.is_visible()
    tab_to(page, "Bir")
    page.keyboard.press("ArrowRight")  # arrows move the choice within a radio group
    assert focused_text(page) == "İki-beş"
    tab_to(page, "İleri")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("progress").get_attribute("value") == "2"
    assert "Adım 2 / 2" in page.content()

    tab_to(page, "Kadın girişimciliği")
    page.keyboard.press("Space")
    tab_to(page, "Eğitim")  # a radio group is one Tab stop; the arrows choose within it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert focused_text(page) == "Mentorluk"
    tab_to(page, "1 (Hiç memnun değilim)")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert focused_text(page) == "4"
    assert_no_violations(page)
    tab_to(page, "Yanıtlarımı gönder")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/tesekkurler/"), page.locator("main").inner_text()
    assert "yanıtınız kaydedildi" in page.content()

    survey = SurveyPage.objects.get(slug="kadin-meclisi-oncelikleri")
    answers = Response.objects.get(survey=survey, user__email=CITIZEN).answers
    by_label = {question.label: question for question in survey.questions.all()}
    chosen = dict(by_label["Kaç toplantıya katıldınız?"].choice_list())
    assert chosen[answers[by_label["Kaç toplantıya katıldınız?"].key]] == "İki-beş"
    assert answers[by_label["Meclisin bu yılki çalışmalarından ne kadar memnunsunuz?"].key] == 4
    support = dict(by_label["Girişimcilik komisyonunda hangi destek olsun?"].choice_list())
    assert support[answers[by_label["Girişimcilik komisyonunda hangi destek olsun?"].key]] == "Mentorluk"


def test_survey_pages_errors_and_results_pass_axe(demo_site, page):
    for path in [
        "/anketler/",
        "/anketler/hizmet-oncelikleri/",
        "/meclisler/cocuk-meclisi/en-sevdigin-etkinlik/",
        "/meclisler/engelli-meclisi/etkinliklerin-erisilebilirligi/",
        "/meclisler/engelli-meclisi/etkinliklerin-erisilebilirligi/sonuclar/",
        "/en/surveys/",
    ]:
        response = page.goto(demo_site.url + path)
        assert response.status == 200, path
        assert_no_violations(page)
    # The ranking and the children's scale, sent empty.
    for path in ["/anketler/hizmet-oncelikleri/", "/meclisler/cocuk-meclisi/en-sevdigin-etkinlik/"]:
        page.goto(demo_site.url + path)
        with page.expect_navigation():
            page.get_by_role("button", name="Yanıtlarımı gönder").click()
        assert page.locator(".form-errors").count() == 1
        assert_no_violations(page)
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors
