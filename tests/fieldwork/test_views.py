"""The officer's phone pages: today's plan, a visit recorded from a stop, a request turned into a case."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case, Channel
from fieldwork.models import Visit
from tests.factories import UserFactory


def test_an_officer_records_a_visit_from_todays_plan_and_turns_its_request_into_a_case(
    client, officer, plan, asphalt, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(30):  # the page frame (menus, settings), then a few for the plans
        page = client.get(reverse("fieldwork:today"))
    text = page.content.decode()
    stop = plan.stops.first()
    assert "Yıldız Fırını" in text and f"?durak={stop.pk}" in text

    form = client.get(reverse("fieldwork:new_visit") + f"?durak={stop.pk}")
    assert form.context["form"].initial["business_name"] == "Yıldız Fırını"
    answer = client.post(
        reverse("fieldwork:new_visit") + f"?durak={stop.pk}",
        {
            "kind": "shopkeeper",
            "business_name": "Yıldız Fırını",
            "neighbourhood": plan.neighbourhood_id,
            "street": "Alemdağ Caddesi",
            "person_name": "Hasan Yıldız",
            "person_role": "İşletme sahibi",
            "topics": [asphalt.pk],
            "satisfaction": "4",
            "contact_consent": "on",
            "contact_phone": "0532 111 22 33",
            "request_text": "Fırının önündeki çukur onarılsın.",
            "request_topic": asphalt.pk,
        },
        follow=True,
    )
    visit = Visit.objects.get()
    assert (visit.stop, visit.satisfaction, visit.contact_phone) == (stop, 4, "+905321112233")
    day = timezone.localtime(visit.visited_at).strftime("%d.%m.%Y")
    assert [str(m) for m in answer.context["messages"]] == [
        f"Ziyaret kaydedildi: Yıldız Fırını ({day}), Çakmak, Hasan Yıldız; 1 konu, memnuniyet: 4 – memnun; 1 talep."
    ]

    request = visit.requests.get()
    answer = client.post(reverse("fieldwork:open_case", args=[request.pk]), follow=True)
    case = Case.objects.get()
    assert case.channel == Channel.FIELD_VISIT
    assert f"Başvuru açıldı: takip numarası {case.display_number} (kanal: saha ziyareti)" in answer.content.decode()
    assert case.display_number in answer.content.decode()  # the tracking number is shown on the visit's page
    today = client.get(reverse("fieldwork:today")).content.decode()
    assert reverse("fieldwork:visit", args=[visit.pk]) in today  # the stop now links its visit


def test_officers_read_each_others_visits_but_change_only_their_own(client, make_visit, other_officer, supervisor):
    visit = make_visit(request_text="Kaldırım yapılsın.")
    request = visit.requests.get()
    client.force_login(other_officer)
    assert client.get(reverse("fieldwork:visit", args=[visit.pk])).status_code == 200
    assert client.get(reverse("fieldwork:edit_visit", args=[visit.pk])).status_code == 404
    assert client.post(reverse("fieldwork:open_case", args=[request.pk])).status_code == 404
    assert not Case.objects.exists()
    client.force_login(supervisor)
    assert client.get(reverse("fieldwork:edit_visit", args=[visit.pk])).status_code == 200
    assert client.post(reverse("fieldwork:open_case", args=[request.pk])).status_code == 302
    assert Case.objects.count() == 1


@pytest.mark.parametrize("who", ["citizen", "call_centre"])
def test_people_outside_the_team_see_nothing(client, make_visit, who):
    from complaints.groups import ensure_call_centre_group

    visit = make_visit(request_text="Kaldırım yapılsın.")
    person = UserFactory()
    if who == "call_centre":
        person.groups.add(ensure_call_centre_group())
    client.force_login(person)
    for url in (
        reverse("fieldwork:today"),
        reverse("fieldwork:visits"),
        reverse("fieldwork:new_visit"),
        reverse("fieldwork:visit", args=[visit.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("fieldwork:open_case", args=[visit.requests.get().pk])).status_code == 404
    client.logout()
    assert client.get(reverse("fieldwork:today")).status_code == 302  # to the log-in


def test_the_visit_list_costs_the_same_few_queries_for_many_visits(
    client, officer, make_visit, django_assert_max_num_queries
):
    for number in range(30):
        make_visit(business_name=f"Dükkan {number}", request_text="Talep")
    client.force_login(officer)
    with django_assert_max_num_queries(25):  # the page frame (menus, settings), the count and the page of visits
        page = client.get(reverse("fieldwork:visits"))
    assert page.status_code == 200 and "Dükkan 29" in page.content.decode()


def test_a_bad_phone_is_refused_in_words(client, officer, cakmak):
    client.force_login(officer)
    answer = client.post(
        reverse("fieldwork:new_visit"),
        {"kind": "employer", "neighbourhood": cakmak.pk, "contact_consent": "on", "contact_phone": "12"},
    )
    form = answer.context["form"]
    assert "contact_phone" in form.errors and "business_name" in form.errors
    assert not Visit.objects.exists()


def test_a_plans_form_offers_the_team_and_the_firms_the_centre_works_with(client, supervisor, officer):
    """The admin's plan form is the team's (fieldwork/wagtail_hooks.VisitPlanForm), not Wagtail's default one that
    listed every account of the portal and, after load_employment_volumes, the report's anonymous archive firms."""
    from django.urls import reverse

    from employment import demo
    from employment.models import Firm
    from tests.employment import centre
    from tests.factories import UserFactory

    demo.load_year(2016, 2, 2, 2, 1)
    assert Firm.objects.filter(name__startswith="Arşiv kaydı").count() == 2
    firm = centre.firm()
    UserFactory(first_name="Başka", last_name="Vatandaş")
    client.force_login(supervisor)
    for url in (
        reverse("wagtailsnippets_fieldwork_visitplan:add"),
        reverse("wagtailsnippets_fieldwork_representation:add"),
    ):
        form = client.get(url).context["form"]
        assert set(form.fields["staff"].queryset) == {supervisor, officer}
    form = client.get(reverse("wagtailsnippets_fieldwork_visitplan:add")).context["form"]
    assert list(form.formsets["stops"].empty_form.fields["firm"].queryset) == [firm]
