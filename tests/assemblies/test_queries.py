"""The member's own assembly pages run a fixed number of queries, however many assemblies they belong to."""

import pytest

from assemblies.models import Membership
from tests.conftest import publish, translate
from tests.factories import AssemblyPageFactory, MembershipFactory


def join(assembly_index, user, count, english=None):
    """`count` more assemblies (translated when `english` is the English assembly index) with `user` in each."""
    start = Membership.objects.filter(user=user).count()
    for number in range(start, start + count):
        assembly = publish(AssemblyPageFactory(parent=assembly_index, title=f"Meclis {number}"))
        if english is not None:
            translate(assembly, english.locale, title=f"Assembly {number}", slug=f"{assembly.slug}-en")
        state = Membership.State.APPLIED if number % 2 else Membership.State.APPROVED
        MembershipFactory(assembly=assembly, user=user, email=user.email, state=state)


@pytest.mark.django_db
def test_my_assemblies_queries_do_not_grow_with_assemblies(client, assembly_index, user, django_assert_max_num_queries):
    client.force_login(user)
    join(assembly_index, user, 2)
    client.get("/accounts/assemblies/")  # first the caches that live across requests (new pages empty some)
    with django_assert_max_num_queries(15) as queries:
        client.get("/accounts/assemblies/")
    few = len(queries)  # now: the next request empties the log it reads
    join(assembly_index, user, 10)
    client.get("/accounts/assemblies/")  # first the caches that live across requests (new pages empty some)
    with django_assert_max_num_queries(few):
        page = client.get("/accounts/assemblies/").content.decode()
    assert page.count("Başvuruyu geri çek") == 6


@pytest.mark.django_db
def test_my_assemblies_in_english_name_the_translations_in_one_query(
    client, assembly_index, english_home_page, user, django_assert_max_num_queries
):
    english = translate(assembly_index, english_home_page.locale, title="Assemblies", slug="assemblies")
    client.force_login(user)
    join(assembly_index, user, 2, english=english)
    client.get("/en/accounts/assemblies/")  # first the caches that live across requests (new pages empty some)
    with django_assert_max_num_queries(15) as queries:
        client.get("/en/accounts/assemblies/")
    few = len(queries)  # now: the next request empties the log it reads
    join(assembly_index, user, 10, english=english)
    client.get("/en/accounts/assemblies/")  # first the caches that live across requests (new pages empty some)
    with django_assert_max_num_queries(few):
        page = client.get("/en/accounts/assemblies/").content.decode()
    assert "Assembly 11" in page and "Meclis 11" not in page
