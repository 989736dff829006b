"""Answering: validation per question type, steps, conditions, audiences and one answer each."""

import pytest
from django.db import connection, transaction

from assemblies.models import Membership
from places.models import Neighbourhood
from surveys import responses
from surveys.models import Answer, Response, SurveyPage
from tests.factories import MembershipFactory
from tests.surveys.conftest import Q, hours, keyed, make_survey, question, with_condition


def step(client, survey, number, action="next", **answers):
    data = {"step": number, "action": action}
    data.update({f"q-{key}": value for key, value in answers.items()})
    return client.post(survey.url, data)


def field(survey, label, part=None):
    q = keyed(survey)[label]
    if part is None:
        return q.key
    keys = dict((text, key) for key, text in (q.row_list() or q.choice_list()))
    return f"{q.key}-{keys[part]}"


def option(survey, label, text):
    q = keyed(survey)[label]
    return dict((t, k) for k, t in q.choice_list())[text]


@pytest.mark.django_db
def test_each_question_type_explains_what_is_wrong(client, user, assembly):
    survey = make_survey(
        assembly,
        [
            question(Q.SHORT_TEXT, "Adınız"),
            question(Q.SINGLE, "En sevdiğiniz etkinlik", choices=["Gezi", "Atölye"]),
            question(Q.MULTIPLE, "İlgi alanları", choices=["Spor", "Sanat", "Bilim"], min_choices=2, max_choices=2),
            question(Q.DROPDOWN, "Eğitim durumu", choices=["İlkokul", "Lise", "Üniversite"]),
            question(Q.SCALE, "Memnuniyet", scale_size=10),
            question(Q.MATRIX, "Hizmetler", rows=["Parklar", "Ulaşım"]),
            question(Q.NUMBER, "Haftada kaç saat gönüllüsünüz?", number_min=0, number_max=80),
            question(Q.DATE, "Ne zamandan beri Ümraniye'desiniz?"),
            question(Q.YES_NO, "Bilgi almak ister misiniz?"),
            question(Q.NEIGHBOURHOOD, "Mahalleniz"),
            question(Q.RANKING, "Öncelik sırası", choices=["Park", "Kütüphane", "Spor salonu"]),
        ],
    )
    client.force_login(user)
    data = {
        field(survey, "İlgi alanları"): [option(survey, "İlgi alanları", "Spor")],
        field(survey, "Haftada kaç saat gönüllüsünüz?"): "120",
        field(survey, "Ne zamandan beri Ümraniye'desiniz?"): "geçen yıl",
        field(survey, "Hizmetler", "Parklar"): "3",
        field(survey, "Öncelik sırası", "Park"): "1",
        field(survey, "Öncelik sırası", "Kütüphane"): "1",
        field(survey, "Öncelik sırası", "Spor salonu"): "2",
        field(survey, "Eğitim durumu"): "uydurma",
    }
    response = step(client, survey, 1, **data)
    assert response.status_code == 200
    errors = {block["question"].label: block["errors"] for block in response.context["blocks"]}
    assert errors["Adınız"] == ["Lütfen bu soruyu yanıtlayın."]
    assert errors["En sevdiğiniz etkinlik"] == ["Lütfen bu soruyu yanıtlayın."]
    assert errors["İlgi alanları"] == ["En az 2 seçenek seçin."]
    assert "Geçerli bir seçenek seçin" in errors["Eğitim durumu"][0]
    assert errors["Memnuniyet"] == ["Lütfen bu soruyu yanıtlayın."]
    assert errors["Hizmetler"] == ["Her satır için bir değer verin."]
    assert errors["Haftada kaç saat gönüllüsünüz?"] == ["Sayı 80 değerinden büyük olamaz."]
    assert errors["Ne zamandan beri Ümraniye'desiniz?"] == ["23.04.2026 gibi bir tarih girin."]
    assert errors["Bilgi almak ister misiniz?"] == ["Lütfen bu soruyu yanıtlayın."]
    assert errors["Mahalleniz"] == ["Lütfen bu soruyu yanıtlayın."]
    assert errors["Öncelik sırası"] == ["Her öğeye farklı bir sıra verin: 1 birden çok öğeye verilmiş."]
    assert not Response.objects.exists()
    assert b'role="alert"' in response.content

    mahalle = Neighbourhood.objects.get(name="Atakent")
    good = {
        field(survey, "Adınız"): "Ayşe",
        field(survey, "En sevdiğiniz etkinlik"): option(survey, "En sevdiğiniz etkinlik", "Atölye"),
        field(survey, "İlgi alanları"): [
            option(survey, "İlgi alanları", "Spor"),
            option(survey, "İlgi alanları", "Bilim"),
        ],
        field(survey, "Eğitim durumu"): option(survey, "Eğitim durumu", "Lise"),
        field(survey, "Memnuniyet"): "8",
        field(survey, "Hizmetler", "Parklar"): "4",
        field(survey, "Hizmetler", "Ulaşım"): "2",
        field(survey, "Haftada kaç saat gönüllüsünüz?"): "3,5",
        field(survey, "Ne zamandan beri Ümraniye'desiniz?"): "2015-09-01",
        field(survey, "Bilgi almak ister misiniz?"): "yes",
        field(survey, "Mahalleniz"): str(mahalle.pk),
        field(survey, "Öncelik sırası", "Park"): "2",
        field(survey, "Öncelik sırası", "Kütüphane"): "1",
        field(survey, "Öncelik sırası", "Spor salonu"): "3",
    }
    response = step(client, survey, 1, **good)
    assert response.status_code == 302
    stored = Response.objects.get()
    questions = keyed(survey)
    assert stored.answers[questions["Haftada kaç saat gönüllüsünüz?"].key] == "3.5"
    assert stored.answers[questions["Memnuniyet"].key] == 8
    assert stored.answers[questions["Ne zamandan beri Ümraniye'desiniz?"].key] == "2015-09-01"
    assert stored.answers[questions["Mahalleniz"].key] == str(mahalle.pk)
    assert sorted(stored.answers[questions["Öncelik sırası"].key].values()) == [1, 2, 3]
    assert stored.user == user and stored.neighbourhood_id == user.neighbourhood_id
    # 1 text + 1 single + 2 chosen + 1 dropdown + 1 scale + 2 matrix rows + 1 number + 1 date + 1 yes/no
    # + 1 mahalle + 3 ranked = 15 countable rows
    assert Answer.objects.filter(response=stored).count() == 15


@pytest.mark.django_db
def test_steps_keep_what_was_entered_and_show_progress(client, user, priorities):
    client.force_login(user)
    first = client.get(priorities.url)
    assert first.context["step_number"] == 1 and first.context["step_count"] == 2
    assert b"<progress" in first.content
    yes = step(
        client,
        priorities,
        1,
        **{
            field(priorities, "Meclis toplantılarına katıldınız mı?"): "yes",
            field(priorities, "Kaç toplantıya katıldınız?"): option(priorities, "Kaç toplantıya katıldınız?", "Bir"),
        },
    )
    assert yes.status_code == 200 and yes.context["step_number"] == 2
    back = step(client, priorities, 2, action="back")
    assert back.context["step_number"] == 1
    assert back.context["form"].initial[f"q-{field(priorities, 'Meclis toplantılarına katıldınız mı?')}"] == "yes"


@pytest.mark.django_db
def test_hidden_questions_are_neither_required_nor_stored(client, user, priorities):
    survey = with_condition(priorities, "Kaç toplantıya katıldınız?", "Meclis toplantılarına katıldınız mı?", "Evet")
    client.force_login(user)
    attended = field(survey, "Meclis toplantılarına katıldınız mı?")
    how_many = field(survey, "Kaç toplantıya katıldınız?")
    # "No", plus an answer to the hidden question (as a browser without JavaScript may send): it is not required
    # and it is dropped.
    response = step(
        client, survey, 1, **{attended: "no", how_many: option(survey, "Kaç toplantıya katıldınız?", "Bir")}
    )
    assert response.context["step_number"] == 2
    response = step(
        client,
        survey,
        2,
        **{
            field(survey, "Hangi konular öncelikli olmalı?"): [
                option(survey, "Hangi konular öncelikli olmalı?", "İstihdam")
            ],
            field(survey, "Meclisin çalışmalarından memnun musunuz?"): "4",
        },
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert how_many not in stored.answers and stored.answers[attended] == "no"
    assert not Answer.objects.filter(question_key=how_many).exists()


@pytest.mark.django_db
def test_a_shown_conditional_question_is_required(client, user, priorities):
    survey = with_condition(priorities, "Kaç toplantıya katıldınız?", "Meclis toplantılarına katıldınız mı?", "Evet")
    client.force_login(user)
    response = step(client, survey, 1, **{field(survey, "Meclis toplantılarına katıldınız mı?"): "yes"})
    errors = {block["question"].label: block["errors"] for block in response.context["blocks"]}
    assert errors["Kaç toplantıya katıldınız?"] == ["Lütfen bu soruyu yanıtlayın."]


@pytest.mark.django_db
def test_a_section_shown_only_on_condition_is_skipped(client, user, priorities):
    survey = with_condition(priorities, "Öncelikler", "Meclis toplantılarına katıldınız mı?", "Evet")
    client.force_login(user)
    response = step(
        client,
        survey,
        1,
        **{
            field(survey, "Meclis toplantılarına katıldınız mı?"): "no",
            field(survey, "Kaç toplantıya katıldınız?"): option(survey, "Kaç toplantıya katıldınız?", "Bir"),
        },
    )
    assert response.status_code == 302  # the only other step was skipped, so this was the last
    # (PostgreSQL's jsonb keeps no key order: compare as a set.)
    assert set(Response.objects.get().answers) == {
        field(survey, "Meclis toplantılarına katıldınız mı?"),
        field(survey, "Kaç toplantıya katıldınız?"),
    }


def _answer_all(client, survey):
    step(
        client,
        survey,
        1,
        **{
            field(survey, "Meclis toplantılarına katıldınız mı?"): "yes",
            field(survey, "Kaç toplantıya katıldınız?"): option(survey, "Kaç toplantıya katıldınız?", "İki-beş"),
        },
    )
    return step(
        client,
        survey,
        2,
        **{
            field(survey, "Hangi konular öncelikli olmalı?"): [
                option(survey, "Hangi konular öncelikli olmalı?", "İstihdam")
            ],
            field(survey, "Meclisin çalışmalarından memnun musunuz?"): "5",
            field(survey, "Önerileriniz"): "Akşam saatlerinde toplantı olsun.",
        },
    )


@pytest.mark.django_db
def test_one_answer_per_account(client, user, priorities):
    client.force_login(user)
    assert _answer_all(client, priorities).status_code == 302
    again = _answer_all(client, priorities)
    assert Response.objects.count() == 1
    page = client.get(priorities.url)
    assert page.context["answered"] and "form" not in page.context
    assert again.status_code in (200, 302)


@pytest.mark.django_db
def test_the_database_refuses_a_second_answer_from_the_same_account(user, priorities):
    """Two submissions racing past the page's check still meet the constraint."""
    respondent = responses._token(priorities, f"user:{user.pk}")
    responses.save(priorities, respondent, user, {})
    with transaction.atomic(), pytest.raises(responses.AlreadyAnswered):
        responses.save(priorities, respondent, user, {})
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_anonymous_answers_store_no_person(client, user, priorities):
    priorities.anonymous = True
    priorities.save_revision().publish()
    client.force_login(user)
    page = client.get(priorities.url)
    assert "Anonim" in page.content.decode()
    assert _answer_all(client, priorities).status_code == 302
    stored = Response.objects.get()
    assert stored.user is None and stored.submitted_at is None and stored.neighbourhood is None
    assert stored.age_group == "" and stored.changed_at is None
    # The one-way code still stops a second answer.
    _answer_all(client, priorities)
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_people_may_change_their_answer_when_allowed(client, user, priorities):
    priorities.allow_changes = True
    priorities.save_revision().publish()
    client.force_login(user)
    _answer_all(client, priorities)
    page = client.get(priorities.url)
    assert page.context["previous"] and page.context["form"]
    scale = field(priorities, "Meclisin çalışmalarından memnun musunuz?")
    step(
        client,
        priorities,
        1,
        **{
            field(priorities, "Meclis toplantılarına katıldınız mı?"): "no",
            field(priorities, "Kaç toplantıya katıldınız?"): option(priorities, "Kaç toplantıya katıldınız?", "Bir"),
        },
    )
    step(
        client,
        priorities,
        2,
        **{
            field(priorities, "Hangi konular öncelikli olmalı?"): [
                option(priorities, "Hangi konular öncelikli olmalı?", "Çocuk bakımı")
            ],
            scale: "2",
        },
    )
    stored = Response.objects.get()
    assert stored.answers[scale] == 2 and stored.changed_at is not None
    assert list(Answer.objects.filter(question_key=scale).values_list("number", flat=True)) == [2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(2, 10, "Bu anket"), (-10, -2, "artık yanıt almıyor")],
)
def test_surveys_not_open_refuse_answers(client, user, priorities, opens, closes, message):
    priorities.opens_at, priorities.closes_at = hours(opens), hours(closes)
    priorities.save_revision().publish()
    client.force_login(user)
    page = client.get(priorities.url)
    assert message in page.content.decode() and "form" not in page.context
    _answer_all(client, priorities)
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_signed_in_surveys_ask_people_to_sign_in(client, priorities):
    page = client.get(priorities.url)
    assert "Lütfen bu anketi yanıtlamak için giriş yapın." in page.content.decode()
    _answer_all(client, priorities)
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_members_only_surveys_refuse_others(client, user, other_user, priorities, assembly):
    priorities.audience = SurveyPage.Audience.MEMBERS
    priorities.save_revision().publish()
    MembershipFactory(assembly=assembly, user=user, state=Membership.State.APPROVED)
    client.force_login(other_user)
    page = client.get(priorities.url)
    assert "yalnızca" in page.content.decode().lower() and "form" not in page.context
    _answer_all(client, priorities)
    assert not Response.objects.exists()
    client.force_login(user)
    assert _answer_all(client, priorities).status_code == 302
    assert Response.objects.get().user == user


@pytest.mark.django_db
def test_open_surveys_take_one_answer_per_browser(client, survey_index):
    survey = make_survey(
        survey_index,
        [question(Q.YES_NO, "Parkımız temiz mi?")],
        title="Park anketi",
        audience=SurveyPage.Audience.ANYONE,
    )
    key = field(survey, "Parkımız temiz mi?")
    assert step(client, survey, 1, **{key: "yes"}).status_code == 302
    assert step(client, survey, 1, **{key: "no"}).status_code == 200
    assert Response.objects.count() == 1
    other_browser = client.__class__()
    assert step(other_browser, survey, 1, **{key: "no"}).status_code == 302
    assert Response.objects.count() == 2 and Response.objects.filter(user__isnull=False).count() == 0


@pytest.mark.django_db
def test_answering_is_rate_limited_per_address(client, survey_index, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "survey_answer": "3/m/ip"}
    survey = make_survey(
        survey_index, [question(Q.SHORT_TEXT, "Öneriniz")], title="Açık anket", audience=SurveyPage.Audience.ANYONE
    )
    statuses = [
        client.__class__().post(survey.url, {"step": 1, f"q-{field(survey, 'Öneriniz')}": "x"}).status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


@pytest.mark.django_db
def test_rewording_after_answers_keeps_them_attached(client, user, priorities):
    client.force_login(user)
    _answer_all(client, priorities)
    multiple = keyed(priorities)["Hangi konular öncelikli olmalı?"]
    employment = option(priorities, "Hangi konular öncelikli olmalı?", "İstihdam")
    # Reworded in place: the question and the option keep their keys, so the answer stays with them.
    multiple.label = "Meclis hangi konulara öncelik vermeli?"
    multiple.choices = multiple.choices.replace("İstihdam", "İstihdam ve girişimcilik")
    multiple.save()
    reworded = keyed(priorities)["Meclis hangi konulara öncelik vermeli?"]
    assert reworded.key == multiple.key
    assert dict(reworded.choice_list())[employment] == "İstihdam ve girişimcilik"
    stored = Response.objects.get()
    assert stored.answers[reworded.key] == [employment]
    # Removed and a new option added in another place: the old answers are never handed to the new option.
    reworded.choices = "Yerel ekonomi\nKadın sağlığı\nÇocuk bakımı\nŞiddetle mücadele"
    reworded.save()
    assert employment not in dict(keyed(priorities)["Meclis hangi konulara öncelik vermeli?"].choice_list())


@pytest.mark.django_db
def test_question_keys_survive_rewording_in_the_editor(client, priorities, django_user_model):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    before = {q.label: (q.key, q.choice_list()) for q in priorities.questions.all()}
    employment = option(priorities, "Hangi konular öncelikli olmalı?", "İstihdam")
    rows = []
    for q in priorities.questions.all():
        row = {
            "id": q.pk,
            "kind": q.kind,
            "label": q.label,
            "help_text": "",
            "required": "on" if q.required else "",
            "choices": q.choices,
            "rows": "",
            "scale_size": q.scale_size,
            "scale_low_label": q.scale_low_label,
            "scale_high_label": q.scale_high_label,
            "condition_question": "",
            "condition_answer": "",
            "min_choices": q.min_choices or "",
            "max_choices": q.max_choices or "",
        }
        if q.label == "Hangi konular öncelikli olmalı?":
            row["label"] = "Öncelikli konular"
            row["choices"] = q.choices.replace("İstihdam", "İstihdam ve meslek")
        rows.append(row)
    data = nested_form_data(
        {
            "title": priorities.title,
            "slug": priorities.slug,
            "intro": priorities.intro,
            "audience": "signed_in",
            "opens_at": "",
            "closes_at": "",
            "thank_you": "",
            "questions": inline_formset(rows, initial=len(rows)),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{priorities.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    after = {q.label: (q.key, q.choice_list()) for q in SurveyPage.objects.get(pk=priorities.pk).questions.all()}
    old_key, old_options = before["Hangi konular öncelikli olmalı?"]
    new_key, new_options = after["Öncelikli konular"]
    assert new_key == old_key
    assert dict(old_options)[employment] == "İstihdam"
    assert dict(new_options)[dict((t, k) for k, t in old_options)["İstihdam"]] == "İstihdam ve meslek"


@pytest.mark.django_db
def test_the_editor_refuses_a_condition_on_a_later_question_or_a_wrong_answer(client, priorities, django_user_model):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    questions = list(priorities.questions.all())
    attended = keyed(priorities)["Meclis toplantılarına katıldınız mı?"].key
    scale = keyed(priorities)["Meclisin çalışmalarından memnun musunuz?"]
    rows = []
    for q in questions:
        row = {
            "id": q.pk,
            "kind": q.kind,
            "label": q.label,
            "required": "on",
            "choices": q.choices,
            "scale_size": q.scale_size,
            "condition_question": "",
            "condition_answer": "",
        }
        if q.label == "Kaç toplantıya katıldınız?":
            row.update(condition_question=attended, condition_answer="Belki")
        rows.append(row)
    # A new question put first, depending on the scale question that now comes after it.
    rows.append(
        {
            "kind": "single",
            "label": "İlk soru",
            "required": "on",
            "choices": "A\nB",
            "scale_size": 5,
            "condition_question": scale.key,
            "condition_answer": "A",
            "ORDER": "-1",
        }
    )
    data = nested_form_data(
        {
            "title": priorities.title,
            "slug": priorities.slug,
            "intro": "x",
            "audience": "members",
            "questions": inline_formset(rows, initial=len(questions)),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{priorities.pk}/edit/", data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "“Belki” bu sorunun bir yanıtı değil" in text
    assert "Koşul yalnızca daha önceki bir soruya bağlanabilir." in text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="simultaneous transactions need PostgreSQL")
def test_ten_simultaneous_submissions_of_one_account_store_one_answer(user, priorities):
    import threading

    from django.db import connections

    respondent = responses._token(priorities, f"user:{user.pk}")
    start = threading.Barrier(10)
    outcomes, errors = [], []

    def submit():
        try:
            start.wait()
            responses.save(priorities, respondent, user, {})
            outcomes.append("stored")
        except responses.AlreadyAnswered:
            outcomes.append("refused")
        except Exception as error:  # collected, then asserted empty
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == ["refused"] * 9 + ["stored"]
    assert Response.objects.filter(respondent=respondent).count() == 1


@pytest.mark.django_db
def test_ranking_is_one_ordered_list_that_moves_without_javascript(client, survey_index):
    survey = make_survey(
        survey_index,
        [question(Q.RANKING, "Öncelik sırası", choices=["Park", "Kütüphane", "Spor salonu"])],
        title="Öncelikler",
        audience=SurveyPage.Audience.ANYONE,
    )
    key = keyed(survey)["Öncelik sırası"].key
    html = client.get(survey.url).content.decode()
    assert html.count('<ol class="ranking"') == 1 and html.count('type="number"') == 3
    assert "<select" not in html.split('class="ranking"')[1].split("</ol>")[0]

    def order(response):
        block = response.context["blocks"][0]
        return [(label, bound.value()) for _key, label, bound in block["parts"]]

    # "Down" on the first item, nothing typed yet: the step comes back with the item moved and every place given.
    park = field(survey, "Öncelik sırası", "Park").split("-", 1)[1]
    response = step(client, survey, 1, action=f"rank:{key}:{park}:down")
    assert response.status_code == 200 and not response.context["form"].errors
    assert order(response) == [("Kütüphane", 1), ("Park", 2), ("Spor salonu", 3)]
    moved_button = response.content.decode().split(f'value="rank:{key}:{park}:down"')[1].split(">")[0]
    assert "autofocus" in moved_button  # the keyboard stays on the item that moved

    # Typed places that make no ranking get a clear Turkish message.
    places = {field(survey, "Öncelik sırası", label): value for label, value in [("Park", "1"), ("Kütüphane", "7")]}
    response = step(client, survey, 1, **places, **{field(survey, "Öncelik sırası", "Spor salonu"): "2"})
    assert response.context["blocks"][0]["errors"] == ["1 ile 3 arasında bir sıra verin."]
    places = {field(survey, "Öncelik sırası", label): "1" for label in ["Park", "Kütüphane"]}
    response = step(client, survey, 1, **places)
    assert response.context["blocks"][0]["errors"] == ["Her öğeye farklı bir sıra verin: 1 birden çok öğeye verilmiş."]
    # The list is shown in the order typed, the unplaced last.
    assert [label for label, _value in order(response)][-1] == "Spor salonu"

    # The order shown is the order stored.
    response = step(client, survey, 1, action=f"rank:{key}:{park}:down")
    response = step(
        client,
        survey,
        1,
        **{field(survey, "Öncelik sırası", label): str(place) for label, place in order(response)},
    )
    assert response.status_code == 302
    stored = Response.objects.get().answers[key]
    names = dict(keyed(survey)["Öncelik sırası"].choice_list())
    assert [names[k] for k in sorted(stored, key=stored.get)] == ["Kütüphane", "Park", "Spor salonu"]


@pytest.mark.django_db
def test_the_thank_you_page_leads_on(client, user, assembly, survey_index):
    survey = make_survey(
        assembly,
        [question(Q.YES_NO, "Parkımız temiz mi?")],
        title="Park anketi",
        closes_at=hours(48),
        results_public=True,
    )
    make_survey(survey_index, [question(Q.YES_NO, "Otobüsler zamanında mı?")], title="Ulaşım anketi")
    answered = make_survey(survey_index, [question(Q.YES_NO, "Kütüphane açık mı?")], title="Kütüphane anketi")
    client.force_login(user)
    step(client, answered, 1, **{field(answered, "Kütüphane açık mı?"): "yes"})
    response = step(client, survey, 1, **{field(survey, "Parkımız temiz mi?"): "yes"})
    html = client.get(response["Location"]).content.decode()
    assert "yanıtınız kaydedildi" in html
    assert f'href="{assembly.url}"' in html and "Kadın Meclisi sayfasına dön" in html
    assert f'href="{survey_index.url}"' in html and "Tüm anketler" in html
    assert "Ulaşım anketi" in html and "Diğer açık anketler" in html
    assert "Kütüphane anketi" not in html  # answered already: nothing to lead on to
    assert "Sonuçlar, anket" in html and "kapanınca burada yayımlanacak" in html


@pytest.mark.django_db
def test_clearing_cookies_does_not_give_an_address_unlimited_answers(client, survey_index, user, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "survey_response_address": "2/d/key"}
    survey = make_survey(
        survey_index,
        [question(Q.YES_NO, "Parkımız temiz mi?")],
        title="Park anketi",
        audience=SurveyPage.Audience.ANYONE,
    )
    other = make_survey(
        survey_index, [question(Q.YES_NO, "Çarşı temiz mi?")], title="Çarşı anketi", audience=SurveyPage.Audience.ANYONE
    )
    key, other_key = field(survey, "Parkımız temiz mi?"), field(other, "Çarşı temiz mi?")

    def fresh_browser(address="203.0.113.7"):
        return client.__class__(REMOTE_ADDR=address)

    assert [step(fresh_browser(), survey, 1, **{key: "yes"}).status_code for _ in range(2)] == [302, 302]
    refused = step(fresh_browser(), survey, 1, **{key: "no"})
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Bu bağlantıdan bugün bu ankete çok sayıda yanıt gönderildi" in page
    assert 'value="yes"' in page  # the form is shown again, with what was chosen
    assert Response.objects.filter(survey=survey).count() == 2
    # Another survey, another address, and a signed-in person (one answer per account) are not held back.
    assert step(fresh_browser(), other, 1, **{other_key: "yes"}).status_code == 302
    assert step(fresh_browser("198.51.100.20"), survey, 1, **{key: "no"}).status_code == 302
    signed_in = fresh_browser()
    signed_in.force_login(user)
    assert step(signed_in, survey, 1, **{key: "no"}).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 4
