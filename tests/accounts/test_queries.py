"""The account page runs a fixed number of queries, however many consents the person has given."""

import pytest

from accounts.consent import record_consents
from accounts.models import Consent


@pytest.mark.django_db
def test_the_profile_queries_do_not_grow_with_consents(client, kvkk_pages, user, django_assert_max_num_queries):
    notice, consent = kvkk_pages
    texts = [(Consent.Kind.PRIVACY_NOTICE, notice), (Consent.Kind.EXPLICIT_CONSENT, consent)]
    record_consents(user, texts)
    client.force_login(user)
    client.get("/accounts/profile/")  # first the caches that live across requests
    with django_assert_max_num_queries(15) as queries:
        client.get("/accounts/profile/")
    few = len(queries)  # now: the next request empties the log it reads
    for _ in range(5):
        record_consents(user, texts)
    client.get("/accounts/profile/")
    with django_assert_max_num_queries(few):
        page = client.get("/accounts/profile/").content.decode()
    assert page.count("Açık Rıza Metni") >= 6
