# Genererar questions.jsonl (45 frågor, blind-b). Kör: python3 write_questions.py
import json
D1="aktivitetsplan-asbygden-barn-och-unga-2026-2027.docx"
D2="uppfoljning-och-analys-asbygden-2024.pdf"
D3="mobila-psykiatriteamet-asbygden.html"
Q=[]
def q(text,kind,lang,doc,ev,ans,sent):
    Q.append(dict(q=text,kind=kind,lang=lang,document=doc,evidence=ev,answer=ans,sentences=sent,absent=False))
def a(text,kind,lang):
    Q.append(dict(q=text,kind=kind,lang=lang,document="",evidence=[],answer=[],sentences=[],absent=True))

# --- DOCX
q("Vad menas med problematisk skolfrånvaro i aktivitetsplanen?","definition","sv",D1,
  ["Problematisk skolfrånvaro definieras i denna plan som","mer än 15 procent av undervisningstiden"],
  ["15 procent","fyra"],
  ["Problematisk skolfrånvaro definieras i denna plan som att en elev under minst fyra sammanhängande veckor har en sammanlagd frånvaro, giltig eller ogiltig, på mer än 15 procent av undervisningstiden."])
q("vem e vice ordf i barn och unga gruppen","who","sv",D1,
  ["Vice ordförande är Johan Bergström, verksamhetschef för BUP Norrmark."],
  ["Johan Bergström"],
  ["Vice ordförande är Johan Bergström, verksamhetschef för BUP Norrmark."])
q("Vad ska göras för att fler elever faktiskt ska komma till lektionerna?","list","sv",D1,
  ["ett närvaroteam i varje kommun med kurator, specialpedagog och skolsköterska",
   "en gemensam rutin för tidig upptäckt där frånvaron kartläggs varje månad"],
  ["närvaroteam"],
  ["en gemensam rutin för tidig upptäckt där frånvaron kartläggs varje månad",
   "ett närvaroteam i varje kommun med kurator, specialpedagog och skolsköterska",
   "en direkt kontaktväg från skolan till socialtjänstens mottagningsgrupp för anonym konsultation"])
q("när är det tänkt att Tallmo ska få en samlokaliserad verksamhet för småbarnsföräldrar","when","sv",D1,
  ["familjecentral vid Solbackens vårdcentral under hösten 2026"],
  ["hösten 2026"],
  ["Tallmo planerar att öppna en familjecentral vid Solbackens vårdcentral under hösten 2026."])
q("hur är programmet för åttorna om stress och sömn upplagt?","how","sv",D1,
  ["Programmet består av åtta lektioner om stress, sömn, relationer",
   "Lektionerna leds av skolsköterska och kurator tillsammans"],
  ["åtta lektioner"],
  ["Programmet består av åtta lektioner om stress, sömn, relationer och var man kan söka hjälp.",
   "Lektionerna leds av skolsköterska och kurator tillsammans, med stöd av personal från ungdomsmottagningen."])
q("varför införs konsultationsteamet mellan bup och elevhälsan","why","sv",D1,
  ["Syftet med konsultationsteamet är att minska antalet returnerade remisser"],
  ["returnerade remisser"],
  ["Syftet med konsultationsteamet är att minska antalet returnerade remisser och att barnen snabbare ska få stöd på rätt nivå."])
q("Vad är deadline för utvärderingen av familjecentralen i Ekeryd?","when","sv",D1,
  ["Utvärdera familjecentralen i Ekeryd","Enkät till besökare och intervjuer med personalen."],
  ["2026-09-30"],
  ["Utvärdera familjecentralen i Ekeryd","2026-09-30"])
q("vem har ansvaret för att lärare och annan personal på högstadiet lär sig prata om självmordstankar","who","sv",D1,
  ["Utbildning i suicidprevention för skolpersonal",
   "Utbildningen Våga fråga, två timmar, för all personal på högstadiet."],
  ["Processledare"],
  ["Utbildning i suicidprevention för skolpersonal",
   "Utbildningen Våga fråga, två timmar, för all personal på högstadiet.",
   "Processledare"])
q("Vart tar BUP emot barn som bor i Ekeryd?","where","sv",D1,
  ["tas emot på mottagningen i Tallmo"],
  ["Tallmo"],
  ["Barn och unga som bor i Ekeryd tas emot på mottagningen i Tallmo."])
q("How many parents per year are supposed to finish a parenting course?","count","en",D1,
  ["Målet är att minst 120 föräldrar per år ska fullfölja ett föräldrastödsprogram."],
  ["120"],
  ["Målet är att minst 120 föräldrar per år ska fullfölja ett föräldrastödsprogram."])
q("Sammanfatta hur aktivitetsplanen för barn och unga följs upp","summary","sv",D1,
  ["Aktivitetsplanen följs upp två gånger per år, i juni och i december."],
  ["juni","december"],
  ["Aktivitetsplanen följs upp två gånger per år, i juni och i december.",
   "Processledaren sammanställer uppföljningen utifrån de lokala samordnarnas rapporter, och resultatet redovisas för styrgruppen för Vårdsamverkan Åsbygden.",
   "Planen revideras senast 2026-11-30."])

# --- PDF
q("Hur många SIP upprättades under 2024?","count","sv",D2,
  ["Totalt upprättades 187 SIP under året"],
  ["187"],
  ["Totalt upprättades 187 SIP under året, en ökning med 12 procent jämfört med 2023 då 167 SIP upprättades."])
q("hur många samordnade individuella planer gjorde storvallen förra året (2024)","count","sv",D2,
  ["Tallmo upprättade 84 SIP, Ekeryd 41 och Storvallen 62."],
  ["62"],
  ["Tallmo upprättade 84 SIP, Ekeryd 41 och Storvallen 62."])
q("Vem är ordförande i styrgruppen för Vårdsamverkan Åsbygden?","who","sv",D2,
  ["Ordförande i styrgruppen är Per Landberg, socialchef i Ekeryds kommun."],
  ["Per Landberg"],
  ["Ordförande i styrgruppen är Per Landberg, socialchef i Ekeryds kommun."])
q("Who chaired the group of elected politicians in 2024?","who","en",D2,
  ["Ordförande under 2024 var Kerstin Wallin, regionråd i Region Norrmark"],
  ["Kerstin Wallin"],
  ["Ordförande under 2024 var Kerstin Wallin, regionråd i Region Norrmark, och vice ordförande var Tomas Eklund, kommunstyrelsens ordförande i Ekeryd."])
q("Vad är en utskrivningsklar dag?","definition","sv",D2,
  ["varje dag som en utskrivningsklar patient ligger kvar på sjukhus"],
  ["ligger kvar på sjukhus"],
  ["Utskrivningsklar dag: varje dag som en utskrivningsklar patient ligger kvar på sjukhus i väntan på kommunens insatser. Efter tre kalenderdagar betalar kommunen för vårddygnet."])
q("hur mycket pengar sköt Region Norrmark till samverkan 2024","other","sv",D2,
  ["Regionens andel 1,8 mnkr motsvarar hälften av den ordinarie finansieringen"],
  ["1,8 mnkr"],
  ["Regionens andel 1,8 mnkr motsvarar hälften av den ordinarie finansieringen, medan kommunerna tillsammans bidrar med lika mycket."])
q("Varför fick Storvallen betala för patienter som blev kvar på sjukhuset?","why","sv",D2,
  ["Skälet var främst brist på korttidsplatser under sommaren."],
  ["korttidsplatser"],
  ["Storvallen betalade för sammanlagt 23 utskrivningsklara dagar under första halvåret.",
   "Skälet var främst brist på korttidsplatser under sommaren."])
q("Vilka åtgärder har man beslutat om för att fler SIP:ar ska följas upp i tid?","list","sv",D2,
  ["datum för uppföljning ska alltid bestämmas innan SIP-mötet avslutas"],
  ["datum för uppföljning"],
  ["datum för uppföljning ska alltid bestämmas innan SIP-mötet avslutas",
   "den part som kallat till mötet ansvarar för att boka om ett inställt uppföljningsmöte",
   "SIP-samordnaren följer upp andelen uppföljda planer varje kvartal"])
q("var höll man den stora årliga personalkonferensen 2024","where","sv",D2,
  ["hölls den 17 oktober 2024 i Storvallens Folkets hus"],
  ["Storvallens Folkets hus"],
  ["Åsbygdsdagen, den årliga konferensen för medarbetare i samverkan, hölls den 17 oktober 2024 i Storvallens Folkets hus och samlade 164 deltagare."])
q("Sammanfatta vad styrgruppen vill prioritera under 2025","summary","sv",D2,
  ["Öka andelen SIP som följs upp inom planerad tid",
   "Utvärdera det mobila psykiatriteamet och besluta om fortsatt drift."],
  ["80 procent","remissmall"],
  ["Öka andelen SIP som följs upp inom planerad tid till minst 80 procent.",
   "Utvärdera det mobila psykiatriteamet och besluta om fortsatt drift.",
   "Införa en gemensam remissmall mellan elevhälsan och BUP."])
q("How many deviations in collaboration were reported in 2024, and what was the most common type?","count","en",D2,
  ["Under året rapporterades 96 avvikelser i samverkan",
   "Den vanligaste kategorin var informationsöverföring vid utskrivning"],
  ["96","informationsöverföring"],
  ["Under året rapporterades 96 avvikelser i samverkan, jämfört med 81 året innan.",
   "Den vanligaste kategorin var informationsöverföring vid utskrivning, med 38 avvikelser."])
q("what are the main goal areas in the collaboration plan 2024-2027","list","en",D2,
  ["Psykisk hälsa hos barn, unga och vuxna.",
   "Trygg in- och utskrivning från sluten hälso- och sjukvård."],
  ["psykisk hälsa","utskrivning"],
  ["Psykisk hälsa hos barn, unga och vuxna.",
   "Trygg in- och utskrivning från sluten hälso- och sjukvård.",
   "Avvikelser i samverkan och gemensamt kvalitetsarbete."])
q("fick vårdsamverkan nåt bidrag från staten 2024?","exists","sv",D2,
  ["fick samverkan även statsbidrag för arbetet med god och nära vård"],
  ["1,0 mnkr"],
  ["Under 2024 fick samverkan även statsbidrag för arbetet med god och nära vård.",
   "Statsbidrag god och nära vård","1,0 mnkr"])
q("Hur många patienter hann det mobila teamet ta hand om hösten 2024?","count","sv",D2,
  ["Under perioden september till december vårdades 34 patienter av teamet."],
  ["34"],
  ["Under perioden september till december vårdades 34 patienter av teamet."])

# --- HTML
q("vad gör det mobila teamet inom psykiatrin egentligen","definition","sv",D3,
  ["ger specialistpsykiatrisk vård i patientens eget hem"],
  ["patientens eget hem"],
  ["Mobila psykiatriteamet är en enhet inom vuxenpsykiatrin i Region Norrmark som ger specialistpsykiatrisk vård i patientens eget hem."])
q("från vilken ålder kan man få vård av det mobila psykiatriteamet","other","sv",D3,
  ["Teamet vänder sig till vuxna från 18 år"],
  ["18 år"],
  ["Teamet vänder sig till vuxna från 18 år som är folkbokförda i Tallmo, Ekeryd eller Storvallen och som har en svår psykisk ohälsa som annars skulle kräva inläggning eller täta besök på en psykiatrisk mottagning."])
q("vilka tider jobbar mobila teamet på lördagar och söndagar","when","sv",D3,
  ["Lördag, söndag och helgdag","Hembesök till inskrivna patienter"],
  ["09.00–17.00"],
  ["Lördag, söndag och helgdag","09.00–17.00","Hembesök till inskrivna patienter"])
q("Hur gör man för att få en patient inskriven hos mobila psykiatriteamet?","how","sv",D3,
  ["Ring teamet och gör en muntlig föranmälan till teamets sjuksköterska."],
  ["föranmälan","två vardagar"],
  ["Ring teamet och gör en muntlig föranmälan till teamets sjuksköterska.",
   "Skicka en skriftlig remiss i journalsystemet till mottagaren \"Mobila psykiatriteamet Åsbygden\".",
   "Teamet gör en bedömning och meddelar beslut om inskrivning inom två vardagar."])
q("hur många sjuksköterskor jobbar i hemsjukvårds teamet för pyskiatri","count","sv",D3,
  ["9 sjuksköterskor, varav 6 specialistsjuksköterskor i psykiatri"],
  ["9 sjuksköterskor"],
  ["9 sjuksköterskor, varav 6 specialistsjuksköterskor i psykiatri"])
q("How much does the patient pay when a doctor from the mobile team comes to the home?","other","en",D3,
  ["Hembesök av teamets läkare"],
  ["250 kr"],
  ["Hembesök av teamets läkare","250 kr"])
q("vem är medicinskt ansvarig läkare för mobila teamet","who","sv",D3,
  ["Medicinskt ansvarig läkare är överläkare Nils Håkansson"],
  ["Nils Håkansson"],
  ["Medicinskt ansvarig läkare är överläkare Nils Håkansson, specialist i allmän psykiatri."])
q("kan boendestödet i kommunen skicka en remiss till teamet?","exists","sv",D3,
  ["Kommunens socialtjänst och boendestöd kan inte remittera"],
  ["kan inte remittera"],
  ["Kommunens socialtjänst och boendestöd kan inte remittera, men är välkomna att ringa teamet för konsultation om en person som de är oroliga för."])
q("varför ska man vårda folk hemma istället för att lägga in dem på avdelning","why","sv",D3,
  ["patienten ska kunna behålla sina vardagsrutiner, sitt sociala nätverk",
   "platserna på avdelningen kan användas för dem som behöver vård dygnet runt"],
  ["vardagsrutiner"],
  ["Syftet med att ge vården i hemmet är att patienten ska kunna behålla sina vardagsrutiner, sitt sociala nätverk och sina kontakter med kommunen under den period då hen mår som sämst.",
   "Med ett mobilt team kan fler patienter få intensiv vård utan att behöva lämna sin hemort, och platserna på avdelningen kan användas för dem som behöver vård dygnet runt."])
q("Summarize the results from the mobile team's pilot period","summary","en",D3,
  ["vårdade teamet 97 patienter","88 procent att de skulle rekommendera vård i hemmet"],
  ["97","88 procent"],
  ["Under pilotperioden från september 2024 till och med augusti 2025 vårdade teamet 97 patienter.",
   "Region Norrmarks FoU-enhet har utvärderat piloten och bedömer att teamet minskade antalet vårddygn på vårdavdelning med cirka 1 900 under perioden.",
   "I en enkät till patienterna svarade 88 procent att de skulle rekommendera vård i hemmet till någon i samma situation."])

# --- absent (near misses)
a("Vad har BUP Norrmark i Tallmo för telefonnummer?","other","sv")
a("Hur många SIP upprättades totalt under 2025?","count","sv")
a("vilka öppetider har familjecentralen i ekeryd","when","sv")
a("hur många avvikelser i samverkan rapporterade Storvallen 2024","count","sv")
a("What is the fee for a video appointment with the mobile psychiatric team?","other","en")
a("Vem är ordförande i arbetsgruppen för äldre och personer med kroniska sjukdomar?","who","sv")
a("Finns det drop-in på ungdomsmottagningen i Storvallen?","exists","sv")
a("How many SIP were drawn up in Ekeryd in 2022?","count","en")
a("Hur stor var regionens andel av finansieringen 2023?","other","sv")
a("vad kostar ett besök på BUP för barn under 18","other","sv")

# interleave absent ones so they are not all at the end
import random
random.seed(7)
random.shuffle(Q)
with open("/work/main/eval/blind-b/questions.jsonl","w") as f:
    for i,x in enumerate(Q,1):
        x={"id":f"b{i:02d}",**x}
        f.write(json.dumps(x,ensure_ascii=False)+"\n")
print(len(Q))
