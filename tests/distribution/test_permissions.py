"""Who may do what in Çözüm Postası: the post team plans, a courier walks only the routes given to them."""

import pytest
from django.urls import reverse

from assemblies.coordinators import ensure_coordinator_group
from distribution.models import Distribution, Publication, Recipient, RecipientList

CHOOSERS = ["recipient", "recipientlist", "publication", "distribution"]


def chooser_urls(model):
    """Every view of the model's snippet chooser: the modal, its results, a chosen item, several, the creation."""
    found = {"recipient": Recipient, "recipientlist": RecipientList, "publication": Publication}.get(
        model, Distribution
    ).objects.first()
    namespace = f"wagtailsnippetchoosers_distribution_{model}"
    return [
        reverse(f"{namespace}:choose"),
        reverse(f"{namespace}:choose_results"),
        reverse(f"{namespace}:chosen", args=[found.pk]),
        reverse(f"{namespace}:chosen_multiple") + f"?id={found.pk}",
        reverse(f"{namespace}:create"),
    ]


@pytest.mark.parametrize("model", CHOOSERS)
def test_only_the_post_team_opens_the_recipient_book_through_a_chooser(
    client, model, distribution, coordinator, user, assembly, admin_user
):
    user.groups.add(ensure_coordinator_group(assembly))  # another role with the admin: an assembly's coordinator
    client.force_login(user)
    for url in chooser_urls(model):
        answer = client.get(url)
        assert answer.status_code == 403, url
        assert "Çakmak" not in answer.content.decode()
    for person in (coordinator, admin_user):
        client.force_login(person)
        assert client.get(chooser_urls(model)[0]).status_code == 200
