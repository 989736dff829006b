"""Casing and joining of text people read, by the rules of its language.

Python's str.upper() and Django's capfirst follow English rules, so Turkish "içerik"
becomes "Içerik" and "iş yeri" "Iş yeri"; CSS `text-transform` follows the page's
`lang`, so an English word on a Turkish page becomes "ENGLİSH". These helpers case
by the active language unless told the text's own.
"""

from django.utils.functional import keep_lazy_text
from django.utils.translation import get_language

from places import turkish

SEPARATOR = " · "


def _is_turkish(language):
    return (language or get_language() or "").split("-")[0].lower() in {"tr", "az"}


@keep_lazy_text
def tr_upper(text, language=None):
    """Upper-case: "iş yeri" → "İŞ YERİ" in Turkish, "english" → "ENGLISH" in English."""
    text = str(text)
    return turkish.upper(text) if _is_turkish(language) else text.upper()


@keep_lazy_text
def tr_capfirst(text, language=None):
    """Capitalise the first letter only: "içerik" → "İçerik", "ılık" → "Ilık" in Turkish."""
    if not text:
        return text
    text = str(text)
    return tr_upper(text[0], language) + text[1:]


def join_present(*values, separator=SEPARATOR):
    """Join the values that are there: ("Ayşe", "", None, "0532…") → "Ayşe · 0532…", never "· ·"."""
    return separator.join(str(value) for value in values if value not in (None, "") and str(value).strip())


def install_turkish_capfirst():
    """Make django.utils.text.capfirst case by the active language.

    Django builds every form label, listing heading and panel heading with capfirst
    (`capfirst(field.verbose_name)`), and Wagtail imports it by name in dozens of
    modules, so replacing the module attribute would miss most callers. Swapping the
    code of the one function object they all share reaches them all; the keep_lazy
    wrapper around it stays as it is.
    """
    from django.utils import text as django_text

    function = django_text.capfirst.__wrapped__
    if function.__code__ is not _capfirst_body.__code__:
        function.__code__ = _capfirst_body.__code__


def _capfirst_body(x):
    # Runs with django.utils.text's globals: import what it needs by name.
    from theme.text import tr_capfirst

    return tr_capfirst(x)


def install_turkish_counts():
    """Wagtail's listings end with a count in English word order: "3 onaylar", "185 alıcılar".

    After a number a Turkish noun stays singular ("3 onay"); other languages keep Wagtail's plural.
    WagtailPaginator builds the label itself from the model's names, with no message to translate.
    """
    from django.utils.functional import cached_property
    from wagtail.admin.paginator import WagtailPaginator

    if getattr(WagtailPaginator, "_turkish_counts", False):
        return
    wagtails = WagtailPaginator.items_count_label.func

    def items_count_label(self):
        if (get_language() or "").startswith("tr"):
            return f"{self.count} {self.verbose_name}"
        return wagtails(self)

    label = cached_property(items_count_label)
    label.__set_name__(WagtailPaginator, "items_count_label")
    WagtailPaginator.items_count_label = label
    WagtailPaginator._turkish_counts = True
