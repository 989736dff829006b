"""Which staff groups a person is in, read once per request.

Every admin page asks several menus whether to show themselves (the council's, the employment centre's, the
escort unit's, field visits'...); each asking the database would add a query per menu to every page. The names
are kept on the user object, which lives for one request.
"""

CACHE_ATTRIBUTE = "_accounts_group_names"


def group_names(user):
    """The names of `user`'s groups, as a frozenset; empty for an anonymous or inactive user."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    names = getattr(user, CACHE_ATTRIBUTE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, CACHE_ATTRIBUTE, names)
    return names


def in_any_group(user, *names):
    """Whether `user` (active) is in one of the groups `names`."""
    return not group_names(user).isdisjoint(names)
