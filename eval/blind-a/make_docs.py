#!/usr/bin/env python3
"""Generate the three blind-a test documents for the fictitious collaboration
"Samverkan Kustbygd" (Strandvik, Norrhamn, Ekeby and Region Västkust).

All text is original and written directly in this script.

Usage (needs python-docx and reportlab):
    /tmp/blind-a-venv/bin/python make_docs.py

Outputs (in ./docs/):
    handlingsplan-aldre-kustbygd-2025-2026.docx
    verksamhetsberattelse-kustbygd-2025.pdf
    projektbeskrivning-bryggan-kustbygd.html
"""
import html
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "docs")

DOC1_NAME = "handlingsplan-aldre-kustbygd-2025-2026.docx"
DOC2_NAME = "verksamhetsberattelse-kustbygd-2025.pdf"
DOC3_NAME = "projektbeskrivning-bryggan-kustbygd.html"

# ---------------------------------------------------------------------------
# Block types:
#   ("title", text) ("subtitle", text) ("line", text) ("pagebreak",)
#   ("toc", [(label, page), ...])      explicit TOC (DOCX)
#   ("autotoc",)                       computed TOC (PDF)
#   ("h1", text) ("h2", text) ("p", text)
#   ("ul", [items]) ("ol", [items])
#   ("table", header, rows, col_widths_in_cm_or_None)
# ---------------------------------------------------------------------------

# ===========================================================================
# Document 1: Handlingsplan för äldre 2025–2026 (DOCX)
# ===========================================================================
DOC1 = [
    ("title", "Samverkan Kustbygd"),
    ("title", "Handlingsplan för äldre 2025–2026"),
    ("subtitle", "Vårdövergångar, trygg hemgång, hemsjukvård, demens och fallprevention"),
    ("line", "Strandviks kommun, Norrhamns kommun, Ekeby kommun och Region Västkust"),
    ("line", "Version 1.3, 2025-02-14"),
    ("line", "Fastställd av ledningsgruppen för Samverkan Kustbygd 2025-02-14"),
    ("line", "Dokumentägare: Karin Lindqvist, processledare Samverkan Kustbygd"),
    ("pagebreak",),
    ("h1nonum", "Innehåll"),
    ("toc", [
        ("1. Bakgrund", 3),
        ("2. Syfte och mål", 3),
        ("3. Målgrupp", 4),
        ("4. Organisation och ansvar", 4),
        ("5. Utskrivning från sluten vård", 5),
        ("6. Trygg hemgång", 6),
        ("7. Hemsjukvård och kommunal primärvård", 6),
        ("8. Demens", 7),
        ("9. Fallprevention", 8),
        ("10. Aktivitetstabell", 9),
        ("11. Uppföljning och revidering", 11),
        ("12. Kontaktpersoner", 11),
    ]),
    ("pagebreak",),

    ("h1", "1. Bakgrund"),
    ("p", "Samverkan Kustbygd är den gemensamma strukturen för vårdsamverkan mellan Strandviks kommun, "
          "Norrhamns kommun, Ekeby kommun och Region Västkust. Arbetet regleras av det regionala hälso- och "
          "sjukvårdsavtalet och av Samverkansplan Kustbygd 2024–2027, som antogs av det politiska samrådet "
          "i november 2023."),
    ("p", "Andelen äldre i området ökar snabbare än i regionen som helhet. I de tre kommunerna bor i dag "
          "cirka 14 300 personer som är 65 år eller äldre, och av dem är omkring 2 900 över 85 år. Enligt "
          "kommunernas befolkningsprognoser väntas antalet invånare över 80 år öka med nästan 30 procent "
          "fram till år 2030."),
    ("p", "Under 2024 låg en utskrivningsklar patient kvar på Västkustsjukhuset i Strandvik i genomsnitt "
          "2,4 dagar efter att hen hade bedömts som utskrivningsklar. Samtidigt skrevs 18 procent av "
          "patienterna över 75 år in på sjukhus igen inom 30 dagar. Siffrorna visar att övergångarna mellan "
          "sjukhus, primärvård och kommunal hälso- och sjukvård behöver bli tryggare och bättre planerade."),
    ("p", "Handlingsplanen ersätter Handlingsplan äldre 2023–2024 och bygger på den uppföljning som gjordes "
          "i december 2024. Version 1.3 innehåller justeringar efter synpunkter från pensionärsråden i "
          "Norrhamn och Ekeby samt ett utökat avsnitt om fallprevention."),

    ("h1", "2. Syfte och mål"),
    ("p", "Syftet med handlingsplanen är att omsätta samverkansplanens mål till konkreta aktiviteter för "
          "äldre personer som behöver insatser från både kommun och region. Planen ska göra det tydligt vem "
          "som gör vad, när det ska vara klart och hur resultatet följs upp."),
    ("p", "Handlingsplanen har fyra övergripande mål för perioden 2025–2026:"),
    ("ul", [
        "Den genomsnittliga tiden som utskrivningsklar på sjukhus ska vara högst 1,5 dagar.",
        "Andelen återinskrivningar inom 30 dagar för personer över 75 år ska minska till 14 procent.",
        "Alla personer med demenssjukdom som har insatser från hemtjänst eller hemsjukvård ska ha en aktuell vårdplan.",
        "Antalet fallskador som leder till sjukhusvård bland personer över 80 år ska minska med 10 procent jämfört med 2024.",
    ]),
    ("p", "Målen följs upp två gånger per år i ledningsgruppen och redovisas i samverkans årliga "
          "verksamhetsberättelse."),

    ("h1", "3. Målgrupp"),
    ("p", "Handlingsplanen riktar sig till personer som är 65 år eller äldre och som har behov av samordnade "
          "insatser från både kommunen och regionen. Särskilt prioriterade grupper är:"),
    ("ul", [
        "multisjuka äldre med omfattande behov av hälso- och sjukvård",
        "personer med demenssjukdom och deras närstående",
        "personer som skrivs ut från sluten vård till ordinärt boende",
        "äldre med förhöjd risk för fall, undernäring eller trycksår",
    ]),
    ("p", "Planen omfattar även personer under 65 år med liknande behov, till exempel personer med tidigt "
          "debuterande demenssjukdom, när det är lämpligt utifrån individens situation."),

    ("h1", "4. Organisation och ansvar"),
    ("p", "Ledningsgruppen för Samverkan Kustbygd beslutar om handlingsplanen och ansvarar för att den följs "
          "upp. Ledningsgruppen består av förvaltningscheferna för vård och omsorg i de tre kommunerna, "
          "verksamhetschefer från regionens primärvård och sjukhus samt områdeschefen för Rehabilitering "
          "Västkust. Ordförande 2025 är Henrik Dahl, socialchef i Norrhamns kommun."),
    ("p", "Arbetsgruppen Äldre Kustbygd leder det praktiska arbetet med aktiviteterna. Gruppen träffas en "
          "gång i månaden, utom i juli, och leds av Amira Hassan, enhetschef för hemsjukvården i Norrhamn, "
          "tillsammans med Per Öhman, verksamhetschef för geriatriken vid Västkustsjukhuset."),
    ("p", "Processledaren Karin Lindqvist samordnar arbetet, för anteckningar i arbetsgruppen och "
          "sammanställer uppföljningen till ledningsgruppen. De medicinskt ansvariga sjuksköterskorna (MAS) "
          "i respektive kommun ansvarar för att rutiner som berör patientsäkerhet förankras i den egna "
          "organisationen."),
    ("p", "Varje part står för sina egna kostnader för att delta i aktiviteterna. Gemensamma "
          "utbildningsinsatser finansieras via samverkans gemensamma budget."),

    ("h1", "5. Utskrivning från sluten vård"),
    ("p", "Lagen om samverkan vid utskrivning från sluten hälso- och sjukvård kräver att kommunen, den "
          "regionala öppenvården och slutenvården planerar tillsammans inför att en patient lämnar "
          "sjukhuset. I Kustbygd sker informationsöverföringen i det gemensamma IT-stödet Kustlänken."),
    ("p", "En patient är utskrivningsklar när ansvarig läkare har bedömt att hen inte längre behöver vård på "
          "sjukhus. Enligt den regionala överenskommelsen har kommunen tre kalenderdagar på sig att ta emot "
          "patienten från det att underrättelsen om utskrivningsklar skickats, innan kommunen blir "
          "betalningsansvarig."),
    ("p", "Under 2025–2026 ska arbetet fokusera på tre förbättringsområden:"),
    ("ul", [
        "tidig planering redan vid inskrivning, så att en fast vårdkontakt i primärvården utses inom ett dygn",
        "fler samordnade individuella planer (SIP) inom 30 dagar efter hemkomst för patienter med behov av insatser från flera huvudmän",
        "bättre läkemedelsinformation vid utskrivning, med en aktuell läkemedelslista som följer patienten hem",
    ]),
    ("p", "Läkemedelslistan prioriteras eftersom 41 av de 126 avvikelser i samverkan som rapporterades 2024 "
          "gällde ofullständig eller felaktig läkemedelsinformation vid utskrivning. Det var den vanligaste "
          "orsaken till avvikelser mellan sjukhuset och kommunerna."),

    ("h1", "6. Trygg hemgång"),
    ("p", "Trygg hemgång är en tidsbegränsad insats från kommunen för personer som skrivs ut från sjukhus "
          "till eget boende och som behöver extra stöd de första dagarna hemma. Insatsen pågår i högst 14 "
          "dagar och ges av ett särskilt team med undersköterskor, sjuksköterska, arbetsterapeut och "
          "fysioterapeut."),
    ("p", "Under tiden kartlägger teamet personens behov i hemmet, tränar vardagliga aktiviteter och ser "
          "till att hjälpmedel finns på plats. Därefter lämnas ärendet över till ordinarie hemtjänst eller "
          "hemsjukvård, eller avslutas om personen klarar sig på egen hand."),
    ("p", "Strandvik har haft trygg hemgång sedan 2021. Norrhamn startade ett eget team i september 2024. "
          "Ekeby saknar i dag ett eget team och köper platser av Strandvik enligt en avtalad överenskommelse. "
          "Under 2025 ska kommunerna utreda om ett gemensamt team för Ekeby och Norrhamn är möjligt."),
    ("p", "Målet är att minst 60 procent av dem som har fått trygg hemgång ska klara sig med mindre "
          "omfattande insatser efter avslutad period än vad som bedömdes vid utskrivningen."),

    ("h1", "7. Hemsjukvård och kommunal primärvård"),
    ("p", "Kommunerna ansvarar för hälso- och sjukvård i ordinärt boende för personer som är inskrivna i "
          "hemsjukvården. Inskrivning sker när personen inte kan ta sig till vårdcentralen utan betydande "
          "svårighet. Regionen ansvarar för läkarinsatserna, och varje person som är inskriven i "
          "hemsjukvården ska ha en namngiven fast läkarkontakt på sin vårdcentral."),
    ("p", "Under 2024 var i genomsnitt 1 180 personer inskrivna i hemsjukvården i de tre kommunerna. För att "
          "göra vården mer nära och proaktiv ska följande insatser genomföras:"),
    ("ul", [
        "gemensamma hembesök av läkare och sjuksköterska minst en gång per år för alla inskrivna",
        "strukturerade läkemedelsgenomgångar enligt regionens riktlinje",
        "en gemensam rutin för vård i livets slutskede, inklusive brytpunktssamtal",
        "digital vårdplanering via videomöte när ett fysiskt möte inte behövs",
    ]),
    ("p", "Det mobila närvårdsteamet med läkare och sjuksköterskor från Västkustsjukhuset kan göra hembesök "
          "hos äldre i hela Kustbygd vardagar klockan 8–20. Teamet ska minska antalet besök på sjukhusets "
          "akutmottagning för personer som lika gärna kan få vård i hemmet."),

    ("h1", "8. Demens"),
    ("p", "I Kustbygd beräknas drygt 1 600 personer leva med en demenssjukdom. Alla tre kommunerna har ett "
          "demensteam med demenssjuksköterska och biståndshandläggare, och vårdcentralerna ansvarar för den "
          "basala demensutredningen."),
    ("p", "Demensteamet är en funktion i kommunen som ger råd och stöd till personer med demenssjukdom, "
          "deras närstående och personal i hemtjänst och särskilt boende. Demensteamet i Ekeby leds av "
          "demenssjuksköterskan Lena Sjöberg."),
    ("p", "Handlingsplanen innehåller följande åtgärder inom demensområdet:"),
    ("ul", [
        "ett gemensamt flödesschema för utredning, diagnos och uppföljning mellan vårdcentral och kommun",
        "registrering i Svenska demensregistret vid nya diagnoser och i BPSD-registret på särskilda boenden",
        "utbildning i Demens ABC för all omvårdnadspersonal i hemtjänsten",
        "fler platser i dagverksamhet med demensinriktning, särskilt i Norrhamn",
        "anhörigstöd i form av demenscaféer och samtalsgrupper",
    ]),
    ("p", "Ekeby har sedan 2023 ett demenscafé som träffas första torsdagen varje månad i Ekeby "
          "församlingshem. Erfarenheterna därifrån ska tas till vara när Strandvik och Norrhamn startar "
          "liknande verksamhet."),
    ("p", "Målet om en aktuell vårdplan för personer med demenssjukdom prioriteras eftersom uppföljningen "
          "2024 visade att bara 52 procent av dem som hade hemtjänst hade en vårdplan som var yngre än ett år."),

    ("h1", "9. Fallprevention"),
    ("p", "Fall är den vanligaste orsaken till att äldre personer skadas och vårdas på sjukhus. Under 2024 "
          "vårdades 412 personer över 65 år från Kustbygd på sjukhus efter en fallolycka, och 138 av dem "
          "hade en höftfraktur."),
    ("p", "Fallpreventionen i Kustbygd bygger på tre delar: att identifiera personer med hög fallrisk, att "
          "erbjuda individuellt anpassade åtgärder och att skapa miljöer där risken för fall är låg. Arbetet "
          "samordnas av fysioterapeuten Mikael Ström, som är fallpreventionsombud för hela samverkan."),
    ("p", "Följande insatser ska genomföras under planperioden:"),
    ("ul", [
        "riskbedömning med Downton Fall Risk Index för alla som skrivs in i hemsjukvården",
        "gruppträning i balans och styrka, Stå stadigt, på träffpunkterna i alla tre kommunerna",
        "hembesök av arbetsterapeut med råd om bostadsanpassning för personer med hög fallrisk",
        "genomgång av fallriskläkemedel i samband med läkemedelsgenomgång",
        "en gemensam temavecka om fallprevention under vecka 40 varje år",
    ]),
    ("p", "Under temaveckan erbjuder kommunerna och vårdcentralerna öppna föreläsningar, balanstester och "
          "information om D-vitamin, kost och halkfria skor. Temaveckan 2024 hade cirka 540 besökare."),

    ("h1", "10. Aktivitetstabell"),
    ("p", "Tabellen nedan visar de aktiviteter som ska genomföras under 2025–2026. Status uppdaterades "
          "senast 2025-02-10."),
    ("table", ["Mål", "Aktivitet", "Hur", "Ansvarig", "Start", "Klart", "Status"], [
        ["Kortare tid som utskrivningsklar", "Tidig planering vid inskrivning",
         "Fast vårdkontakt utses inom ett dygn efter inskrivning och kallelse skickas i Kustlänken",
         "Per Öhman, Västkustsjukhuset", "mars 2025", "2025-12-31", "Pågår"],
        ["", "Uppföljning av utskrivningsklara dagar",
         "Månadsvis rapport från Kustlänken till arbetsgruppen",
         "Karin Lindqvist, processledare", "januari 2025", "Löpande", "Pågår"],
        ["Färre återinskrivningar", "Säker läkemedelslista vid utskrivning",
         "Ny checklista testas på två vårdavdelningar och utvärderas efter sex månader",
         "Johan Berg, MAS Strandvik", "Q2 2025", "Q1 2026", "Planerad"],
        ["", "SIP inom 30 dagar efter hemkomst",
         "Kallelse till SIP skickas redan vid utskrivning för patienter med insatser från fler än två verksamheter",
         "Amira Hassan, hemsjukvården Norrhamn", "april 2025", "2026-06-30", "Planerad"],
        ["Trygg hemgång i hela Kustbygd", "Utredning av gemensamt team för Ekeby och Norrhamn",
         "Kostnadsberäkning och förslag till ledningsgruppen",
         "Socialcheferna i Ekeby och Norrhamn", "Q1 2025", "Q3 2025", "Pågår"],
        ["Aktuell vårdplan vid demenssjukdom", "Gemensamt flödesschema för demensutredning",
         "Arbetsgrupp med distriktsläkare och demenssjuksköterskor tar fram schemat",
         "Lena Sjöberg, demensteamet Ekeby", "februari 2025", "2025-09-30", "Pågår"],
        ["", "Demens ABC för hemtjänsten",
         "Webbutbildning kombinerad med reflektionsträffar på arbetsplatsen",
         "Enhetschefer i hemtjänsten", "Q3 2025", "2026-12-31", "Ej påbörjad"],
        ["", "Demenscafé i Strandvik och Norrhamn",
         "Starta med stöd av erfarenheterna från Ekeby och lokala frivilligorganisationer",
         "Anhörigkonsulenterna", "hösten 2025", "Löpande", "Planerad"],
        ["Färre fallskador", "Riskbedömning vid inskrivning i hemsjukvården",
         "Downton Fall Risk Index dokumenteras i journalen inom sju dagar",
         "Mikael Ström, fallpreventionsombud", "mars 2025", "Löpande", "Pågår"],
        ["", "Temavecka om fallprevention",
         "Föreläsningar, balanstester och informationsbord på vårdcentraler och träffpunkter",
         "Mikael Ström, fallpreventionsombud", "vecka 40 2025", "vecka 40 2026", "Planerad"],
        ["Mer nära och proaktiv hemsjukvård", "Gemensamma hembesök av läkare och sjuksköterska",
         "Minst ett hembesök per år för alla som är inskrivna i hemsjukvården",
         "Verksamhetscheferna på vårdcentralerna", "Q2 2025", "2026-06-30", "Pågår"],
    ], None),

    ("h1", "11. Uppföljning och revidering"),
    ("p", "Arbetsgruppen Äldre Kustbygd följer upp aktiviteterna vid varje möte. En samlad uppföljning lämnas "
          "till ledningsgruppen i juni och i december. Handlingsplanen revideras senast i december 2025 och "
          "gäller till och med den 31 december 2026."),
    ("p", "Följande mått används för att följa upp planens mål:"),
    ("ul", [
        "antal dagar som utskrivningsklar, medelvärde per månad",
        "andel återinskrivningar inom 30 dagar för personer över 75 år",
        "antal upprättade SIP efter utskrivning",
        "andel personer med demenssjukdom som har en vårdplan yngre än ett år",
        "antal fallskador som leder till sjukhusvård bland personer över 80 år",
    ]),
    ("p", "Synpunkter på handlingsplanen lämnas till processledaren. Pensionärsråden i de tre kommunerna får "
          "ta del av uppföljningen en gång per år."),

    ("h1", "12. Kontaktpersoner"),
    ("ul", [
        "Karin Lindqvist, processledare Samverkan Kustbygd, karin.lindqvist@kustbygd.se",
        "Henrik Dahl, ordförande i ledningsgruppen, socialchef i Norrhamns kommun",
        "Amira Hassan, enhetschef för hemsjukvården i Norrhamn, leder arbetsgruppen Äldre Kustbygd",
        "Per Öhman, verksamhetschef för geriatriken, Västkustsjukhuset Strandvik",
        "Johan Berg, medicinskt ansvarig sjuksköterska, Strandviks kommun",
        "Lena Sjöberg, demenssjuksköterska, Ekeby kommun",
        "Mikael Ström, fysioterapeut och fallpreventionsombud för Samverkan Kustbygd",
    ]),
]

# ===========================================================================
# Document 2: Verksamhetsberättelse 2025 (PDF)
# ===========================================================================
DOC2_HEADER = "Samverkan Kustbygd – Verksamhetsberättelse 2025"

DOC2 = [
    ("title", "Samverkan Kustbygd"),
    ("title", "Verksamhetsberättelse 2025"),
    ("subtitle", "Strandviks kommun, Norrhamns kommun, Ekeby kommun och Region Västkust"),
    ("line", "Fastställd av det politiska samrådet 2026-03-20"),
    ("line", "Ansvarig för innehållet: Karin Lindqvist, processledare"),
    ("line", "Kontakt: kansliet@kustbygd.se"),
    ("pagebreak",),
    ("h1nonum", "Innehåll"),
    ("autotoc",),
    ("pagebreak",),

    ("h1", "1. Om Samverkan Kustbygd"),
    ("p", "Samverkan Kustbygd är en delregional vårdsamverkan mellan Strandviks kommun, Norrhamns kommun, "
          "Ekeby kommun och Region Västkust. Tillsammans har de tre kommunerna drygt 71 000 invånare. "
          "Samverkan ska bidra till att invånare som behöver insatser från flera huvudmän får en "
          "sammanhållen vård och omsorg, oavsett vem som har ansvaret."),
    ("p", "Arbetet utgår från Samverkansplan Kustbygd 2024–2027. Planen pekar ut tre prioriterade "
          "områden: trygga vårdövergångar, psykisk hälsa hos barn och unga samt samsjuklighet vid "
          "skadligt bruk och psykisk ohälsa."),
    ("p", "2025 var det andra året med den nya samverkansplanen. Året präglades av omställningen till en "
          "god och nära vård, av den nya socialtjänstlagen som trädde i kraft den 1 juli 2025 och av en "
          "fortsatt ansträngd ekonomi hos samtliga parter."),

    ("h1", "2. Organisation och ledning"),
    ("p", "Samverkan Kustbygd är organiserad i tre nivåer: politiskt samråd, ledningsgrupp och "
          "arbetsgrupper."),
    ("p", "Det politiska samrådet består av två förtroendevalda från varje kommun och fyra från Region "
          "Västkust. Samrådet träffades fyra gånger under 2025. Ordförande var Eva Nyberg (Ekeby kommun) "
          "och vice ordförande Tomas Falk (Region Västkust)."),
    ("p", "Ledningsgruppen består av tjänstepersoner på chefsnivå från alla parter och ansvarar för att "
          "samverkansplanen genomförs. Ledningsgruppen hade tio möten under året, varav ett tvådagarsinternat "
          "i Norrhamn i maj. Ordförande var Henrik Dahl, socialchef i Norrhamns kommun."),
    ("p", "Under ledningsgruppen finns tre arbetsgrupper:"),
    ("ul", [
        "Arbetsgruppen Äldre Kustbygd, som leds av Amira Hassan (Norrhamns kommun) och Per Öhman (Västkustsjukhuset).",
        "Arbetsgruppen Barn och unga, som leds av Sara Qvist, elevhälsochef i Strandviks kommun.",
        "Arbetsgruppen Psykisk hälsa och beroende, som leds av Ali Karimi, verksamhetschef för vuxenpsykiatrin i Strandvik.",
    ]),
    ("p", "Samverkans kansli består av processledaren Karin Lindqvist på heltid och kommunikatören Jonna Ek "
          "på halvtid. Kansliet är placerat hos Region Västkust i Strandvik men finansieras gemensamt av "
          "alla parter."),
    ("p", "Sedan januari 2025 finns också ett brukarråd med sex representanter från patient-, anhörig- och "
          "pensionärsorganisationer i de tre kommunerna. Brukarrådet träffades tre gånger under året och "
          "lämnade synpunkter på projektet Bryggan och på handlingsplanen för äldre. Rådet inrättades för att "
          "invånarnas erfarenheter ska påverka vilka frågor samverkan prioriterar."),
    ("p", "Tabellen visar hur många möten de olika grupperna hade under året och den genomsnittliga "
          "närvaron."),
    ("table", ["Grupp", "Antal möten 2025", "Genomsnittlig närvaro"], [
        ["Politiskt samråd", "4", "86 procent"],
        ["Ledningsgrupp", "10", "91 procent"],
        ["Arbetsgruppen Äldre Kustbygd", "11", "78 procent"],
        ["Arbetsgruppen Barn och unga", "9", "74 procent"],
        ["Arbetsgruppen Psykisk hälsa och beroende", "8", "69 procent"],
        ["Brukarrådet", "3", "94 procent"],
    ], [8.0, 3.5, 4.0]),
    ("p", "Närvaron var lägst i arbetsgruppen Psykisk hälsa och beroende. Ledningsgruppen har därför bett "
          "parterna att utse ersättare till gruppen inför 2026."),

    ("h1", "3. Året i korthet"),
    ("p", "Några viktiga händelser under 2025:"),
    ("ul", [
        "I februari fastställdes Handlingsplan för äldre 2025–2026.",
        "I april flyttade Kustmottagningen för samsjuklighet till nya lokaler i Norrhamn.",
        "I september startade projektet Bryggan för barn och unga med psykisk ohälsa.",
        "Den 9 oktober samlade Kustbygdsdagen 214 deltagare i Norrhamns kulturhus.",
        "Under hösten genomfördes en enkät om samverkansklimatet som besvarades av 268 medarbetare.",
    ]),
    ("p", "Under året genomfördes 17 utbildningstillfällen med totalt 386 deltagare. Flest deltagare hade "
          "utbildningen i samordnad individuell plan, som gavs sex gånger."),

    ("h1", "4. Vårdövergångar och äldre"),
    ("p", "Den genomsnittliga tiden som utskrivningsklar på Västkustsjukhuset minskade från 2,4 dagar 2024 "
          "till 1,9 dagar 2025. Målet på högst 1,5 dagar nåddes i Strandvik men inte i Norrhamn och Ekeby."),
    ("p", "Andelen återinskrivningar inom 30 dagar för personer över 75 år var 16 procent, vilket är en "
          "minskning med två procentenheter jämfört med föregående år."),
    ("p", "En samordnad individuell plan (SIP) är en gemensam plan som upprättas när en person behöver "
          "insatser från både kommunen och regionen. Planen ska visa vem som gör vad och vem som har det "
          "övergripande ansvaret. Antalet upprättade SIP ökade till 347, jämfört med 289 året innan. Av "
          "dessa gällde 121 personer som var 65 år eller äldre."),
    ("p", "Under året hanterades 3 870 utskrivningar från Västkustsjukhuset till kommunerna i IT-stödet "
          "Kustlänken. Av de samordnade vårdplaneringarna hölls 41 procent som videomöte, vilket sparade "
          "restid för både personal och närstående."),
    ("p", "Mobila närvårdsteamet är ett team med läkare och sjuksköterskor från Västkustsjukhuset som gör "
          "planerade och akuta hembesök hos personer som är inskrivna i den kommunala hemsjukvården."),
    ("p", "Under 2025 gjorde teamet 2 406 hembesök. Teamet bedömer att ungefär vart tredje besök ersatte ett besök "
          "på akutmottagningen."),
    ("p", "Utredningen om ett gemensamt team för trygg hemgång i Ekeby och Norrhamn presenterades för "
          "ledningsgruppen i oktober. Ledningsgruppen beslutade att inte gå vidare med ett gemensamt team "
          "eftersom de långa avstånden mellan kommunerna gör det svårt att hinna med besöken. Ekeby "
          "fortsätter i stället att köpa platser av Strandvik."),

    ("p", "Inom demensområdet blev det gemensamma flödesschemat för demensutredning klart i september. "
          "Strandvik öppnade ett demenscafé i oktober på träffpunkten Solgården, medan starten i Norrhamn "
          "har skjutits upp till våren 2026 i brist på lokal. Andelen personer med demenssjukdom och "
          "hemtjänst som har en aktuell vårdplan ökade från 52 till 67 procent."),
    ("p", "Temaveckan om fallprevention under vecka 40 hade omkring 610 besökare, vilket är fler än året "
          "innan. Gruppträningen Stå stadigt fanns på elva träffpunkter i de tre kommunerna och hade i "
          "genomsnitt 140 deltagare per vecka under hösten. Antalet personer över 80 år som vårdades på "
          "sjukhus efter ett fall minskade med 6 procent jämfört med 2024, vilket inte räcker för att nå "
          "målet om en minskning med 10 procent."),

    ("h1", "5. Psykisk hälsa hos barn och unga"),
    ("p", "Barn och unga med psykisk ohälsa har fortsatt varit ett prioriterat område. Väntetiden till "
          "första bedömning hos barn- och ungdomspsykiatrin (BUP) i Strandvik var i genomsnitt 47 dagar, "
          "vilket är längre än vårdgarantins 30 dagar."),
    ("p", "Projektet Bryggan startade i september 2025. Syftet är att ge barn och unga en gemensam väg in "
          "när de behöver stöd vid psykisk ohälsa. Projektet drivs av elevhälsan och socialtjänsten i de tre "
          "kommunerna tillsammans med regionens primärvård och pågår till och med juni 2027. Under de första "
          "fyra månaderna tog Bryggan emot 96 förfrågningar."),
    ("p", "Arbetsgruppen Barn och unga har också arbetat med övergången från BUP till vuxenpsykiatrin när "
          "unga fyller 18 år. En gemensam checklista för överföring togs fram och började användas i november."),
    ("p", "Inom suicidprevention har en lokal samverkansgrupp startat i januari 2025. Gruppen leds av "
          "folkhälsostrategen Nora Lind i Ekeby kommun och har representanter från skola, socialtjänst, "
          "primärvård, psykiatri, polis och Svenska kyrkan. Inför Suicidpreventiva dagen den 10 september "
          "genomförde gruppen en informationskampanj på gymnasieskolorna i Strandvik och Norrhamn."),

    ("h1", "6. Samsjuklighet och beroende"),
    ("p", "Kustmottagningen är en mottagning för vuxna från 18 år som har både ett skadligt bruk eller "
          "beroende och en psykisk ohälsa. Mottagningen drivs gemensamt av Norrhamns kommun och "
          "vuxenpsykiatrin i Region Västkust, med personal från båda huvudmännen på plats."),
    ("p", "Under 2025 hade Kustmottagningen 212 inskrivna patienter, varav 38 procent var kvinnor. "
          "Mottagningen har fem medarbetare: två socionomer från kommunen, en sjuksköterska och en skötare "
          "från psykiatrin samt en läkare på deltid."),
    ("p", "I april flyttade mottagningen till nya lokaler på Hamngatan 12 i Norrhamn. Flytten gjordes "
          "eftersom lokalerna ligger nära busstationen och kommunens öppenvård för beroende finns i samma hus."),
    ("p", "Arbetsgruppen Psykisk hälsa och beroende har dessutom kartlagt sprututbyte och naloxonutdelning "
          "i området. Kartläggningen visade att det närmaste sprututbytet finns vid infektionskliniken i "
          "Kungsvik och att det saknas lokal utdelning av naloxon. En förstudie om lokal naloxonutdelning "
          "planeras till 2026."),

    ("p", "Kustmottagningen erbjuder bland annat:"),
    ("ul", [
        "gemensam bedömning av beroende och psykisk ohälsa vid ett och samma besök",
        "läkemedelsassisterad behandling i samarbete med beroendekliniken",
        "motiverande samtal och återfallsprevention i grupp",
        "stöd med boende, ekonomi och sysselsättning via socialtjänsten",
    ]),
    ("p", "Mottagningen har öppet vardagar klockan 8–16 och har drop-in på tisdagar klockan 13–15."),

    ("h1", "7. Avvikelser i samverkan"),
    ("p", "En avvikelse i samverkan rapporteras när något har gått fel i samarbetet mellan huvudmännen, till "
          "exempel när information inte har förts över vid en utskrivning. Under 2025 rapporterades 158 "
          "avvikelser i samverkan, jämfört med 126 året innan."),
    ("p", "Ökningen tolkas främst som ett resultat av att fler medarbetare känner till hur man rapporterar, "
          "efter en informationsinsats våren 2025. De vanligaste orsakerna var:"),
    ("ul", [
        "brister i läkemedelsinformationen vid utskrivning (49 avvikelser)",
        "utebliven eller sen kallelse i Kustlänken (31 avvikelser)",
        "otydlighet om vem som ansvarar för hjälpmedel (22 avvikelser)",
        "brister i överrapporteringen mellan hemsjukvård och vårdcentral (19 avvikelser)",
    ]),
    ("p", "Avvikelserna analyseras två gånger per år av en grupp med de medicinskt ansvariga "
          "sjuksköterskorna i kommunerna och patientsäkerhetssamordnaren på Västkustsjukhuset."),
    ("p", "Som en följd av analysen testas sedan oktober en checklista för läkemedelslistan vid utskrivning "
          "på två av sjukhusets vårdavdelningar. Antalet avvikelser som gäller hjälpmedel ska minska genom "
          "att ansvarsfördelningen för hjälpmedel beskrivs tydligare i den lokala rutinen, som revideras "
          "under våren 2026."),

    ("h1", "8. Utbildning och kommunikation"),
    ("p", "Samverkan erbjuder gemensamma utbildningar för medarbetare i kommunerna och regionen. "
          "Utbildningarna är kostnadsfria för deltagarna. Tabellen visar årets utbildningar."),
    ("table", ["Utbildning", "Tillfällen", "Deltagare"], [
        ["Samordnad individuell plan (SIP)", "6", "148"],
        ["Kustlänken för nya medarbetare", "4", "77"],
        ["Första hjälpen till psykisk hälsa", "3", "58"],
        ["Demens ABC, reflektionsträffar", "2", "64"],
        ["Fallprevention för hemtjänsten", "2", "39"],
        ["Summa", "17", "386"],
    ], [9.0, 3.0, 3.0]),
    ("p", "Kommunikatören ansvarar för webbplatsen kustbygd.se och för nyhetsbrevet Kustnytt, som kom ut "
          "sex gånger under året och har 1 140 prenumeranter."),
    ("p", "Kustbygdsdagen är samverkans årliga konferens för chefer och medarbetare. Temat 2025 var "
          "”Nära vård i praktiken” och programmet innehöll föreläsningar om den nya socialtjänstlagen, "
          "mobila team och barns rätt att bli hörda. Enligt utvärderingen gav 88 procent av deltagarna dagen "
          "betyget bra eller mycket bra. Konferensen 2026 planeras till Ekeby."),

    ("h1", "9. Ekonomi"),
    ("p", "Samverkan Kustbygd finansieras gemensamt. Region Västkust betalar hälften av kostnaderna och "
          "kommunerna delar på den andra hälften utifrån antal invånare."),
    ("table", ["Post", "Budget 2025 (tkr)", "Utfall 2025 (tkr)"], [
        ["Bidrag Region Västkust", "1 350", "1 350"],
        ["Bidrag Strandviks kommun", "640", "640"],
        ["Bidrag Norrhamns kommun", "480", "480"],
        ["Bidrag Ekeby kommun", "230", "230"],
        ["Summa intäkter", "2 700", "2 700"],
        ["Personalkostnader", "1 240", "1 262"],
        ["Utbildning och Kustbygdsdagen", "420", "388"],
        ["Projektmedel Bryggan", "600", "540"],
        ["Kommunikation och webb", "150", "131"],
        ["Lokaler och övrigt", "290", "276"],
        ["Summa kostnader", "2 700", "2 597"],
        ["Resultat", "0", "103"],
    ], [8.0, 3.5, 3.5]),
    ("p", "Överskottet på 103 tkr beror främst på att projektet Bryggan startade senare än planerat. "
          "Ledningsgruppen har beslutat att överskottet förs över till 2026 och används i projektet."),

    ("h1", "10. Planer för 2026"),
    ("p", "Ledningsgruppen har beslutat om följande prioriteringar för 2026:"),
    ("ul", [
        "utvärdera de första åtta månaderna av projektet Bryggan",
        "genomföra en förstudie om lokal naloxonutdelning",
        "ta fram en ny handlingsplan för äldre som ska gälla 2027–2028",
        "införa den gemensamma checklistan vid övergång från BUP till vuxenpsykiatrin i alla tre kommunerna",
        "påbörja arbetet med nästa samverkansplan, som ska gälla från 2028",
    ]),

    ("h1", "11. Sammanfattning"),
    ("p", "2025 var ett år då Samverkan Kustbygd tog flera konkreta steg framåt. Tiden som utskrivningsklar "
          "minskade, fler samordnade individuella planer upprättades och två verksamheter – Kustmottagningen "
          "i nya lokaler och projektet Bryggan – kom i gång."),
    ("p", "Samtidigt kvarstår utmaningar. Väntetiden till BUP är fortfarande för lång, antalet avvikelser i "
          "samverkan ökade och målet för utskrivningsklara dagar nåddes bara i en av tre kommuner."),
    ("p", "Ledningsgruppen bedömer ändå att samverkansklimatet är gott. I höstens enkät svarade 81 procent "
          "av medarbetarna att samarbetet med den andra huvudmannen fungerar bra eller mycket bra."),
    ("p", "Inför 2026 ligger fokus på att följa upp de nya verksamheterna, minska avvikelserna vid "
          "utskrivning och förbereda nästa samverkansplan."),
]

# ===========================================================================
# Document 3: Projektbeskrivning Bryggan (HTML)
# ===========================================================================
DOC3_TITLE = "Bryggan – gemensam väg in för barn och unga med psykisk ohälsa i Kustbygd"

DOC3 = [
    ("title", DOC3_TITLE),
    ("line", "Projektbeskrivning 2025–2027, Samverkan Kustbygd"),
    ("line", "Beslutad av ledningsgruppen 2025-06-12. Version 1.0"),

    ("h1", "Bakgrund"),
    ("p", "Många barn och unga i Kustbygd mår psykiskt dåligt. I elevhälsoenkäten 2024 uppgav 34 procent "
          "av flickorna och 17 procent av pojkarna i årskurs 9 att de ofta känner sig nedstämda. Föräldrar "
          "och skolor beskriver att det är svårt att veta vart man ska vända sig, och att barn ofta skickas "
          "mellan elevhälsa, vårdcentral, socialtjänst och BUP innan de får rätt hjälp."),
    ("p", "Under 2024 avvisades 28 procent av remisserna till BUP i Strandvik, oftast med motiveringen att "
          "barnet borde få stöd på första linjen. För familjen innebär det att väntan börjar om från början."),

    ("h1", "Vad är Bryggan?"),
    ("p", "Bryggan är en gemensam mottagningsfunktion där elevhälsan, socialtjänsten och regionens "
          "primärvård tillsammans tar emot och bedömer förfrågningar om stöd vid psykisk ohälsa hos barn och "
          "unga. Bryggan är inte en behandlingsenhet utan en väg in som ser till att barnet får rätt insats "
          "från början."),
    ("p", "I stället för att familjen själv ska leta upp rätt verksamhet görs en gemensam bedömning, och "
          "familjen slussas vidare till den verksamhet som bäst kan hjälpa."),

    ("h1", "Varför en gemensam väg in?"),
    ("p", "Ledningsgruppen för Samverkan Kustbygd har valt att pröva en gemensam väg in av flera skäl:"),
    ("ul", [
        "familjer ska slippa berätta sin historia för många olika verksamheter",
        "barn ska få stöd tidigt, innan problemen har vuxit sig stora",
        "BUP ska kunna koncentrera sig på barn som behöver specialistpsykiatri",
        "verksamheterna ska få en gemensam bild av vilka behov som finns i området",
    ]),

    ("p", "Modellen har inspirerats av liknande mottagningsfunktioner i andra delar av landet, där en "
          "gemensam bedömning har gett kortare väntan och färre avvisade remisser. Kustbygd skiljer sig dock "
          "från större städer genom långa avstånd och små verksamheter, och därför prövas arbetssättet som "
          "ett tidsbegränsat projekt innan något beslut om permanent verksamhet fattas."),

    ("h1", "Förväntade effekter"),
    ("p", "På kort sikt förväntas Bryggan ge kortare tid från första kontakt till rätt stöd och en tydligare "
          "bild av vart familjer ska vända sig. På längre sikt är förhoppningen att skolfrånvaron ska minska, "
          "att fler elever ska klara skolan och att färre unga ska behöva specialistpsykiatri. Effekterna på "
          "längre sikt kan inte mätas under projekttiden, men utvärderingen ska föreslå hur de kan följas "
          "upp efter 2027."),

    ("h1", "Målgrupp"),
    ("p", "Bryggan vänder sig till:"),
    ("ul", [
        "barn och unga 6–20 år som bor eller går i skola i Strandvik, Norrhamn eller Ekeby",
        "barn och unga med lindrig till måttlig psykisk ohälsa, till exempel oro, nedstämdhet, sömnproblem eller skolfrånvaro",
        "föräldrar och vårdnadshavare som är oroliga för sitt barn",
        "personal i skola, förskoleklass och fritidshem som är oroliga för ett barn",
    ]),
    ("p", "Barn och unga med akut psykisk ohälsa eller risk för suicid ska inte vända sig till Bryggan. De "
          "ska ringa 112 eller söka vård direkt på akutmottagningen vid Västkustsjukhuset i Strandvik."),

    ("h1", "Syfte och mål"),
    ("p", "Syftet med projektet är att barn och unga ska få rätt stöd tidigare och att färre ska behöva "
          "remitteras till BUP. Projektet har tre mätbara mål:"),
    ("ul", [
        "Alla förfrågningar ska få en första kontakt inom tre arbetsdagar.",
        "Minst 80 procent av familjerna ska uppleva att de har fått hjälp att hitta rätt stöd.",
        "Andelen remisser till BUP som avvisas ska minska från 28 till 15 procent.",
    ]),

    ("h1", "Så fungerar Bryggan"),
    ("ol", [
        "Barnet, vårdnadshavaren eller personal i skolan kontaktar Bryggan via telefon, e-post eller 1177.",
        "En samordnare ringer upp inom tre arbetsdagar och gör en första bedömning.",
        "Varje tisdag går ett bedömningsteam med kurator, skolsköterska, socialsekreterare och psykolog från vårdcentralen igenom nya ärenden.",
        "Familjen får besked om vilken verksamhet som ska ge stöd, och samordnaren ser till att kontakten blir av.",
        "Efter sex veckor följer samordnaren upp att stödet har kommit i gång.",
    ]),
    ("p", "Samtycke från vårdnadshavare behövs innan uppgifter om barnet lämnas mellan verksamheterna. "
          "Ungdomar som har fyllt 15 år kan i många fall själva lämna samtycke."),
    ("p", "Om barnet behöver insatser från både kommunen och regionen kallar Bryggan till en samordnad "
          "individuell plan (SIP)."),

    ("h1", "Roller i bedömningsteamet"),
    ("p", "Bedömningsteamet består av fyra yrkesgrupper som tillsammans ser på barnets hela situation:"),
    ("ul", [
        "skolkuratorn bidrar med kunskap om barnets skolsituation och relationer",
        "skolsköterskan ansvarar för frågor om hälsa, sömn och kroppsliga symtom",
        "socialsekreteraren bedömer om familjen behöver stöd från socialtjänsten",
        "psykologen från vårdcentralen bedömer om barnet behöver vård på första linjen eller hos BUP",
    ]),
    ("p", "Teamet träffas på tisdagar klockan 9–11, digitalt eller i Familjens hus. Ärenden som inte kan "
          "vänta till nästa tisdag bedöms av samordnarna tillsammans med den verksamhet som är närmast berörd."),

    ("h1", "Inför kontakten med Bryggan"),
    ("p", "För att bedömningen ska bli så bra som möjligt är det bra om den som kontaktar Bryggan har "
          "tänkt igenom några frågor:"),
    ("ul", [
        "vad oron gäller och hur länge den har funnits",
        "om barnet redan har kontakt med någon verksamhet",
        "hur skolgången fungerar just nu",
        "om vårdnadshavarna känner till kontakten och har lämnat samtycke",
    ]),
    ("p", "Personal i skolan ska i första hand ta kontakt med elevhälsan på den egna skolan. Elevhälsan "
          "avgör om ärendet ska skickas vidare till Bryggan."),

    ("h1", "Dokumentation och sekretess"),
    ("p", "Varje verksamhet dokumenterar i sitt eget journalsystem. Bryggan för en gemensam ärendelogg som "
          "bara innehåller uppgifter om kontaktdatum, bedömning och vart ärendet har slussats vidare. "
          "Ärendeloggen gallras två år efter att ärendet har avslutats."),
    ("p", "Eftersom skolan, socialtjänsten och regionen omfattas av olika sekretessregler får uppgifter inte "
          "lämnas mellan verksamheterna utan samtycke, utom när det finns en skyldighet att göra en "
          "orosanmälan till socialtjänsten."),

    ("h1", "Stöd som Bryggan kan förmedla"),
    ("ul", [
        "samtalsstöd hos skolkurator",
        "Första linjen barn och unga vid vårdcentralerna",
        "föräldrastödsgrupper via socialtjänsten",
        "internetbaserad KBT via 1177",
        "stöd från fältassistenter och fritidsgårdar",
        "remiss till BUP när barnet behöver specialistpsykiatri",
    ]),
    ("p", "Bryggan ger inte själv behandling, gör inga utredningar av till exempel adhd eller autism och "
          "fattar inga beslut om bistånd."),

    ("h1", "Organisation och beslut"),
    ("p", "Projektägare är ledningsgruppen för Samverkan Kustbygd. Ledningsgruppen beslutar om projektets "
          "budget, mål och eventuella förändringar i uppdraget. Beslut om att förlänga eller permanenta "
          "Bryggan efter juni 2027 fattas av det politiska samrådet."),
    ("p", "Styrgruppen för projektet består av elevhälsocheferna i de tre kommunerna, en verksamhetschef "
          "från regionens primärvård och en chef från BUP. Styrgruppen leds av Sara Qvist, elevhälsochef i "
          "Strandviks kommun, och träffas varannan månad."),
    ("p", "Projektledare är Maja Lund, som är anställd av Strandviks kommun på 75 procent. Projektledaren "
          "ansvarar för den dagliga driften, rekryteringen av samordnare och rapporteringen till styrgruppen."),
    ("p", "I Bryggan arbetar två samordnare: Elin Borg, som är skolsköterska, och Fredrik Nilsson, som är "
          "socionom. Beslut om vilken insats ett barn ska få fattas alltid av den verksamhet som ger "
          "insatsen, inte av Bryggan."),

    ("h1", "Tidsplan"),
    ("table", ["Tidpunkt", "Vad händer"], [
        ["Juni 2025", "Beslut om projektet i ledningsgruppen"],
        ["Augusti 2025", "Rekryteringen av samordnare är klar"],
        ["1 september 2025", "Bryggan öppnar för förfrågningar"],
        ["Mars 2026", "Första delutvärderingen redovisas för styrgruppen"],
        ["December 2026", "Extern utvärdering av FoU Västkust påbörjas"],
        ["30 juni 2027", "Projektet avslutas och beslut fattas om fortsättning"],
    ], None),

    ("h1", "Exempel"),
    ("p", "Mamman till en elev i årskurs 7 i Norrhamn ringer Bryggan eftersom dottern har svårt att sova "
          "och inte vill gå till skolan. Samordnaren ringer upp dagen efter. På tisdagens möte bedömer teamet "
          "att flickan behöver samtal på Första linjen barn och unga och att skolan behöver göra en "
          "kartläggning av frånvaron. Efter sex veckor har flickan haft tre samtal och är tillbaka i skolan "
          "halva dagar."),

    ("h1", "Vanliga frågor"),
    ("p", "Kostar det något att kontakta Bryggan? Nej, kontakten med Bryggan är kostnadsfri för familjen. "
          "Om barnet sedan får vård i regionen gäller regionens vanliga regler, och för barn och unga under "
          "20 år är besök i primärvården avgiftsfria."),
    ("p", "Kan en ungdom kontakta Bryggan utan att föräldrarna vet om det? Ja, en ungdom kan alltid ringa "
          "eller komma på drop-in för att få råd. För att uppgifter ska kunna lämnas vidare till andra "
          "verksamheter krävs dock i regel samtycke från vårdnadshavare om ungdomen är under 15 år."),
    ("p", "Kan Bryggan hjälpa till om barnet redan står i kö till BUP? Ja. Samordnaren kan undersöka om "
          "barnet kan få stöd på första linjen under väntetiden, men Bryggan kan inte påverka barnets plats "
          "i kön."),
    ("p", "Finns Bryggan i alla tre kommunerna? Telefon, e-post och bedömningsteam gäller för hela "
          "Kustbygd. Drop-in finns bara i Familjens hus i Strandvik, men samordnarna kan boka möten på "
          "skolor i Norrhamn och Ekeby."),

    ("h1", "Kommunikation om Bryggan"),
    ("p", "Information om Bryggan sprids via elevhälsan, vårdcentralerna, webbplatsen kustbygd.se och 1177. "
          "Alla elever i årskurs 4, 7 och gymnasiets första år får ett informationskort med telefonnummer "
          "och öppettider. Inför starten besökte projektledaren samtliga 23 skolor i Kustbygd för att "
          "informera personalen."),

    ("h1", "Budget"),
    ("p", "Projektet finansieras med 600 tkr per år från samverkans gemensamma budget. Kommunerna bidrar "
          "dessutom med personal till bedömningsteamet. Kostnaden för samordnarnas tjänster delas lika "
          "mellan regionen och kommunerna."),

    ("h1", "Uppföljning och utvärdering"),
    ("p", "Bryggan följs upp med statistik över antal förfrågningar, tid till första kontakt och vilka "
          "verksamheter barnen slussas vidare till. Familjerna får en kort enkät efter sex veckor. Den "
          "externa utvärderingen görs av FoU Västkust och ska vara klar i maj 2027."),
    ("p", "Projektet har identifierat följande risker:"),
    ("ul", [
        "att Bryggan blir ytterligare ett steg i stället för en genväg",
        "att samordnarna får fler förfrågningar än de hinner hantera",
        "att verksamheterna saknar kapacitet att ta emot de barn som slussas vidare",
    ]),

    ("h1", "Kontakt och öppettider"),
    ("table", ["", ""], [
        ["Telefon", "010-473 20 50"],
        ["Telefontid", "Måndag–torsdag klockan 8.30–11.30 och 13.00–15.00, fredag klockan 8.30–11.30"],
        ["E-post", "bryggan@kustbygd.se"],
        ["Besöksadress", "Familjens hus, Skolgatan 4, Strandvik"],
        ["Drop-in för ungdomar", "Onsdagar klockan 15.00–18.00 i Familjens hus"],
        ["Projektledare", "Maja Lund, 010-473 20 55, maja.lund@kustbygd.se"],
    ], None),
    ("p", "Bryggan har stängt under juli samt under jul- och nyårshelgerna. Då hänvisas till 1177 eller "
          "till elevhälsan på respektive skola."),
    ("p", "E-post är inte en säker kanal. Skriv inte personnummer eller känsliga uppgifter i e-post, utan "
          "be om att bli uppringd."),
]


# ---------------------------------------------------------------------------
def text_units(blocks):
    """Flat list of text units (paragraphs, list items, table cells)."""
    units = []
    for b in blocks:
        kind = b[0]
        if kind in ("title", "subtitle", "line", "h1", "h1nonum", "h2", "p"):
            units.append(b[1])
        elif kind in ("ul", "ol"):
            units.extend(b[1])
        elif kind == "toc":
            units.extend(lbl for lbl, _ in b[1])
        elif kind == "table":
            units.extend(c for c in b[1] if c)
            for row in b[2]:
                units.extend(c for c in row if c)
    return units


DOCS = {DOC1_NAME: DOC1, DOC2_NAME: DOC2, DOC3_NAME: DOC3}


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
def build_docx(path):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt, Cm

    d = Document()
    sec = d.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.2)
    sec.header.paragraphs[0].text = "Samverkan Kustbygd – Handlingsplan för äldre 2025–2026"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    first_title = True
    for b in DOC1:
        kind = b[0]
        if kind == "title":
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.bold = True
            r.font.size = Pt(26 if not first_title else 16)
            if first_title:
                p.paragraph_format.space_before = Pt(120)
            first_title = False
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "subtitle":
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.italic = True
            r.font.size = Pt(14)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "line":
            p = d.add_paragraph(b[1])
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "pagebreak":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "h1nonum":
            d.add_heading(b[1], level=1)
        elif kind == "toc":
            for lbl, page in b[1]:
                dots = "." * max(4, 70 - len(lbl) - len(str(page)))
                d.add_paragraph(f"{lbl} {dots} {page}")
        elif kind == "h1":
            d.add_heading(b[1], level=1)
        elif kind == "h2":
            d.add_heading(b[1], level=2)
        elif kind == "p":
            d.add_paragraph(b[1])
        elif kind == "ul":
            for it in b[1]:
                d.add_paragraph(it, style="List Bullet")
        elif kind == "ol":
            for it in b[1]:
                d.add_paragraph(it, style="List Number")
        elif kind == "table":
            header, rows = b[1], b[2]
            t = d.add_table(rows=1 + len(rows), cols=len(header))
            t.style = "Table Grid"
            for i, h in enumerate(header):
                cell = t.rows[0].cells[i]
                cell.text = ""
                run = cell.paragraphs[0].add_run(h)
                run.bold = True
            for ri, row in enumerate(rows, start=1):
                for ci, val in enumerate(row):
                    t.rows[ri].cells[ci].text = val
            for row in t.rows:
                for cell in row.cells:
                    for par in cell.paragraphs:
                        for run in par.runs:
                            run.font.size = Pt(9)
            d.add_paragraph()
        else:
            raise ValueError(kind)
    d.core_properties.title = "Handlingsplan för äldre 2025–2026"
    d.core_properties.author = "Samverkan Kustbygd"
    d.save(path)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------
def build_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer,
                                    PageBreak, Table, TableStyle, ListFlowable, ListItem,
                                    KeepTogether)

    fontdir = "/usr/share/fonts/truetype/dejavu/"
    pdfmetrics.registerFont(TTFont("DV", fontdir + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DVB", fontdir + "DejaVuSans-Bold.ttf"))

    W, H = A4
    body = ParagraphStyle("body", fontName="DV", fontSize=10.5, leading=15, spaceAfter=8)
    h1 = ParagraphStyle("h1", fontName="DVB", fontSize=15, leading=20, spaceBefore=14, spaceAfter=8)
    title = ParagraphStyle("title", fontName="DVB", fontSize=26, leading=34, alignment=1, spaceAfter=10)
    subtitle = ParagraphStyle("subtitle", fontName="DV", fontSize=13, leading=18, alignment=1, spaceAfter=30)
    line = ParagraphStyle("line", fontName="DV", fontSize=11, leading=16, alignment=1)
    toc_style = ParagraphStyle("toc", fontName="DV", fontSize=11, leading=20)
    cell = ParagraphStyle("cell", fontName="DV", fontSize=10, leading=13)
    cellb = ParagraphStyle("cellb", fontName="DVB", fontSize=10, leading=13)

    def esc(s):
        return html.escape(s, quote=False)

    class Heading(Paragraph):
        pass

    def header_footer(canv, doc):
        canv.saveState()
        canv.setFont("DV", 9)
        canv.drawString(2.2 * cm, H - 1.4 * cm, DOC2_HEADER)
        canv.setLineWidth(0.5)
        canv.line(2.2 * cm, H - 1.6 * cm, W - 2.2 * cm, H - 1.6 * cm)
        canv.drawCentredString(W / 2, 1.2 * cm, f"Sida {doc.page}")
        canv.restoreState()

    toc_width = W - 4.4 * cm

    def toc_lines(pages):
        out = []
        for b in DOC2:
            if b[0] == "h1":
                lbl = b[1]
                pg = str(pages.get(lbl, 0))
                base = pdfmetrics.stringWidth(lbl + "  " + pg, "DV", 11)
                dotw = pdfmetrics.stringWidth(".", "DV", 11)
                n = int((toc_width - base - 30) / dotw)
                out.append(f"{lbl} {'.' * n} {pg}")
        return out

    def story(pages):
        s = []
        for b in DOC2:
            kind = b[0]
            if kind == "title":
                if not s:
                    s.append(Spacer(1, 6 * cm))
                s.append(Paragraph(esc(b[1]), title))
            elif kind == "subtitle":
                s.append(Paragraph(esc(b[1]), subtitle))
            elif kind == "line":
                s.append(Paragraph(esc(b[1]), line))
            elif kind == "pagebreak":
                s.append(PageBreak())
            elif kind == "h1nonum":
                s.append(Paragraph(esc(b[1]), h1))
            elif kind == "autotoc":
                for t in toc_lines(pages):
                    s.append(Paragraph(esc(t), toc_style))
            elif kind == "h1":
                hp = Heading(esc(b[1]), h1)
                hp._label = b[1]
                s.append(hp)
            elif kind == "p":
                s.append(Paragraph(esc(b[1]), body))
            elif kind == "ul":
                items = [ListItem(Paragraph(esc(it), body), leftIndent=14, value="•") for it in b[1]]
                s.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=14,
                                      bulletFontName="DV"))
            elif kind == "table":
                header, rows, widths = b[1], b[2], b[3]
                data = [[Paragraph(esc(h), cellb) for h in header]]
                for r in rows:
                    st = cellb if r[0].startswith("Summa") or r[0] == "Resultat" else cell
                    data.append([Paragraph(esc(c), st) for c in r])
                t = Table(data, colWidths=[w * cm for w in widths] if widths else None, repeatRows=1)
                t.setStyle(TableStyle([
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde8f0")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]))
                s.append(KeepTogether([t, Spacer(1, 8)]))
            else:
                raise ValueError(kind)
        return s

    class Doc(BaseDocTemplate):
        def __init__(self, fn, **kw):
            super().__init__(fn, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                             topMargin=2.4 * cm, bottomMargin=2.2 * cm,
                             title="Verksamhetsberättelse 2025", author="Samverkan Kustbygd", **kw)
            frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="f")
            self.addPageTemplates([PageTemplate(id="p", frames=[frame], onPage=header_footer)])
            self.pages_found = {}

        def afterFlowable(self, fl):
            if isinstance(fl, Heading):
                self.pages_found[fl._label] = self.page

    # pass 1: find heading pages; pass 2: final with correct TOC
    pages = {}
    for _ in range(3):
        doc = Doc(path)
        doc.build(story(pages))
        if doc.pages_found == pages:
            break
        pages = dict(doc.pages_found)
    return pages


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------
def build_html(path):
    e = lambda s: html.escape(s, quote=False)
    out = ["<!DOCTYPE html>", '<html lang="sv">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(DOC3_TITLE)}</title>",
           "<style>body{font-family:Arial,sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
           "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}"
           "</style>", "</head>", "<body>"]
    for b in DOC3:
        kind = b[0]
        if kind == "title":
            out.append(f"<h1>{e(b[1])}</h1>")
        elif kind == "line":
            out.append(f'<p class="meta">{e(b[1])}</p>')
        elif kind == "h1":
            out.append(f"<h2>{e(b[1])}</h2>")
        elif kind == "p":
            out.append(f"<p>{e(b[1])}</p>")
        elif kind in ("ul", "ol"):
            out.append(f"<{kind}>")
            out.extend(f"  <li>{e(it)}</li>" for it in b[1])
            out.append(f"</{kind}>")
        elif kind == "table":
            header, rows = b[1], b[2]
            out.append("<table>")
            if any(header):
                out.append("  <tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
            for r in rows:
                if not any(header):
                    out.append(f"  <tr><th>{e(r[0])}</th>" + "".join(f"<td>{e(c)}</td>" for c in r[1:]) + "</tr>")
                else:
                    out.append("  <tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>")
            out.append("</table>")
        else:
            raise ValueError(kind)
    out += ["</body>", "</html>", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    build_docx(os.path.join(OUT, DOC1_NAME))
    pages = build_pdf(os.path.join(OUT, DOC2_NAME))
    build_html(os.path.join(OUT, DOC3_NAME))
    for name, blocks in DOCS.items():
        words = sum(len(u.split()) for u in text_units(blocks))
        print(f"{name}: ~{words} words")
    print("PDF heading pages:", pages)


if __name__ == "__main__":
    main()
