"""The council's admin: each slice registers its viewsets and menu items from its own module (council/admin_*.py)."""

from wagtail import hooks

from council import admin_bodies, admin_bulletins, admin_meetings, admin_menu, admin_minutes, admin_opinions, panels

hooks.register("register_admin_viewset", admin_menu.CouncilMenu)
admin_bodies.register()
admin_meetings.register()
admin_minutes.register()
admin_opinions.register()
hooks.register("construct_homepage_panels", panels.secretariat_dashboard)
hooks.register("register_admin_viewset", admin_bulletins.viewset)
