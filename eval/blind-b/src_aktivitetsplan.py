# -*- coding: utf-8 -*-
"""Källtext för dokument 1: Aktivitetsplan Barn och unga 2026–2027 (DOCX).

Fiktiv samverkan: Vårdsamverkan Åsbygden (Region Norrmark, Tallmo, Ekeryd, Storvallen).
Blocktyper: title, meta, toc, h1, h2, p, bullets, numbered, table, pagebreak, landscape, portrait.
"""

FILENAME = "aktivitetsplan-asbygden-barn-och-unga-2026-2027.docx"

TITLE = [
    ("title", "Aktivitetsplan Barn och unga 2026–2027"),
    ("subtitle", "Vårdsamverkan Åsbygden"),
    ("meta", "Region Norrmark, Tallmo kommun, Ekeryds kommun och Storvallens kommun"),
    ("meta", "Version 2.1, fastställd 2025-11-03"),
    ("meta", "Fastställd av: Styrgruppen för Vårdsamverkan Åsbygden"),
    ("meta", "Dokumentansvarig: Malin Ekholm, processledare"),
    ("meta", "Nästa revidering: senast 2026-11-30"),
]

TOC_TITLE = "Innehåll"
# (rubrik, sida) – skrivs ut som textrader med punktutfyllnad
TOC = [
    ("1 Inledning", 2),
    ("1.1 Syfte med aktivitetsplanen", 2),
    ("1.2 Bakgrund", 2),
    ("2 Prioriterade områden", 3),
    ("2.1 Ökad skolnärvaro", 3),
    ("2.2 Psykisk hälsa", 3),
    ("2.3 Föräldrastöd och familjecentral", 4),
    ("2.4 Samverkan mellan BUP och elevhälsa", 4),
    ("3 Målgrupper", 5),
    ("4 Organisation och ansvar", 5),
    ("5 Aktivitetstabell", 6),
    ("6 Uppföljning och revidering", 8),
    ("7 Begrepp och förkortningar", 8),
]

BODY = [
    ("pagebreak",),
    ("h1", "1 Inledning"),
    ("p", "Vårdsamverkan Åsbygden är den delregionala samverkansstrukturen mellan Region Norrmark och "
          "kommunerna Tallmo, Ekeryd och Storvallen. Samverkan utgår från Samverkansplan Åsbygden 2024–2027 "
          "och omfattar hälso- och sjukvård, socialtjänst, skola och elevhälsa. Denna aktivitetsplan är "
          "Barn- och ungagruppens arbetsplan för åren 2026 och 2027 och ersätter version 1.4 från mars 2024."),
    ("h2", "1.1 Syfte med aktivitetsplanen"),
    ("p", "Syftet med aktivitetsplanen är att omsätta samverkansplanens mål för barn och unga i konkreta "
          "aktiviteter som går att följa upp. Planen visar vad som ska göras, hur det ska göras, vem som "
          "ansvarar och när aktiviteten ska vara genomförd."),
    ("p", "Arbetsgruppen har medvetet begränsat antalet aktiviteter till sådant som bedöms rimligt att "
          "genomföra under planperioden med befintliga resurser. Nya behov som uppstår under perioden "
          "tas upp som en stående punkt på Barn- och ungagruppens möten och förs in i planen vid nästa revidering."),
    ("h2", "1.2 Bakgrund"),
    ("p", "Under 2024 och 2025 har elevhälsan i alla tre kommunerna rapporterat att allt fler elever har "
          "långvarig frånvaro från skolan. I Tallmo hade 6,4 procent av eleverna i årskurs 7–9 en frånvaro "
          "på mer än 20 procent under vårterminen 2025. Motsvarande andel i Ekeryd var 5,1 procent och i "
          "Storvallen 7,3 procent."),
    ("p", "Samtidigt har väntetiden till första bedömning på BUP Norrmark överskridit den förstärkta "
          "vårdgarantins 30 dagar för ungefär var tredje remiss. Många av de barn som väntar har redan "
          "kontakt med elevhälsan, socialtjänsten eller en vårdcentral, men insatserna är inte alltid samordnade."),
    ("p", "I maj 2025 genomförde Barn- och ungagruppen en workshop i Ekeryds kommunhus med 38 deltagare "
          "från skola, socialtjänst, vårdcentral, ungdomsmottagning och BUP. Workshopen resulterade i fyra "
          "prioriterade områden som ligger till grund för denna version av planen."),
    ("p", "Följande utgångspunkter gäller för allt arbete i planen:"),
    ("numbered", [
        "Barnets bästa ska beaktas i alla beslut som rör barn, i enlighet med barnkonventionen.",
        "Barn och unga ska få komma till tals i frågor som berör dem, både i enskilda ärenden och i utvecklingsarbetet.",
        "Insatser ska ges på lägsta effektiva omhändertagandenivå, så nära barnets vardag som möjligt.",
        "Samverkan ska ske tidigt, innan svårigheterna har vuxit sig stora.",
        "Vårdnadshavare ska vara delaktiga och informeras om vilket stöd som finns.",
    ]),
    ("pagebreak",),
    ("h1", "2 Prioriterade områden"),
    ("p", "Barn- och ungagruppen har valt fyra prioriterade områden för planperioden. Områdena hänger ihop: "
          "ett barn som har svårt att gå till skolan har ofta också psykisk ohälsa, och stödet till "
          "föräldrarna påverkar hur barnet klarar både skola och fritid."),
    ("h2", "2.1 Ökad skolnärvaro"),
    ("p", "Problematisk skolfrånvaro definieras i denna plan som att en elev under minst fyra sammanhängande "
          "veckor har en sammanlagd frånvaro, giltig eller ogiltig, på mer än 15 procent av undervisningstiden."),
    ("p", "Långvarig frånvaro ökar risken för att eleven inte blir behörig till gymnasieskolan och är ofta "
          "ett tecken på att eleven mår dåligt. Därför ska skola, socialtjänst och hälso- och sjukvård agera "
          "gemensamt redan vid de första signalerna, i stället för att vänta tills frånvaron blivit omfattande."),
    ("p", "Under planperioden ska följande åtgärder genomföras:"),
    ("bullets", [
        "en gemensam rutin för tidig upptäckt där frånvaron kartläggs varje månad",
        "ett närvaroteam i varje kommun med kurator, specialpedagog och skolsköterska",
        "en direkt kontaktväg från skolan till socialtjänstens mottagningsgrupp för anonym konsultation",
        "erbjudande om SIP när eleven har insatser från både kommunen och regionen",
        "utbildning om skolfrånvaro för socialsekreterare som arbetar med barn och unga",
    ]),
    ("h2", "2.2 Psykisk hälsa"),
    ("p", "Området omfattar främjande och förebyggande insatser samt tidiga insatser vid lindrig till måttlig "
          "psykisk ohälsa. Första linjen för barn och unga finns på vårdcentralerna och på "
          "ungdomsmottagningarna i Tallmo och Storvallen. Barn och unga med svårare psykisk ohälsa remitteras "
          "till BUP Norrmark."),
    ("p", "Alla elever i årskurs 8 i de tre kommunerna ska erbjudas programmet Stark i vardagen. Programmet "
          "består av åtta lektioner om stress, sömn, relationer och var man kan söka hjälp. Lektionerna leds "
          "av skolsköterska och kurator tillsammans, med stöd av personal från ungdomsmottagningen."),
    ("p", "Suicidprevention är en del av området. All personal på grundskolans högstadium ska erbjudas den "
          "två timmar långa utbildningen Våga fråga, som ger kunskap om varningssignaler och om hur man "
          "ställer frågor om självmordstankar. Målet är att minst 300 medarbetare ska ha genomgått utbildningen "
          "till och med oktober 2026."),
    ("h2", "2.3 Föräldrastöd och familjecentral"),
    ("p", "En familjecentral är en samlokaliserad verksamhet där mödrahälsovård, barnhälsovård, öppen "
          "förskola och socialtjänstens förebyggande verksamhet finns under samma tak. Syftet är att föräldrar "
          "ska kunna få stöd tidigt och på ett ställe, utan att behöva ansöka om insatser."),
    ("p", "Ekeryd öppnade en familjecentral i Ekeryds centrum i mars 2025. Tallmo planerar att öppna en "
          "familjecentral vid Solbackens vårdcentral under hösten 2026. Storvallen har i dag ingen "
          "familjecentral men erbjuder öppen förskola två dagar i veckan i Folkets hus."),
    ("p", "Alla tre kommunerna erbjuder föräldrastödsprogrammet ABC, Alla Barn i Centrum, för föräldrar till "
          "barn i åldern 3–12 år. För föräldrar till tonåringar erbjuds programmet Tonårskompassen, som "
          "omfattar fem gruppträffar. Målet är att minst 120 föräldrar per år ska fullfölja ett "
          "föräldrastödsprogram."),
    ("h2", "2.4 Samverkan mellan BUP och elevhälsa"),
    ("p", "BUP Norrmark har mottagningar i Tallmo och Storvallen. Barn och unga som bor i Ekeryd tas emot "
          "på mottagningen i Tallmo."),
    ("p", "Under 2024 skickades 27 procent av remisserna från elevhälsan tillbaka från BUP, oftast för att "
          "underlaget var ofullständigt eller för att barnets behov bedömdes kunna mötas i första linjen. "
          "En gemensam remissmall togs därför fram under 2025."),
    ("p", "Från januari 2026 införs ett konsultationsteam där elevhälsans psykologer en gång i månaden per "
          "skolområde kan konsultera en psykolog från BUP, utan att eleven behöver remitteras. Syftet med "
          "konsultationsteamet är att minska antalet returnerade remisser och att barnen snabbare ska få "
          "stöd på rätt nivå."),
    ("pagebreak",),
    ("h1", "3 Målgrupper"),
    ("p", "Aktivitetsplanen riktar sig till följande målgrupper:"),
    ("bullets", [
        "alla barn och unga 0–20 år och deras familjer i Tallmo, Ekeryd och Storvallen",
        "barn och unga med sammansatta behov som samtidigt behöver insatser från både kommunen och regionen",
        "elever med problematisk skolfrånvaro",
        "föräldrar och vårdnadshavare som behöver stöd i sitt föräldraskap",
    ]),
    ("p", "Åldersgränsen 20 år har valts för att planen även ska omfatta elever i gymnasieskolan och "
          "gymnasiesärskolan."),
    ("h1", "4 Organisation och ansvar"),
    ("p", "Aktivitetsplanen ägs av Barn- och ungagruppen inom Vårdsamverkan Åsbygden. Gruppen består av "
          "chefer från elevhälsa, socialtjänst, regional primärvård, ungdomsmottagning och BUP och träffas "
          "sex gånger per år."),
    ("p", "Ordförande i Barn- och ungagruppen är Sara Lindqvist, verksamhetschef för elevhälsan i "
          "Storvallens kommun. Vice ordförande är Johan Bergström, verksamhetschef för BUP Norrmark."),
    ("p", "Processledare Malin Ekholm bereder ärenden till gruppen, sammanställer uppföljningen av planen "
          "och är kontaktperson för frågor om aktivitetsplanen."),
    ("p", "Varje kommun har en lokal samordnare som driver aktiviteterna i den egna kommunen:"),
    ("bullets", [
        "Emma Holm, lokal samordnare i Tallmo kommun",
        "Ali Hassan, lokal samordnare i Ekeryds kommun",
        "Karin Sjöberg, lokal samordnare i Storvallens kommun",
    ]),
    ("p", "Beslut som påverkar flera huvudmäns resurser fattas av styrgruppen för Vårdsamverkan Åsbygden. "
          "Barn- och ungagruppen kan besluta om aktiviteter som ryms inom respektive verksamhets budget."),
    ("landscape",),
    ("h1", "5 Aktivitetstabell"),
    ("p", "Tabellen nedan visar planerade och pågående aktiviteter för 2026–2027. Status anges som "
          "Ej påbörjad, Pågår eller Klar. En tom cell i kolumnen Område betyder att raden hör till samma "
          "område som raden ovanför."),
    ("table", [
        ["Område", "Vad", "Hur", "Vem/Ansvarig", "Startdatum", "Deadline", "Uppföljning", "Status"],
        ["Skolnärvaro", "Gemensam rutin för tidig upptäckt av skolfrånvaro",
         "Frånvaron kartläggs varje månad. Vårdnadshavare kontaktas inom en vecka när frånvaron överstiger 15 procent.",
         "Lokala samordnare och rektorer", "HT 2025", "2026-06-30",
         "Andel elever med frånvaro över 15 procent, redovisas per termin", "Pågår"],
        ["", "Närvaroteam i varje kommun",
         "Kurator, specialpedagog och skolsköterska bildar ett team som stöttar skolorna i enskilda ärenden.",
         "Elevhälsochef i respektive kommun", "jan 2026", "2026-12-31",
         "Antal ärenden i närvaroteamen", "Pågår"],
        ["", "Utbildning om skolfrånvaro för socialsekreterare",
         "Halvdagsutbildning med elevhälsans psykologer som föreläsare.",
         "Ali Hassan", "sep 2026", "2026-11-30", "Antal deltagare", "Ej påbörjad"],
        ["Psykisk hälsa", "Programmet Stark i vardagen i årskurs 8",
         "Skolsköterska och kurator leder åtta lektioner per klass.",
         "Rektorer, med stöd från ungdomsmottagningen", "HT 2025", "VT 2027",
         "Andel klasser som genomfört programmet", "Pågår"],
        ["", "Utbildning i suicidprevention för skolpersonal",
         "Utbildningen Våga fråga, två timmar, för all personal på högstadiet.",
         "Processledare", "mars 2026", "2026-10-31",
         "Antal utbildade medarbetare, mål 300", "Ej påbörjad"],
        ["Föräldrastöd", "Föräldrastödsprogrammen ABC och Tonårskompassen",
         "Två gruppomgångar per kommun och termin.",
         "Socialtjänstens förebyggande enhet", "jan 2026", "2027-12-31",
         "Antal föräldrar som fullföljt ett program, mål 120 per år", "Pågår"],
        ["Familjecentral", "Öppna familjecentral i Tallmo",
         "Samlokalisera BVC, MVC, öppen förskola och socialtjänst vid Solbackens vårdcentral.",
         "Emma Holm och primärvården i Region Norrmark", "HT 2025", "2026-10-01",
         "Familjecentralen öppnad enligt plan", "Pågår"],
        ["", "Utvärdera familjecentralen i Ekeryd",
         "Enkät till besökare och intervjuer med personalen.",
         "Ali Hassan", "2026-03-01", "2026-09-30",
         "Utvärderingsrapport till Barn- och ungagruppen", "Ej påbörjad"],
        ["BUP och elevhälsa", "Gemensam remissmall",
         "Ta fram en mall för remiss från elevhälsan till BUP.",
         "Johan Bergström", "2025-05-01", "2025-10-31",
         "Andel returnerade remisser", "Klar"],
        ["", "Konsultationsteam BUP–elevhälsa",
         "En konsultation per månad och skolområde, digitalt eller på plats.",
         "BUP Norrmark och elevhälsans psykologer", "jan 2026", "2027-06-30",
         "Antal konsultationer och andel returnerade remisser", "Pågår"],
        ["SIP", "Fler SIP för barn och unga",
         "Vårdnadshavare informeras om rätten till SIP vid elevhälsomöten.",
         "Lokala samordnare", "2026-02-01", "Löpande",
         "Antal SIP för barn och unga 0–20 år", "Pågår"],
    ]),
    ("portrait",),
    ("h1", "6 Uppföljning och revidering"),
    ("p", "Aktivitetsplanen följs upp två gånger per år, i juni och i december. Processledaren sammanställer "
          "uppföljningen utifrån de lokala samordnarnas rapporter, och resultatet redovisas för styrgruppen "
          "för Vårdsamverkan Åsbygden."),
    ("p", "Följande indikatorer används för att följa utvecklingen under planperioden:"),
    ("numbered", [
        "andel elever i årskurs 7–9 med en frånvaro på mer än 15 procent",
        "antal upprättade SIP för barn och unga 0–20 år",
        "andel remisser från elevhälsan som skickas tillbaka från BUP",
        "antal föräldrar som fullföljt ett föräldrastödsprogram",
        "antal medarbetare som genomgått utbildningen Våga fråga",
    ]),
    ("p", "Planen revideras senast 2026-11-30. Om en aktivitet inte kan genomföras enligt plan ska den "
          "ansvariga lyfta det på nästa möte i Barn- och ungagruppen, så att gruppen kan besluta om ny "
          "tidplan eller om aktiviteten ska avslutas."),
    ("h1", "7 Begrepp och förkortningar"),
    ("bullets", [
        "BUP – barn- och ungdomspsykiatri, specialistpsykiatri för barn och unga upp till 18 år.",
        "BVC – barnavårdscentral, barnhälsovård för barn 0–6 år.",
        "EHT – elevhälsoteam, skolans team med rektor, kurator, skolsköterska, psykolog och specialpedagog.",
        "MVC – mödravårdscentral.",
        "SIP – samordnad individuell plan, som upprättas när ett barn behöver insatser från både socialtjänsten och hälso- och sjukvården.",
        "Första linjen – den första nivån av vård för psykisk ohälsa, till exempel vårdcentral och ungdomsmottagning.",
        "Skolområde – en grupp skolor som delar elevhälsoteam.",
    ]),
    ("p", "Frågor om aktivitetsplanen besvaras av processledare Malin Ekholm, malin.ekholm@asbygden.se."),
]
