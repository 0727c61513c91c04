"""Who may read the search terms report: the people who choose promoted results for those searches.

Wagtail shows its report to superusers only. Here it follows the promotions' own permissions, any of
add, change or delete, as Wagtail's "Promoted search results" menu item asks them: migration 0003
gives them to Redaktoriai, and superusers have every permission. The report shows only the words
people searched and how often (search.services.log_query keeps nothing about who searched, and no
text that looks like an e-mail address, phone number or personal code), so no role that sees no
personal data gains any with it.
"""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.permission_policies import ModelPermissionPolicy

PROMOTION_ACTIONS = ("add", "change", "delete")


def can_read_search_terms(user):
    return ModelPermissionPolicy(SearchPromotion).user_has_any_permission(user, PROMOTION_ACTIONS)
