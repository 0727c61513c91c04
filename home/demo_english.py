"""English translations of the demo's home page, About page and one call, as an editor makes them.

Each is made the way Wagtail's simple translation makes it (a copy in the English locale, then the
editor's English text, published), so the demo shows the language switcher at work. The text is
the Lithuanian demo text in English. Only missing translations are made: a second run changes
nothing, and a page an editor has already translated is left as it is.
"""

from wagtail.models import Locale

from vvg.calls.demo import INDEX_SLUG as CALLS_SLUG
from vvg.calls.models import CallIndexPage, CallPage

from .demo_content import EMAIL, FACEBOOK_URL, MUNICIPALITY_URL, call_to_action, stream, table
from .models import StandardPage

ENGLISH = "en"
ABOUT_SLUG = "apie-vvg"
CALL_SLUG = "kvietimas-nr-2"  # the call that is open in a fresh demo, so the English home lists it

GOAL = (
    "To reduce the social exclusion of socially vulnerable groups by encouraging their active involvement in "
    "community activities, improving the services provided to them and improving the economic situation of "
    "businesses in the town of Ignalina"
)
AGREEMENT = (
    "On 10 December 2024 the Ignalina town local action group signed grant agreement No. 11-008-T-0009 with the "
    "Central Project Management Agency (CPVA) for the project “Administration of the implementation of the Ignalina "
    "town local development strategy 2024–2029”. The project is co-funded by the European Union."
)
ORDER = (
    "By Order No. 1V-478 of the Minister of the Interior of the Republic of Lithuania of 29 July 2024, the strategy "
    "was included in the list of funded strategies."
)
LINKS = f"""- <a href="{FACEBOOK_URL}" hreflang="lt">The Ignalina town LAG group on Facebook</a> (in Lithuanian)
- <a href="{MUNICIPALITY_URL}" hreflang="lt">The Ignalina town local action group on the website of Ignalina district
municipality</a> (in Lithuanian)"""
TARGET_GROUP = """- the staff, volunteers, governing bodies and members of the governing bodies of the Ignalina town LAG;
- representatives of those who prepare and carry out local development projects in Ignalina town;
- the community of the area where the Ignalina town local development strategy is implemented."""

HOME_FIELDS = {"title": "Ignalina Town Local Action Group", "intro": (
    "The Ignalina town local action group (LAG) implements the Ignalina town local development strategy 2024–2029: "
    "it announces calls for local development projects, and advises, trains and informs the town's community."
)}
HOME = f"""## The goal of the strategy
The goal of the Ignalina town local development strategy 2024–2029 is “{GOAL}”.

Two objectives serve this goal: solving social problems, and encouraging entrepreneurship in the local community
and the founding and growth of social businesses.

## The problems we address
The social and economic indicators of Ignalina district municipality, and of the town with it, are among the worst
in Lithuania. According to the Official Statistics Portal:
- the at-risk-of-poverty rate in Ignalina district municipality is about 10 per cent higher than the national rate;
- the ratio of registered unemployed people to the working-age population is well above both the regional and the
Lithuanian average;
- the number of people receiving one-off social assistance benefits grows by 5–7 per cent every year, and in 2021
it jumped by as much as 52 per cent compared with 2020.

The municipality cannot solve all these social problems on its own, so the Ignalina town local development
strategy 2024–2029 was prepared to help solve them. {ORDER}

## Who our work is for
{TARGET_GROUP}

## What we do
- <b>1.1.</b> We prepare the documents for selecting local development projects, evaluate applications, and
supervise and monitor how the projects are carried out.
- <b>1.2.</b> We train, advise and give methodological help to those who prepare and carry out projects.
- <b>1.3.</b> We implement the strategy, supervise and monitor its implementation and prepare reports.
- <b>1.4.</b> We inform the public about the LAG's work and the strategy's implementation and organise information
events.

## Monitoring indicators"""

INDICATORS = table(
    "Target values of the project's monitoring indicators",
    ["Code", "Indicator", "Target value"],
    ["P.B.2.0080", "Community-led local development strategies supported", "1 strategy"],
    ["R.S.2.3034", "Civil society and private sector organisations that took part in preparing or implementing "
     "community-led local development strategies", "11 organisations"],
)

ABOUT_FIELDS = {"title": "About the LAG", "slug": "about", "intro": (
    "The Ignalina town local action group administers the implementation of the Ignalina town local development "
    "strategy 2024–2029. The project is co-funded by the European Union."
)}
ABOUT = f"""## The project
The Ignalina town local action group (the Ignalina town LAG) carries out the project “Administration of the
implementation of the Ignalina town local development strategy 2024–2029”. {AGREEMENT}

## The project's aim
To carry out the objectives set in the Ignalina town local development strategy 2024–2029 with the active
participation of the local community. The goal of the strategy is “{GOAL}”.

## The project's target group
{TARGET_GROUP}

## The project's activities
- <b>1.1. Preparing the selection documents for local development projects, evaluating them, and supervising and
monitoring their implementation.</b> We prepare the documents of calls for local development projects, evaluate
applications against the selection criteria, and supervise and monitor the selected projects.
- <b>1.2. Building the skills of those who prepare and carry out local development projects.</b> We organise
training, advise project promoters and give them methodological help.
- <b>1.3. Implementing the local development strategy, supervising and monitoring it, and reporting.</b> We follow
the monitoring indicators of the strategy and the project and prepare reports.
- <b>1.4. Informing the public about the LAG's work, the strategy administration project and the strategy's
implementation.</b> We publish news, calls and events and organise information events.

## The project's result
The project will result in the <b>implementation of the Ignalina town local development strategy 2024–2029</b>.

## Equal opportunities and non-discrimination
The strategy is implemented in full respect of the horizontal principles and of all rights of persons under the
Charter of Fundamental Rights of the European Union, involving the town's community and representatives of the
public and private sectors. Organisations representing people with disabilities, older people, young people and
others with fewer functional opportunities or, for social reasons, less involved in the decisions that concern them
take an active part. Any discrimination on grounds of sex, race, nationality, language, origin, social status,
faith, beliefs or views, age, disability, sexual orientation, ethnicity, religion or other grounds is prevented.

## More information
More about the project's implementation (in Lithuanian):
{LINKS}

Write to us in English at <a href="mailto:{EMAIL}">{EMAIL}</a>."""

CALLS = {
    "title": "Calls",
    "slug": "calls",
    "intro": "Calls for local development projects under the Ignalina town local development strategy 2024–2029: "
    "who may apply, what support is given and until when applications are accepted.",
}
CALL = {
    "title": "Call for local projects under the measure “Promoting local entrepreneurship and social business”",
    "slug": "call-no-2",
    "summary": "Support for projects that found or expand social businesses and create jobs in the town of "
    "Ignalina. Applications are assessed in the order they arrive.",
    "eligible_applicants": "<p>Micro and small businesses registered or operating in the town of Ignalina, social "
    "businesses and the non-governmental organisations founding them.</p>",
    "eligible_activities": "<ul><li>Founding and expanding social businesses;</li><li>creating jobs for people from "
    "socially vulnerable groups;</li><li>developing local products and services.</li></ul>",
    "target_groups": "<p>Unemployed people, people with disabilities and young people looking for work in the town "
    "of Ignalina.</p>",
    "contact_name": "LAG administration",
}


def _publish(page, fields):
    page = page.specific_class.objects.get(pk=page.pk)  # fresh: a stale tree field would be saved back
    for name, value in fields.items():
        setattr(page, name, value)
    page.draft_title = page.title
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translate(ctx, english, page, fields):
    """(the English copy of `page` with `fields`, published; whether it is new). An existing one is kept."""
    existing = page.get_translation_or_none(english)
    if existing is not None:
        ctx.present.append(f"English translation of {ctx.path(page)} ({existing.title})")
        return existing.specific, False
    # A draft copy, as the admin's Translate action leaves it; then the English text, published.
    translation = _publish(page.copy_for_translation(english), fields)
    ctx.created.append(f"page {translation.url} in English ({translation.title})")
    return translation, True


def _specific(page, model):
    return page.specific if page is not None and isinstance(page.specific, model) else None


def build_english(ctx):
    """The English home page, About page, calls index and the open call Nr. 2."""
    english = Locale.objects.filter(language_code=ENGLISH).first()
    if english is None:  # the site offers no English
        return
    # The home page's body waits for About, which its call to action links to; the copied Lithuanian body goes.
    home, new_home = _translate(ctx, english, ctx.home, HOME_FIELDS | {"body": []})
    about_lt = _specific(ctx.child(ctx.home, ABOUT_SLUG), StandardPage)
    about = _translate(ctx, english, about_lt, ABOUT_FIELDS | {"body": stream(ABOUT)})[0] if about_lt else None
    if new_home:
        cta = call_to_action(ABOUT_FIELDS["title"], "The project's aim, activities and expected result, and the "
                             "objectives of the strategy.", "Read about the LAG", page=about, url="" if about else "/en/")
        _publish(home, {"body": stream(HOME, INDICATORS, f"## Funding of the project\n{AGREEMENT}", cta)})

    calls_lt = _specific(ctx.child(ctx.home, CALLS_SLUG), CallIndexPage)
    call_lt = _specific(ctx.child(calls_lt, CALL_SLUG), CallPage) if calls_lt else None
    if call_lt:
        _translate(ctx, english, calls_lt, CALLS)
        _translate(ctx, english, call_lt, CALL)


BUILDERS = [build_english]
