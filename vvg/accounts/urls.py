from django.urls import path

from . import views

# Mounted under the admin by wagtail_hooks (register_admin_urls).
urlpatterns = [
    path("two-factor/setup/", views.setup, name="vvg_accounts_setup"),
    path("two-factor/verify/", views.verify, name="vvg_accounts_verify"),
    path("two-factor/reset/<int:user_id>/", views.reset, name="vvg_accounts_reset"),
    path("sign-in-locks/", views.lockouts, name="vvg_accounts_lockouts"),
]
