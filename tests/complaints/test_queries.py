"""The register's admin pages run a fixed number of queries, however many cases and however long their history."""

import pytest

from complaints import cases
from complaints.models import Case
from tests.queries import warm_count


@pytest.mark.django_db
def test_the_case_list_queries_do_not_grow_with_cases(client, clerk, make_case, django_assert_max_num_queries):
    client.force_login(clerk)
    for _ in range(2):
        make_case()
    # Over 15 by one: Wagtail's admin takes ten on every page; the list its count, rows and three filters' choices.
    few, _page = warm_count(client, "/admin/cases/", django_assert_max_num_queries, 16)
    for _ in range(10):
        make_case(topic=None, description="Parktaki bankların boyanmasını istiyorum.")
    _many, page = warm_count(client, "/admin/cases/", django_assert_max_num_queries, few)
    assert page.count("/admin/cases/inspect/") >= 12


@pytest.mark.django_db
def test_the_case_page_queries_do_not_grow_with_its_history(
    client, clerk, make_case, veterinary, django_assert_max_num_queries
):
    client.force_login(clerk)
    case = make_case()
    cases.add_note(case, "Vatandaş arandı.", actor=clerk)
    url = f"/admin/cases/inspect/{case.pk}/"
    # Over 15: Wagtail's admin takes ten of them on every page (the user's profile, the locales, the permissions
    # its menus ask about), the case page eight (the case with what it shows, its photos, notes, history,
    # notifications, supporters, and the directorates to route a new case to).
    few, _page = warm_count(client, url, django_assert_max_num_queries, 18)
    cases.route(Case.objects.get(pk=case.pk), veterinary, actor=clerk)
    for number in range(10):
        cases.add_note(case, f"Vatandaş yeniden arandı ({number}).", actor=clerk)
        cases.add_supporter(case, name=f"Komşu {number}", phone="+905329876543")
    _many, page = warm_count(client, url, django_assert_max_num_queries, few)
    assert "Vatandaş yeniden arandı (9)" in page and "Veteriner" in page
