"""The names a visitor gives, for connectors/personal_details.py: a recogniser on Microsoft
Presidio's framework, since Presidio finds names only with a downloaded NER model.

A name is taken where a visitor gives one (CUES: "my name is ...", "I'm Anna", "my husband
Tom", "Name: ...", a sign-off "thanks, Maria", "Anna told me to write", "please text Anna on
...", "hello from Anna Ruiz"), as a known first name followed by a surname ("Faith Adebayo";
"Eun-ji Park", a surname that is also a word, after a first name that is none), just before
another personal detail ("Penny Lockwood, penny@...", "kevin 555-...", "Ana Ruiz, date of
birth ...") or just after an email or phone at the end ("..., Anna"), joined by "and", "&",
"+" or "or" to a name found, or listed after one ("Ava, Ilse and Lena"). A capitalised word
of no language the lists know continues a name after a capitalised word ("Mana Latu"); a name
ends with its line. How sure a cue is decides what the word after it must be; the word lists
that decide it are built once by `make` (write_name_lexicon) into build/name_lexicon/:
- common_words.txt: words English writes in lower case more often than capitalised ("tired",
  "grace"), from spaCy's English word-frequency table;
- english_words.txt: every word of that table, either case ("irish", "anna");
- first_names.txt and surnames.txt: the first names and surnames of Faker's and Mimesis's person
  data, in all Latin-script locales, those written in Cyrillic, Greek, Georgian, Armenian or
  kana as Faker's transliteration writes them in Latin letters, those in Indian scripts and
  Korean given names as their bearers write them ("rajesh", "aditi", "min-joon", "seoyeon"), and
  all of them also without accents (a name typed with accents the lists hold only without,
  "Gülşen", is known too);
- common_surnames.txt: Faker's surnames that are also common words ("park", "hill");
- nationalities.txt: Mimesis's nationalities ("canadian"), which "I'm ..." may give instead.
A name that opens a message before a dash, "from" or another detail ("Ana - ...", "Ana
ana@..."), is taken only if a known first name or no English word; the clinic's own names
(CLINIC_FILE) are never masked (personal_details.Redactor).
Round 14's cues: "Ana here/again/calling" after a sentence, a comma or a bare "Afternoon!" or
another language's hello, "Ana: ..." opening a message, honorifics ("Chief", "Herr", "Señora") and
relations written as titles ("Auntie", "Abuela"), relation words in five more languages
("marido", "fille", "Tochter"), whom the visitor cares for or lives with, someone thanked by
name, two names alone as a sentence, a nickname in brackets before the surname. Never a name:
medical words of other languages by their endings (detail_recognizers.MEDICAL_ENDING), a month
before more months, a first name and surname after "a"/"my" with no cue (a product, a breed).
Round 15's cues: someone who sent or was told, inside a sentence ("because Ana told me", "I told
Ana I'd ..."), also in lower case if a known first name and no common word; whom the visitor
went to see; a known first name that is no common word nor month as a subject after a word for
when ("Last night Ana had ..."); "Ana and Rui are my parents"; one capitalised name then "here"
and a stop; a full name as the first sentence; a name after what the visitor is ("I'm a nurse,
Ana Ruiz."); "Ana my name"; "add Ana as my carer"; kisses after a sign-off; one or two initials
before a name ("R. Kumar", "T.J. Smith"); the Philippines' "Ma."; relation words of South Asia
("appa", "ammi"); a relation's first name and surname in lower case. Never a name: a brand named
after a doctor before its product ("Dr. Scholl's insoles"), rheumatism's stem ("Rheuma"), a voice
assistant told something ("I told Alexa to ...").
Round 16's cues: self-introductions in Portuguese, Italian, Dutch, the Nordic languages, Polish and
Hungarian ("Sou a Ana", "sono Ana", "mijn naam is", "jeg er", "Nagy Zsófia vagyok"), Dutch and
Italian relations and other languages' possessives ("mijn vrouw Els", "Su hija, Ana"), a relation
then a bracket or colon (", wife (Ana)", "His wife: Ana."), whom someone calls so ("we call him
MJ", "me dicen Pepe", "(Deco to the lads)"), staff by where they work ("Janet at reception"),
"told by", "mine (Ana)", "mine - Ana Ruiz", an aside before "here" ("Ryo Matsumoto (松本亮) here"),
the same name in its own script after a name ("(张伟)", "/ 박현우"), a lower-case first name with an
age after a relation ("my daughter grace (she's 16)"), "it's me, izzy", a lower-case full name of
known name parts before "here" ("tan mei ling here"), more greetings ("Goedemiddag"). Never a
name: whom a sign-off is said to ("Cheers Mate"), a disease's possessive before "and ... here",
"Valentine's", a medical word or another language's function word in a full name ("seit Mai
Knieschmerzen", "Bieten Sie Videosprechstunden"), a lower-case word of no known name after a
capitalised one ("Sakit lutut dan ...", Malay). First names the lists lack (MORE_FIRST_NAMES: "Femi",
"Faisal", "Wanjiru" ...).
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from pathlib import Path
from typing import Any

import regex
import srsly
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from assistant.datafiles import load_yaml
from assistant.paths import CLINIC_FILE, NAME_LEXICON_DIR
from connectors.address_recognizer import STREET_TYPES, known_places
from connectors.detail_recognizers import MEDICAL_ENDING

NAME_WORD = r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*"
# A first name and up to six more parts ("Carmen Ruiz de la Fuente"); each match is checked
# word by word (name_like, surname_like) before it counts.
NAMES = rf"(?:\p{{Lu}}\.[ \t]?){{0,2}}{NAME_WORD}(?:\s+(?:['‘“\"]{NAME_WORD}['’”\"]|{NAME_WORD}\.?)){{0,6}}"
# Surname particles a family's name may begin with: "the Van der Berg family".
PARTICLES_CUE = ("van", "von", "der", "den", "de", "del", "della", "la", "le", "du", "da", "di", "el", "al", "ter",
                 "ten", "ó", "ní", "nic", "mac", "ap", "dos", "das", "dela", "delos")
# ... as few words as the cue lets it take: "Ingrid here writing for ..." gives "Ingrid".
FEWEST_NAMES = NAMES + "?"
GREETING_WORD = (r"(?:hi|hello|hey|hiya|heya|yo|sup|greetings|dear|good (?:morning|afternoon|evening)|"
                 # "Afternoon! Ana here", "Hola! Ana from ...": a time of day before a stop, other languages'
                 r"(?:morning|afternoon|evening)(?=\s*[,.!])|hola|bonjour|hallo|salut|ol[áa]|namaste|howdy|"
                 # ... and other languages' times of day: "Goedemiddag, ik ben ...", "Buongiorno"
                 r"goede(?:morgen|middag|navond)|buongiorno|buonasera|bom\s+dia|boa\s+tarde|"
                 r"buen[oa]s\s+(?:d[ií]as|tardes)|"
                 r"guten\s+(?:tag|morgen|abend)|dzie[ńn]\s+dobry|j[óo]\s+napot|god\s+(?:morgen|dag)|hej|hei|moi)")
# ... once or more: "hi hi its ...", "hello hello!"
GREETING = (rf"{GREETING_WORD}(?:[\s,!.]+{GREETING_WORD})*"
            r"(?:\s+there)?\s*[,!.—–-]*\s+")
# ("mother in law" before "mother": a cue takes the first that fits)
RELATIONS = (r"(?:mother|father|son|daughter|brother|sister)[- ]in[- ]law|"
             r"husband|wife|partner|spouse|son|daughter|child|kid|boy|girl|baby|teen|teenager|"
             r"mom|mum|mam|mammy|mother|dad|father|parent|brother|sister|friend|boyfriend|girlfriend|"
             r"fianc[ée]e?|grandma|grandmother|grandpa|grandfather|grandson|granddaughter|"
             r"aunt|uncle|niece|nephew|cousin|neighbou?r|roommate|colleague|caregiver|carer|"
             r"stepson|stepdaughter|stepbrother|stepsister|half[- ]brother|half[- ]sister|sis|bro|hubs|missus|"
             r"gran|gramma|grammy|grandmom|grandmama|grandpapa|grampa|granpa|great[- ]grandmother|"
             r"great[- ]grandfather|great[- ]aunt|great[- ]uncle|"
             r"stepmother|stepfather|stepmom|stepmum|stepdad|twin|year[ -]old|yo|bf|gf|hubby|wifey|"
             r"bestie|ex|granddad|grandad|gramps|granny|nana|nan|grandmum|mama|papa|mommy|daddy|"
             r"sibling|guardian|aide|helper|sweetheart|lola|lolo|abuela|abuelo|oma|opa|nonna|nonno|"
             r"bubbe|zayde|auntie|aunty|tia|tio|cuz|co-?worker|boss|manager|supervisor|employer|coach|"
             r"teacher|pastor|priest|rabbi|imam|landlord|landlady|tenant|buddy|pal|mate|classmate|housemate|"
             r"flatmate|godmother|godfather|godson|goddaughter|little\s+one|little\s+boy|little\s+girl|youngest|eldest|oldest|"
             r"kiddo|toddler|grandchild|grandkid|grandbaby|stepchild|widow|widower|"
             # ... in Spanish, Portuguese, French, Italian and German: "marido Tomás", "ma fille Léa"
             r"marido|esposa|esposo|hijo|hija|madre|padre|hermano|hermana|mam[áa]|pap[áa]|filho|filha|m[ãa]e|"
             r"irm[ãa]o?|mari|femme|fils|fille|m[èe]re|p[èe]re|fr[èe]re|s(?:œ|oe)ur|moglie|figlio|figlia|"
             r"ehemann|ehefrau|sohn|tochter|mutter|vater|bruder|schwester|"
             # ... Dutch and Italian: "mijn vrouw Els", "la mia ragazza Sofia"
             r"vrouw|echtgenote|echtgenoot|zoon|dochter|moeder|vader|broer|zus|marito|ragazza|ragazzo|fidanzata|"
             r"fidanzato|fratello|sorella|mamma|"
             # ... Polish, the Nordic languages, Indonesian and Malay, Tagalog: "Mój syn Piotr", "Min fru Maria"
             r"m[ąa][żz]|[żz]ona|c[óo]rka|syn|siostra|babcia|dziadek|fru|hustru|maka|sambo|dotter|pappa|"
             r"syster|kone|datter|s[øo]nn|s[øo]ster|suami|istri|isteri|asawa|nanay|tatay|kuya|"
             # ... and South Asia's, as families write them in English: "my appa R. Kumar", "my ammi"
             r"appa|amma|thatha|paati|ammamma|achan|ammi|abbu|abba|bhai|bhaiya|didi|akka|chacha|chachi|mausi|"
             # ... Māori and Tagalog: "my koro Wiremu", "my kuia", "anak ko"
             r"koro|kuia|whaea|matua|mokopuna|tamariki|anak|apo")
# What brands named after a doctor sell, after the brand: "Dr. Scholl's insoles".
PRODUCTS = (r"insoles?|inserts?|orthotics?|boots?|shoes?|sandals?|slippers?|socks?|gel|cream|pads?|"
            r"soap|balm|lotion|spray|drinks?|soda")
# Words for whom a message is said to, after a sign-off: "Cheers Mate", "Thanks all", "Ta love".
ADDRESSEES = (r"(?i:mate|mates|pal|buddy|bud|love|luv|dear|hun|hon|honey|babe|darling|guys|folks|all|everyone|"
              r"everybody|team|doc|doctor|sir|madam|boss|chief|friend|friends|fam|bro|sis)")
# Those who care for a visitor by trade: "my physio Sarah".
CARERS = (r"physio|physiotherapist|therapist|chiro|chiropractor|gp|pcp|dentist|nurse|midwife|counsell?or|psychologist|"
          r"psychiatrist|social\s+worker|case\s+manager|specialist|surgeon|neurologist|rheumatologist|cardiologist|"
          r"pa?ediatrician|oncologist|pharmacist|osteopath|acupuncturist|trainer|doula|provider|physician|doctor|doc|"
          # ... and the staff a visitor meets: "the tech, Marcus, said ..."
          r"tech|technician|technologist|receptionist|secretary|assistant|scheduler|coordinator|navigator|"
          r"interpreter|translator|paramedic|dietitian|dietician|nutritionist|optometrist|podiatrist|audiologist|"
          r"sonographer|radiographer|hygienist|orderly|porter|consultant|registrar|resident|intern|attending|"
          r"practitioner|health\s+visitor|support\s+worker|key\s+worker|care\s+worker|aide|sleep\s+tech|rn|np|pa|ot")
SIGN_OFFS = (r"thanks|thank you|thanks again|many thanks|thank you so much|thx|ty|regards|best|cheers|"
             r"sincerely|best wishes|kind regards|warm regards|best regards|warmly|respectfully|love|bye|"
             r"take care|yours|yours truly|yours sincerely|all the best|god bless|"
             r"talk soon|speak soon|see you soon|see you|with thanks|with gratitude|gratefully|thankfully|blessings|"
             r"hugs|xoxo|ciao|rgds|brgds|thank u|thanks so much|thanks a lot|much appreciated|appreciate it|"
             r"stay well|be well|stay safe|best wishes|warm wishes|kindly|respectfully yours|faithfully|"
             r"yours faithfully|obrigad[oa]|gracias|merci|danke|saludos|cumprimentos|groetjes|mfg|lg|ta|ta very much|"
             r"cheers then|many thanks again|grazie|dank je|tack|takk|dziękuję|dziekuje|salamat")
# What someone who sent a visitor did: "Ines told me to ...", "Ines says I should ..." (not
# what a medicine does: "... made me dizzy", "... gave me headaches").
REPORTING = (r"told\s+(?:me|us|him|her)|tells\s+(?:me|us)|asked\s+(?:me|us)|has\s+asked|is\s+asking|says|said|"
             r"suggested|recommended|wants\s+(?:me|us|to)|wanted\s+(?:me|us|to)|needs|insisted|insists|urged|"
             r"reminded\s+(?:me|us)|referred\s+(?:me|us)|sent\s+(?:me|us)|"
             r"mentioned|encouraged|keeps\s+telling|thinks|thought|"
             # ... or who lives with them: "Ruth lives with me at ..."
             r"(?:lives|stays|is\s+staying|is\s+living)\s+with\s+(?:me|us)")
# The words one of REPORTING needs (a cue whose words are absent is not tried).
REPORTING_WORDS = ("told", "tells", "asked", "asking", "says", "said", "suggested", "recommended", "wants", "wanted",
                   "needs", "insist", "urged", "reminded", "referred", "sent", "mentioned", "encouraged", "keeps",
                   "thinks", "thought")
# Inside a sentence, after a lower-case word or a comma, not after a preposition or a possessive
# ("the group on Elm Avenue sent me", "her passport says").
MID_SENTENCE = (r"(?<=(?:\p{Ll}|,)\s)(?<!\b(?i:on|at|in|from|to|of|near|by|the|a|an|my|our|your|his|her|"
                r"their|its)\s)")
# (after emoji or symbols that open it: "👋 Yannick here!")
START = rf"(?i:^[\s\p{{So}}\p{{Sk}}\u200d\ufe0f]*(?:{GREETING})?)"
# A dash or "from" after a name that opens a message ("Ana - ...", "Ana from the choir").
OPENER_END = r"\s*(?:(?:-{1,2}|[–—])(?=\s)|\s+from\s)"
# A short aside in brackets between a name and what follows it: "Ryo Matsumoto (松本亮) here".
ASIDE = r"(?:\s*\([^()\n]{1,20}\))?"
# What follows a name that opens a message: "Ana here", "Ana again", "Tomás aquí".
HERE = r"(?i:here|writing|speaking|calling|again|aqu[ií]|ici|hier)\b"
# Where a visitor gives a name: (what the first word must be, whether every word of the match
# must be part of the name, the pattern[, strings one of which the message must hold]). What the
# first word must be (name_like):
# - "any": any word but a function word ("my name is jose", "Mrs. Lopez");
# - "capitalised": capitalised, a known first name, or no common English word ("my son Will");
# - "rare": a capitalised known first name or no common English word ("I'm noah", "my husband is
#   Omar"; not "it's red");
# - "unknown": a known first name (in lower case, only if no common word) or no English word
#   at all ("I'm Oluwaseun", not "I'm Irish" or "I'm lucky");
# - "name_or_unknown": a known first name in any case, or no English word ("faith here");
# - "titled_name": capitalised, and a known first name or no English word, nor two joined;
# - "first_name": a known first name, in lower case only if no common word ("this is Raj",
#   not "this is Ambien" nor "he's sad");
# - "known": a known first name in any case ("my wife hope has ...");
# - "capitalised_name": capitalised, and a known first name or no common English word;
# - "titled": the same, also with a possessive ("Dr. Osei's office");
# - "known_rare": a known first name that is no common word ("grandpa otto").
# "Whole" patterns end where a name would ("Mark your calendars," is not one).
CUES = [
    # ("nmae", "naem": the word typed with two letters swapped)
    ("any", False, rf"(?i:\b(?:name|nmae|naem)(?:'s|’s|\s+is|\s*[:–-])|\bnames\s+are|"
                   rf"\bpatient(?:'s)?(?:\s+name)?\s*[:–-]|\bpatient\s+name|\bname\s+of\s+(?:the\s+)?patient|\bpt\.?\s*[:–-]|"
                   rf"\b(?:first|last|sur|family|given|middle|full|maiden|married|birth|legal|preferred|nick)\s*name"
                   rf"(?:\s+is\b|\s*[:,–-])?|"
                   rf"\bsigned\s*:?|^\s*from\s*:|\battn\.?:?|"
                   # the same in Spanish, French and German: "me llamo", "je m'appelle"
                   rf"\bme\s+llamo|\bmi\s+nombre\s+es|\bje\s+m['’]appelle|\bmon\s+nom\s+est|"
                   rf"\bich\s+hei(?:ße|sse)|\bmein\s+name\s+ist|"
                   # ... in Dutch, Portuguese, Italian, Swedish, Norwegian and Polish: "mijn naam is",
                   # "me chamo", "mi chiamo", "jag heter", "nazywam się"
                   rf"\bmijn\s+naam\s+is|\bme\s+chamo|\bmeu\s+nome\s+[ée]|\bmi\s+chiamo|\bj[ae]g\s+heter|"
                   rf"\bnazywam\s+si[ęe])[\s,]+({NAMES})"),
    # ... and in more languages, a capitalised name or a known first name (their function words
    # follow as often: "mera naam ki dawai", "nama saya tidak ..."): Russian, Ukrainian, Romanian,
    # Czech, Slovak, Turkish, Indonesian and Malay, Tagalog, Swahili, Vietnamese, Hindi and Urdu in
    # Latin letters, Finnish, Swedish, Danish and Norwegian, Italian, Portuguese
    ("beside_detail", False, rf"(?i:\bменя\s+зовут|\bмене\s+звати|\bм[ао][єе]\s+[іи]м['’]я|\bm[ăa]\s+numesc|"
                             rf"\bjmenuji\s+se|\bvol[áa]m\s+sa|\bbenim\s+ad[ıi]m|\bnama\s+saya(?:\s+ialah|\s+adalah)?|"
                             rf"\bako\s+si|\bjina\s+langu\s+ni|\bt[êe]n\s+t[ôo]i\s+l[àa]|\bt[ôo]i\s+t[êe]n\s+l[àa]|"
                             rf"\bmera\s+naam|\bminun\s+nimeni\s+on|\bmitt\s+namn\s+[äa]r|\bmit\s+navn\s+er|"
                             rf"\bil\s+mio\s+nome\s+[èe]|\bo\s+meu\s+nome\s+[ée])[\s,]+({NAMES})"),
    # "hola, soy Carmen", "je suis Marie" ("soy" is also a bean: a capitalised name, and "soy" only
    # where a sentence or clause begins)
    ("capitalised_name", False, rf"(?i:(?:^|[,.!;¡]|\byo)\s*soy|\bje\s+suis|\bich\s+bin)\s+({NAMES})"),
    # ... and in Portuguese, Italian, Dutch, the Nordic languages and Polish, where a sentence or
    # clause begins: "Sou a Beatriz", "sono Matteo", "ik ben Sanne", "jeg er Lars", "jestem Ola"
    ("capitalised_name", False, rf"(?i:(?:^|[,.!;]|\beu)\s*sou(?:\s+[ao](?=\s+\p{{Lu}}))?|(?:^|[,.!;])\s*sono|"
                                rf"\bik\s+ben|\bj[ae]g\s+(?:er|är)|\bjestem)\s+({NAMES})"),
    # ... and Hungarian's, after the name: "Nagy Zsófia vagyok"
    ("capitalised_name", True, rf"(?:^|[.!?,]\s*)({NAMES})\s+(?i:vagyok)\b", ("vagyok",)),
    # Who the message is from, where it begins: "Quick question from Sunil - ...", "A note from
    # Ana Ruiz:" (not "Hello from Hawaii", nor "A message from Aetna said ...")
    ("capitalised_name", True, rf"{START}(?i:(?:a\s+|one\s+)?(?:quick\s+|short\s+)?(?:question|message|msg|note)"
                               rf"\s+from)\s+({NAMES})\s*(?:[-–—:,!]|$)"),
    # "ms. petrakis", but not "22 ms" (milliseconds) nor "MS" (multiple sclerosis)
    # ... "MR" in capitals only before a capital: "20mg MR at night" is modified release
    ("any", False, rf"\b(?:(?!MRS?\b)(?i:mr|mrs|miss|mx)|MRS?(?=\.?\s+\p{{Lu}})|Ms|(?<!\d\s?)ms)\.?\s+({NAMES})"),
    # "we call him MJ", "everyone calls me sunny", "me dicen Pepe": a nickname, also in capitals
    # or a first name in lower case
    ("nickname", False, rf"(?i:\b(?:call|calls)\s+(?:me|him|her|them)|\bme\s+dicen|"
                        rf"\bon\s+m['’]appelle|\bmi\s+chiamano|\b(?:friends|everyone|everybody|people)\s+say)"
                        rf"[\s,:]+['‘“\"]?({NAMES})"),
    ("capitalised", False, rf"(?i:\b(?:call\s+me|i\s+go\s+by|known\s+as|sent\s+by|calls?\s+(?:me|him|her|them)|"
                           rf"care\s+of|nickname(?:\s+is)?|on\s+behalf\s+of|goes\s+by))[\s,:]+({NAMES})"),
    # "He's Kenneth", "she's Gianni", "Harold Lindqvist's daughter", "mom of Tommy",
    # "an appointment for Sunny Park"
    ("first_name", False, rf"(?i:\b(?:he|she|they)(?:'s|’s|\s+is|\s+are)|\b(?:hes|shes))\s+({NAMES})"),
    # "Dr. Hana Petrova", "my GP Dr. Osei's office": a doctor's name, but not the clinic's own
    # (CLINIC_FILE's doctor, whom visitors ask about: StatedNameRecognizer.analyze).
    # (not a brand named after a doctor, known by the product after it: "Dr. Scholl's insoles",
    # "Dr Martens boots")
    ("titled", False, rf"(?:\b(?i:dr|doctor|prof|professor|nurse)\.?)\s+(?!{NAME_WORD}\s+(?i:{PRODUCTS})\b)({NAMES})"),
    # ... and an honorific's: "Chief Emeka Obi", "Alhaji Garba", "Herr Brandt", "Señora Ruiz"
    ("titled", False, rf"(?:\b(?:Chief|Alhaji|Alhaja|Hajia|Haji|Sir|Dame|Madam|Madame|Mme|Mlle|Herr|Frau|Se[ñn]or|"
                      rf"Se[ñn]ora|Se[ñn]orita|Sra|Signor|Signora|Sig\.ra|"
                      # ... Dutch, Polish, Portuguese, Indonesian and Greek ones: "Mevrouw Jansen", "Pani Nowak"
                      rf"Mevrouw|Meneer|Mevr|Dhr|Pani|Pan|Dona|Bapak|Ibu|Kyria|Kyrios)\.?)\s+({NAMES})"),
    # ... and a relation's written as a title: "Auntie Bisi", "Abuela Carmen", "Nonna Pia"
    ("capitalised_name", False, rf"\b(?:Mama|Papa|Mam[áa]|Pap[áa]|Abuela|Abuelo|Aunt|Auntie|Aunty|Uncle|Grandma|"
                                rf"Grandpa|Granny|Nana|Oma|Opa|Nonna|Nonno|T[íi]a|T[íi]o|Tita|Tito|Lola|Lolo|Baba|"
                                rf"Gogo|Ouma|Oupa|Bibi|Babu|Dadi|Nani|Tante|Onkel)\s+({NAMES})"),
    # ... and a minister's: "Rev. Okoro", "Fr. Dominic", "Imam Yusuf"
    ("titled", False, rf"(?:\b(?:Rev|Revd|Reverend|Fr|Pastor|Rabbi|Imam|Sheikh|Deacon|Elder)\.?)\s+({NAMES})"),
    # "it was Ana who told me", "the message is from Ana", "booked under Ana"
    ("capitalised_name", False, rf"(?i:\bit\s+was)\s+({NAMES})(?=\s+(?i:who|that)\b)"),
    ("capitalised_name", False, rf"(?i:\b(?:message|msg|note|email|text|letter)\s+is\s+from)\s+({NAMES})"),
    ("titled_name", False, rf"(?i:\b(?:booked|booking|appointment|appt|registered|listed|filed)\s+(?:is\s+)?under"
                           rf"(?:\s+the\s+name)?)\s+({NAMES})"),
    # "my physio Sarah", "my therapist, Lena", "our GP Dr. Ng"
    ("capitalised_name", False, rf"(?i:\b(?:my|our|his|her|their|the)\s+(?:\w+\s+)?(?:{CARERS}))"
                                rf"(?:,\s*|\s*\(\s*|\s+[-–—]{{1,2}}\s+|\s+)({NAMES})"),
    # ... and whom a carer writes for, after an aside: "my client (with consent) Andriy Melnyk"
    ("capitalised_name", False, rf"(?i:\b(?:my|our|the)\s+(?:\w+\s+)?(?:client|patient|{RELATIONS}))"
                                rf"\s*\([^()\n]{{1,30}}\)\s*,?\s*({NAMES})(?=\s*,\s*\d|\s*\(|\s*[.;]?\s*$)"),
    # "my names Orla" (without its apostrophe)
    ("capitalised", False, rf"(?i:\bmy\s+names)\s+({NAMES})"),
    # "this is for Joost de Vries", "a message for Ana from Rui", "returning patient, Kofi"
    ("capitalised_name", False, rf"(?i:\b(?:this\s+is|it'?s|it’s|its)\s+for|\b(?:message|msg|note)\s+(?:for|to)|"
                                rf"\b(?:returning|new|existing)\s+patient)[,:\s]+({NAMES})"),
    ("capitalised_name", False, rf"(?i:\b(?:message|msg|note)\s+for\s+{NAMES}\s+from)\s+({NAMES})"),
    # "can Ray come along?", "tell Clarence I said thanks", "Philippa's appointment"
    ("first_name", False, rf"(?i:\b(?:can|could|may|would|should|will|did|does)\s+)({NAMES})"
                          rf"(?=\s+(?i:come|go|join|stay|drive|bring|pick|sit|attend|accompany|be\s+there)\b)"),
    ("first_name", False, rf"(?i:\b(?:tell|ask|let)\s+)({NAMES})(?=\s+(?i:i|that|to|we|know)\b)"),
    # ... and whom the visitor told or asked: "I told Odile I'd write", "telling Odile on the phone"
    ("first_name", False, rf"(?i:\b(?:told|telling|asked|asking|texted|messaged|promised|showed)\s+)({FEWEST_NAMES})"
                          rf"(?=\s+(?i:i|i'd|i’d|i'll|i’ll|that|about|on|to|we|what|how)\b)"),
    ("first_name", True, rf"(?<!(?i:\b(?:my|his|her|their|our|the|your|a|an|this|that))\s)(?:^|(?<=[\s,(]))({NAMES})"
                         rf"(?=['’]s\s+(?i:appointment|appt|visit|birthday|dob|date\s+of\s+birth|phone|number|email|"
                         rf"address|referral|records?|file|chart|results|prescription|insurance)\b)",
     ("appointment", "appt", "visit", "birthday", "dob", "birth", "phone", "number", "email", "address", "referral",
      "record", "file", "chart", "results", "prescription", "insurance")),
    ("capitalised_name", True, rf"(?:^|[\s,(])({NAMES})['’]s\s+(?i:{RELATIONS})\b", ("'s", "’s")),
    ("capitalised_name", False, rf"(?i:\b(?:{RELATIONS})\s+(?:of|to))\s+({NAMES})"),
    ("capitalised_name", False, rf"(?i:\b(?:appt|appointment|booking|referral|records?|consult)\s+for)\s+({NAMES})"),
    ("any", True, rf"(?:^|[.!?,]\s*)({NAMES})\s+(?i:is\s+my\s+name|is\s+the\s+name)\b"),
    # ... and without "is", as some write it: "Karolina my name."
    ("capitalised_name", True, rf"(?:^|[.!?,]\s*)({NAMES})\s+(?i:my\s+name)\s*(?:[.!,;]|$)"),
    # "writing for Ana my wife", "me and Tom, my husband"
    ("capitalised_name", True, rf"(?:^|[,(]\s*|(?i:\b(?:for|with|and|&|me|us|to))\s+)({FEWEST_NAMES}),?\s+"
                               rf"(?i:my|our|his|her|their)\s+(?:\w+\s+)?(?i:{RELATIONS})\b"),
    # "Kim is my mom", "the Okonjo family"
    ("capitalised_name", True, rf"(?:^|[\s,(])({NAMES})\s+(?i:is|was)\s+(?i:my|our|his|her|their)\s+(?:\w+\s+)?"
                               rf"(?i:{RELATIONS})\b"),
    ("capitalised", True, rf"(?i:\bthe)\s+((?:(?i:{'|'.join(sorted(PARTICLES_CUE))})\s+)*{NAME_WORD})\s+"
                          rf"(?i:family|household|residence|kids|twins)\b"),
    # ... and a family by its name in the plural: "we're the Haddads"
    ("capitalised", True, rf"(?i:\bwe(?:'re|’re|\s+are)\s+the)\s+({NAME_WORD}(?i:e?s))\b"),
    ("unknown", False, rf"(?i:\b(?:i'?m|i’m|i\s+am|(?:the\s+)?patient\s+is))\s+({NAMES})"),
    ("rare", True, rf"(?i:\b(?:i'?m|i’m|i\s+am))\s+({FEWEST_NAMES})(?:\s*[,.!;)]|\s*$|\s+and\s+(?i:i|i'?m)\b|"
                   # ... and the next clause without a stop: "im Ana my husband has ..."
                   rf"\s+(?i:i|my|our|we)\s|"
                   # ... and where they are from: "I'm Faisal Al-Zahrani from Jeddah" (a capitalised place)
                   rf"\s+(?i:from)\s+\p{{Lu}})"),
    ("rare", False, rf"{START}(?i:this\s+is|it'?s|it’s|its|here'?s)\s+({NAMES})"),
    # ... and one capitalised word, then a stop or "again": "hi it's Wen.", "hi hi its Mele!", "it's Honey (yes ...)"
    # (not a month or a holiday: "hi, it's March.", "it's Christmas!")
    ("capitalised", True, rf"{START}(?i:it'?s|it’s|its|this\s+is)\s+(?!(?i:january|february|march|april|may|june|july|"
                          rf"august|september|october|november|december|christmas|easter|halloween|thanksgiving|"
                          rf"diwali|eid|hanukkah|ramadan)\b)(\p{{Lu}}\p{{Ll}}+)"
                          rf"(?=\s*[.!,(]|\s+(?i:again|here)\b)"),
    # ... and a first name that is also a word, in lower case, where a stop follows it: "hi, its
    # hope, i have ...", "i'm rusty, 61" (not "it's red and swollen").
    ("known", True, rf"{START}(?i:this\s+is|it'?s|it’s|its|i'?m|i’m|i\s+am)\s+({NAME_WORD}(?:\s+{NAME_WORD})?)"
                      rf"\s*(?:[,.!;]|$)"),
    ("first_name", False, rf"(?i:\b(?:this\s+is|it'?s|it’s|its|here'?s|it\s+is|mine\s+is|mine'?s|mine’s))\s+({NAMES})"),
    # After a greeting to someone: "Hi Dr. Kohler's office, this is Vikram Singh Rathore"
    ("rare", False, rf"(?i:^\s*{GREETING})(?:(?i:dr|doctor|doc|nurse|team|all|everyone|folks)\b|\p{{Lu}}\p{{Ll}})"
                    rf"[^,!?\n]{{0,40}}[,!]\s+(?i:this\s+is)\s+({NAMES})"),
    ("capitalised", False, rf"(?i:\b(?:my|our|the|his|her|their)\s+(?:\w+\s+){{0,2}}(?:{RELATIONS})s?)"
                           rf"(?:,\s*|\s*\(\s*|\s+[-–—]{{1,2}}\s+|\s+)({NAMES})"),
    # ... and after a colon, a known first name ("His wife: Monique."; not "my husband: Tramadol")
    ("first_name", False, rf"(?i:\b(?:my|our|the|his|her|their)\s+(?:\w+\s+){{0,2}}(?:{RELATIONS})s?)\s*:\s*({NAMES})"),
    # ... after another language's possessive: "Su hija, Valentina de la Cruz", "mijn vrouw Els"
    # (a known first name: "meine Mutter (Jahrgang 1948)" stays)
    ("first_name", False, rf"(?i:\b(?:su|sus|mi|mis|tu|mon|ma|sa|mes|meine?|seine?|ihre?|unsere?|mijn|zijn|haar|"
                          rf"onze|mia|mio|sua|suo|minha|meu|seu|moja|m[óo]j|min|mitt|mina)\s+(?:{RELATIONS}|mann|frau|man|maman|papa))"
                          rf"(?:,\s*|\s+)({NAMES})"),
    ("capitalised", False, rf"(?i:\b\w+['’]s\s+(?:{RELATIONS}))(?:,\s*|\s*\(\s*|\s+)({NAMES})"),
    ("unknown", False, rf"(?i:\b(?:my|our|his|her|their)\s+(?:\w+\s+){{0,2}}(?:{RELATIONS})(?:['’]s)?\s+is)"
                       rf"\s+({NAMES})"),
    ("capitalised_name", False, rf"(?:^|[.!?;]\s+|\n)(?i:{RELATIONS})(?:\s+is\s+|['’]s\s+|\s*[:(,]\s*|\s+)({NAMES})"),
    # ... after a comma or "and", without "my": "dad is Ron, mum is Peg", "my son Ade and daughter Bisi"
    ("capitalised_name", False, rf"(?:,\s*|(?i:\b(?:and|&)\s+(?:his\s+|her\s+|our\s+|their\s+)?))"
                                rf"(?i:{RELATIONS})(?:\s+is\s+|\s*\(\s*|\s+)({NAMES})"),
    # whom the visitor cares for: "I'm the carer for Ruth", "I look after Walter"
    ("capitalised_name", False, rf"(?i:\b(?:carer|caregiver|care\s+giver|guardian)\s+(?:for|of|to)|"
                                rf"\b(?:care|caring|cares)\s+for|\blook(?:ing|s)?\s+after)\s+({NAMES})"),
    # a name with its pronouns after it: "Bram (he/him)", "I'm Odette (she/her)"
    ("capitalised", True, r"(?:^|[\s,:])(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2})\s*\(\s*(?i:she|he|they|ze|xe)"
                          r"\s*/\s*(?i:her|hers|him|his|them|theirs|hir|zir|xem)\s*\)"),
    # a maiden name: "Ilse Koster née Brannigan"
    ("capitalised", False, rf"(?i:\bn[ée]e)\s+({NAMES})"),
    ("known_rare", False, rf"(?i:\b(?:{RELATIONS}))\s+({NAMES})"),
    # A first name that is also a word, in lower case, as the subject of what follows: "my aunt
    # hope has ...", "my sister faith is ..." (not "my dad said ...").
    ("known", False, rf"(?i:\b(?:my|our|his|her|their)\s+(?:\w+\s+){{0,2}}(?:{RELATIONS}))\s+({NAME_WORD})"
                          rf"(?=\s+(?i:is|was|has|had|have|does|did|can|could|will|would|should|might|needs|wants|"
                          rf"keeps|gets|takes|says|said|also|still|just|both|too)\b|\s+and\s+(?i:my|i|me|his|her|our)\b"
                          # ... or her age: "my daughter grace (she's 16)", "my son will, 12,"
                          rf"|\s*\(\s*(?i:she|he|they|aged?|\d)|\s*,\s*\d{{1,2}}\b"
                          # ... or the pronoun that goes on about them: "pls help my mum faith she has ..."
                          rf"|\s+(?i:she|he)\s+(?i:has|had|is|was|can't|cannot|can|does|did|keeps|needs|wakes|"
                          rf"gets)\b)"),
    # "emergency contact: Maria Lopez", "next of kin is Tomasz", "referred by Ayodele"
    ("capitalised_name", False, rf"(?i:\b(?:contact(?:\s+person)?|next\s+of\s+kin|guardian|referred\s+by|"
                                rf"referral\s+from|told\s+by|advised\s+by|recommended\s+by)(?:\s+is|\s*[:–-])?)"
                                rf"\s+({NAMES})"),
    # Someone of the staff, by where they work: "Janet at reception", "thanks to Tom at the front desk"
    ("capitalised_name", True, rf"(?:^|(?<=[\s,(]))({FEWEST_NAMES})\s+(?i:at|on|from)\s+(?:the\s+)?"
                               rf"(?i:reception|front\s+desk|front\s+office|desk|switchboard|help\s*desk)\b",
     ("reception", "desk", "front office", "switchboard")),
    # "my son named Leo", "a boy called Ezra" (not "a drug called Belsomra")
    ("first_name", False, rf"(?i:\b(?:named|called))\s+({NAMES})"),
    ("capitalised", False, rf"(?i:\band\s+i,)\s*({NAMES})"),
    ("capitalised", True, rf"(?i:\b(?:me|us))\s*(?:,\s*|\(\s*)({NAMES})\s*[,)]"),
    ("capitalised_name", True, rf"(?i:\b(?:me|us))\s*,\s*({NAMES})\s*(?:[.!]|$)"),
    # ... and a known first name in lower case: "this is for me, ruby."
    ("known", True, rf"(?i:\b(?:for|from|it'?s|it’s|its)\s+me)\s*,\s*({NAME_WORD})\s*(?:[.!]|$)"),
    ("first_name", False, rf"(?i:\b(?:patient|name))[,\s]+({NAMES})"),
    ("capitalised_name", False, rf"(?i:\b(?:ask\s+for|(?:speak|spoke|spoken|speaking|talk|talked|talking)\s+"
                                rf"(?:to|with)|c/o))[,\s]+({NAMES})"),
    # "Will has ...": "Will" as a subject before a verb, where the modal cannot stand
    ("known", True, r"(?:^|[.!?]\s+|\n)(Will)(?=\s+(?i:has|had|is|was|does|did|says|said|needs|wants|gets|keeps|"
                    r"takes|can't|cannot|won't|isn't|wasn't|doesn't|didn't|also|still)\b)"),
    # "it's me again, Leon", "hi its me tyrone": a name after "it's me"
    ("first_name", False, rf"(?i:\b(?:it'?s|it’s|its|this\s+is)\s+(?:just\s+)?me(?:\s+again)?)[,:\s-]+({NAMES})"),
    # ... and in brackets: "hey its me again (brianna)"; someone named after a pronoun: "She
    # (Marguerite) is 84"
    ("capitalised", True, rf"(?i:\b(?:it'?s|it’s|its|this\s+is)\s+(?:just\s+)?me(?:\s+again)?)\s*\(\s*"
                          rf"({NAME_WORD}(?:\s+{NAME_WORD})?)\s*\)"),
    ("capitalised_name", True, rf"(?i:\b(?:she|he))\s*\(\s*({NAMES})\s*\)"),
    # ... and after a comma, any word that is no common one: "its me, izzy from instagram"
    ("capitalised", True, rf"(?i:\b(?:it'?s|it’s|its|this\s+is)\s+(?:just\s+)?me(?:\s+again)?)(?:,\s*|\s+(?=\p{{Lu}}))"
                          rf"({NAME_WORD})"
                          rf"(?=\s*[,.!]|\s+(?i:from|here|again)\b)"),
    # "Pieter van der Berg (me)", "and I (Anjali)"
    ("capitalised_name", True, rf"(?:^|[\s,])({NAMES})\s*\(\s*(?i:me|myself|self|the\s+patient)\s*\)"),
    ("capitalised", True, rf"(?i:\b(?:me|us|i))\s*\(\s*({NAMES})\s*\)"),
    # ... "mine (Yuki)", a first name or no English word (not "mine (Tylenol)")
    ("titled_name", True, rf"(?i:\b(?:mine|myself))\s*\(\s*({NAMES})\s*\)"),
    # ... and after a dash: "(mine - Femi Bakare)", "call me - Ana Ruiz - on ..."
    ("titled_name", True, rf"(?i:\b(?:me|mine|myself))\s+[-–—]\s+({NAMES})(?=\s*(?:[)\-–—,.;]|$))"),
    # "Hello Dr. Kohler, Siobhán O'Donnell again": after a greeting to someone
    ("name_or_unknown", True, rf"(?i:^\s*{GREETING})[^,!?\n]{{0,40}}[,!]\s+({FEWEST_NAMES}){ASIDE}\s+{HERE}"),
    # "-from paulo, ...", "- from Ana": who it is from, after a dash
    ("name_or_unknown", False, rf"(?:^|\s)(?:-{{1,2}}|—|–|~)\s*(?i:from)\s+({NAMES})"),
    # A name the message begins with, or that stands as its own sentence, line or sign-off.
    ("name_or_unknown", True, rf"{START}({FEWEST_NAMES}){ASIDE}\s+{HERE}"),
    # ... a full name in lower case, every word a first name or surname the lists know, one at
    # least no common word: "hi hi, tan mei ling here" (name_parts_span; not "rose hill here")
    ("name_parts", True, rf"{START}(\p{{Ll}}+(?:\s+\p{{Ll}}+){{1,2}})\s+{HERE}"),
    # ... and where a quoted message begins: 'my wife says: "Ana here, ..."'
    ("name_or_unknown", True, rf"(?<=^|[\s:])[\"“]\s*(?i:{GREETING})?({FEWEST_NAMES})\s+{HERE}", ('"', "“")),
    # "Ines for my dad: ...", "Ines on behalf of Abuela Rosa"
    ("titled_name", True, rf"{START}({FEWEST_NAMES})\s+(?i:for|on\s+behalf\s+of)\s+(?i:my\s+|our\s+)?"
                          rf"(?i:{RELATIONS})\b"),
    # "Ana and Rui here"
    # (not a disease named after someone: "Sjögren's and fibromyalgia here")
    ("name_or_unknown", True, rf"{START}({FEWEST_NAMES})(?<!['’]s)(?=\s+(?:and|&)\s+{NAME_WORD}\s+{HERE})"),
    # ... and a full name written with capitals ("Jae-won Park here"; not "Canadian here")
    ("capitalised_name", True, rf"{START}({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}?)\s+{HERE}"),
    # "Ifeoma (my caregiver)"
    ("capitalised_name", True, rf"(?:^|\s)({NAMES})\s*\((?i:(?:my|our|his|her|their)\s+(?:\w+\s+)?"
                               rf"(?:{RELATIONS}))s?\)"),
    ("rare", True, rf"{START}({NAMES})\s+and\s+(?i:i|me)\b"),
    # (not a medicine's brand before its generic name and dose: "Feldene (piroxicam 20mg) ...")
    ("capitalised_name", True, rf"{START}({NAMES})\s*(?:,|\((?![^()\n]*\d\s*(?i:mg|mcg|µg|ug|ml|iu)\b))"),
    # "Ana - can I move my appointment?", "Ana from the choir here": a first name or a word of
    # no language the word lists know (not "Ambien - ..."), or a capitalised full name.
    ("titled_name", True, rf"{START}({NAME_WORD}){OPENER_END}"),
    # ... and in lower case, a known first name that is no common word ("anya from the group")
    ("known_rare", True, rf"{START}({NAME_WORD}){OPENER_END}"),
    # ... and a capitalised word of no common kind before where the visitor is from: "Hina from
    # Osaka, now living at ..." (not "Pain from Work, ...")
    ("capitalised_name", True, rf"{START}({NAME_WORD})\s+from\s+\p{{Lu}}\p{{Ll}}+(?=\s*[,.!]|\s+(?i:here|again)\b)"),
    # ... and a lower-case full name of known name parts: "nguyen thi lan - i have pain ..."
    ("name_parts", True, rf"{START}(\p{{Ll}}+(?:\s+\p{{Ll}}+){{1,2}}){OPENER_END}"),
    ("capitalised_name", True, rf"{START}({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}?){OPENER_END}"),
    # (not whom it is said to: "Cheers Mate.", "Thanks All!")
    # (and kisses after it: "Cheers, Siobhan x")
    ("capitalised", True, rf"(?i:(?:^|\W)(?:{SIGN_OFFS}))[,!.]*\s+(?!{ADDRESSEES}\b)({FEWEST_NAMES})"
                          rf"(?:\s+(?i:x{{1,3}}|xo|xoxo)(?=[\s.!]*$))?(?:[\s.!]*$|\s*\n|\s*,|\s+(?:and|&)\s)"),
    # ... and with the message going on after it: "Thanks, Ilse Koster. The knee is better" (a
    # name, not "Thanks. Sleep is ...")
    ("capitalised_name", True, rf"(?i:(?:^|\W)(?:{SIGN_OFFS}))[,!]*\s+(?!{ADDRESSEES}\b)({NAMES})(?=[.!]\s+\p{{Lu}})"),
    ("unknown", True, rf"(?:^|\s)(?:-{{1,2}}|—|–|~)\s*({NAMES})(?:[\s.!]*$|\s*[,(]|\s+(?:and|&)\s)"),
    # ... and after kisses at the end: "see you then x Ana", "xx Ana"
    ("capitalised_name", True, rf"(?:^|(?<![\d*])\s)(?i:x{{1,3}})\s+({NAMES})[\s.!]*$"),
    # ... and after a finished sentence, any word that is no common one: "... Kenji. -Ayumi"
    ("rare", True, rf"(?:[.!?)]\s*|^\s*|\n\s*)(?:-{{1,2}}|—|–|~)\s*({NAMES})(?:[\s.!]*$|\s*[,(]|\s*\n|"
                   rf"\s+(?:and|&)\s)"),
    ("capitalised_name", True, rf"(?:[.!?)]\s+|\n)({NAMES})[.!]*\s*$"),
    # ... with kisses after it: "... more than I think. Odile x"
    ("capitalised_name", True, rf"(?:[.!?)]\s+|\n)({NAMES})\s+(?i:x{{1,3}}|xo|xoxo)[.!]*\s*$"),
    # ... and in lower case, a known first name that is no common word: "... for the form. joanne"
    ("known_rare", True, rf"(?:[.!?)]\s+|\n)({NAMES})[.!]*\s*$"),
    # ... with where they write from: "... Thanks again. Ana from Leeds"
    ("titled_name", True, rf"(?:[.!?)]\s+|\n\s*)({NAME_WORD})\s+from\s+(?:the\s+)?\p{{Lu}}[\p{{L}}'-]*"
                          rf"(?:\s+\p{{Lu}}[\p{{L}}'-]*)?[\s.!]*$"),
    # Someone named as the one who sent the visitor, where a sentence begins: "Ines told me to
    # write", "Thorvald Brannigan asked me to contact you", "Bodil from the pharmacy said ..." (a first
    # name or a word of no language the word lists know: not "Mom said", "Google says")
    ("titled_name", True, rf"(?:{START}|[.!?]\s+|\n\s*)({FEWEST_NAMES})(?:\s+(?i:at|from|in)\s+(?:the\s+|my\s+|our\s+)?"
                          rf"[\w'-]+(?:\s+[\w'-]+)?)?\s+(?i:{REPORTING})\b",
     (*REPORTING_WORDS, "with me", "with us")),
    # Who will bring the visitor: "Bram can drive me", "either Ilse or Bram could take us"
    ("capitalised_name", True, rf"(?:^|(?<=[\s,(]))({FEWEST_NAMES})\s+(?i:can|could|will|would|may|might)\s+"
                               rf"(?i:bring|drive|take|pick\s+up|collect|come\s+with|accompany)\s+(?i:me|us|him|her|them)\b",
     ("bring", "drive", "take", "pick", "collect", "come with", "accompany")),
    # A signature above the line a phone or mail program adds: "Orla Brannigan\nSent from my iPhone"
    ("capitalised_name", True, rf"(?:^|\n)[ \t]*(?:(?:-{{1,2}}|—|–|~)[ \t]*)?({NAMES})[ \t]*"
                               rf"(?=\n\s*(?i:sent\s+from|get\s+outlook))",
     ("sent from", "get outlook")),
    # Greetings from someone: "hello from Ines Duarte" (not "hello from Leeds")
    # ... and wishes: "Warm wishes from Hortense and Gilbert"
    ("titled_name", False, rf"(?i:(?:^|[,.!?;]|\n)\s*(?:hi|hello|hey|hiya|greetings|regards|love|(?:\w+\s+)?wishes)"
                           rf"\s+from)\s+({NAMES})",
     ("from",)),
    # Whom to call or write to, before the number or address: "please text Ines on 07700 ..."
    ("titled_name", True, rf"(?i:\b(?:call|text|ring|phone|email|e-mail|message|contact|reach|whatsapp|ask\s+for|"
                           rf"reply\s+to|write\s+to|send\s+(?:it\s+|them\s+)?to|forward\s+(?:it\s+|them\s+)?to))"
                           rf"\s+({FEWEST_NAMES})(?=\s*(?:(?i:at|on|via)\s+|:\s*)?(?:\+?\(?\d|[\w.+-]+@))",
     ("call", "text", "ring", "phone", "mail", "message", "contact", "reach", "whatsapp", "ask", "reply", "write",
      "send", "forward")),
    # "his daughter here (Ana)", "me (Ana)"
    ("capitalised_name", True, rf"(?i:\bhere)\s*\(\s*({NAMES})\s*\)"),
    # ... with whom it is said to: "Declan here (Deco to the lads)"
    ("capitalised_name", True, rf"(?i:\bhere)\s*\(\s*({FEWEST_NAMES})\s+(?i:to\s+(?:the\s+|my\s+)?"
                               rf"(?:lads|friends|mates|family|everyone|team|boys|girls)|for\s+short)\s*\)"),
    ("capitalised_name", True, rf"(?:[.!?]\s+)({NAMES})\.\s"),
    # ... and in lower case, a known first name that is no common word: "... at 3. ruby. my knee ..."
    ("known_rare", True, rf"(?:[.!?]\s+)({NAMES})\.\s"),
    # A name then "here" or "again" after a sentence or a comma: "... last week. Ruth here, ..."
    ("titled_name", True, rf"(?:[.!?,]\s+|\n)({FEWEST_NAMES})\s+{HERE}"),
    # A name and a colon opening a message: "Ruth: my knee ..."
    ("titled_name", True, rf"{START}({NAME_WORD}(?:\s+{NAME_WORD})?)\s*:\s"),
    # A name after a dash, then the message goes on: "... in June — Ruth. Knee pain"
    ("unknown", True, rf"(?:^|\s)(?:-{{1,2}}|—|–|~)\s*({NAMES})\.(?=\s+\p{{Lu}})"),
    # Two names alone as a sentence: "... at 3. Ravi and Meena."
    ("titled_name", True, rf"(?:[.!?]\s+|\n)({NAME_WORD})(?=\s+(?:and|&)\s+{NAME_WORD}[.!]+(?:\s|$))"),
    # Someone thanked by name: "thank you Priya for the leaflet", "thanks Ruth!"
    ("titled_name", True, rf"(?i:\b(?:thanks|thank\s+you|thank\s+u|thx|cheers))\s*,?\s+(?:(?i:to)\s+)?"
                          rf"(?!{ADDRESSEES}\b)"
                          rf"({FEWEST_NAMES})"
                          rf"(?=\s+(?i:for)\b|\s*[,!.])"),
    # Round 15. Someone who sent the visitor, inside a sentence: "because Odile told me about you",
    # "tell the doctor that Odile said hi"
    # (not after a preposition or a possessive: "the group on Elm Avenue sent me", "her passport says")
    ("titled_name", True, rf"{MID_SENTENCE}({FEWEST_NAMES})\s+(?i:{REPORTING})\b",
     REPORTING_WORDS),
    # ... and in lower case, a known first name that is no common word: "ok so odalys told me to write"
    ("known_rare", True, rf"{MID_SENTENCE}(\p{{Ll}}+)\s+(?i:{REPORTING})\b",
     REPORTING_WORDS),
    # A relation's first name and surname in lower case, the surname known and no common word:
    # "my dad jack o'reilly" (not "my dad jack hammered ...")
    ("known", True, rf"(?i:\b(?:my|our|his|her|their)\s+(?:{RELATIONS}))\s+(\p{{Ll}}+\s+\p{{Ll}}[\p{{Ll}}'’-]+)"
                    rf"(?=[\s,.;!?]|$)"),
    # Whom the visitor went to see or met: "went to see Odile at the gym" (a known first name,
    # no place: "we visited Florence in May" stays)
    ("first_name_no_place", False, rf"(?i:\b(?:see|saw|seeing|seen|visit|visited|visiting|met|meet|meeting)\s+)"
                                   rf"({FEWEST_NAMES})(?=\s+(?i:at|in|from|about|last|yesterday|today|and\s+(?:she|he))\b)"),
    # A known first name that is no common word nor month, as the subject where a sentence
    # begins, after a word for when: "Last night Odile had to ...", "Odile won't admit ...", "Odile
    # and his mum live ..." (not "is": "Dawn is the worst time", "June is when ...")
    ("known_rare_no_month", True, rf"(?:{START}|[.!?]\s+|\n\s*|(?i:\b(?:last\s+(?:night|week)|yesterday|today|"
                         rf"tonight|lately|recently|now|so|and|but|because|since|when|then|also)\s+))(\p{{Lu}}\p{{Ll}}+)"
                         rf"(?=\s+(?i:has|had|won't|won’t|wont|can't|can’t|cant|cannot|doesn't|doesn’t|didn't|"
                         rf"didn’t|isn't|wasn't|keeps|needs|also|still|and\s+(?:his|her))\b)"),
    # Names, then "are my" and a relation: "Odile and Bram are my parents"
    ("capitalised_name", True, rf"(?:^|[\s,(])({NAMES})(?=\s+(?:and|&)\s+{NAME_WORD}\s+(?i:are|were)\s+"
                               rf"(?i:my|our|his|her|their)\s+(?:\w+\s+){{0,2}}(?i:{RELATIONS})s?\b)",
     (" are ", " were ")),
    # One capitalised name opening a message, then "here" and a stop: "Odile here. Back pain ..."
    ("capitalised_name", True, rf"{START}({NAME_WORD})\s+(?i:here|again|speaking|writing)\b(?=\s*[,.!:;(—–-])"),
    # A full name as the message's first sentence: "Odile Fenna-Brannigan. 35. Back pain"
    ("capitalised_name", True, rf"{START}({NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})\.(?=\s)"),
    # A name after what the visitor says they are, ending the sentence: "I'm a nurse, Odile Fenna."
    # (not where they are: "I'm in Texas, San Antonio", "I'm from Ghana, Accra")
    ("capitalised_name_no_place", True, rf"(?i:\b(?:i'?m|i’m|i\s+am))\s+(?!(?i:in|from|at|near|on|based|living|staying|"
                                        rf"visiting|originally|currently|now|back)\b)"
                               rf"[^.!?\n,]{{1,40}}(?:,[^.!?\n,]{{1,30}})?,\s+"
                               # (no full stop inside it, which would let it run on)
                               rf"((?:\p{{Lu}}\.[ \t]?){{0,2}}{NAME_WORD}"
                               rf"(?:[ \t]+(?:['‘“\"]{NAME_WORD}['’”\"]|{NAME_WORD})){{0,3}})"
                               rf"(?=\s*[.!]|\s*$)"),
    # Whom the visitor names as their contact or carer: "add Odile as my carer contact"
    ("capitalised_name", True, rf"(?:^|[\s,(])({FEWEST_NAMES})\s+(?i:as)\s+(?i:my|our|his|her|their)\s+(?:\w+\s+)?"
                               rf"(?i:{RELATIONS}|{CARERS}|contact|emergency\s+contact|next\s+of\s+kin)\b", (" as ",)),
]
# Round 17. Children or others counted, then their names: "I've got three kids, Ava, Niamh and Rui",
# "two sons: Ade and Tunde"
CUES.append(("capitalised_name", False, rf"(?i:\b(?:two|three|four|five|six|seven|\d)\s+(?:{RELATIONS})s?)"
                                        rf"\s*[,:(–—-]\s*({FEWEST_NAMES})(?=\s*,|\s+(?:and|&)\s)"))
# ... names joined where a message begins, then a dash: "Gurpreet & Sunil — we're both patients"
CUES.append(("titled_name", True, rf"{START}({NAME_WORD})(?=\s+(?:and|&|\+)\s+{NAME_WORD}{OPENER_END})"))
# ... "it's" or French "c'est" and one name, after a comma or a stop inside the message: "Hi
# Doc, it's Venkatesh.", "Bonjour, c'est Françoise." (not a month, day or holiday)
CUES.append(("titled_name", True, rf"(?:[,.!?;]\s*)(?i:it'?s|it’s|its|c['’]est|this\s+is)\s+"
                                  rf"(?!(?i:january|february|march|april|may|june|july|august|september|october|"
                                  rf"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                                  rf"christmas|easter|halloween|thanksgiving|diwali|eid|hanukkah|ramadan)\b)"
                                  rf"({FEWEST_NAMES})(?=\s*[.!,;]|\s+(?i:again|here|lol|haha|from)\b)"))
# ... after "that", before what only a person does: "tell the doctor that Kiri can't sleep"
CUES.append(("known_rare_no_month", True, r"(?i:\bthat)\s+(\p{Lu}\p{Ll}+)(?=\s+(?i:can't|can’t|cant|cannot|won't|"
                                          r"won’t|wont|doesn't|doesn’t|didn't|didn’t|keeps|needs|wants|feels|sleeps|"
                                          r"wakes|snores)\b)", ("that",)))
# ... a name then "here" or "again" and where the visitor writes from, where a message or clause
# begins: "Takeshi again from Fukuoka.", "sawubona, Anri here from Durban" (not "Canadian here from ...")
CUES.append(("capitalised_name", True, rf"(?:{START}|[.!?,]\s+|\n\s*)({NAME_WORD})\s+(?i:here|again)\s+from\s+\p{{Lu}}",
             ("from",)))
# ... "she's" and one capitalised name ending the clause: "she's Anri." (not a faith: "he's Muslim.")
CUES.append(("capitalised_name", True, r"(?i:\b(?:he|she)(?:'s|’s|\s+is))\s+(?!(?i:muslim|hindu|catholic|christian|"
                                       r"jewish|buddhist|sikh|protestant|orthodox|mormon|atheist|agnostic|english|"
                                       r"fine|ok|okay|better|worse)\b)(\p{Lu}\p{Ll}+)(?=\s*[.!,;]|\s*$)"))
# ... whom the visitor got the clinic's number or details from: "got your number off Maricela at church"
CUES.append(("titled_name", False, r"(?i:\b(?:number|details|email|contact|name)\s+(?:off|from|through|via))\s+"
                                   r"(\p{Lu}\p{Ll}+)(?=\s+(?i:at|in|from|who|and)\b|\s*[.,!;])",
             ("off", "from", "through", "via")))
# ... Tagalog's article before a person's name: "ako po si Arnel", "anak ko si Rowena"
CUES.append(("capitalised_name", False, rf"(?i:\b(?:ako|ko|po|niya|nila|namin|natin|siya|kasi|sila|at|ang|ni)\s+"
                                        rf"(?:po\s+)?si)\s+(?:Ma\.\s+)?({NAMES})", (" si ",)))
# "From Ana Ruiz", where a message begins without a colon: a name, not where the visitor is ("From
# Manchester, happy to travel")
CUES.append(("capitalised_name_no_place", False, rf"^\s*(?i:from)\s+({NAMES})"))
# A cue's fourth part, where it has one: strings one of which a message must hold (in lower
# case) for the cue to be looked for; a quick test that spares the slowest patterns.
CANDIDATES = [(cue[0], cue[1], regex.compile(cue[2]), cue[3] if len(cue) > 3 else ()) for cue in CUES]
# The words a date of birth follows: "DOB", "born on", "date of birth", "birthday".
BIRTH_LABELS = (r"dob|d\.o\.b\.|b\.|born(?:\s+on)?|date\s+of\s+birth(?:\s+is)?|birth\s*date|birthday|b-?day|"
                r"d\.?o\.?b\.?")
# A name just before another personal detail: "Penny Lockwood, penny@example.org",
# "Björn Lindqvist, DOB 3/4/1960" (names_before_details, which Redactor.findings calls).
# Also with a bar or only a space between ("Femi Adebayo 07700 ...", "Tanvir Hossain | 555 ...").
BEFORE_DETAIL = regex.compile(
    rf"(?:^|[^\w'’-])({NAMES})(\s*[,:;(|–@-]\s*|\s+)(?i:(?:{BIRTH_LABELS}|tel\.?|phone|cell|"
    rf"mobile|email|e-mail|at|ph\.?|mob\.?)\s*:?\s*)?$")
# A name just after another detail, ending the message or its line: "... ana@example.com, Ana",
# "... 555-0100 - Per Lindqvist".
AFTER_DETAIL = regex.compile(rf"\s*(?:[,;|]|-{{1,2}}|[–—~])?\s*({NAMES})(?=[\s.!]*$|[ \t.!]*\n)")
LABEL_AT_END = regex.compile(rf"\s+(?i:{BIRTH_LABELS}|tel\.?|phone|cell|mobile|email|e-mail|ph\.?|mob\.?)$")
# ... and a name that opens a message, then the detail with no stop between ("Ana Ruiz
# ana@example.com", "Ana dob 3/4/1960"): one word only if a first name or no English word.
FIRST_BEFORE_DETAIL = regex.compile(
    rf"^\s*(?i:{GREETING})?({FEWEST_NAMES})\s+(?i:(?:{BIRTH_LABELS}|tel\.?|phone|cell|mobile|"
    rf"email|e-mail)\s*:?\s*)?$")
NAMES_AT = regex.compile(NAMES)
STREET_TYPE = regex.compile(STREET_TYPES)
# Words never taken for a name, though capitalised after a cue: they begin what follows one.
NOT_NAMES = frozenset({"dr", "doctor", "doc", "prof", "nurse", "mr", "mrs", "ms", "miss",
                       # days of the week ("From Monday to Friday")
                       "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                       # greetings and sign-offs ("Greetings, I am ...")
                       "hi", "hello", "hey", "hiya", "heya", "howdy", "greetings", "regards", "thanks", "thx",
                       "cheers", "sincerely", "morning", "afternoon", "evening", "bye", "love",
                       "gracias", "merci", "danke", "obrigado", "obrigada", "saludos", "ciao", "xoxo", "hugs",
                       "hola", "bonjour", "hallo", "salut", "namaste",
                       # ... and more languages' hellos, which a message may open with before a comma
                       "hej", "merhaba", "selam", "halo", "habari", "jambo", "chào", "chao", "здравствуйте", "привет",
                       "добрый", "доброе", "вітаю", "добрий", "bună", "buna", "dobrý", "dobry", "dzień", "szia",
                       "sziasztok", "kumusta", "magandang", "assalamualaikum", "marhaba",
                       "konnichiwa", "annyeong", "annyeonghaseyo", "sawasdee", "sawadee", "terve", "ahoj", "zdravo",
                       "selamat", "aloha", "mabuhay", "goedemiddag", "goedemorgen", "goedenavond", "buongiorno",
                       "buonasera",
                       "blessings", "rgds", "kindly", "faithfully",
                       # other languages' words for pain, tiredness or the body that the lists hold as first
                       # names: Malay and Indonesian "sakit" (pain), "lelah" (tired), Norwegian "nakke" (neck),
                       # Hindi "kamar" (lower back)
                       "sakit", "lelah", "nakke", "kamar",
                       # ... and their words for the joints, the back and the neck, which a message may write
                       # as a sentence of its own ("... +41 31 555 12 12. Hüfte."), capitalised as German nouns are
                       "hüfte", "huefte", "knie", "rücken", "ruecken", "schulter", "nacken", "kopf", "bauch", "fuß",
                       "rodilla", "cadera", "hombro", "genou", "hanche", "épaule", "epaule", "ginocchio", "spalla",
                       "schiena", "joelho", "quadril", "ombro", "costas", "pescoço", "pescoco", "kolano", "biodro",
                       "plecy", "ramię", "ramie", "szyja", "knä", "höft", "hoft", "rygg", "nacke", "knæ", "hofte",
                       "skulder", "lutut", "pinggang", "punggung", "bahu", "leher", "kalça", "kalca", "sırt", "sirt",
                       "omuz", "boyun", "heup", "schouder",
                       # voice assistants, told things like people ("I told Alexa to wake me at 6")
                       "alexa", "siri", "cortana", "bixby",
                       # exclamations ("Lord, kill me now, ...")
                       "god", "lord", "christ", "gosh", "jeez", "geez", "heavens", "omg", "ugh",
                       # contractions typed without their apostrophe ("my mom doesnt ...")
                       "dont", "doesnt", "didnt", "cant", "couldnt", "wont", "wouldnt", "shouldnt", "isnt", "arent",
                       "wasnt", "werent", "hasnt", "havent", "hadnt", "aint", "im", "ive", "youre", "theyre", "thats",
                       "whats", "theres", "gonna", "wanna", "gotta"})
# What may end a name ("Tyrone Jackson Jr."), and parts of a surname written in lower case
# ("van der Meer", "de la Fuente", "El Idrissi").
# Function words that are also English first names, taken as names only where capitalised.
NAME_STOP_WORDS = frozenset({"will", "may"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
PARTICLES = frozenset({"van", "der", "den", "de", "del", "della", "dela", "la", "le", "du", "da", "di", "dos",
                       "das", "von", "zu", "el", "al", "bin", "binti", "ibn", "bint", "y", "ter", "ten", "st", "los",
                       "las", "lo",
                       # ... and Welsh, Irish, Filipino, Portuguese, Italian and Swedish ones: "Rhys ap Gwilym",
                       # "Gráinne Ó Ceallaigh", "Lovely delos Reyes", "Ana do Carmo", "Dario degli Esposti"
                       "ap", "ab", "ó", "ní", "nic", "uí", "delos", "do", "dei", "degli", "af", "vom", "zur"})
# Particles that join a first name to a surname as no other words do ("Thiago dos Santos", "Rhys
# ap Gwilym", "Sanne van den Heuvel"): particle_names finds such names with no cue.
JOINING_PARTICLES = ("van|von|vom|der|den|de|del|della|dela|delos|du|da|di|dos|das|do|dei|degli|ap|ab|ó|ní|nic|uí|"
                     "bin|binti|ibn|bint|ter|ten|zu|zur|af")


# Words English writes in lower case more often than capitalised, down to this frequency (log
# probability; about 105,000 words): "tired", "grace", "will", but not "anna" or "nguyen".
COMMON_WORD_MIN_LOG_PROB = -18.0
# Words this frequent in lower case are common even where English capitalises them more often
# ("Thanks", "Hello" begin sentences); no name is this frequent in lower case except those that
# are words anyway ("will", "mark").
ALWAYS_COMMON_LOG_PROB = -12.0


def latin_name(name: str) -> bool:
    """A name written in letters of the Latin alphabet ("Björn", "Yıldız"), of two at least."""
    return len(name) > 1 and name.isalpha() and all("LATIN" in unicodedata.name(letter, "") for letter in name)


ROMANISED_SCRIPTS = ("CYRILLIC", "GREEK", "GEORGIAN", "ARMENIAN", "HIRAGANA", "KATAKANA")
# Ukrainian's own romanisation, where it differs from Russian's: "Катерина" is "Kateryna".
UKRAINIAN_LETTERS = str.maketrans({"и": "y", "И": "Y", "г": "h", "Г": "H", "і": "i", "І": "I", "є": "ie", "Є": "Ye",
                                   "ї": "i", "Ї": "Yi"})


# Indian scripts, romanised as Indian names are written in Latin letters (indic_romanised).
INDIC_SCRIPTS = ("DEVANAGARI", "BENGALI", "GUJARATI", "ORIYA", "TAMIL", "GURMUKHI")
# Consonants by their Unicode letter names ("DEVANAGARI LETTER KHA" -> "kh"), the inherent vowel
# dropped; those not listed lose it the same way ("BA" -> "b").
INDIC_CONSONANTS = {"CA": "ch", "CHA": "chh", "NGA": "n", "NYA": "n", "TTA": "t", "TTHA": "th", "DDA": "d",
                    "DDHA": "dh", "NNA": "n", "NNNA": "n", "SSA": "sh", "LLA": "l", "LLLA": "zh", "RRA": "r",
                    "YYA": "y", "DDDHA": "r", "RHA": "rh", "KHANDA TA": "t"}
INDIC_VOWELS = {"A": "a", "AA": "a", "I": "i", "II": "i", "U": "u", "UU": "u", "E": "e", "EE": "e", "AI": "ai",
                "O": "o", "OO": "o", "AU": "au", "VOCALIC R": "ri", "CANDRA E": "e", "CANDRA O": "o"}


def indic_romanised(name: str) -> set[str]:
    """A name in an Indian script in Latin letters as its bearers write it: consonants with the
    inherent "a" unless a vowel sign or a virama follows, dropped after the last consonant
    unless two end the word ("राजेश" -> "rajesh", "अजय" -> "ajay", "आदित्य" -> "aditya"), and
    also without one between a vowel and a consonant and vowel ("कमला" -> "kamla"); long vowels
    written single, and also as "ee" and "oo" ("प्रीति" -> "priti", "preeti")."""
    units: list[tuple[str, str]] = []  # ("c", consonant), ("v", vowel), ("a", inherent vowel)
    pending = False  # a consonant whose inherent vowel is not yet written
    for char in unicodedata.normalize("NFC", name):
        parts = unicodedata.name(char, "").split(" ", 1)
        if len(parts) < 2 or parts[0] not in INDIC_SCRIPTS:
            if char.isspace() or char == "-":
                return set()  # one word only
            continue
        kind = parts[1]
        if kind.startswith("LETTER ") and kind[7:] not in INDIC_VOWELS:
            if pending:
                units.append(("a", "a"))
            letter = kind[7:]
            units.append(("c", INDIC_CONSONANTS.get(letter, letter.lower()[:-1] if letter.endswith("A")
                                                    else letter.lower())))
            pending = True
        elif kind.startswith(("LETTER ", "VOWEL SIGN ")):
            vowel = kind.split(" ", 2)[-1] if kind.startswith("VOWEL SIGN ") else kind[7:]
            if pending and kind.startswith("LETTER "):
                units.append(("a", "a"))
            units.append(("v", "\x00" + INDIC_VOWELS[vowel] + "\x00" if vowel in ("II", "UU", "EE", "OO")
                          else INDIC_VOWELS.get(vowel, "")))
            pending = False
        elif kind == "SIGN VIRAMA":
            pending = False
        elif kind in ("SIGN ANUSVARA", "SIGN CANDRABINDU", "SIGN VISARGA"):
            if pending:
                units.append(("a", "a"))
            units.append(("c", "h" if kind == "SIGN VISARGA" else "n"))
            pending = False
    if pending and len(units) > 1 and units[-2][0] == "c":
        units.append(("a", "a"))  # "Aditya", "Krishna": the last vowel stays after two consonants
    vowel = ("v", "a")
    # Medial schwa deletion: a vowel, a consonant, "a", a consonant and a vowel.
    shortened = [unit for i, unit in enumerate(units)
                 if not (unit[0] == "a" and 2 <= i < len(units) - 2 and units[i - 2][0] in vowel
                         and units[i - 1][0] == "c" and units[i + 1][0] == "c" and units[i + 2][0] in vowel)]
    spellings = set()
    for written in ("".join(text for _, text in units), "".join(text for _, text in shortened)):
        for long_i, long_u in (("i", "u"), ("ee", "oo")):
            spellings.add(regex.sub("\x00([iueo])\x00",
                                    lambda m, i=long_i, u=long_u: {"i": i, "u": u}.get(m.group(1), m.group(1)),
                                    written))
    return {spelling for spelling in spellings if latin_name(spelling) and len(spelling) > 2}


# Korean letters (jamo) as Korean given names are written in Latin letters: the Revised
# Romanization, and the older spellings most bearers still use ("eo" as "u", "u" as "oo").
HANGUL_INITIALS = [("g", "k"), ("kk",), ("n",), ("d",), ("tt",), ("r",), ("m",), ("b", "p"), ("pp",), ("s",), ("ss",),
                   ("",), ("j",), ("jj",), ("ch",), ("k",), ("t",), ("p",), ("h",)]
HANGUL_VOWELS = [("a",), ("ae",), ("ya",), ("yae",), ("eo", "u"), ("e",), ("yeo", "yu"), ("ye",), ("o",), ("wa",),
                 ("wae",), ("oe",), ("yo",), ("u", "oo"), ("wo",), ("we",), ("wi",), ("yu",), ("eu",), ("ui",), ("i",)]
HANGUL_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
                 "ng", "t", "t", "k", "t", "p", "t"]


def hangul_romanised(name: str) -> set[str]:
    """A Korean given name written in Hangul as its bearers write it in Latin letters, joined and
    with a hyphen between its syllables: "민준" -> "minjun", "min-joon", "minjoon" ...; "서연" ->
    "seoyeon", "seo-yeon" ..."""
    syllables = []
    for char in name:
        code = ord(char) - 0xAC00
        if not 0 <= code < 11172:
            return set()
        initial, vowel, final = code // 588, (code % 588) // 28, code % 28
        vowels = ("u", "woo") if initial == 11 and vowel == 13 else HANGUL_VOWELS[vowel]
        syllables.append({start + middle + HANGUL_FINALS[final] for start in HANGUL_INITIALS[initial]
                          for middle in vowels})
    if not 2 <= len(syllables) <= 3:
        return set()
    spellings = [""]
    for options in syllables:
        spellings = [spelling + ("-" if spelling else "") + option
                     for spelling in spellings for option in sorted(options)]
    return {written for spelling in spellings for written in (spelling, spelling.replace("-", ""))}


def romanised(name: str, locale: str) -> set[str]:
    """A name written in another alphabet, in Latin letters as Faker's transliteration
    (faker.decode.unidecode) writes it, and for Ukrainian also as Ukraine's romanisation does;
    those in Indian scripts as their bearers write them (indic_romanised); nothing for scripts
    whose transliteration is no name as written (Arabic, Hebrew, Hangul, Thai)."""
    from faker.decode import unidecode

    letters = [letter for letter in name if letter.isalpha()]
    if letters and all(unicodedata.name(letter, "").startswith(INDIC_SCRIPTS) for letter in letters):
        return indic_romanised(name)
    if not letters or not all(unicodedata.name(letter, "").startswith(ROMANISED_SCRIPTS) for letter in letters):
        return set()
    spellings = [name] + ([name.translate(UKRAINIAN_LETTERS)] if locale.lower().startswith("uk") else [])
    written = {unidecode(spelling).replace("'", "").lower() for spelling in spellings}
    return {word for word in written if latin_name(word)}


# Latin letters that Unicode does not decompose into a base letter and an accent.
UNACCENTED_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                                    "þ": "th", "ħ": "h", "ŀ": "l"})


def unaccented(name: str) -> str:
    """``name`` without its accents: "yıldız" -> "yildiz", "nguyễn" -> "nguyen", "søren" -> "soren"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(UNACCENTED_LETTERS))
    return "".join(letter for letter in decomposed if not unicodedata.combining(letter))


def write_name_lexicon(directory: Path) -> None:
    """Build the word lists the name recogniser reads, once, with `make`:

    - common_words.txt: words English writes in lower case, and english_words.txt: every word
      of that frequency in either case ("irish", "catholic", also "anna"), both from spaCy's
      English word-frequency table (the spacy-lookups-data package; 380 MB in memory, too much
      to load in each server);
    - first_names.txt: the first names of Faker's person providers, in every locale written in
      the Latin alphabet, and those of Mimesis's locales that are no English word (its lists
      also hold "Irish", "September" and "Ave"; Faker's own "will" and "grace" stay): about
      34,000, from many cultures;
    - surnames.txt: the surnames of both, that are no common English word ("ruiz", not "baker");
    - both also romanised from Indian scripts (indic_romanised) and without their accents
      ("yildiz", "nguyen");
    - nationalities.txt: the nationalities of Mimesis's English person data ("canadian", "dutch").
    """
    import importlib
    import json
    import pkgutil

    import faker.providers.person
    import mimesis
    import spacy_lookups_data

    table = Path(spacy_lookups_data.en["lexeme_prob"])
    probs = srsly.read_gzip_json(table.with_name(table.name + ".gz"))
    common = sorted(word for word, prob in probs.items()
                    if word.isalpha() and word == word.lower() and prob > COMMON_WORD_MIN_LOG_PROB
                    and (probs.get(word.capitalize(), -100.0) < prob or prob > ALWAYS_COMMON_LOG_PROB))
    english = sorted({word.lower() for word, prob in probs.items()
                      if word.isalpha() and prob > COMMON_WORD_MIN_LOG_PROB})
    common_set, english_set = set(common), set(english)
    first_names: set[str] = set()
    surnames: set[str] = set()
    for locale in pkgutil.iter_modules(faker.providers.person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{locale.name}").Provider
        for attribute, names_found in (("first_names", first_names), ("first_names_male", first_names),
                                       ("first_names_female", first_names), ("first_names_nonbinary", first_names),
                                       ("first_romanized_names", first_names), ("last_names", surnames),
                                       ("last_romanized_names", surnames)):
            names = getattr(provider, attribute, None)
            if not isinstance(names, (list, tuple, dict, set, frozenset)):
                continue
            names_found.update(name.lower() for name in names if latin_name(name))
            # ... and those written in Cyrillic, Greek, Georgian, Armenian or kana, as visitors
            # write them in Latin letters ("Оксана" -> "oksana", "ハルト" -> "haruto"), if no common
            # English word (Faker's Bulgarian names hold "Агент").
            names_found.update(written for name in names for written in romanised(name, locale.name)
                               if written not in common_set)
            # ... and Korean given names as their bearers write them ("Min-joon", "Seoyeon")
            if names_found is first_names:
                names_found.update(written for name in names for written in hangul_romanised(name)
                                   if written not in common_set)
    # Mimesis's first names hold places, months and surnames ("Irish", "September", "Syria",
    # "Garcia"): only those that are no English word at all ("Wojciech", "Oluwadamilare").
    # Its surnames and Faker's, if no common English word.
    for person in sorted((Path(mimesis.__file__).parent / "datasets").glob("*/person.json")):
        data = json.loads(person.read_text(encoding="utf-8"))
        for key, names_found, excluded in (("names", first_names, english_set), ("surnames", surnames, common_set)):
            names = data.get(key, [])
            for group in (names.values() if isinstance(names, dict) else [names]):
                for name in (name for name in group if isinstance(name, str)):
                    spellings = {name.lower()} if latin_name(name) else romanised(name, person.parent.name)
                    names_found.update(spelling for spelling in spellings if spelling not in excluded)
    # Surnames that are also common words ("Park", "Hill", "Young"): a name only after a first name.
    common_surnames = surnames & common_set
    surnames -= common_set
    # ... and as visitors type them without their accents ("Yildiz", "Jose", "Nguyen"), if no
    # common English word either.
    for names_found in (first_names, surnames):
        names_found.update(written for written in (unaccented(name) for name in list(names_found))
                           if latin_name(written) and written not in common_set)
    # Mimesis's nationalities ("Canadian", "Dutch", "Puerto Rican"): what "I'm ..." may be.
    nationalities: set[str] = set()
    for person in sorted((Path(mimesis.__file__).parent / "datasets").glob("en*/person.json")):
        for nationality in json.loads(person.read_text(encoding="utf-8")).get("nationality") or []:
            nationalities.update(part.lower() for part in nationality.split()[-1:] if latin_name(part))
    directory.mkdir(parents=True, exist_ok=True)
    for name, words in (("common_words", common), ("english_words", english), ("first_names", sorted(first_names)),
                        ("surnames", sorted(surnames)), ("common_surnames", sorted(common_surnames)),
                        ("nationalities", sorted(nationalities))):
        (directory / f"{name}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")


@functools.cache
def word_list(name: str) -> frozenset[str]:
    return frozenset((NAME_LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").split())


@functools.cache
def clinic_doctor() -> frozenset[str]:
    """The words of the clinic's doctor's name (CLINIC_FILE), whom visitors name as "Dr. Kohler"."""
    doctor = (load_yaml(CLINIC_FILE) or {}).get("doctor") or ""
    return frozenset(bare(word) for word in str(doctor).split())


TITLES = frozenset({"dr", "doctor", "prof", "professor", "nurse", "mr", "mrs", "ms"})


@functools.cache
def clinic_names() -> tuple[frozenset[str], frozenset[str]]:
    """The words of the clinic's own names (CLINIC_FILE's name and doctor, without titles), and
    those that name it on their own: the doctor's surname and the clinic's words that are no
    common word ("Kohler", "Ospina"; not "Matthew" nor "Medical")."""
    clinic = load_yaml(CLINIC_FILE) or {}
    doctor = [bare(word).strip(".") for word in str(clinic.get("doctor") or "").split()]
    doctor = [word for word in doctor if word not in TITLES]
    name = [bare(word).strip(".") for word in str(clinic.get("name") or "").split()]
    own = {word for word in name if not common_word(word)} | set(doctor[-1:])
    return frozenset(doctor + name), frozenset(own)


def clinics_own_name(name: str) -> bool:
    """Whether a name found is the clinic's or its doctor's, which visitors ask about: "Matthew
    Kohler", "M. Kohler", "Ospina Medical" (not "Matthew" alone, a visitor's name too)."""
    words, own = clinic_names()
    parts = [bare(word).strip(".") for word in name.split()]
    return (any(part in own for part in parts)
            and all(part in words or part in TITLES or (len(part) == 1 and any(w.startswith(part) for w in words))
                    for part in parts))


TITLE_BEFORE = regex.compile(r"(?i:\b(?:dr|doctor|prof|professor|nurse))\.?\s+$")


def clinic_doctors_name(text: str, start: int, name: str) -> bool:
    """Whether ``name``, at ``start`` in ``text``, is the clinic's own doctor after a title:
    "Does Dr. Kohler treat ...?", "my doctor is Dr. Kohler.", also with lower-case words after
    it, which a name in lower case runs on to ("see dr kohler march 12")."""
    words = name.split()
    own = 0
    # "dr kohlers clinic": the possessive typed without its apostrophe (session 45's staff tester
    # read "is dr <NAME> ..." in the desk).
    while own < len(words) and (bare(words[own]) in clinic_doctor() or bare(words[own]).removesuffix("s")
                                in clinic_doctor() - {""}):
        own += 1
    return (bool(TITLE_BEFORE.search(text, max(0, start - 12), start)) and own > 0
            and all(word.islower() for word in words[own:]))


CONTRACTION = regex.compile(r"(?i)['’](?:ve|m|re|ll|d|t)$")
# A word no first-name list knows, ending as drugs' generic names do (the stems of the USAN
# naming scheme: "ropinirole", "suvorexant", "zolpidem"): no name.
DRUG_ENDING = regex.compile(
    r"(?i)(?:azepam|azolam|olol|pril|sartan|statin|prazole|azole|oxetine|triptan|gliptin|flozin|glutide|tinib|mab|"
    r"cillin|mycin|cycline|oxacin|profen|codone|morphone|azine|azepine|apine|idone|pramine|triptyline|afil|olone|asone|"
    r"dronate|parin|semide|thiazide|tidine|setron|zodone|pirone|barbital|caine|nidine|terol|dipine|lukast|irole|"
    r"pexole|gabalin|apentin|iclone|aleplon|pidem|orexant|melteon|tropin)$")


POSSESSIVE = regex.compile(r"['’]s$")


def bare(word: str) -> str:
    """The word without a possessive or quotes: "Tom's" -> "tom"."""
    return POSSESSIVE.sub("", word.strip("'‘’“”\"")).lower()


def common_word(word: str) -> bool:
    """A word English writes in lower case ("tired", "grace", "old-fashioned"), a function word
    or a contraction."""
    name = bare(word)
    if CONTRACTION.search(word) or name in STOP_WORDS:
        return True
    parts = name.split("-")
    return all(part in word_list("common_words") or part in STOP_WORDS for part in parts)


def titlecase(word: str) -> bool:
    """Capitalised as a name is: "Anna", "LaTonya", not "AHI" or "anna"."""
    word = word.strip("'‘’“”\"")
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


# First names that Faker's and Mimesis's lists lack, of peoples whose names they hold in their own
# script or not at all (West and East Africa, the Arab world, Israel, the Philippines, Vietnam,
# China in pinyin): the most given ones, four letters or more; the visitors write them in Latin
# letters ("Femi", "Chioma", "Faisal", "Wanjiru").
MORE_FIRST_NAMES = frozenset("""
    abimbola adaobi adebayo adeola amaka aminu ayelet ayobami babatunde bashir bisi bolanle bukola chidi
    chinonso chioma damilola dayo efua eitan fadi fahad faisal femi folake folasade funmi funmilayo garba gbenga
    haoran itai jennylyn jericho jiahui jianguo jiayi jide junjie kehinde kemi khanh kipchoge kunle lanre lihua
    majid marites marivic meiling nasser nhung nkechi obafemi ohad olumide oluwaseun phuong rami reem rodel saud
    segun seun sola somto taiwo tareq temitope thuy tope toyin trang ugochi wale waleed wenjing xiaoming xiaoyu
    xinyi yichen yinka yuting yuxuan zawadi zhiwei zihan
    """.split())


def known_first_name(word: str) -> bool:
    name = bare(word)
    names = word_list("first_names")
    # "Jean-Luc"; and a name with accents the lists hold only without them ("Gülşen" as "gulsen")
    return (name in names or name.split("-")[0] in names or name in MORE_FIRST_NAMES
            or (not name.isascii() and unaccented(name) in names))


def known_surname(name: str) -> bool:
    """``name`` (bare, in lower case) a surname of the lists that is no common word, with its
    accents or, if the lists hold it only so, without."""
    names = word_list("surnames")
    return name in names or (not name.isascii() and unaccented(name) in names)


def compound(word: str) -> bool:
    """Two common words of four letters or more written as one ("telehealth", "nightguard"):
    a new word, seldom a name that no list knows."""
    common = word_list("common_words")
    return any(word[:i] in common and word[i:] in common for i in range(4, len(word) - 3))


# "Jae-won", "Min-jun": a given name of two syllables joined, the second in lower case.
GIVEN_NAME_WITH_HYPHEN = regex.compile(r"\p{Lu}[^-]*(?:-\p{Ll}[^-]*)+")


# A brand's or a product's shape: capitals after a small letter ("ChatGPT", "WebMD").
BRAND = regex.compile(r"\p{Ll}\p{Lu}{2}")


def name_like(word: str, need: str) -> bool:
    """Whether ``word``, the first after a cue that needs ``need`` (see CUES), is a name."""
    name = bare(word)
    known = known_first_name(word)
    if name in NOT_NAMES or CONTRACTION.search(word) or MEDICAL_ENDING.search(name) or BRAND.search(word):
        return False
    if name in HOLIDAY_NAMES and POSSESSIVE.search(word.strip("'‘’“”\"")):
        return False  # "a Valentine's baby": the day, not someone
    if need != "any" and not known and (name in word_list("nationalities") or DRUG_ENDING.search(name)):
        return False
    # ("Will", "May" capitalised, or after "my name is": "my name is will turner")
    if name in STOP_WORDS and not (name in NAME_STOP_WORDS and (titlecase(word) or need == "any")):
        return False
    if ("-" in name and not known and need in ("capitalised_name", "name_or_unknown", "titled_name")
            and not GIVEN_NAME_WITH_HYPHEN.fullmatch(word.strip("'‘’“”\""))):
        # "Jean-Luc, ..." begins with a name, "Ehlers-Danlos, ..." with a disease; "Jae-won" is
        # written as a given name, never as an eponym.
        return False
    rare = not common_word(word)
    return {
        "any": True,
        "capitalised": titlecase(word) or rare,
        "rare": (known and titlecase(word)) or rare,
        "unknown": (known and (titlecase(word) or rare))
                   or not any(part in word_list("english_words") for part in name.split("-")),
        "name_or_unknown": known or not any(part in word_list("english_words") for part in name.split("-"))
                           or (rare and GIVEN_NAME_WITH_HYPHEN.fullmatch(word.strip("'‘’“”\"")) is not None),
        "titled_name": titlecase(word) and (known or (not any(part in word_list("english_words")
                                                              for part in name.split("-")) and not compound(name))),
        "first_name": known and (titlecase(word) or rare),
        "first_name_no_place": known and titlecase(word) and name not in known_places(),
        "known_rare_no_month": known and rare and name not in MONTH_NAMES,
        "capitalised_name_no_place": (titlecase(word) and (known or rare) and not word.endswith(("'s", "’s"))
                                      and name not in known_places() and name not in PLACE_PREFIXES),
        "known": known,
        "known_rare": known and rare,
        # a nickname someone is called: also initials ("MJ") and a first name in lower case
        "nickname": titlecase(word) or rare or known or regex.fullmatch(r"\p{Lu}{2,3}", word) is not None,
        # ... in lower case only if no common word: "dr. o'sullivan", not "my dr. said"
        "titled": (titlecase(word) and (known or rare)) or (word.islower() and rare),
        # Not a possessive: "Hashimoto's, fibromyalgia ..." begins with a disease.
        "capitalised_name": titlecase(word) and (known or rare) and not word.endswith(("'s", "’s")),
        # next to another detail: the same, or a known first name in lower case ("kevin 555-...")
        "beside_detail": ((titlecase(word) and (known or rare) and not word.endswith(("'s", "’s")))
                          or (word.islower() and known and rare)),
    }[need]


def surname_like(word: str, previous: str) -> bool:
    """A word after a first name (``previous`` is the word before) that continues it: "Lopez",
    "O'Malley-Brennan", "garcia", 'Kit', and a known first name in a name written in lower case
    ("jasmine rose whitaker")."""
    name = bare(word)
    if name in SUFFIXES:
        return True
    if name in STOP_WORDS or name in NOT_NAMES or CONTRACTION.search(word) or MEDICAL_ENDING.search(name):
        return False
    if (word.islower() and name in MONTHS) or name in PLACE_WORDS:
        return False  # "dr osei march 12", "Smith Clinic"
    lower_case_name = (word.islower() and previous.islower() and known_first_name(word)
                       and known_first_name(previous))  # "jasmine rose whitaker", not "dr kohler said"
    if word.islower() and titlecase(previous) and name not in PARTICLES and not (
            known_first_name(word) or known_surname(name) or name in word_list("common_surnames")):
        # a word in lower case after a capitalised one, of no name the lists know, begins the next
        # words, not a surname: "Sakit lutut dan susah tidur" (Malay for knee pain, a sentence)
        return False
    return titlecase(word) or not common_word(word) or lower_case_name


def name_span(words: list[Any], need: str, whole: bool, text: str) -> tuple[int, int] | None:
    """The start and end (in ``text``, a cue's match, of which ``words`` are the NAME_PARTs) of
    the name its words begin with, if they begin with one; for a "whole" cue, only if every
    word is part of it. A name goes on past a full stop only after an initial or a suffix
    ("J. Smith", "Jackson Jr.")."""
    if not name_like(words[0].group(0), need) and not (
            need not in ("any", "known", "known_rare") and len(words) > 1
            and name_first_word(words[0].group(0), words[1].group(0))):
        return None
    end = words[0].end()
    index = 1
    while index < len(words):
        word = words[index].group(0)
        previous = words[index - 1]
        gap = text[previous.end():words[index].start()]
        if "." in gap and len(bare(previous.group(0))) > 1 and bare(previous.group(0)) not in SUFFIXES and not (
                # "Ma. Theresa": the Philippines' abbreviation of María, before a first name
                bare(previous.group(0)) == "ma" and index == 1 and titlecase(word) and known_first_name(word)):
            break
        if "\n" in gap:
            break  # a name ends with its line: a signature, then "Sent from my phone"
        if POSSESSIVE.search(previous.group(0).strip("'‘’“”\"")):
            break  # a possessive ends a name: "St Patrick's Day"
        if surname_like(word, previous.group(0)):
            end = words[index].end()
        elif (index + 1 < len(words) and titlecase(word) and known_first_name(word)
              and "." not in text[words[index].end():words[index + 1].start()]
              and known_name_part(words[index + 1].group(0)) and surname_like(words[index + 1].group(0), word)):
            # A given name that is also a function word, inside a name: "Mehmet Can Yıldız"
            end = words[index + 1].end()
            index += 1
        elif (index == len(words) - 1 and index >= 2 and titlecase(word) and known_first_name(word)
              and end == previous.end()):
            # ... or ending a name of three parts: "Nguyễn Văn An"
            end = words[index].end()
        elif bare(word) in PARTICLES:
            following = index + 1  # "van der Meer": particles, then a surname
            while following < len(words) and bare(words[following].group(0)) in PARTICLES:
                following += 1
            if following == len(words) or not surname_like(words[following].group(0), word):
                break
            end = words[following].end()
            index = following
        else:
            break
        index += 1
    if whole and index < len(words):
        return None
    if bare(text[words[0].start():end].split()[-1]) in SUFFIXES and text[end:end + 1] == ".":
        end += 1  # "Jackson Jr."
    return words[0].start(), end


# A holiday's name, with a possessive: "Valentine's".
POSSESSIVE_AFTER_NAME = regex.compile(r"['’]s\b")
HOLIDAY_NAMES = frozenset({"valentine"})
# Other languages' function words that Faker's lists hold as first names ("Sie", "Die"): no first
# name before a capitalised noun ("Bieten Sie Videosprechstunden an?").
FOREIGN_FUNCTION_WORDS = frozenset({"sie", "ich", "wir", "ihr", "er", "es", "du", "die", "der", "das", "den", "dem",
                                    "ein", "eine", "und", "oder", "mit", "von", "seit", "une", "est", "los", "las",
                                    "por", "il", "gli", "het", "een", "ik", "wij", "aku"})
def name_parts_span(words_text: str) -> tuple[int, int] | None:
    """The whole of ``words_text`` (two or three words in lower case) if each is a first name or
    surname the lists know and one at least is no common word: "tan mei ling"."""
    words = words_text.split()
    if not all(known_first_name(word) or known_surname(word) or word in word_list("common_surnames")
               for word in words) or all(common_word(word) for word in words):
        return None
    return 0, len(words_text)


# Function words that no name begins with, though some are first names somewhere ("My").
PRONOUNS = frozenset({"my", "our", "your", "his", "her", "their", "its", "the", "a", "an", "this", "that", "these",
                      "those", "i", "we", "you", "he", "she", "they", "it", "me", "us", "him", "them", "and", "or"})
# Words that begin places' names, some of them first names too ("San Antonio", "Santa Clara").
PLACE_PREFIXES = frozenset({"san", "santa", "santo", "sao", "são", "saint", "sainte", "st", "fort", "port", "mount",
                            "lake", "new", "los", "las", "el", "la", "le", "del", "isle", "cape", "glen"})
# Words that make a name a place's or an organisation's: "Smith Clinic", "Mercy Hospital".
PLACE_WORDS = frozenset({"clinic", "hospital", "centre", "center", "pharmacy", "surgery", "practice", "medical",
                         "health", "healthcare", "university", "college", "school", "church", "hotel", "hall",
                         "institute", "foundation", "group", "associates", "partners", "labs", "laboratory", "inc",
                         "ltd", "llc",
                         # ... or a street's: "Adeola Hopewell Street", "Tunde Idiagbon St"
                         "street", "st", "road", "rd", "avenue", "ave", "lane", "drive", "close", "crescent",
                         "boulevard"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december"})


def known_name_part(word: str) -> bool:
    """A capitalised known first name or surname that is no common word ("Yıldız", "Lindqvist")."""
    return (titlecase(word) and not common_word(word)
            and (known_first_name(word) or known_surname(bare(word))))


# Endings of English verbs and adverbs: "Taking Belsomra" in a title-cased message is no name.
INFLECTED = regex.compile(r"(?:ing|ed|ly)$")


def unknown_word(word: str) -> bool:
    """A word of no language the word lists know, nor shaped as a medicine or product is: no
    English word, no first name, no surname, no nationality."""
    name = bare(word)
    return (latin_name(name.replace("-", ""))
            and not any(part in word_list("english_words") for part in name.split("-"))
            and not known_first_name(word) and not known_surname(name) and name not in word_list("nationalities")
            and not DRUG_ENDING.search(name) and not MEDICAL_ENDING.search(name) and not BRAND.search(word)
            and not compound(name))


def name_first_word(word: str, following: str) -> bool:
    """Whether ``word``, capitalised before another capitalised part of a name (``following``),
    begins a name though no cue's own test takes it: a surname first ("Nguyen Thi Lan") or a
    first name that is also a function word ("Per Lindqvist"; then only before a known surname,
    not "My Achilles")."""
    name, after = bare(word), bare(following)
    return (titlecase(word) and titlecase(following) and not word.endswith(("'s", "’s"))
            and name not in NOT_NAMES and not MEDICAL_ENDING.search(name) and not CONTRACTION.search(word)
            and ((known_surname(name) and not common_word(word)) or known_first_name(word))
            and after not in STOP_WORDS and after not in NOT_NAMES and not following.endswith(("'s", "’s"))
            and (known_surname(after) and name not in PRONOUNS if name in STOP_WORDS
                 else known_first_name(following) or known_surname(after) or not common_word(following))
            ) or (
            # ... or any capitalised word but a function word before a known surname ("Femi
            # Adebayo") or before a capitalised word of no language the lists know, a surname of a
            # culture they lack ("Sefo Taufa")
            titlecase(word) and name not in STOP_WORDS and name not in NOT_NAMES and not CONTRACTION.search(word)
            and not word.endswith(("'s", "’s")) and not MEDICAL_ENDING.search(name) and not BRAND.search(word)
            and ((known_name_part(following) and known_surname(after))
                 or (titlecase(following) and unknown_word(following)
                     and not (common_word(word) and INFLECTED.search(name)))))


AND_NAME = regex.compile(rf"\s+(?:and|&|\+|or)\s+({NAME_WORD})")
# The spelling a name is not, after it: "it's Siobhan, not Shivon", "Ní Bhriain, not Ni Brian".
NOT_SPELLED = regex.compile(rf",?\s+(?i:not)\s+({NAME_WORD}(?:[ \t]+{NAME_WORD})?)(?=\s*(?:[.,;!?)]|$))")
# A first name after the surname and a comma, as forms write them: "Okafor, Ada"
COMMA_FIRST_NAME = regex.compile(rf",\s*({NAME_WORD})(?=\s*(?:$|[\n,.;(]|\s+(?i:dob|d\.o\.b|born|b\.)))")
NAME_PART = regex.compile(rf"['‘“\"]?{NAME_WORD}['’”\"]?")


class StatedNameRecognizer(EntityRecognizer):
    """Names a visitor gives for themselves or others (see CUES), with the surnames that follow."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="StatedNameRecognizer")

    def load(self) -> None:
        for name in ("common_words", "english_words", "first_names", "surnames", "common_surnames", "nationalities"):
            word_list(name)
        clinic_doctor()
        clinic_names()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        results = []
        lower = text.lower()
        for need, whole, pattern, gate in CANDIDATES:
            if gate and not any(part in lower for part in gate):
                continue
            for match in pattern.finditer(text, overlapped=True):
                span = (name_parts_span(match.group(1)) if need == "name_parts"
                        else name_span(list(NAME_PART.finditer(match.group(1))), need, whole, match.group(1)))
                if span and clinic_doctors_name(text, match.start(1) + span[0], match.group(1)[span[0]:span[1]]):
                    continue
                if span:
                    offset = match.start(1)
                    results.append(RecognizerResult("PERSON", offset + span[0], offset + span[1], 0.8))
                    # "my twins, Ava and Ella", and after a label "Patient: Okafor, Ada"
                    other = AND_NAME.match(text, offset + span[1]) or (
                        COMMA_FIRST_NAME.match(text, offset + span[1]) if need == "any" else None)
                    if other and name_like(other.group(1), "capitalised_name"):
                        results.append(RecognizerResult("PERSON", other.start(1), other.end(1), 0.8))
        results += full_names(text)
        results += particle_names(text)
        for result in results:
            # with "Ma." before it, as the Philippines abbreviates María: "Ma. Theresa Santos"
            if maria := MARIA_BEFORE.search(text, max(0, result.start - 5), result.start):
                result.start -= len(maria.group(0))
            # ... or with the name after it, where "Ma" alone was found: "my aunt Ma. Theresa Reyes"
            if text[result.start:result.end] == "Ma" and (after := MARIA_AFTER.match(text, result.end)):
                words = list(NAME_PART.finditer(after.group(1)))
                if known_first_name(words[0].group(0)):
                    span = name_span(words, "capitalised_name", False, after.group(1))
                    if span:
                        result.end = after.start(1) + span[1]
            # with its generation: "Odette Fenna III", "Patrick Brannigan Jr."
            suffix = GENERATION.match(text, result.end)
            if suffix:
                result.end = suffix.end()
            # ... and the surname after a nickname in brackets: "Temitope (Tope) Bello"
            surname = NICKNAME_THEN_SURNAME.match(text, result.end)
            if surname and surname_like(surname.group(1), text[result.start:result.end].split()[-1]) \
                    and titlecase(surname.group(1)):
                result.end = surname.end()
        # "an Ilse Koster procedure", "a Jack Davis test": a name before what it names is an eponym
        # ... and a month before more months is a month: "Oct, Nov and December were the worst"
        # ... and a holiday's name with its possessive: "a Valentine's baby"
        return [result for result in results if not EPONYM_HEAD.match(text, result.end)
                and not (bare(text[result.start:result.end]) in HOLIDAY_NAMES
                         and POSSESSIVE_AFTER_NAME.match(text, result.end))
                and not (text[result.start:result.end].lower().strip(".") in MONTH_NAMES
                         and MONTH_LIST_AFTER.match(text, result.end))]


MARIA_BEFORE = regex.compile(r"(?<![\w.])Ma\.[ \t]+$")
MARIA_AFTER = regex.compile(rf"\.[ \t]+((?=\p{{Lu}}){NAMES})")
NICKNAME_THEN_SURNAME = regex.compile(rf"[ \t]*\([ \t]*\p{{Lu}}[\p{{L}}'’-]*[ \t]*\)[ \t]+({NAME_WORD})")
GENERATION = regex.compile(r",?[ \t]+(?:(?:Jr|Sr)\.|(?:Jr|Sr|III|II)\b)")


# What an eponym names: a procedure, a syndrome, a test ("a Jack Davis test", "Guillain-Barré
# syndrome"), not someone.
EPONYM_HEAD = regex.compile(r"[ \t]+(?i:surgery|syndrome|disease|procedure|operation|test|sign|maneuver|manoeuvre|"
                            r"palsy|fracture|technique|method|repair|reflex|scale|criteria|protocol|splint|"
                            r"brace|transplant|repair|release)\b")


# An article or possessive right before a first name and surname found with no cue: what
# follows is a thing named so ("a Tempur Cloud", "my Gordon Setter"), not someone.
THING_BEFORE = regex.compile(r"(?<![\w'’])(?i:a|an|my|our|your|their)\s+$")
# A month before more months: "Oct, Nov and December", "June or July" (not the names Jan, June).
MONTH_NAMES = MONTHS | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
MONTH_LIST_AFTER = regex.compile(rf"\s*(?:,|and|&|or|to|through|-|–)\s*(?i:{'|'.join(sorted(MONTH_NAMES))})\b")
FULL_NAME = regex.compile(rf"(?<!\b(?:Dr|Doctor|Prof)\.?\s+)\b({NAME_WORD})\s+({NAME_WORD})")


def lower_case_full_name(first: str, surname: str) -> bool:
    """A first name and a surname both known and written in lower case, neither a common word:
    "lucia moreno" (not "grace baker", nor "mark down")."""
    return (first.islower() and surname.islower() and known_first_name(first) and not common_word(first)
            and known_surname(surname) and not common_word(surname))


def surname_after_first_name(first: str, surname: str) -> bool:
    """A capitalised surname after a capitalised known first name: no common word ("Faith
    Adebayo"), or a surname that is also one ("Park", "Hill") after a first name that is no
    English word at all ("Eun-ji Park"; not "Grace Park" nor "Austin Park")."""
    if not titlecase(surname) or surname.endswith(("'s", "’s")) or STREET_TYPE.fullmatch(bare(surname).rstrip(".")):
        return False  # "Jefferson Blvd"
    if MEDICAL_ENDING.search(bare(surname)) or bare(first) in FOREIGN_FUNCTION_WORDS:
        return False  # "seit Mai Knieschmerzen", "Bieten Sie Videosprechstunden an?"
    if not common_word(surname):
        return True
    name = bare(surname)
    return ((name in word_list("common_surnames") or GIVEN_NAME_WITH_HYPHEN.fullmatch(first.strip("'‘’“”\"")))
            and bare(first) not in word_list("english_words")
            and name not in PLACE_WORDS
            and name not in MONTHS and name not in STOP_WORDS and name not in NOT_NAMES)


# A first name that is also a function word, before a name found where a line or clause
# begins: "Per Arne Haugland" (not "Will", "May" or "Can", which ask).
FUNCTION_WORD_FIRST_NAME = regex.compile(r"(?:^|(?<=[\n,;:(.!?]\s*))(\p{Lu}\p{Ll}+)\s+$")
EMAIL_GOES_ON = regex.compile(r"[\w.+-]*@")
MODALS = frozenset({"will", "may", "can", "could", "would", "should", "must", "might", "shall", "did", "does", "do"})


def full_names(text: str) -> list[RecognizerResult]:
    """A known first name followed by a capitalised surname, anywhere ("Faith Adebayo"), or
    both in lower case (lower_case_full_name)."""
    results = []
    for match in FULL_NAME.finditer(text, overlapped=True):
        first, surname = match.group(1), match.group(2)
        if ((titlecase(first) and known_first_name(first) and bare(first) not in STOP_WORDS
             and bare(first) not in NOT_NAMES and bare(first) not in PLACE_PREFIXES
             and surname_after_first_name(first, surname))
                or lower_case_full_name(first, surname)):
            # With the parts that follow: "Ana Luísa de Souza Ferreira".
            following = NAMES_AT.match(text, match.start())
            span = name_span(list(NAME_PART.finditer(following.group(0))), "capitalised_name", False,
                             following.group(0))
            end = match.start() + span[1] if span else match.end()
            generation = GENERATION.search(text, match.end(), end)
            if generation:  # "Odette Fenna III. Knee pain": the name ends with its generation
                end = generation.end()
            if end > match.end() and EMAIL_GOES_ON.match(text, end):
                # "Ana Ruiz ana@...": not the address's "ana"
                end = max([match.end()] + [text.rfind(space, match.end(), end) for space in " \t\n\r"])
            start = match.start()
            if THING_BEFORE.search(text, max(0, start - 8), start):
                continue  # "a Tempur Cloud", "our Gordon Setter": a product or a breed, not someone
            before = FUNCTION_WORD_FIRST_NAME.search(text, max(0, start - 20), start)
            if (before and bare(before.group(1)) in STOP_WORDS and bare(before.group(1)) not in MODALS
                    and bare(before.group(1)) not in PRONOUNS and known_first_name(before.group(1))):
                start = before.start(1)
            results.append(RecognizerResult("PERSON", start, max(end, match.end()), 0.6))
    return results


PARTICLE_NAME = regex.compile(rf"(?<![\w'’-])((?=\p{{Lu}}){NAME_WORD})((?:\s+(?i:{JOINING_PARTICLES})){{1,2}})\s+"
                              rf"((?=\p{{Lu}}){NAME_WORD})")
ELIDED_PARTICLE_NAME = regex.compile(rf"(?<![\w'’-])((?=\p{{Lu}}){NAME_WORD})\s+([dD]['’]\p{{Lu}}[\p{{L}}-]+)")


def particle_names(text: str) -> list[RecognizerResult]:
    """A first name and a surname that begins with a particle, with no cue: "Thiago dos Santos",
    "Rhys ap Gwilym", "Sanne van den Heuvel", "Lovely delos Reyes", "Amélie d'Aubigné". The
    surname a known one or no English word; neither a place nor a common word ("Universidad de
    Chile", "Rio de Janeiro", "Musée du Louvre" stay)."""
    if not any(c in text for c in " d'’"):
        return []
    results = []
    for pattern in (PARTICLE_NAME, ELIDED_PARTICLE_NAME):
        for match in pattern.finditer(text, overlapped=True):
            first, surname = match.group(1), match.group(match.lastindex)
            last = bare(surname)
            if pattern is ELIDED_PARTICLE_NAME:
                last = last[2:]
            if (bare(first) in STOP_WORDS or bare(first) in NOT_NAMES or bare(first) in PLACE_PREFIXES
                    or bare(first) in PLACE_WORDS or bare(first) in MONTHS or bare(first) in known_places()
                    or (last in known_places() and not known_first_name(first)) or last in PLACE_WORDS or last in MONTHS
                    or common_word(surname if pattern is PARTICLE_NAME else last)
                    or MEDICAL_ENDING.search(last) or STREET_TYPE.fullmatch(bare(first).rstrip("."))
                    or STREET_TYPE.fullmatch(last.rstrip(".")) or not titlecase(first)):
                continue
            if not (known_surname(last) or not any(part in word_list("english_words") for part in last.split("-"))):
                continue  # "Musée du Louvre"
            if " ".join(match.group(0).lower().split()) in known_places():
                continue  # "Rio de Janeiro"
            if THING_BEFORE.search(text, max(0, match.start() - 8), match.start()):
                continue
            start = match.start()
            # ... with a first name before it: "Luiz Carlos de Souza"
            before = regex.search(rf"((?=\p{{Lu}}){NAME_WORD})\s+$", text[max(0, start - 30):start])
            if before and known_first_name(before.group(1)) and bare(before.group(1)) not in STOP_WORDS:
                start -= len(before.group(0))
            results.append(RecognizerResult("PERSON", start, match.end(), 0.6))
    return results


# Labels a detail follows ("Home: 12 Elm St", "Winter: ..."): never a name before a detail.
DETAIL_LABELS = frozenset({"home", "work", "office", "cell", "mobile", "mailing", "billing", "shipping", "winter",
                           "summer", "spring", "fall", "autumn", "old", "new", "current", "previous", "main", "other",
                           "primary", "secondary", "alternate", "backup", "personal", "business", "daytime", "evening",
                           "evenings", "weekends", "weekdays",
                           # where to reach someone: "WhatsApp +44 ..."
                           "whatsapp", "signal", "telegram", "viber", "skype", "wechat", "landline", "fax", "tel",
                           "text", "sms", "postcode", "zip"})


def names_before_details(text: str, details: list[RecognizerResult]) -> list[RecognizerResult]:
    """Names written just before another personal detail (BEFORE_DETAIL, FIRST_BEFORE_DETAIL)
    or just after one at the end of the message or a line (AFTER_DETAIL)."""
    results = []
    for detail in details:
        window = max(0, detail.start - 120)  # a name is close by; long messages stay fast
        match = BEFORE_DETAIL.search(text, window, detail.start)
        if match and match.group(1).split()[-1].lower().strip(".") in DETAIL_LABELS:
            match = None
        if match:
            words_text = match.group(1)
            # ... the label the name's words ran into: "Ruth Ames DOB 3/4/1960" (NAMES takes "DOB" too)
            label = LABEL_AT_END.search(words_text)
            if label and label.start():
                words_text = words_text[:label.start()]
            span = name_at_end(words_text, spaced=not match.group(2).strip())
            if span:
                results.append(RecognizerResult("PERSON", match.start(1) + span[0], match.start(1) + span[1], 0.6))
                continue
        if detail.start <= 120:
            match = FIRST_BEFORE_DETAIL.match(text, 0, detail.start)
            need = "titled_name" if match and len(match.group(1).split()) == 1 else "capitalised_name"
            if match and match.group(1).split()[-1].lower().strip(".") not in DETAIL_LABELS:
                span = name_span(list(NAME_PART.finditer(match.group(1))), need, True, match.group(1))
                if span:
                    results.append(RecognizerResult("PERSON", match.start(1) + span[0], match.start(1) + span[1],
                                                    0.6))
    for detail in details:
        if detail.entity_type not in ("EMAIL_ADDRESS", "PHONE_NUMBER"):
            continue  # after an address or a date, a capitalised word is as often a town
        match = AFTER_DETAIL.match(text, detail.end)
        if match and bare(match.group(1).split()[0]) not in DETAIL_LABELS:
            span = name_span(list(NAME_PART.finditer(match.group(1))), "beside_detail", True, match.group(1))
            if span:
                results.append(RecognizerResult("PERSON", match.start(1) + span[0], match.start(1) + span[1], 0.6))
    return results


def name_at_end(words_text: str, spaced: bool) -> tuple[int, int] | None:
    """The name that ``words_text`` (before a detail) ends with: all its words, or its last
    ones ("Referring my patient Sipho Ndlovu"), then two words at least or a known first name;
    with only a space before the detail (``spaced``), a one-word name must be a known first name
    ("kevin 555-..."), never a place ("Leeds 0113 ...")."""
    words = list(NAME_PART.finditer(words_text))
    for first in range(len(words)):
        tail = words[first:]
        if (first or spaced) and len(tail) == 1 and not (
                known_first_name(tail[0].group(0)) and name_like(tail[0].group(0), "beside_detail")):
            continue
        span = name_span(tail, "beside_detail", True, words_text)
        if span:
            return span
    return None


AND_BEFORE = regex.compile(rf"(?:^|[\s(,])({NAME_WORD})\s+(?:and|&|\+|or)\s+$")


# The next name of a list after a name found: "Ava, Ilse and Lena".
LISTED_NAME = regex.compile(rf",\s*({NAME_WORD})(?=\s*,|\s+(?:and|&|\+|or)\s)")


def joined_names(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """A capitalised name joined by "and", "&", "+" or "or" to a name found: "Aditi and Rahul,
    both ...", "(Ruth and Tom)", "Lachlan & Mia"; and each of a list of known first names after
    one: "my kids Ava, Ilse and Lena"."""
    results = []
    for result in found:
        if result.entity_type != "PERSON":
            continue
        before = AND_BEFORE.search(text, max(0, result.start - 40), result.start)
        after = AND_NAME.match(text, result.end)
        misspelled = NOT_SPELLED.match(text, result.end)
        if misspelled and all(titlecase(word) and name_like(word, "titled_name")
                              for word in misspelled.group(1).split()):
            results.append(RecognizerResult("PERSON", misspelled.start(1), misspelled.end(1), 0.6))
        for match in (before, after):
            if match and name_like(match.group(1), "capitalised_name") and bare(match.group(1)) not in DETAIL_LABELS:
                results.append(RecognizerResult("PERSON", match.start(1), match.end(1), 0.6))
        end = result.end
        for _ in range(8):
            listed = LISTED_NAME.match(text, end)
            if not (listed and titlecase(listed.group(1)) and known_first_name(listed.group(1))
                    and name_like(listed.group(1), "capitalised_name")):
                break
            results.append(RecognizerResult("PERSON", listed.start(1), listed.end(1), 0.6))
            end = listed.end(1)
            last = AND_NAME.match(text, end)
            if last and name_like(last.group(1), "capitalised_name"):
                results.append(RecognizerResult("PERSON", last.start(1), last.end(1), 0.6))
    return results


# A nickname in brackets after a name: "Guillermo Reyes (Memo)".
# ... also "(aka Memo)", "(Seun is fine)", "(Memo for short)".
# ... and who calls them so: "(Deco to the lads)", "(friends say Wojtek)", "(we call him MJ)"
NICKNAME = regex.compile(rf"\s*\(\s*(?i:(?:aka|a\.k\.a\.|or|call\s+me|just|"
                         rf"(?:friends|everyone|family)\s+(?:say|call\s+me)|we\s+call\s+(?:him|her|them))\s+)?"
                         rf"['‘“\"]?({NAME_WORD})['’”\"]?"
                         rf"(?:\s+(?i:is\s+fine|is\s+ok|is\s+okay|is\s+good|for\s+short|works|"
                         rf"to\s+(?:the\s+|my\s+|his\s+|her\s+)?"
                         rf"(?:lads|friends|mates|family|everyone|team|boys|girls)))?"
                         rf"\s*\)")
# The same name in its own script, in brackets or after a slash: "Ryo Matsumoto (松本亮)",
# "Park Hyun-woo / 박현우", "Oksana (Оксана)".
NATIVE_NAME = regex.compile(r"[ \t]*(?:\([ \t]*|/[ \t]*)((?:[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]{2,6})"
                            r"|\p{Lu}[\p{Cyrillic}\p{Greek}]+(?:[ \t]\p{Lu}[\p{Cyrillic}\p{Greek}]+){0,2})"
                            r"(?=[ \t]*\)|[ \t]*(?:[.,;!?]|$))")
# Words a bracket after a name holds that are no nickname: "Ana (patient)", "Tom (Husband)".
NOT_NICKNAMES = frozenset({"patient", "pt", "me", "self", "myself", "caregiver", "deceased", "primary", "contact",
                           "guarantor", "minor", "adult", "spanish", "english", "interpreter", "translator"})


def nicknames(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """A capitalised word in brackets just after a name found: the name's nickname."""
    results = []
    for result in found:
        if result.entity_type != "PERSON":
            continue
        native = NATIVE_NAME.match(text, result.end)
        if native:
            results.append(RecognizerResult("PERSON", native.start(1), native.end(1), 0.6))
        match = NICKNAME.match(text, result.end)
        if not match:
            continue
        word = match.group(1)
        name = bare(word)
        called = match.group(0).lstrip(" \t(").lower().startswith(("friends", "everyone", "family", "we call"))
        if ((titlecase(word) or called and regex.fullmatch(r"\p{Lu}{2,3}", word))
                and name not in STOP_WORDS and name not in NOT_NAMES and name not in NOT_NICKNAMES
                and name not in DETAIL_LABELS and not regex.fullmatch(RELATIONS, name, regex.IGNORECASE)
                and not MEDICAL_ENDING.search(name)):
            results.append(RecognizerResult("PERSON", match.start(1), match.end(1), 0.6))
    return results


if __name__ == "__main__":
    write_name_lexicon(Path(sys.argv[1]) if len(sys.argv) > 1 else NAME_LEXICON_DIR)
