"""Admin listings share one rendering of the rows' "more" menus of the same shape: to the very HTML Wagtail gives."""

from django.test import RequestFactory
from wagtail.admin.widgets.button import Button, ButtonWithDropdown

from theme.admin_listing import ReusedDropdown


def menu(name, pk, decide=True):
    buttons = [
        Button("Düzenle", url=f"/admin/members/edit/{pk}/", icon_name="edit", priority=10),
        Button("İncele", url=f"/admin/members/inspect/{pk}/", icon_name="info-circle", priority=20),
    ]
    if decide:
        buttons.append(
            Button("Askıya al", url=f"/admin/members/suspend/{pk}/?next=/admin/members/?q=a&p=2", icon_name="lock")
        )
    return ButtonWithDropdown(
        buttons=buttons, icon_name="dots-horizontal", attrs={"aria-label": f"'{name}' için diğer seçenekler"}
    )


def test_reused_menus_are_wagtails_html_with_each_rows_values():
    context = {"request": RequestFactory().get("/admin/members/")}
    rows = [("Ayşe Yılmaz", 1, True), ('O\'Brien & <Işık> "Çınar"', 2, True), ("Zeynep Kaya", 3, False)]
    renderings = {}
    for name, pk, decide in rows:
        original = menu(name, pk, decide).render_html(context)
        reused = ReusedDropdown(menu(name, pk, decide), renderings).render_html(context)
        assert reused == original
    assert len(renderings) == 2  # the first two rows shared one rendering, the third had no decision
    assert "&lt;Işık&gt;" in ReusedDropdown(menu(rows[1][0], 2), renderings).render_html(context)


def test_written_cells_are_wagtails_html():
    import datetime
    from decimal import Decimal

    from django.utils import timezone
    from django.utils.translation import gettext_lazy, override
    from wagtail.admin.ui.tables import Column

    from theme.admin_listing import cell_is_wagtails, render_cell

    assert cell_is_wagtails()
    values = [
        None,
        "",
        "  ",
        'Ayşe "Çınar" <b>& Işık</b>',
        gettext_lazy("Edit"),
        datetime.date(2026, 12, 7),
        timezone.make_aware(datetime.datetime(2026, 12, 7, 21, 30)),
        1500,
        Decimal("2.5"),
        True,
    ]
    context = {"row": None, "table": None, "request": RequestFactory().get("/admin/members/")}
    with override("tr"):
        for classname in ("", "title"):
            for value in values:
                column = Column("value", accessor=lambda row, value=value: value, classname=classname)
                assert render_cell(column, object(), context) == column.render_cell_html(object(), context), value
