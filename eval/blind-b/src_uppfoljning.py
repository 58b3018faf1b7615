# -*- coding: utf-8 -*-
"""Källtext för dokument 2: Uppföljning och analys 2024 (PDF).

Blocktyper: h1, h2, p, bullets, numbered, table, figure, pagebreak.
Figurer: ("figure", nummer, rubrik, etiketter, serier, serienamn)
"""

FILENAME = "uppfoljning-och-analys-asbygden-2024.pdf"
RUNNING_HEADER = "Vårdsamverkan Åsbygden – Uppföljning och analys 2024"

TITLE = [
    ("title", "Uppföljning och analys 2024"),
    ("subtitle", "Vårdsamverkan Åsbygden"),
    ("meta", "Region Norrmark, Tallmo kommun, Ekeryds kommun och Storvallens kommun"),
    ("meta", "Datum: 2025-03-20"),
    ("meta", "Fastställd av styrgruppen för Vårdsamverkan Åsbygden 2025-04-10"),
    ("meta", "Innehållsansvarig: Malin Ekholm, processledare"),
    ("meta", "E-post: malin.ekholm@asbygden.se"),
]

BODY = [
    ("h1", "Sammanfattning"),
    ("p", "Vårdsamverkan Åsbygden har under 2024 arbetat enligt Samverkansplan Åsbygden 2024–2027, som "
          "fastställdes av den politiska samrådsgruppen i december 2023. Året var planens första och "
          "präglades av att nya arbetsformer och en ny gruppstruktur skulle etableras."),
    ("p", "Totalt upprättades 187 SIP under året, en ökning med 12 procent jämfört med 2023. Ökningen var "
          "störst i Storvallen. Andelen SIP som följdes upp inom planerad tid var 71 procent, vilket är "
          "lägre än målet på 80 procent."),
    ("p", "Antalet dagar som patienter var utskrivningsklara på sjukhus innan de kunde skrivas ut till "
          "kommunen minskade från i genomsnitt 2,1 dagar 2023 till 1,4 dagar 2024. Ingen av kommunerna "
          "betalade för utskrivningsklara dagar under andra halvåret."),
    ("p", "Under året rapporterades 96 avvikelser i samverkan. Den vanligaste orsaken var brister i "
          "informationsöverföringen vid utskrivning från sjukhus."),
    ("p", "Det mobila psykiatriteamet startade som pilot den 2 september 2024 och hade vid årets slut "
          "vårdat 34 patienter i hemmet. Verksamheten har ekonomiskt gått med ett överskott på 0,3 mnkr."),
    ("p", "De viktigaste utvecklingsområdena inför 2025 är uppföljningen av SIP, informationsöverföringen "
          "vid utskrivning och samverkan kring barn och unga med psykisk ohälsa."),
    ("pagebreak",),
    ("h1", "1 Inledning"),
    ("p", "Vårdsamverkan Åsbygden är en överenskommelse om samverkan mellan Region Norrmark och kommunerna "
          "Tallmo, Ekeryd och Storvallen. Tillsammans har kommunerna cirka 58 000 invånare, varav Tallmo är "
          "störst med cirka 29 000 invånare."),
    ("p", "Syftet med Vårdsamverkan Åsbygden är att invånare som behöver insatser från både kommun och region "
          "ska uppleva vården och omsorgen som en sammanhängande helhet. Samverkan ska också bidra till "
          "omställningen till en god och nära vård, där mer av vården ges i öppna former och nära invånarna."),
    ("p", "Syftet med denna rapport är att följa upp hur samverkansplanens mål har uppfyllts under 2024, "
          "redovisa ekonomin och peka ut vad som behöver utvecklas under 2025. Rapporten bygger på statistik "
          "från kommunernas och regionens verksamhetssystem, på redovisningar från arbetsgrupperna och på "
          "en enkät till gruppernas ledamöter som besvarades av 41 av 55 tillfrågade."),
    ("h2", "1.1 Samverkansplanens målområden"),
    ("p", "Samverkansplan Åsbygden 2024–2027 har fyra målområden:"),
    ("numbered", [
        "Psykisk hälsa hos barn, unga och vuxna.",
        "Samordnad individuell plan, SIP.",
        "Trygg in- och utskrivning från sluten hälso- och sjukvård.",
        "Avvikelser i samverkan och gemensamt kvalitetsarbete.",
    ]),
    ("h1", "2 Organisation"),
    ("p", "Samverkan är organiserad i tre nivåer: en politisk samrådsgrupp, en styrgrupp med tjänstepersoner "
          "och tre arbetsgrupper för barn och unga, vuxna med psykisk ohälsa samt äldre och personer med "
          "kroniska sjukdomar."),
    ("p", "Den politiska samrådsgruppen består av två förtroendevalda från varje kommun och fyra från "
          "Region Norrmark. Ordförande under 2024 var Kerstin Wallin, regionråd i Region Norrmark, och "
          "vice ordförande var Tomas Eklund, kommunstyrelsens ordförande i Ekeryd. Gruppen sammanträdde "
          "två gånger, i april och i oktober."),
    ("p", "Styrgruppen består av socialchefer, skolchefer och chefer från regionens primärvård, psykiatri "
          "och sjukhusvård. Ordförande i styrgruppen är Per Landberg, socialchef i Ekeryds kommun. "
          "Vice ordförande är Helena Strand, områdeschef för primärvården i Region Norrmark. Styrgruppen "
          "hade fem möten under 2024."),
    ("p", "Processledare Malin Ekholm är anställd av Region Norrmark och arbetar på heltid för samverkan. "
          "Processledaren bereder ärenden till styrgruppen och den politiska samrådsgruppen, håller ihop "
          "uppföljningen och ansvarar för webbplatsen asbygden.se."),
    ("p", "Två delregionala samordnare har haft särskilda uppdrag under 2024. Lina Forsberg är samordnare "
          "för SIP och arbetar 50 procent med uppdraget. Erik Dahl är samordnare för suicidprevention och "
          "arbetar 40 procent med uppdraget. En kommunikatör anlitas vid behov, motsvarande högst 20 procent "
          "av en heltid."),
    ("h1", "3 Definitioner"),
    ("p", "I rapporten används följande begrepp:"),
    ("bullets", [
        "SIP, samordnad individuell plan: en plan som upprättas tillsammans med den enskilde när hen behöver "
        "insatser från både socialtjänsten och hälso- och sjukvården. Planen visar vem som gör vad och när "
        "insatserna ska följas upp.",
        "Utskrivningsklar: en patient är utskrivningsklar när ansvarig läkare bedömer att patienten inte längre "
        "behöver vård på sjukhus.",
        "Utskrivningsklar dag: varje dag som en utskrivningsklar patient ligger kvar på sjukhus i väntan på "
        "kommunens insatser. Efter tre kalenderdagar betalar kommunen för vårddygnet.",
        "Avvikelse i samverkan: en händelse där samverkan mellan kommun och region inte har fungerat enligt "
        "överenskomna rutiner och som har medfört eller hade kunnat medföra en risk för den enskilde.",
        "Mobilt psykiatriteam: ett team från den specialiserade psykiatrin som ger vård i patientens hem "
        "som alternativ till inläggning på vårdavdelning.",
        "Proaktiv SIP: en SIP som upprättas innan en kris har uppstått, till exempel vid en känd diagnos.",
    ]),
    ("h1", "4 Samordnad individuell plan, SIP"),
    ("p", "Totalt upprättades 187 SIP under året, en ökning med 12 procent jämfört med 2023 då 167 SIP "
          "upprättades. Av de 187 planerna gällde 58 barn och unga under 18 år och 129 vuxna."),
    ("p", "Fördelningen mellan kommunerna framgår av figur 1. Tallmo upprättade 84 SIP, Ekeryd 41 och "
          "Storvallen 62. I Storvallen ökade antalet med 22 planer jämfört med föregående år, vilket "
          "förklaras av att kommunens hemsjukvård under våren började erbjuda proaktiv SIP till personer "
          "med demenssjukdom."),
    ("figure", 1, "Antal SIP per kommun 2023 och 2024", ["Tallmo", "Ekeryd", "Storvallen"],
     [[80, 47, 40], [84, 41, 62]], ["2023", "2024"]),
    ("p", "Kommunen tog initiativ till 54 procent av planerna och regionen till 46 procent. Inom regionen "
          "var det vårdcentralerna som tog initiativ till flest SIP, följda av vuxenpsykiatrin."),
    ("p", "Andelen SIP som följdes upp inom planerad tid var 71 procent. Målet i samverkansplanen är 80 "
          "procent. I enkäten uppgav flera ledamöter att uppföljningsmöten ställs in när någon part får "
          "förhinder och att det saknas en tydlig ansvarig för att boka ett nytt möte."),
    ("p", "För att förbättra uppföljningen har följande åtgärder beslutats:"),
    ("bullets", [
        "datum för uppföljning ska alltid bestämmas innan SIP-mötet avslutas",
        "den part som kallat till mötet ansvarar för att boka om ett inställt uppföljningsmöte",
        "SIP-samordnaren följer upp andelen uppföljda planer varje kvartal",
        "en gemensam introduktion i SIP erbjuds nyanställda två gånger per år",
    ]),
    ("p", "Under 2024 genomfördes fyra introduktionsutbildningar i SIP med sammanlagt 112 deltagare."),
    ("h1", "5 In- och utskrivning från sluten vård"),
    ("p", "Under 2024 skrevs 1 142 patienter ut från Norrmarks sjukhus i Tallmo till fortsatta insatser i "
          "någon av de tre kommunerna. Det är 38 fler än 2023."),
    ("p", "Det genomsnittliga antalet utskrivningsklara dagar per vårdtillfälle minskade från 2,1 dagar 2023 "
          "till 1,4 dagar 2024. Fördelningen per kommun visas i figur 2."),
    ("figure", 2, "Utskrivningsklara dagar per vårdtillfälle 2024", ["Tallmo", "Ekeryd", "Storvallen"],
     [[1.2, 1.3, 1.9]], ["2024"]),
    ("p", "Storvallen betalade för sammanlagt 23 utskrivningsklara dagar under första halvåret. Skälet var "
          "främst brist på korttidsplatser under sommaren. Efter att kommunen öppnade sex nya korttidsplatser "
          "på Lärkgårdens äldreboende i juli 2024 har inga ytterligare betaldagar uppstått."),
    ("p", "Den 1 mars 2024 infördes en gemensam rutin för planering inför utskrivning, där kommunens "
          "biståndshandläggare och sjukhusets avdelning har ett digitalt planeringsmöte senast dagen innan "
          "patienten bedöms bli utskrivningsklar. Syftet med rutinen är att kommunens insatser ska vara på "
          "plats samma dag som patienten kommer hem."),
    ("h1", "6 Avvikelser i samverkan"),
    ("p", "Under året rapporterades 96 avvikelser i samverkan, jämfört med 81 året innan. Kommunerna "
          "rapporterade 61 avvikelser och regionen 35. Ökningen tolkas delvis som ett tecken på att "
          "rapporteringskulturen har stärkts efter de utbildningar som genomfördes under våren."),
    ("p", "Avvikelserna fördelade sig på kategorier enligt figur 3. Den vanligaste kategorin var "
          "informationsöverföring vid utskrivning, med 38 avvikelser."),
    ("figure", 3, "Avvikelser i samverkan per kategori 2024",
     ["Information\nvid utskrivning", "Läkemedel", "Hjälpmedel", "SIP", "Övrigt"],
     [[38, 22, 14, 9, 13]], ["2024"]),
    ("p", "Alla avvikelser har behandlats i den arbetsgrupp som berörs. Återkommande avvikelser om "
          "läkemedelslistor har lett till att sjukhuset sedan oktober skickar med en utskriven "
          "läkemedelslista när patienten skrivs ut till hemsjukvård."),
    ("h1", "7 Psykisk hälsa och suicidprevention"),
    ("h2", "7.1 Mobilt psykiatriteam"),
    ("p", "Det mobila psykiatriteamet startade som pilot den 2 september 2024. Teamet utgår från "
          "psykiatrins lokaler på Kvarngatan i Tallmo och ger specialistpsykiatrisk vård i hemmet till "
          "vuxna i alla tre kommunerna."),
    ("p", "Syftet med piloten är att pröva om vård i hemmet kan minska behovet av inläggning och ge "
          "patienterna en tryggare vård. Under perioden september till december vårdades 34 patienter av "
          "teamet. Den genomsnittliga vårdtiden var 24 dagar. Sex patienter behövde läggas in på "
          "vårdavdelning under eller efter tiden i teamet."),
    ("p", "Piloten finansieras gemensamt med 0,9 mnkr från samverkansbudgeten 2024 och utvärderas av "
          "Region Norrmarks FoU-enhet under hösten 2025."),
    ("h2", "7.2 Suicidprevention"),
    ("p", "Samordnaren för suicidprevention, Erik Dahl, har under året genomfört utbildningen Våga fråga "
          "för 146 medarbetare inom hemtjänst, socialtjänst och primärvård. Målet för 2024 var 150 "
          "utbildade."),
    ("p", "I september genomfördes en gemensam kampanj under den internationella suicidpreventiva dagen, "
          "med informationsbord på bibliotek och vårdcentraler i alla tre kommunerna."),
    ("h1", "8 Barn och unga"),
    ("p", "Arbetsgruppen för barn och unga leds av Sara Lindqvist, verksamhetschef för elevhälsan i "
          "Storvallens kommun. Gruppen har under 2024 haft fokus på skolfrånvaro och på samverkan mellan "
          "elevhälsan och BUP."),
    ("p", "Elevhälsan i de tre kommunerna skickade 212 remisser till BUP Norrmark under 2024. Av dessa "
          "returnerades 57, vilket motsvarar 27 procent. De vanligaste skälen var att remissen saknade en "
          "pedagogisk kartläggning eller att barnets behov bedömdes kunna mötas på vårdcentral. Som en följd "
          "beslutades att ta fram en gemensam remissmall under 2025."),
    ("p", "Familjecentralen i Ekeryd förbereddes under hösten 2024. Avtal om samlokalisering tecknades i "
          "november och öppningen planerades till mars 2025."),
    ("pagebreak",),
    ("h1", "9 Ekonomi"),
    ("p", "Samverkan finansieras gemensamt av regionen och kommunerna. Kommunernas bidrag fördelas efter "
          "antalet invånare. Under 2024 fick samverkan även statsbidrag för arbetet med god och nära vård."),
    ("p", "Intäkterna för 2024 uppgick till 4,6 mnkr och fördelade sig enligt tabell 1."),
    ("table", "Tabell 1. Intäkter 2024", [
        ["Finansiär", "Belopp"],
        ["Region Norrmark", "1,8 mnkr"],
        ["Tallmo kommun", "0,9 mnkr"],
        ["Ekeryds kommun", "0,4 mnkr"],
        ["Storvallens kommun", "0,5 mnkr"],
        ["Statsbidrag god och nära vård", "1,0 mnkr"],
        ["Summa", "4,6 mnkr"],
    ]),
    ("p", "Regionens andel 1,8 mnkr motsvarar hälften av den ordinarie finansieringen, medan kommunerna "
          "tillsammans bidrar med lika mycket. Kostnaderna för året uppgick till 4,3 mnkr enligt tabell 2."),
    ("table", "Tabell 2. Kostnader 2024", [
        ["Kostnadsslag", "Belopp"],
        ["Processledare och samordnare", "2,6 mnkr"],
        ["Pilot mobilt psykiatriteam", "0,9 mnkr"],
        ["Utbildningar och konferenser", "0,5 mnkr"],
        ["Kommunikation och webbplats", "0,2 mnkr"],
        ["Övrigt", "0,1 mnkr"],
        ["Summa", "4,3 mnkr"],
    ]),
    ("p", "Året gav ett överskott på 0,3 mnkr. Styrgruppen har beslutat att överskottet ska användas till "
          "utvärderingen av det mobila psykiatriteamet under 2025. Budgeten för 2025 är fastställd till "
          "4,8 mnkr, där statsbidraget beräknas till 1,1 mnkr."),
    ("h1", "10 Analys och fortsatt arbete"),
    ("p", "Samverkansstrukturen har under det första året fungerat i stort sett som det var tänkt. I enkäten "
          "uppgav 78 procent av ledamöterna att de har tillräckligt mandat för att fatta beslut i gruppen, "
          "men flera påpekade att mötena ofta handlar om information snarare än beslut."),
    ("p", "Ökningen av antalet SIP är positiv, men den låga andelen uppföljda planer visar att arbetssättet "
          "ännu inte är fullt etablerat. Den minskade tiden som utskrivningsklar tyder på att den nya rutinen "
          "för planering inför utskrivning har fått effekt."),
    ("p", "Inför 2025 prioriterar styrgruppen följande:"),
    ("numbered", [
        "Öka andelen SIP som följs upp inom planerad tid till minst 80 procent.",
        "Halvera antalet avvikelser som gäller informationsöverföring vid utskrivning.",
        "Utvärdera det mobila psykiatriteamet och besluta om fortsatt drift.",
        "Införa en gemensam remissmall mellan elevhälsan och BUP.",
        "Genomföra en gemensam konferens om god och nära vård för chefer i kommunerna och regionen.",
    ]),
    ("p", "Åsbygdsdagen, den årliga konferensen för medarbetare i samverkan, hölls den 17 oktober 2024 i "
          "Storvallens Folkets hus och samlade 164 deltagare. Temat var barns och ungas psykiska hälsa."),
]
