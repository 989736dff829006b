"""Full-text search over CVs in Turkish, for the centre's staff.

On PostgreSQL each table's text is matched with the `turkish` text-search configuration (stemming: "elektrikçiler"
finds "elektrikçi"): the CV's name, summary and skills, its experience's
positions and employers, its education's schools and fields, and the names of the occupations it seeks or worked
in; every word of the query must be found somewhere. Elsewhere (SQLite) every word of the query must occur in one of the same fields, compared in the Turkish
cases (SQLite folds only ASCII letters, so "İstanbul", "istanbul" and "ISTANBUL" are tried each).
"""

from django.db import connection
from django.db.models import Q

from places import turkish

CONFIG = "turkish"
CV_FIELDS = ["full_name", "summary", "skills"]
RELATED = {
    "experience": ["position", "employer"],
    "education": ["school", "field"],
}


def variants(word):
    """The spellings of `word` that an ASCII-folding LIKE needs to find it in any Turkish case."""
    lower = turkish.lower(word)
    return {word, lower, turkish.upper(word), turkish.upper(lower[:1]) + lower[1:]}


def _plain(queryset, text):
    from employment.models import CV

    paths = (
        CV_FIELDS
        + [f"{relation}__{name}" for relation, names in RELATED.items() for name in names]
        + ["occupations__name", "experience__occupation__name"]
    )
    for word in text.split():
        match = Q()
        for variant in variants(word):
            for path in paths:
                match |= Q(**{f"{path}__icontains": variant})
        queryset = queryset.filter(pk__in=CV.objects.filter(match).values("pk"))
    return queryset


def _postgres(queryset, text):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from employment.models import CV, Education, Experience, Occupation

    def matching(model, fields, query):
        return model.objects.annotate(kk_search=SearchVector(*fields, config=CONFIG)).filter(kk_search=query)

    # Word by word, as on SQLite: each word may be found in another table (a position and a mahalle's school).
    for word in text.split():
        # The server's lower() may not know the Turkish I (its locale): each spelling is tried, as on SQLite.
        query = None
        for variant in sorted(variants(word)):
            one = SearchQuery(variant, config=CONFIG, search_type="plain")
            query = one if query is None else query | one
        occupations = matching(Occupation, ["name"], query).values("pk")
        queryset = queryset.filter(
            Q(pk__in=matching(CV, CV_FIELDS, query).values("pk"))
            | Q(pk__in=matching(Experience, RELATED["experience"], query).values("cv_id"))
            | Q(pk__in=matching(Education, RELATED["education"], query).values("cv_id"))
            | Q(pk__in=CV.objects.filter(occupations__in=occupations).values("pk"))
            | Q(pk__in=Experience.objects.filter(occupation__in=occupations).values("cv_id"))
        )
    return queryset


def search(queryset, text):
    """The CVs of `queryset` matching `text` (all of them for an empty text)."""
    text = " ".join((text or "").split())
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return _postgres(queryset, text)
    return _plain(queryset, text)
