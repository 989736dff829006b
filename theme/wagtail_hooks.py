from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def dashboard_css():
    """The few styles the staff dashboards' panels share (their figures), as a file: the CSP allows no inline style."""
    return format_html('<link rel="stylesheet" href="{}">', static("theme/css/admin-dashboard.css"))


@hooks.register("insert_global_admin_css")
def listings_css():
    """Listings that scroll sideways on a phone instead of losing their right-hand columns."""
    return format_html('<link rel="stylesheet" href="{}">', static("theme/css/admin-listings.css"))


@hooks.register("insert_global_admin_css")
def messages_css():
    """Wagtail's success message in a green with enough contrast for its small white text."""
    return format_html('<link rel="stylesheet" href="{}">', static("theme/css/admin-messages.css"))


# Wagtail's stock reports (aging pages, page types, site history, workflows) and its help
# menu (English guides, "what's new in Wagtail") answer questions of the site's
# administrators; coordinators and Çözüm Merkezi staff met them unexplained.
ADMINISTRATORS_ONLY = {"reports", "help"}


@hooks.register("construct_main_menu")
def hide_administrators_menus(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name not in ADMINISTRATORS_ONLY]
