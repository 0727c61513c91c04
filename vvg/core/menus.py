"""Which of the plugin's admin menus show, as the host site's VVG["ADMIN_MENUS"] says.

Each app declares the names of the menu items it adds; names that no app declared (the host's own
menus, Wagtail's) are never touched. Hiding a menu only tidies the admin: permissions still decide
who may open its views.
"""

from .conf import vvg_setting

PLUGIN_MENUS = set()


def plugin_menu(name):
    """Declare an admin menu item of the plugin by its name; returns the name for the menu's definition."""
    PLUGIN_MENUS.add(name)
    return name


def shown_menu_items(menu_items):
    shown = vvg_setting("ADMIN_MENUS")
    if shown is None:
        return menu_items
    return [item for item in menu_items if item.name not in PLUGIN_MENUS or item.name in shown]
