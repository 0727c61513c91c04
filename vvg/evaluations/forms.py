"""Forms of the evaluation admin; they collect input, the rules are in services.py."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from vvg.core.roles import EVALUATORS

from . import services
from .choices import ApplicationStatus
from .models import BoardDecision


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the application is rejected."),
    )

    def __init__(self, application, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, ApplicationStatus(status).label) for status in services.allowed_statuses(application)
        ]


class AssignForm(forms.Form):
    evaluators = forms.ModelMultipleChoiceField(
        label=_("Evaluators"), queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Evaluators who declared a conflict of interest with this application are not listed."),
    )

    def __init__(self, application, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = (
            get_user_model().objects.filter(groups__name=EVALUATORS, is_active=True)
            .exclude(pk__in=application.assignments.values("evaluator"))
            .exclude(pk__in=application.conflicted_declarations.values("evaluator"))
            .order_by("last_name", "first_name", "username")
        )
        self.fields["evaluators"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class DeclarationForm(forms.Form):
    conflicts = forms.ModelMultipleChoiceField(
        label=_("Applications with which I have a conflict of interest"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You will not evaluate these applications."),
    )
    agree = forms.BooleanField(label=_("I have read the declaration above and sign it."))

    def __init__(self, applications, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflicts"].queryset = applications
        self.fields["conflicts"].label_from_instance = lambda a: f"{a.number} – {a.applicant}"


class DecisionForm(forms.ModelForm):
    """The board decision's own facts; its outcomes are proposed from the ranking."""

    class Meta:
        model = BoardDecision
        fields = ["date", "minutes_number", "procedure"]
        widgets = {"date": AdminDateInput}


class ScoreForm(forms.Form):
    """A points field and a comment field per criterion of the call."""

    def __init__(self, evaluation, assignment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluation = evaluation
        self.criteria = list(evaluation.criteria.all())
        saved = {score.criterion_id: score for score in assignment.scores.all()}
        for criterion in self.criteria:
            score = saved.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = forms.IntegerField(
                label=_("Points (0–%(max)s)") % {"max": criterion.max_points},
                min_value=0, max_value=criterion.max_points, required=False,
                initial=score.points if score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )

    def rows(self):
        """(criterion, points field, comment field) for the template."""
        return [(c, self[f"points_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        for criterion_id, message in services.score_errors(self.evaluation, self.values()).items():
            self.add_error(f"comment_{criterion_id}", message)
        return cleaned

    def values(self):
        """{criterion id: (points, comment)} of the criteria given points."""
        data = self.cleaned_data
        return {
            c.pk: (data[f"points_{c.pk}"], data.get(f"comment_{c.pk}") or "")
            for c in self.criteria
            if data.get(f"points_{c.pk}") is not None
        }
