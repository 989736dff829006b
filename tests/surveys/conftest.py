import datetime

import pytest
from django.utils import timezone

from surveys.models import Question, SurveyPage
from tests.conftest import publish

Q = Question.Kind


def question(kind, label, **fields):
    """A question as the editor fills it in; options and rows are textarea lines."""
    if isinstance(fields.get("choices"), list):
        fields["choices"] = "\n".join(fields["choices"])
    if isinstance(fields.get("rows"), list):
        fields["rows"] = "\n".join(fields["rows"])
    return Question(kind=kind, label=label, **fields)


def make_survey(parent, questions, title="Gençlerin öncelikleri", **fields):
    fields.setdefault("intro", "Meclisin önümüzdeki yıl neye öncelik vereceğini birlikte seçelim.")
    fields.setdefault("slug", title.lower().replace(" ", "-").replace("ç", "c").replace("ğ", "g").replace("ö", "o"))
    survey = SurveyPage(title=title, **fields)
    for position, item in enumerate(questions):
        item.sort_order = position
    survey.questions = questions
    parent.add_child(instance=survey)
    return publish(survey)


def keyed(survey):
    """The survey's questions by label, with their stored keys."""
    return {q.label: q for q in survey.questions.all()}


def hours(n):
    return timezone.now() + datetime.timedelta(hours=n)


@pytest.fixture
def survey_index(home_page):
    from surveys.models import SurveyIndexPage

    return publish(SurveyIndexPage(title="Anketler", slug="anketler", show_in_menus=True), parent=home_page)


@pytest.fixture
def priorities(assembly):
    """A two-step survey of the women's assembly with every kind of question that decides or depends."""
    return make_survey(
        assembly,
        [
            question(Q.SECTION, "Sizi tanıyalım"),
            question(Q.YES_NO, "Meclis toplantılarına katıldınız mı?"),
            question(
                Q.SINGLE,
                "Kaç toplantıya katıldınız?",
                choices=["Bir", "İki-beş", "Beşten fazla"],
                condition_question="",
                condition_answer="",
            ),
            question(Q.SECTION, "Öncelikler"),
            question(
                Q.MULTIPLE,
                "Hangi konular öncelikli olmalı?",
                choices=["Kadın sağlığı", "İstihdam", "Çocuk bakımı", "Şiddetle mücadele"],
                min_choices=1,
                max_choices=2,
            ),
            question(
                Q.SCALE, "Meclisin çalışmalarından memnun musunuz?", scale_low_label="Hiç", scale_high_label="Çok"
            ),
            question(Q.LONG_TEXT, "Önerileriniz", required=False),
        ],
        title="Kadın Meclisi öncelikleri",
        slug="kadin-meclisi-oncelikleri",
        audience=SurveyPage.Audience.SIGNED_IN,
    )


def with_condition(survey, label, on_label, answer):
    """Make `label` shown only when `on_label` was answered `answer`, as an editor would, and republish."""
    questions = keyed(survey)
    target = questions[label]
    target.condition_question = questions[on_label].key
    target.condition_answer = answer
    target.save()
    survey.refresh_from_db()
    return publish(survey)
