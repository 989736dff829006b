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


class KnownAddress(models.Model):
    """A street and building whose place on the map the portal knows: the suggestion box's gazetteer.

    Filled by the apps that hold addresses with coordinates (the post team's recipient book, the register's
    cases), through `places.gazetteer`, so the box can turn a typed address into a pin and a pin into an
    address without an external geocoder and without importing those apps. Only the street, the building
    number, the mahalle and the point are kept: never a name, a door number or why the address is known.
    """

    class Source(models.TextChoices):
        RECIPIENT = "recipient", _("Recipient book")
        CASE = "case", _("Case register")

    street = models.CharField(_("avenue or street"), max_length=150)
    number = models.CharField(_("building number"), max_length=20, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), null=True, blank=True, on_delete=models.CASCADE
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # turkish.street_key(street): how typed addresses are matched ("Alemdağ Cad." = "ALEMDAĞ CADDESİ").
    street_key = models.CharField(max_length=150, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["street_key", "number"]
        verbose_name = _("known address")
        verbose_name_plural = _("known addresses")
        constraints = [
            models.UniqueConstraint(fields=["street_key", "number", "neighbourhood"], name="known_address_once"),
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="known_address_point")]

    def __str__(self):
        text = f"{self.street} No: {self.number}" if self.number else self.street
        return f"{text}, {self.neighbourhood.name} Mah." if self.neighbourhood_id else text
