"""What hangs off an assembly page: news, events and surveys register here.

Assemblies are the container; the apps that add to them register a component in
their AppConfig.ready(), so this app imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class Component:
    name: str
    heading: Any
    template: str
    items: Callable  # (assembly_page, request) -> an iterable for the template
    order: int = 100
    head_template: str | None = None  # optional <head> additions, e.g. a feed's <link rel="alternate">
    # Shown differently to each visitor (a follow button): rendered beside the join button, outside the
    # components' shared cache, with no heading of its own.
    personal: bool = False


_components: dict[str, Component] = {}


def register(component):
    _components[component.name] = component


def for_assembly(page, request):
    """Each registered component with its items for this assembly, in display order.

    The items are worked out only when a template first reads them, so a page that
    finds the components' HTML in its cache asks the database nothing for them.
    """
    return [
        (component, SimpleLazyObject(partial(component.items, page, request)))
        for component in sorted(_components.values(), key=lambda c: (c.order, c.name))
    ]
