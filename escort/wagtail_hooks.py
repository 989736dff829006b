"""The Danışma ve Refakat group of the admin menu.

The unit sees and changes bookings, offices and the roster; the call centre has only "Book an escort". Every
listing asks for more than the add permission (Wagtail's own asks for any), so the call centre's booking right
shows it no list of visitors, no history and no chooser (none is registered).
"""

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts import roles
from escort import admin_views
from escort.groups import UNIT, is_unit, may_book
from escort.models import NEEDS, Booking, Office, RosterException, SlotCapacity
from theme.panels import FormClassFromViewSetMixin

MENU_HOOK = "register_escort_menu_item"


class UnitIndexView(generic.IndexView):
    any_permission_required = ["change", "delete", "view"]


class BookingIndexView(UnitIndexView):
    default_ordering = "-date"  # the coming days and the latest visits first

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("office")


class UnitHistoryView(history.HistoryView):
    any_permission_required = ["change", "delete"]


class BookInsteadView(generic.CreateView):
    """A booking is added through the booking form, which counts the slot's escorts."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("escort_book")


class UnitViewSet(FormClassFromViewSetMixin, ModelViewSet):
    index_view_class = UnitIndexView
    history_view_class = UnitHistoryView
    menu_hook = MENU_HOOK
    add_to_admin_menu = False


class BookingForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the unit's people can be a booking's escort: no list of every account.
        if "escort" in self.fields:
            self.fields["escort"].queryset = (
                self.fields["escort"].queryset.filter(groups__name=UNIT).order_by("first_name", "last_name")
            )
        if "helped_offices" in self.fields:
            self.fields["helped_offices"].widget = forms.CheckboxSelectMultiple()
            self.fields["helped_offices"].queryset = Office.objects.all()


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class BookingViewSet(UnitViewSet):
    model = Booking
    icon = "user"
    menu_label = _("Escort bookings")
    menu_order = 10
    add_view_class = BookInsteadView
    index_view_class = BookingIndexView
    list_display = [
        "code",
        "date",
        Column("slot_label", label=_("Time")),
        "visitor_name",
        "office",
        StatusColumn("status", label=_("Status")),
    ]
    list_filter = ["status", "office", "booked_by", "date"]
    search_fields = ["code", "visitor_name", "phone"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    list_export = ["code", "date", "hour", "office", "status", "booked_by", "met_at"] + [
        field for field, _l, _i in NEEDS
    ]
    export_filename = "refakat-randevulari"
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("hour"), FieldPanel("office")]),
        MultiFieldPanel(
            [FieldPanel(field) for field, _label, _icon in NEEDS] + [FieldPanel("other_need")], heading=_("Needs")
        ),
        FieldRowPanel([FieldPanel("visitor_name"), FieldPanel("phone")], heading=_("Visitor")),
        FieldRowPanel([FieldPanel("booked_by"), FieldPanel("proxy_name"), FieldPanel("proxy_relation")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("escort"), FieldPanel("met_at")]),
                FieldPanel("helped_offices"),
                FieldPanel("outcome"),
            ],
            heading=_("Visit"),
        ),
    ]
    base_form_class = BookingForm


class OfficeViewSet(UnitViewSet):
    model = Office
    icon = "home"
    menu_label = _("Offices")
    menu_order = 20
    list_display = ["name", "floor", "active", "sort_order"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("floor"), FieldPanel("sort_order"), FieldPanel("active")])]


class RosterViewSet(UnitViewSet):
    model = SlotCapacity
    icon = "date"
    menu_label = _("Roster")
    menu_order = 30
    list_display = [Column("weekday", label=_("weekday"), accessor="get_weekday_display"), "hour", "escorts"]
    list_filter = ["weekday"]
    list_per_page = 100
    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("hour"), FieldPanel("escorts")])]


class RosterExceptionViewSet(UnitViewSet):
    model = RosterException
    icon = "warning"
    menu_label = _("Roster exceptions")
    menu_order = 40
    list_display = ["date", "hour", "escorts", "reason"]
    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("hour"), FieldPanel("escorts")]), FieldPanel("reason")]


class EscortMenu(ViewSetGroup):
    menu_label = _("Reception and escort")
    menu_name = "escort"
    menu_icon = "user"
    menu_order = 250
    submenu_hook = MENU_HOOK
    items = (
        BookingViewSet("escort_bookings", url_prefix="escort/bookings"),
        OfficeViewSet("escort_offices", url_prefix="escort/offices"),
        RosterViewSet("escort_roster", url_prefix="escort/roster"),
        RosterExceptionViewSet("escort_exceptions", url_prefix="escort/exceptions"),
    )


@hooks.register("register_admin_viewset")
def escort_menu():
    return EscortMenu()


@hooks.register("register_admin_urls")
def escort_urls():
    return [
        path("escort/book/", admin_views.book, name="escort_book"),
        path("escort/figures/", admin_views.figures_view, name="escort_figures"),
    ]


class BookMenuItem(MenuItem):
    def is_shown(self, request):
        return may_book(request.user)


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return is_unit(request.user)


class DayMenuItem(MenuItem):
    def is_shown(self, request):
        return is_unit(request.user)


@hooks.register(MENU_HOOK)
def book_menu_item():
    return BookMenuItem(_("Book an escort"), reverse("escort_book"), icon_name="plus", order=5)


@hooks.register(MENU_HOOK)
def day_menu_item():
    return DayMenuItem(_("Today's escorts (phone)"), reverse("escort:day"), icon_name="mobile-alt", order=8)


@hooks.register(MENU_HOOK)
def figures_menu_item():
    return FiguresMenuItem(_("Escort figures"), reverse("escort_figures"), icon_name="table", order=50)


@hooks.register("login_redirect_url")
def escorts_land_on_their_day(request):
    """An escort (of the unit, not an administrator) lands on the day's bookings, phone first (accounts.adapter)."""
    user = request.user
    if user.is_authenticated and not user.is_superuser and roles.in_any_group(user, UNIT):
        return reverse("escort:day")
    return None
