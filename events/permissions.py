"""Who may see the registers: their model permissions, which the roles migration gives the register keepers.

Superusers have every permission; editors (Redaktoriai) and everyone else have none of these.
Every view of a register row (its history too, which names the person) asks these rules.
"""


def can_keep_register(user, model):
    return user.is_active and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def can_keep_registrations(user):
    return user.is_active and user.has_perm("events.change_registration")


def can_keep_consultations(user):
    return user.is_active and user.has_perm("events.change_consultation")
