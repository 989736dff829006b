"""Dependencies point one way (DESIGN.md): an app imports only the apps below it, never a sibling or one above.

Read from the source with `ast`, imports inside functions included, so a sideways import
cannot hide in a view.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lower layers first. `home`, `operations` and config's urls/settings/wsgi stand above everything and read all.
LAYERS = [
    {"places"},
    {"theme"},
    {"config"},
    {"outbox"},
    {"accounts"},
    {"assemblies", "complaints", "employment", "escort"},
    {"events", "surveys", "suggestions", "distribution", "fieldwork", "publicreports", "transparency"},
    {"council"},
]
TOP = {"home", "operations"}
TOP_MODULES = {"config/urls.py", "config/wsgi.py"}
# Where DESIGN.md names an edge inside a layer.
ALLOWED = {("suggestions", "complaints")}


def _layer(app):
    for number, apps in enumerate(LAYERS):
        if app in apps:
            return number
    return None


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno


def _sources():
    for apps in LAYERS:
        for app in sorted(apps):
            for path in sorted((ROOT / app).rglob("*.py")):
                relative = path.relative_to(ROOT).as_posix()
                if "/migrations/" in relative or relative in TOP_MODULES or relative.startswith("config/settings/"):
                    continue
                yield app, path


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    placed = set().union(*LAYERS) | TOP
    assert apps <= placed, f"Place these apps in a layer: {sorted(apps - placed)}"


@pytest.mark.parametrize("app", sorted(set().union(*LAYERS)))
def test_no_import_sideways_or_upwards(app):
    own = _layer(app)
    wrong = []
    for source_app, path in _sources():
        if source_app != app:
            continue
        for imported, line in _imports(path):
            target = _layer(imported)
            if imported in TOP:
                target = len(LAYERS)
            if target is None or imported == app or (app, imported) in ALLOWED:
                continue
            if target >= own:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not wrong, "\n".join(wrong)
