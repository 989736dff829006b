"""The council's admin: each slice registers its viewsets and menu items from its own module (council/admin_*.py)."""
