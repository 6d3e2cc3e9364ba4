"""
The agency's original page, split into the site's models.

German is the agency's own text, verbatim. English is our plain-language translation.
Facts the original does not give (the notice's year, contact details, the photo's
licence) stay empty for editors to fill in.

The legal pages a German public body must have come as unpublished drafts: their
structure follows the law, and every fact the seed does not know is a marked gap
("Bitte ergänzen: …") for editors, never an invented name, address or date.

The Leichte Sprache page retells the same page by the rules of Leichte Sprache; the sign
language page gets its introduction only.
"""

from pathlib import Path

from django.core.files import File

from editorial.seed import seed_once
from photos.models import Photo

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
)

SEED_IMAGES = Path(__file__).resolve().parent / "seed_images"

HERO_PHOTO = {
    "file": "friedensplatz-platzhalter.jpg",
    "alt_text_de": (
        "Platzhalterbild: Das Foto „Friedensplatz, Berswordthalle und altes Stadthaus“ folgt."
    ),
    "alt_text_en": (
        "Placeholder image: the photo “Friedensplatz, Berswordthalle and the old city hall” "
        "will follow."
    ),
    "caption_de": "Friedensplatz, Berswordthalle und altes Stadthaus",
    "caption_en": "Friedensplatz, Berswordthalle and the old city hall",
    "credit_name": "Jesús González Rebordinos",
}

PROFILE = {
    "name_de": "MIA-DO-Kommunales Integrationszentrum Dortmund",
    "name_en": "MIA-DO – Municipal Integration Centre Dortmund",
    "short_name": "MIA-DO-KI",
    "lead_de": (
        "Die MIA-DO-Kommunales Integrationszentrum Dortmund (MIA-DO-KI) ist Teil der "
        "Dortmunder Stadtverwaltung und arbeitet an der Entwicklung und Umsetzung des vom Rat "
        'der Stadt Dortmund beschlossenen "Masterplan Migration/Integration".'
    ),
    "lead_en": (
        "MIA-DO – Municipal Integration Centre Dortmund (MIA-DO-KI) is part of the City of "
        'Dortmund\'s administration. It develops the "Masterplan Migration/Integration", '
        "which Dortmund City Council adopted, and puts it into practice."
    ),
    "parent_organisation_de": "Stadt Dortmund",
    "parent_organisation_en": "City of Dortmund",
}

FOCUS_AREAS = [
    {
        "title_de": "Integrationsarbeit in der Verwaltung fortsetzen",
        "title_en": "Continuing the integration work of the administration",
        "text_de": (
            "Ziel der Arbeit des MIA-DO-Kommunales Integrationszentrum Dortmund (MIA-DO-KI) "
            "ist es, die bereits geleistete Arbeit zum Thema Integration in der Verwaltung "
            "fortzusetzen. Dazu zählt, integrationsfördernde Maßnahmen gemeinsam mit Akteuren "
            "aus Politik, Verwaltung, Verbänden, Projekten, Initiativen und "
            "Migrantenselbstorganisationen zu konzipieren und begleitend umzusetzen."
        ),
        "text_en": (
            "MIA-DO-KI works to continue what the city administration has already done for "
            "integration. This includes planning measures that help integration, together "
            "with people from politics, the administration, associations, projects, "
            "initiatives and migrant organisations, and supporting these measures as they "
            "are carried out."
        ),
    },
    {
        "title_de": "Beteiligung und Vernetzung",
        "title_en": "Involving people and connecting them",
        "text_de": (
            "Außerdem sollen engagierte Ansprechpartner innerhalb und außerhalb der "
            "Verwaltung beteiligt und vernetzt werden, um so den Integrationsprozess in "
            "Dortmund dauerhaft nach vorne zu bringen. Dazu gehört auch eine gute Vernetzung "
            "der Migrations- und Integrationsagentur mit dem Integrationsrat sowie "
            "zahlreichen lokalen Akteuren."
        ),
        "text_en": (
            "Committed contacts inside and outside the administration are to take part and "
            "be connected with each other, so that integration in Dortmund keeps moving "
            "forward for the long term. This also means good links between the migration and "
            "integration agency, the Integration Council and many local partners."
        ),
    },
    {
        "title_de": "Geschäftsstelle des Integrationsrates",
        "title_en": "Office of the Integration Council",
        "text_de": (
            "Die Geschäftsstelle des Integrationsrates ist Teil des MIA-DO-Kommunales "
            "Integrationszentrum Dortmund (MIA-DO-KI) und aktiv an der Arbeit zum Masterplan "
            "Migration/Integration beteiligt."
        ),
        "text_en": (
            "The office of the Integration Council is part of MIA-DO-KI and takes an active "
            "part in the work on the Masterplan Migration/Integration."
        ),
    },
]

NOTICES = [
    {
        "slug": "eroeffnung-friedensplatz",
        "title_de": "Eröffnung der neuen Räume am Friedensplatz",
        "title_en": "Opening of the new office at Friedensplatz",
        "text_de": (
            "Am 30. Januar eröffnete Oberbürgermeister Ullrich Sierau offiziell das MIA-DO/KI "
            "(Migrations- und Integrationsagentur/Kommunales Integrationszentrum) in den neuen "
            "Räumen am Friedensplatz."
        ),
        "text_en": (
            "On 30 January, Lord Mayor Ullrich Sierau officially opened MIA-DO/KI (Migration "
            "and Integration Agency/Municipal Integration Centre) in its new rooms at "
            "Friedensplatz."
        ),
    },
]


DRAFT_NOTE_DE = (
    "**Entwurf, noch nicht veröffentlicht.** Bitte ergänzen Sie alle Angaben in eckigen "
    "Klammern und löschen Sie danach diese Hinweise. Veröffentlichen Sie die Seite erst, "
    "wenn alle Angaben geprüft sind."
)
DRAFT_NOTE_EN = (
    "**Draft, not published yet.** Please fill in every detail in square brackets, then "
    "delete these notes. Publish the page only when every detail has been checked."
)

# Unpublished drafts, linked from the footer once an editor publishes them. Their order
# is the footer's: Impressum, privacy policy, accessibility statement.
LEGAL_PAGES = [
    {
        "slug": "impressum",
        "title_de": "Impressum",
        "title_en": "Legal notice",
        "body_de": f"""{DRAFT_NOTE_DE}

# Anbieter

Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG):

[Bitte ergänzen: genaue Bezeichnung der öffentlichen Stelle und der Verwaltung, zu der sie
gehört]

[Bitte ergänzen: Postanschrift mit Straße, Hausnummer, Postleitzahl und Ort]

# Vertretung

[Bitte ergänzen: wer die Körperschaft gesetzlich vertritt, mit Funktion]

# Kontakt

[Bitte ergänzen: Telefonnummer]

[Bitte ergänzen: E-Mail-Adresse für eine schnelle elektronische Kontaktaufnahme]

# Aufsichtsbehörde

[Bitte ergänzen: zuständige Aufsichtsbehörde mit Anschrift]

# Umsatzsteuer-Identifikationsnummer

[Bitte ergänzen, falls vorhanden: Umsatzsteuer-Identifikationsnummer nach § 27a
Umsatzsteuergesetz. Gibt es keine, löschen Sie diesen Abschnitt.]

# Verantwortlich für den Inhalt

Verantwortlich nach § 18 Absatz 2 Medienstaatsvertrag (MStV):

[Bitte ergänzen: Name und Anschrift der verantwortlichen Person]
""",
        "body_en": f"""{DRAFT_NOTE_EN}

# Provider

Information according to section 5 of the German Digital Services Act (DDG):

[Please add: the exact name of the public body and of the administration it belongs to]

[Please add: postal address with street, house number, postcode and town]

# Legal representative

[Please add: who legally represents the public corporation, with their position]

# Contact

[Please add: phone number]

[Please add: e-mail address for fast electronic contact]

# Supervisory authority

[Please add: the responsible supervisory authority with its address]

# VAT identification number

[Please add, if there is one: VAT identification number according to section 27a of the
German VAT Act. If there is none, delete this section.]

# Responsible for the content

Responsible according to section 18 (2) of the German Interstate Media Treaty (MStV):

[Please add: name and address of the person responsible]
""",
    },
    {
        "slug": "datenschutz",
        "title_de": "Datenschutzerklärung",
        "title_en": "Privacy policy",
        "body_de": f"""{DRAFT_NOTE_DE}

Hier informieren wir Sie nach Artikel 13 der Datenschutz-Grundverordnung (DSGVO) darüber,
welche personenbezogenen Daten diese Website verarbeitet.

# Verantwortliche Stelle

[Bitte ergänzen: Name und Anschrift der verantwortlichen Stelle, mit Telefon und E-Mail]

# Datenschutzbeauftragte oder Datenschutzbeauftragter

[Bitte ergänzen: Kontaktdaten der oder des behördlichen Datenschutzbeauftragten]

# Wenn Sie diese Website besuchen

Diese Website verwendet keine Analyse- oder Werbedienste und bindet keine Inhalte anderer
Anbieter ein: keine Schriftarten, Karten, Videos oder Skripte von fremden Servern.

[Bitte ergänzen: welche Zugriffsdaten der Webserver oder der Hosting-Dienstleister
protokolliert (zum Beispiel IP-Adresse, Datum und Uhrzeit, aufgerufene Adresse), zu welchem
Zweck, auf welcher Rechtsgrundlage und wie lange sie gespeichert werden]

[Bitte prüfen: ob die Fotos von einem externen Speicherdienst ausgeliefert werden. Wenn ja,
nennen Sie ihn hier.]

# Wenn Sie uns eine Barriere melden

Wenn Sie uns über das Formular „Barriere melden“ schreiben, speichern wir Ihre Angaben:
Ihren Namen (wenn Sie ihn angeben), Ihre E-Mail-Adresse, Ihre Nachricht und die Seite, um
die es geht. Wir brauchen sie, um Ihre Meldung zu bearbeiten und Ihnen zu antworten. Die
Meldung wird außerdem per E-Mail an die zuständige Stelle weitergeleitet.

Nur die Seite mit diesem Formular setzt ein Cookie. Es ist technisch notwendig und schützt
davor, dass andere Websites in Ihrem Namen Formulare absenden. Es enthält keine Angaben über
Sie.

Damit niemand massenhaft Meldungen sendet, zählt die Website eine Stunde lang, wie viele
Meldungen von Ihrer IP-Adresse und mit Ihrer E-Mail-Adresse kommen. Dafür speichert sie nur
einen daraus berechneten Prüfwert, nicht die Adressen selbst.

[Bitte ergänzen: die Rechtsgrundlage dieser Verarbeitung und wie lange die Meldungen
aufbewahrt werden]

# Empfänger

[Bitte ergänzen: ob und an wen personenbezogene Daten weitergegeben werden, zum Beispiel an
einen Hosting- oder E-Mail-Dienstleister]

# Ihre Rechte

Sie haben das Recht auf Auskunft über die Daten, die wir über Sie verarbeiten (Artikel 15
DSGVO), auf Berichtigung (Artikel 16 DSGVO), auf Löschung (Artikel 17 DSGVO), auf
Einschränkung der Verarbeitung (Artikel 18 DSGVO) und auf Widerspruch gegen die
Verarbeitung (Artikel 21 DSGVO).

# Beschwerderecht

Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Artikel 77
DSGVO).

[Bitte ergänzen: die zuständige Aufsichtsbehörde mit Anschrift]
""",
        "body_en": f"""{DRAFT_NOTE_EN}

Here we tell you, as Article 13 of the General Data Protection Regulation (GDPR) requires,
which personal data this website processes.

# Controller

[Please add: name and address of the controller, with phone number and e-mail address]

# Data protection officer

[Please add: contact details of the public body's data protection officer]

# When you visit this website

This website uses no analytics or advertising services and includes no content from other
providers: no fonts, maps, videos or scripts from other servers.

[Please add: which access data the web server or the hosting provider logs (for example IP
address, date and time, the address requested), for what purpose, on what legal basis and
for how long they are kept]

[Please check: whether the photos are delivered by an external storage service. If so, name
it here.]

# When you report a barrier to us

When you write to us with the form "Report a barrier", we store what you enter: your name
(if you give it), your e-mail address, your message and the page it is about. We need these
to deal with your report and to answer you. The report is also forwarded by e-mail to the
office responsible.

Only the page with this form sets a cookie. It is technically necessary and stops other
websites from sending forms in your name. It contains no information about you.

So that nobody can send reports in bulk, the website counts for one hour how many reports
come from your IP address and with your e-mail address. For this it stores only a check
value calculated from them, not the addresses themselves.

[Please add: the legal basis of this processing and how long the reports are kept]

# Recipients

[Please add: whether and to whom personal data are passed on, for example to a hosting or
e-mail provider]

# Your rights

You have the right of access to the data we process about you (Article 15 GDPR), to
rectification (Article 16 GDPR), to erasure (Article 17 GDPR), to restriction of processing
(Article 18 GDPR) and to object to processing (Article 21 GDPR).

# Right to lodge a complaint

You have the right to lodge a complaint with a data protection supervisory authority
(Article 77 GDPR).

[Please add: the responsible supervisory authority with its address]
""",
    },
    {
        "slug": "barrierefreiheit",
        "title_de": "Erklärung zur Barrierefreiheit",
        "title_en": "Accessibility statement",
        "shows_feedback_form": True,
        "body_de": f"""{DRAFT_NOTE_DE}

Öffentliche Stellen müssen ihre Websites barrierefrei gestalten. Diese Erklärung sagt, wie
weit diese Website das schon ist.

[Bitte ergänzen: die Rechtsgrundlage, nach der diese Erklärung abgegeben wird, und die
Adresse der Website, für die sie gilt]

# Stand der Vereinbarkeit mit den Anforderungen

[Bitte ergänzen: ob die Website mit den Anforderungen vollständig, teilweise oder nicht
vereinbar ist, und worauf diese Einschätzung beruht, etwa auf einer Selbstbewertung oder
einer Prüfung durch Dritte]

# Nicht barrierefreie Inhalte

[Bitte ergänzen: welche Inhalte nicht barrierefrei sind, warum nicht (zum Beispiel wegen
unverhältnismäßiger Belastung) und welche barrierefreien Alternativen es gibt]

# Erstellung dieser Erklärung

[Bitte ergänzen: wann diese Erklärung erstellt und wann sie zuletzt überprüft wurde, und
wie die Barrierefreiheit geprüft wurde]

# Feedback und Kontakt

Ist Ihnen auf dieser Website eine Barriere aufgefallen, oder haben Sie eine Frage zur
Barrierefreiheit? Dann schreiben Sie uns bitte mit dem Formular auf dieser Seite.

[Bitte ergänzen: weitere Wege, die zuständige Stelle zu erreichen, zum Beispiel Telefon
oder Postanschrift, und in welcher Frist sie antwortet]

# Durchsetzungsverfahren

Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die
Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.
Den Weg dorthin finden Sie unter dem Formular.
""",
        "body_en": f"""{DRAFT_NOTE_EN}

Public bodies must make their websites accessible. This statement says how far this
website is accessible already.

[Please add: the legal basis on which this statement is made, and the address of the
website it applies to]

# Compliance status

[Please add: whether the website fully, partly or does not comply with the requirements,
and what this assessment is based on, such as a self-assessment or an assessment by a third
party]

# Non-accessible content

[Please add: which content is not accessible, why not (for example because it would be a
disproportionate burden) and which accessible alternatives there are]

# Preparation of this statement

[Please add: when this statement was prepared and last reviewed, and how accessibility was
assessed]

# Feedback and contact

Have you found a barrier on this website, or do you have a question about accessibility?
Then please write to us with the form on this page.

[Please add: other ways to reach the office responsible, for example phone or postal
address, and how soon it answers]

# Enforcement procedure

If you do not get a satisfactory answer to your report, you can turn to the Ombudsman for
accessible information technology of the State of North Rhine-Westphalia. You find the way
there below the form.
""",
    },
]

# The body that enforces accessibility for public bodies in NRW (§§ 10d, 10e BGG NRW),
# named beside the feedback form. Its website as published by the office of the State's
# commissioner for people with disabilities, to which the Ombudsstelle belongs.
ACCESSIBILITY_ENFORCEMENT = {
    "accessibility_enforcement_name_de": (
        "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen"
    ),
    "accessibility_enforcement_name_en": (
        "Ombudsman for accessible information technology of the State of North Rhine-Westphalia"
    ),
    "accessibility_enforcement_url": "https://www.lbbp.nrw.de/ombudsstelle",
}


def easy_read(paragraphs):
    """Leichte Sprache puts every sentence on a line of its own: one paragraph each."""
    return "\n\n".join(paragraphs)


# Written from the agency's original page by the rules of Leichte Sprache (Netzwerk Leichte
# Sprache, DIN SPEC 33429): short sentences, one statement each, hard words explained,
# long words split by a Mediopunkt. It says nothing the original does not say.
EASY_READ = {
    "title_de": "Informationen in Leichter Sprache",
    "title_en": "Information in Easy Read",
    "body_de": easy_read(
        [
            "# Wer sind wir?",
            "Wir sind MIA-DO-KI.",
            "Das ist eine Abkürzung.",
            "Der lange Name ist: MIA-DO-Kommunales Integrations·zentrum Dortmund.",
            "MIA-DO heißt: Migrations- und Integrations·agentur Dortmund.",
            "KI heißt: Kommunales Integrations·zentrum.",
            "Kommunal heißt: Es gehört zur Stadt.",
            "Wir gehören zur Stadt·verwaltung von Dortmund.",
            "In der Stadt·verwaltung arbeiten viele Menschen für die Stadt Dortmund.",
            "# Was heißt Migration?",
            "Migration heißt: Menschen ziehen in ein anderes Land.",
            "Sie wollen dort leben.",
            "# Was heißt Integration?",
            "Integration heißt: Alle Menschen leben gut zusammen.",
            "Alle Menschen können mit·machen.",
            "Das gilt auch für Menschen aus einem anderen Land.",
            "# Der Masterplan",
            "Ein Masterplan ist ein großer Plan.",
            "Unser Plan hat einen Namen: Masterplan Migration/Integration.",
            "In dem Plan steht: So soll Integration in ganz Dortmund gelingen.",
            "Der Rat der Stadt Dortmund hat den Plan beschlossen.",
            "Der Rat der Stadt ist eine Gruppe von Politikerinnen und Politikern.",
            "Der Rat entscheidet über wichtige Dinge in Dortmund.",
            "Wir arbeiten an dem Plan weiter.",
            "Und wir setzen den Plan um.",
            "Das heißt: Wir machen, was in dem Plan steht.",
            "# Was machen wir?",
            "Die Stadt·verwaltung hat schon viel für Integration getan.",
            "Wir machen mit dieser Arbeit weiter.",
            "Wir planen Dinge, die bei der Integration helfen.",
            "Wir planen diese Dinge mit anderen zusammen.",
            "Wir helfen auch mit, wenn andere diese Dinge machen.",
            "# Mit wem arbeiten wir zusammen?",
            "Wir arbeiten mit vielen Menschen und Gruppen zusammen:",
            "- mit der Politik\n"
            "- mit der Stadt·verwaltung\n"
            "- mit Verbänden: Ein Verband ist eine große Gruppe von Vereinen.\n"
            "- mit Projekten\n"
            "- mit Initiativen: Eine Initiative ist eine Gruppe von Menschen. "
            "Die Menschen setzen sich gemeinsam für eine Sache ein.\n"
            "- mit Migranten·selbst·organisationen: Das sind Vereine von Menschen "
            "aus einem anderen Land.",
            "Manche Menschen arbeiten in der Stadt·verwaltung.",
            "Andere Menschen arbeiten an anderen Stellen.",
            "Wir bringen alle diese Menschen zusammen.",
            "Sie sollen sich kennen·lernen.",
            "Sie sollen gut zusammen·arbeiten.",
            "Das nennt man: ein Netz·werk.",
            "So kommt die Integration in Dortmund voran.",
            "Und zwar für lange Zeit.",
            "# Der Integrations·rat",
            "Der Integrations·rat ist eine Gruppe von Menschen in Dortmund.",
            "Der Integrations·rat spricht über Themen zur Integration.",
            "Wir arbeiten gut mit dem Integrations·rat zusammen.",
            "Der Integrations·rat hat ein Büro.",
            "Das Büro heißt: Geschäfts·stelle.",
            "Die Geschäfts·stelle gehört zu uns.",
            "Die Geschäfts·stelle arbeitet auch an dem Masterplan mit.",
            "# Unsere Ziele",
            "Wir haben 4 Ziele.",
            "1. Wir arbeiten an dem Masterplan für ganz Dortmund. "
            "Und wir setzen den Plan um.\n"
            "2. Wir bauen ein großes Netz·werk auf. "
            "In dem Netz·werk sind alle, die in Dortmund bei der Integration mit·machen. "
            "Alle sollen bei der Integration mit·helfen.\n"
            "3. Wir planen die Integrations·politik von der Stadt Dortmund. "
            "Integrations·politik heißt: Die Stadt entscheidet, was sie für Integration tut. "
            "Wir setzen diese Politik auch um. "
            "So kann Dortmund gute Möglichkeiten nutzen.\n"
            "4. Wir schauen auch über Dortmund hinaus. "
            "Was passiert in der Region? "
            "Was passiert in ganz Deutschland? "
            "Was passiert in Europa? "
            "Was passiert gerade in der Politik? "
            "Wir schauen: Wie passt unsere Arbeit dazu?",
            "# Unsere Räume am Friedens·platz",
            "Wir haben neue Räume.",
            "Die Räume sind am Friedens·platz in Dortmund.",
            "Am 30. Januar hat Ullrich Sierau MIA-DO-KI eröffnet.",
            "Das war in den neuen Räumen.",
            "Ullrich Sierau war zu der Zeit Ober·bürger·meister von Dortmund.",
            "Der Ober·bürger·meister ist der Chef von der Stadt·verwaltung.",
        ]
    ),
    "body_en": easy_read(
        [
            "# Who are we?",
            "We are MIA-DO-KI.",
            "This is a short name.",
            "The long name is German: MIA-DO-Kommunales Integrationszentrum Dortmund.",
            "In English, this means: Migration and Integration Agency Dortmund – "
            "Municipal Integration Centre.",
            "Municipal means: it belongs to the city.",
            "We are part of the city administration of Dortmund.",
            "Many people work for the City of Dortmund in the city administration.",
            "# What does migration mean?",
            "Migration means: people move to another country.",
            "They want to live there.",
            "# What does integration mean?",
            "Integration means: all people live well together.",
            "All people can take part.",
            "This is also true for people from another country.",
            "# The Masterplan",
            "A masterplan is a big plan.",
            "Our plan has a name: Masterplan Migration/Integration.",
            "The plan says how integration can work well in all of Dortmund.",
            "Dortmund City Council decided on the plan.",
            "The City Council is a group of politicians.",
            "The City Council decides important things in Dortmund.",
            "We keep working on the plan.",
            "And we put the plan into practice.",
            "This means: we do what the plan says.",
            "# What do we do?",
            "The city administration has already done a lot for integration.",
            "We carry on with this work.",
            "We plan things that help integration.",
            "We plan these things together with others.",
            "We also help when others do these things.",
            "# Who do we work with?",
            "We work with many people and groups:",
            "- with politicians\n"
            "- with the city administration\n"
            "- with associations: an association is a group of clubs.\n"
            "- with projects\n"
            "- with initiatives: an initiative is a group of people. "
            "The people work together for one cause.\n"
            "- with migrant organisations: these are clubs of people from another country.",
            "Some of these people work in the city administration.",
            "Other people work in other places.",
            "We bring all these people together.",
            "They get to know each other.",
            "They work well together.",
            "This is called a network.",
            "This helps integration in Dortmund to move forward.",
            "And it helps for a long time.",
            "# The Integration Council",
            "The Integration Council is a group of people in Dortmund.",
            "The Integration Council talks about integration.",
            "We work well with the Integration Council.",
            "The Integration Council has an office.",
            "The office is part of MIA-DO-KI.",
            "The office also works on the Masterplan.",
            "# Our goals",
            "We have 4 goals.",
            "1. We work on the Masterplan for all of Dortmund. "
            "And we put the plan into practice.\n"
            "2. We build a big network. "
            "The network is for everyone in Dortmund who takes part in integration. "
            "Everyone should help with integration.\n"
            "3. We plan the integration policy of the City of Dortmund. "
            "Integration policy means: the city decides what it does for integration. "
            "We also put this policy into practice. "
            "This way, Dortmund can make good use of its chances.\n"
            "4. We also look beyond Dortmund. "
            "What happens in the region? "
            "What happens in all of Germany? "
            "What happens in Europe? "
            "What is happening in politics right now? "
            "We look at how our work fits in.",
            "# Our rooms at Friedensplatz",
            "We have new rooms.",
            "The rooms are at Friedensplatz in Dortmund.",
            "On 30 January, Ullrich Sierau opened MIA-DO-KI.",
            "This happened in the new rooms.",
            "At that time, Ullrich Sierau was the Lord Mayor of Dortmund.",
            "The Lord Mayor is the head of the city administration.",
        ]
    ),
}

SIGN_LANGUAGE = {
    "title_de": "Deutsche Gebärdensprache (DGS)",
    "title_en": "German Sign Language (DGS)",
    "intro_de": (
        "Auf dieser Seite finden Sie Informationen über das MIA-DO-Kommunales "
        "Integrationszentrum Dortmund (MIA-DO-KI) in Deutscher Gebärdensprache (DGS). "
        "Unter jedem Video steht sein Inhalt auch als Text."
    ),
    "intro_en": (
        "On this page you find information about MIA-DO – Municipal Integration Centre "
        "Dortmund (MIA-DO-KI) in German Sign Language (Deutsche Gebärdensprache, DGS). "
        "Below each video, its content is also given as text."
    ),
}


def create_hero_photo():
    values = {k: v for k, v in HERO_PHOTO.items() if k != "file"}
    photo = Photo(**values)
    with (SEED_IMAGES / HERO_PHOTO["file"]).open("rb") as image:
        photo.image.save(HERO_PHOTO["file"], File(image), save=False)
    photo.save()


def create_profile():
    hero_photo = Photo.objects.filter(credit_name=HERO_PHOTO["credit_name"]).first()
    AgencyProfile.objects.create(hero_photo=hero_photo, **PROFILE)


def create_legal_page(values, order):
    # A page an editor already made under this address is theirs; the draft stays out.
    if FreePage.objects.filter(slug=values["slug"]).exists():
        return
    FreePage.objects.create(order=order, show_in_footer=True, published=False, **values)


def add_accessibility_enforcement():
    """Fill in the enforcement body, on a profile seeded before it existed, unless edited."""
    profile = AgencyProfile.one()
    if profile is None or (
        profile.accessibility_enforcement_name_de or profile.accessibility_enforcement_url
    ):
        return
    for field, value in ACCESSIBILITY_ENFORCEMENT.items():
        setattr(profile, field, value)
    profile.save()


def load():
    """Load this app's seed items; returns the keys loaded now."""
    steps = [
        ("photo:friedensplatz", create_hero_photo),
        ("profile", create_profile),
    ]
    steps += [
        (
            f"focus-area:{position}",
            lambda values=values, order=position: FocusArea.objects.create(order=order, **values),
        )
        for position, values in enumerate(FOCUS_AREAS, start=1)
    ]
    steps += [
        (f"notice:{values['slug']}", lambda values=values: Notice.objects.create(**values))
        for values in NOTICES
    ]
    steps += [
        (
            f"free-page:{values['slug']}",
            lambda values=values, order=position: create_legal_page(values, order),
        )
        for position, values in enumerate(LEGAL_PAGES, start=1)
    ]
    steps.append(("profile:accessibility-enforcement", add_accessibility_enforcement))
    steps += [
        ("easy-read", lambda: EasyReadPage.objects.create(**EASY_READ)),
        # The introduction only: no video exists yet; editors upload them.
        ("sign-language", lambda: SignLanguagePage.objects.create(**SIGN_LANGUAGE)),
    ]
    return [key for key, create in steps if seed_once(key, create)]
