"""Demo trainings, events, registrations and consultations for `load_demo_content`.

Dates are counted from today, so a fresh demo always has upcoming and past events; one upcoming
training is nearly full. The people are obviously fictional, with example.lt addresses. Only
what is missing is created: registrations and consultations only together with a new page.
"""

import datetime

from django.utils import timezone

from vvg.calls.models import CallPage
from vvg.core.choices import Sector

from .choices import Attendance, ConsultationForm, EventKind
from .models import Consultation, EventIndexPage, EventPage, Registration, TrainingPage

INDEX_SLUG = "renginiai"
VENUE = "Ignalinos miesto VVG patalpos, Ignalina"

PEOPLE = [
    ("Vardenis Pavardenis", "vardenis.pavardenis@example.lt", "Bendruomenė „Pavyzdys“", Sector.CIVIL),
    ("Vardenė Pavardenė", "vardene.pavardene@example.lt", "UAB „Pavyzdinė įmonė“", Sector.BUSINESS),
    ("Jonas Jonaitis", "jonas.jonaitis@example.lt", "Asociacija „Bandomoji“", Sector.CIVIL),
    ("Ona Onaitė", "ona.onaite@example.lt", "", ""),
    ("Petras Petraitis", "petras.petraitis@example.lt", "MB „Pavyzdys“", Sector.BUSINESS),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def event_specs(today):
    def when(days, start_hour, end_hour):
        day = today + datetime.timedelta(days=days)
        return {"start": _at(day, start_hour), "end": _at(day, end_hour)}

    return [
        (TrainingPage, {
            "slug": "mokymai-kaip-parengti-paraiska",
            "title": "Mokymai: kaip parengti vietos projekto paraišką",
            "intro": "Praktiniai mokymai vietos projektų rengėjams: projekto idėja, atitiktis strategijos uždaviniams, "
                     "biudžetas ir paraiškos forma.",
            **when(14, 10, 15), "venue": VENUE, "capacity": 5, "hours": 5,
            "audience": "Vietos projektų rengėjai: NVO, bendruomenės, verslo subjektai",
            "organiser": "Ignalinos miesto VVG administracija",
            "programme": "<ul><li>10.00 Projekto idėja ir strategijos uždaviniai</li><li>11.30 Biudžetas ir "
                         "tinkamos išlaidos</li><li>13.30 Paraiškos pildymas: praktinė užduotis</li></ul>",
        }, 4),
        (EventPage, {
            "slug": "informacinis-renginys-apie-kvietima",
            "title": "Informacinis renginys apie kvietimą teikti vietos projektus",
            "intro": "Pristatysime kvietimo sąlygas, atsakysime į pareiškėjų klausimus ir paaiškinsime, kaip vertinami "
                     "projektai.",
            "kind": EventKind.INFO_EVENT, **when(30, 17, 19), "venue": VENUE, "capacity": 40,
            "online_url": "https://example.lt/vvg-renginys",
            "audience": "Visi, kurie ketina teikti vietos projektą",
            "organiser": "Ignalinos miesto VVG",
        }, 2),
        (EventPage, {
            "slug": "susitikimas-su-projektu-vykdytojais",
            "title": "Nuotolinis susitikimas su projektų vykdytojais",
            "intro": "Aptarsime projektų įgyvendinimo eigą, mokėjimo prašymus ir viešinimo reikalavimus.",
            "kind": EventKind.MEETING, **when(45, 14, 15), "online_url": "https://example.lt/vvg-susitikimas",
            "audience": "Finansuotų vietos projektų vykdytojai",
            "organiser": "Ignalinos miesto VVG administracija",
        }, 0),
        (TrainingPage, {
            "slug": "mokymai-projektu-vykdytojams",
            "title": "Mokymai projektų vykdytojams: viešinimas ir atsiskaitymas",
            "intro": "Kaip viešinti Europos Sąjungos lėšomis finansuojamą projektą ir kaip už jį atsiskaityti.",
            **when(-60, 10, 14), "venue": VENUE, "capacity": 15, "hours": 4,
            "audience": "Finansuotų vietos projektų vykdytojai",
            "organiser": "Ignalinos miesto VVG administracija",
        }, 3),
        (EventPage, {
            "slug": "bendruomenes-susitikimas-del-strategijos",
            "title": "Bendruomenės susitikimas dėl strategijos įgyvendinimo",
            "intro": "Susitikime aptarėme Ignalinos miesto 2024–2029 m. vietos plėtros strategijos įgyvendinimo "
                     "eigą ir bendruomenės lūkesčius.",
            "kind": EventKind.MEETING, **when(-120, 18, 20), "venue": VENUE,
            "audience": "Ignalinos miesto bendruomenė",
            "organiser": "Ignalinos miesto VVG",
        }, 2),
    ]


def _add_registrations(event, count, now):
    past = event.end < now
    for number, (name, email, organisation, sector) in enumerate(PEOPLE[:count]):
        Registration.objects.create(
            event=event,
            name=name,
            email=email,
            organisation_name=organisation,
            sector=sector,
            processing_consent=True,
            photo_consent=number % 2 == 0,
            attended=(Attendance.NO if number == count - 1 else Attendance.YES) if past else Attendance.UNKNOWN,
            created_at=min(now, event.start) - datetime.timedelta(days=10 - number),
        )


def _add_consultations(call):
    today = timezone.localdate()
    specs = [
        (PEOPLE[0], "Projekto idėjos atitiktis strategijos uždaviniams", ConsultationForm.IN_PERSON, 45, 20),
        (PEOPLE[1], "Tinkamos išlaidos ir biudžeto sudarymas", ConsultationForm.PHONE, 20, 12),
        (PEOPLE[2], "Paraiškos formos pildymas", ConsultationForm.EMAIL, 30, 5),
    ]
    for (name, email, organisation, sector), topic, form, minutes, days_ago in specs:
        Consultation.objects.create(
            date=today - datetime.timedelta(days=days_ago), name=name, email=email, organisation_name=organisation,
            sector=sector, topic=topic, form=form, duration_minutes=minutes, consultant="VVG administracija",
            related_call=call,
        )


def build_events(ctx):
    """The trainings and events index at /renginiai/ (in the menu before "Apie VVG") and its demo content."""
    is_new = ctx.child(ctx.home, INDEX_SLUG) is None
    index = ctx.ensure_page(ctx.home, EventIndexPage(
        title="Renginiai",
        slug=INDEX_SLUG,
        intro="Ignalinos miesto VVG mokymai, informaciniai renginiai ir susitikimai. Registruokitės čia pat, "
              "prie renginio aprašymo.",
        show_in_menus=True,
    ))
    if not isinstance(index, EventIndexPage):
        return  # another page already holds the address; it is the editors' to keep
    about = ctx.child(ctx.home, "apie-vvg")
    if is_new and about:
        index.move(about, pos="left")
        index = EventIndexPage.objects.get(pk=index.pk)  # the move changed its tree path

    now = timezone.now()
    call = CallPage.objects.live().order_by("path").first()
    for model, spec, registrations in event_specs(timezone.localdate()):
        is_new_event = ctx.child(index, spec["slug"]) is None
        extra = {"related_call": call} if model is EventPage and call else {}
        event = ctx.ensure_page(index, model(**spec | extra))
        if is_new_event and registrations:
            _add_registrations(event, registrations, now)
            ctx.created.append(f"{registrations} registrations for “{event.title}”")
    if not Consultation.objects.exists():
        _add_consultations(call)
        ctx.created.append("3 consultations")
    else:
        ctx.present.append("consultations")
