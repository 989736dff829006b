"""The mahalleler as (id, name) choices in Turkish order, kept in the cache: the admin's filters offer them on
every listing, and they change only when staff edit a mahalle (each save or delete forgets the copy)."""

from django.core.cache import cache

from places.models import Neighbourhood

KEY = "places:neighbourhood-choices"
TIMEOUT = 24 * 3600


def neighbourhood_choices():
    return cache.get_or_set(
        KEY, lambda: list(Neighbourhood.objects.in_turkish_order().values_list("pk", "name")), TIMEOUT
    )


def forget(**kwargs):
    cache.delete(KEY)
