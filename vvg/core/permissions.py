"""Who may import and export a register: the rules every register's import/export view asks.

Importing creates and updates rows, so it needs both the model's add and change permissions.
Exporting copies the whole register out of the admin, so mere view permission (which editors
get for choosers) is not enough: it needs the change permission. Superusers may do both.
"""

from wagtail.permission_policies import ModelPermissionPolicy

IMPORT_ACTIONS = ("add", "change")
EXPORT_ACTIONS = ("change",)


def _has_all(user, model, actions):
    policy = ModelPermissionPolicy(model)
    return all(policy.user_has_permission(user, action) for action in actions)


def can_import(user, model):
    return _has_all(user, model, IMPORT_ACTIONS)


def can_export(user, model):
    return _has_all(user, model, EXPORT_ACTIONS)
