import json, os, random
D1="handlingsplan-aldre-kustbygd-2025-2026.docx"
D2="verksamhetsberattelse-kustbygd-2025.pdf"
D3="projektbeskrivning-bryggan-kustbygd.html"
Q=[]
def q(text, kind, lang, doc, ev, ans, sents):
    Q.append(dict(q=text, kind=kind, lang=lang, document=doc, evidence=ev, answer=ans, sentences=sents, absent=False))
def absent(text, kind, lang):
    Q.append(dict(q=text, kind=kind, lang=lang, document="", evidence=[], answer=[], sentences=[], absent=True))

# ---- doc 1: handlingsplan (docx)
q("Vad är trygg hemgång?", "definition", "sv", D1,
  ["Trygg hemgång är en tidsbegränsad insats från kommunen", "Insatsen pågår i högst 14 dagar"],
  ["tidsbegränsad", "14 dagar"],
  ["Trygg hemgång är en tidsbegränsad insats från kommunen för personer som skrivs ut från sjukhus till eget boende och som behöver extra stöd de första dagarna hemma.",
   "Insatsen pågår i högst 14 dagar och ges av ett särskilt team med undersköterskor, sjuksköterska, arbetsterapeut och fysioterapeut."])
q("vem leder arbetsgruppen som jobbar med äldrefrågorna", "who", "sv", D1,
  ["leds av Amira Hassan, enhetschef för hemsjukvården i Norrhamn"],
  ["Amira Hassan", "Per Öhman"],
  ["Gruppen träffas en gång i månaden, utom i juli, och leds av Amira Hassan, enhetschef för hemsjukvården i Norrhamn, tillsammans med Per Öhman, verksamhetschef för geriatriken vid Västkustsjukhuset."])
q("Hur många invånare är 65 år eller äldre i Strandvik, Norrhamn och Ekeby tillsammans?", "count", "sv", D1,
  ["cirka 14 300 personer som är 65 år eller äldre"],
  ["14 300"],
  ["I de tre kommunerna bor i dag cirka 14 300 personer som är 65 år eller äldre, och av dem är omkring 2 900 över 85 år."])
q("varför är det så viktigt att medicinlistan följer med hem när nån skrivs ut från sjukhuset", "why", "sv", D1,
  ["Läkemedelslistan prioriteras eftersom 41 av de 126 avvikelser"],
  ["41"],
  ["Läkemedelslistan prioriteras eftersom 41 av de 126 avvikelser i samverkan som rapporterades 2024 gällde ofullständig eller felaktig läkemedelsinformation vid utskrivning.",
   "Det var den vanligaste orsaken till avvikelser mellan sjukhuset och kommunerna."])
q("Vilka insatser ska göras för att förebyga fall bland äldre?", "list", "sv", D1,
  ["riskbedömning med Downton Fall Risk Index", "gruppträning i balans och styrka, Stå stadigt"],
  ["Downton", "Stå stadigt"],
  ["riskbedömning med Downton Fall Risk Index för alla som skrivs in i hemsjukvården",
   "gruppträning i balans och styrka, Stå stadigt, på träffpunkterna i alla tre kommunerna",
   "en gemensam temavecka om fallprevention under vecka 40 varje år"])
q("När ska flödesschemat för demensutredning vara klart", "when", "sv", D1,
  ["Gemensamt flödesschema för demensutredning"],
  ["2025-09-30"],
  ["Gemensamt flödesschema för demensutredning", "2025-09-30"])
q("Who is responsible for the safer medication list at discharge?", "who", "en", D1,
  ["Säker läkemedelslista vid utskrivning", "Johan Berg, MAS Strandvik"],
  ["Johan Berg"],
  ["Säker läkemedelslista vid utskrivning", "Johan Berg, MAS Strandvik"])
q("Finns det trygg hemgång i Ekeby?", "exists", "sv", D1,
  ["Ekeby saknar i dag ett eget team"],
  ["saknar", "Strandvik"],
  ["Ekeby saknar i dag ett eget team och köper platser av Strandvik enligt en avtalad överenskommelse."])
q("var ses anhöriga och personer med demens i ekeby varje månad", "where", "sv", D1,
  ["första torsdagen varje månad i Ekeby församlingshem"],
  ["Ekeby församlingshem"],
  ["Ekeby har sedan 2023 ett demenscafé som träffas första torsdagen varje månad i Ekeby församlingshem."])
q("hur ska vi korta tiden som patienter ligger kvar på sjukhuset fast de är färdigbehandlade?", "how", "sv", D1,
  ["tidig planering redan vid inskrivning", "Fast vårdkontakt utses inom ett dygn efter inskrivning"],
  ["inom ett dygn"],
  ["tidig planering redan vid inskrivning, så att en fast vårdkontakt i primärvården utses inom ett dygn",
   "Fast vårdkontakt utses inom ett dygn efter inskrivning och kallelse skickas i Kustlänken"])
q("whats the target for average days as utskrivningsklar in the elderly care plan", "other", "en", D1,
  ["tiden som utskrivningsklar på sjukhus ska vara högst"],
  ["1,5 dagar"],
  ["Den genomsnittliga tiden som utskrivningsklar på sjukhus ska vara högst 1,5 dagar."])
q("Sammanfatta målen i äldreplanen för 2025–2026", "summary", "sv", D1,
  ["ska minska till 14 procent", "ska minska med 10 procent jämfört med 2024"],
  ["1,5 dagar", "14 procent", "10 procent"],
  ["Den genomsnittliga tiden som utskrivningsklar på sjukhus ska vara högst 1,5 dagar.",
   "Andelen återinskrivningar inom 30 dagar för personer över 75 år ska minska till 14 procent.",
   "Antalet fallskador som leder till sjukhusvård bland personer över 80 år ska minska med 10 procent jämfört med 2024."])

# ---- doc 2: verksamhetsberättelse (pdf)
q("Vad är Kustmottagningen?", "definition", "sv", D2,
  ["Kustmottagningen är en mottagning för vuxna från 18 år"],
  ["skadligt bruk", "psykisk ohälsa"],
  ["Kustmottagningen är en mottagning för vuxna från 18 år som har både ett skadligt bruk eller beroende och en psykisk ohälsa."])
q("hur många utbildingar körde samverkan under 2025 och hur många var med", "count", "sv", D2,
  ["Under året genomfördes 17 utbildningstillfällen med totalt 386 deltagare"],
  ["17", "386"],
  ["Under året genomfördes 17 utbildningstillfällen med totalt 386 deltagare."])
q("Who chaired the political council in 2025?", "who", "en", D2,
  ["Nyberg (Ekeby kommun) och vice ordförande Tomas Falk"],
  ["Eva Nyberg"],
  ["Ordförande var Eva Nyberg (Ekeby kommun) och vice ordförande Tomas Falk (Region Västkust)."])
q("vem håller i det lokala arbetet mot självmord", "who", "sv", D2,
  ["leds av folkhälsostrategen Nora Lind i Ekeby kommun"],
  ["Nora Lind"],
  ["Gruppen leds av folkhälsostrategen Nora Lind i Ekeby kommun och har representanter från skola, socialtjänst, primärvård, psykiatri, polis och Svenska kyrkan."])
q("Var ligger Kustmottagningen sedan flytten?", "where", "sv", D2,
  ["flyttade mottagningen till nya lokaler på Hamngatan 12 i Norrhamn"],
  ["Hamngatan 12"],
  ["I april flyttade mottagningen till nya lokaler på Hamngatan 12 i Norrhamn."])
q("Varför blev det inget gemensamt team för trygg hemgång i Ekeby och Norrhamn?", "why", "sv", D2,
  ["ett gemensamt team eftersom de långa avstånden mellan kommunerna"],
  ["långa avstånden"],
  ["Ledningsgruppen beslutade att inte gå vidare med ett gemensamt team eftersom de långa avstånden mellan kommunerna gör det svårt att hinna med besöken."])
q("varför blev det pengar över i budgeten 2025", "why", "sv", D2,
  ["Överskottet på 103 tkr beror främst på att projektet Bryggan"],
  ["103 tkr", "Bryggan"],
  ["Överskottet på 103 tkr beror främst på att projektet Bryggan startade senare än planerat."])
q("Vilka var de vanligaste orsakerna till avvikelser i samverkan 2025?", "list", "sv", D2,
  ["brister i läkemedelsinformationen vid utskrivning (49 avvikelser)", "utebliven eller sen kallelse i Kustlänken (31 avvikelser)"],
  ["läkemedelsinformationen", "Kustlänken"],
  ["brister i läkemedelsinformationen vid utskrivning (49 avvikelser)",
   "utebliven eller sen kallelse i Kustlänken (31 avvikelser)",
   "otydlighet om vem som ansvarar för hjälpmedel (22 avvikelser)"])
q("How many home visits did the mobile team make in 2025?", "count", "en", D2,
  ["Under 2025 gjorde teamet 2 406 hembesök"],
  ["2 406"],
  ["Under 2025 gjorde teamet 2 406 hembesök."])
q("Sammanfatta hur 2025 gick för Samverkan Kustbygd", "summary", "sv", D2,
  ["Kustmottagningen i nya lokaler och projektet Bryggan", "Väntetiden till BUP är fortfarande för lång"],
  ["Kustmottagningen", "Bryggan"],
  ["Tiden som utskrivningsklar minskade, fler samordnade individuella planer upprättades och två verksamheter – Kustmottagningen i nya lokaler och projektet Bryggan – kom i gång.",
   "Väntetiden till BUP är fortfarande för lång, antalet avvikelser i samverkan ökade och målet för utskrivningsklara dagar nåddes bara i en av tre kommuner."])
q("när ska nästa samverkansplan börja gälla?", "when", "sv", D2,
  ["påbörja arbetet med nästa samverkansplan, som ska gälla från 2028"],
  ["2028"],
  ["påbörja arbetet med nästa samverkansplan, som ska gälla från 2028"])
q("Finns det sprututbyte i Kustbygd", "exists", "sv", D2,
  ["Kartläggningen visade att det närmaste sprututbytet finns", "vid infektionskliniken i Kungsvik och att det saknas lokal utdelning"],
  ["Kungsvik"],
  ["Kartläggningen visade att det närmaste sprututbytet finns vid infektionskliniken i Kungsvik och att det saknas lokal utdelning av naloxon."])
q("hur delas notan för samverkan mellan regionen och kommunerna?", "how", "sv", D2,
  ["kommunerna delar på den andra hälften utifrån antal invånare"],
  ["hälften"],
  ["Region Västkust betalar hälften av kostnaderna och kommunerna delar på den andra hälften utifrån antal invånare."])

# ---- doc 3: Bryggan (html)
q("vad är bryggan för nåt", "definition", "sv", D3,
  ["Bryggan är en gemensam mottagningsfunktion"],
  ["mottagningsfunktion"],
  ["Bryggan är en gemensam mottagningsfunktion där elevhälsan, socialtjänsten och regionens primärvård tillsammans tar emot och bedömer förfrågningar om stöd vid psykisk ohälsa hos barn och unga.",
   "Bryggan är inte en behandlingsenhet utan en väg in som ser till att barnet får rätt insats från början."])
q("vem tar beslut om bryggan ska fortsätta efter projekttiden", "who", "sv", D3,
  ["förlänga eller permanenta Bryggan efter juni 2027"],
  ["politiska samrådet"],
  ["Beslut om att förlänga eller permanenta Bryggan efter juni 2027 fattas av det politiska samrådet."])
q("What are Bryggan's phone hours?", "when", "en", D3,
  ["Måndag–torsdag klockan 8.30–11.30 och 13.00–15.00"],
  ["8.30–11.30", "13.00–15.00"],
  ["Måndag–torsdag klockan 8.30–11.30 och 13.00–15.00, fredag klockan 8.30–11.30"])
q("Hur går det till när man hör av sig till Bryggan?", "how", "sv", D3,
  ["En samordnare ringer upp inom tre arbetsdagar"],
  ["tre arbetsdagar", "tisdag"],
  ["En samordnare ringer upp inom tre arbetsdagar och gör en första bedömning.",
   "Varje tisdag går ett bedömningsteam med kurator, skolsköterska, socialsekreterare och psykolog från vårdcentralen igenom nya ärenden.",
   "Familjen får besked om vilken verksamhet som ska ge stöd, och samordnaren ser till att kontakten blir av."])
q("which kinds of help can bryggan refer kids to", "list", "en", D3,
  ["Första linjen barn och unga vid vårdcentralerna", "internetbaserad KBT via 1177"],
  ["skolkurator", "KBT"],
  ["samtalsstöd hos skolkurator", "Första linjen barn och unga vid vårdcentralerna", "internetbaserad KBT via 1177"])
q("vem är det som driver bryggan i vardagen?", "who", "sv", D3,
  ["Projektledare är Maja Lund, som är anställd av Strandviks kommun"],
  ["Maja Lund"],
  ["Projektledare är Maja Lund, som är anställd av Strandviks kommun på 75 procent.",
   "Projektledaren ansvarar för den dagliga driften, rekryteringen av samordnare och rapporteringen till styrgruppen."])
q("finns det drop-in för ungdomar i Norrhamn?", "exists", "sv", D3,
  ["Drop-in finns bara i Familjens hus i Strandvik"],
  ["Familjens hus", "Strandvik"],
  ["Drop-in finns bara i Familjens hus i Strandvik, men samordnarna kan boka möten på skolor i Norrhamn och Ekeby."])
q("Varför har man valt att ha en gemensam ingång i stället för att familjerna själva kontaktar olika verksamheter?", "why", "sv", D3,
  ["familjer ska slippa berätta sin historia", "BUP ska kunna koncentrera sig på barn"],
  ["historia", "specialistpsykiatri"],
  ["familjer ska slippa berätta sin historia för många olika verksamheter",
   "barn ska få stöd tidigt, innan problemen har vuxit sig stora",
   "BUP ska kunna koncentrera sig på barn som behöver specialistpsykiatri"])
q("hur många samordnare jobbar på bryggan", "count", "sv", D3,
  ["I Bryggan arbetar två samordnare"],
  ["två samordnare"],
  ["I Bryggan arbetar två samordnare: Elin Borg, som är skolsköterska, och Fredrik Nilsson, som är socionom."])
q("vilka åldrar tar bryggan emot", "other", "sv", D3,
  ["barn och unga 6–20 år som bor eller går i skola"],
  ["6–20 år"],
  ["barn och unga 6–20 år som bor eller går i skola i Strandvik, Norrhamn eller Ekeby"])

# ---- absent (near misses)
absent("Vad har Kustmottagningen för telefonnummer?", "other", "sv")
absent("Hur många deltagare var det på Kustbygdsdagen 2024?", "count", "sv")
absent("Vem är MAS i Ekeby kommun?", "who", "sv")
absent("vad kostar trygg hemgång för brukaren", "other", "sv")
absent("What was Samverkan Kustbygd's budget for 2024?", "other", "en")
absent("Finns det någon ungdomsmottagning i Ekeby?", "exists", "sv")
absent("Var ska Kustbygdsdagen hållas 2027?", "where", "sv")
absent("Hur många platser finns det på korttidsboendet i Strandvik?", "count", "sv")
absent("Who is the chair of the political council in 2026?", "who", "en")
absent("När startade mobila närvårdsteamet?", "when", "sv")

assert len(Q) == 45, len(Q)
random.seed(7)
random.shuffle(Q)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions.jsonl"), "w", encoding="utf-8") as f:
    for i, item in enumerate(Q, 1):
        out = {"id": f"a{i:02d}"}
        out.update(item)
        f.write(json.dumps(out, ensure_ascii=False) + "\n")
print("wrote", len(Q))
