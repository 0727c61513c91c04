"""Admin URLs of evaluation beyond the snippet listings, under /admin/evaluations/."""

from django.urls import path

from . import coordinator_views, evaluator_views

urlpatterns = [
    path("my/", evaluator_views.MyAssignmentsView.as_view(), name="my_assignments"),
    path("declaration/<int:call_pk>/", evaluator_views.DeclarationView.as_view(), name="declaration"),
    path("sheet/<int:pk>/", evaluator_views.ScoreView.as_view(), name="score"),
    path("application/<int:pk>/", coordinator_views.ApplicationEvaluationView.as_view(), name="application"),
    path("application/<int:pk>/status/", coordinator_views.StatusView.as_view(), name="status"),
    path("application/<int:pk>/assign/", coordinator_views.AssignView.as_view(), name="assign"),
    path("assignment/<int:pk>/reopen/", coordinator_views.ReopenView.as_view(), name="reopen"),
    path("assignment/<int:pk>/remove/", coordinator_views.UnassignView.as_view(), name="unassign"),
    path("ranking/<int:pk>/", coordinator_views.RankingView.as_view(), name="ranking"),
    path(
        "ranking/<int:pk>/decision/",
        coordinator_views.DecisionFromRankingView.as_view(),
        name="decision_from_ranking",
    ),
    path("decision/<int:pk>/apply/", coordinator_views.DecisionApplyView.as_view(), name="decision_apply"),
]
