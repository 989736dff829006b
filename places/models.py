from django.db import models
from django.utils.translation import gettext_lazy as _

from places import turkish


class NeighbourhoodQuerySet(models.QuerySet):
    def in_turkish_order(self):
        return self.order_by("sort_key")


class Neighbourhood(models.Model):
    """A mahalle of Ümraniye: reference data that addresses, members and cases point at."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True)
    # An approximate centre of the mahalle (WGS84), for distances and maps; correct it when a better one is known.
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = turkish.sort_key(self.name)
        if not self.slug:
            self.slug = turkish.slugify(self.name)
        super().save(*args, **kwargs)
