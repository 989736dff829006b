"""The members list keeps its table in the cache (theme.admin_listing.KeptTable): never a stale or another's row;
and its filter menu per process (theme.admin_frame): always the one Wagtail draws."""

import pytest
from django.utils import translation

from assemblies.admin_views import MembershipFilterSet
from assemblies.models import Membership
from tests.factories import MembershipFactory
from tests.theme.test_admin_frame import filter_menu
from theme.admin_listing import row_values

pytestmark = pytest.mark.django_db


def members_page(client, query=""):
    """The list's table (the rest of the page carries a new CSRF token each time)."""
    response = client.get(f"/admin/members/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index("<table", html.index('id="listing-results"'))
    return html[start : html.index("</table>", start)]


def test_the_kept_table_is_the_same_page_and_follows_any_change_to_the_rows(client, assemblies, coordinator):
    member = MembershipFactory(assembly=assemblies["kadin"], full_name="Nermin Aksoy", state="approved")
    MembershipFactory(assembly=assemblies["kadin"], full_name="Sevgi Kara", state="approved")
    client.force_login(coordinator)
    first = members_page(client)
    assert "Nermin Aksoy" in first and members_page(client) == first

    # Written past every signal (as a batch update would): the rows are read on every request all the same.
    Membership.objects.filter(pk=member.pk).update(full_name="Nermin Aksoy Demir", state="suspended")
    changed = members_page(client)
    assert "Nermin Aksoy Demir" in changed and changed != first

    # Another page of the list, another order: its own table.
    by_name = members_page(client, "?ordering=-full_name")
    assert by_name.index("Sevgi Kara") < by_name.index("Nermin Aksoy Demir")


def test_two_coordinators_never_get_each_others_table(client, assemblies, coordinator, other_coordinator):
    MembershipFactory(assembly=assemblies["kadin"], full_name="Nermin Aksoy", state="approved")
    MembershipFactory(assembly=assemblies["genclik"], full_name="Burak Şen", state="approved")
    client.force_login(coordinator)
    assert "Nermin Aksoy" in members_page(client)
    client.force_login(other_coordinator)
    theirs = members_page(client)
    assert "Burak Şen" in theirs and "Nermin Aksoy" not in theirs


def test_a_rows_values_are_the_same_however_often_it_is_read(assemblies):
    """The key is made of the values read: the same row read twice (or by two app servers) gives the same key."""
    member = MembershipFactory(assembly=assemblies["kadin"], state="approved")

    def read():
        return Membership.objects.select_related("assembly", "neighbourhood").get(pk=member.pk)

    assert repr(row_values(read())) == repr(row_values(read()))
    assert "object at 0x" not in repr(row_values(read()))


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [{}, {"state": "approved"}, {"state": "left", "gender": "female"}, {"state": "x"}])
def test_the_filter_menu_is_wagtails_for_each_choice(rf, assemblies, coordinator, chosen):
    request = rf.get("/admin/members/", chosen)
    request.user = coordinator
    with translation.override("tr"):
        for _ in range(2):  # drawn, then kept
            ours, wagtails = filter_menu(MembershipFilterSet(chosen, request=request))
            assert ours == wagtails
    assert "Kadın Meclisi" in ours and "Gençlik Meclisi" not in ours
    assert ('value="approved" selected' in ours) == (chosen.get("state") == "approved")
