"""The recognisers of contact details for connectors/personal_details.py, on Microsoft
Presidio's framework, with no downloaded model:

- emails: Presidio's, its domain check reading tldextract's bundled suffix list (Presidio's
  default would try to download the list at run time), and those written to dodge a filter
  ("ike.okafor(at)gmail.com", "tanvir dot hossain at example dot com");
- phone numbers: Presidio's, on Google's ``phonenumbers``, and the shapes it rejects as not
  assigned ("+1 555 ...") or too short (a local "555-0187" after "call" or "text"), national
  numbers in three groups ("03-1234-5678", "010 1234 5678", China's "139 1234 5678") and any
  digits a phone word introduces, in English or another language ("tel. ...", "Telefone ..."),
  ten digits in 4-3-3 ("0412 345 678"), an area or country code in brackets ("(08) 8972 1234",
  "(+44) 7700 ..."), and a number read aloud in groups of words and digits ("oh-four-one-two, 339, 508");
- dates: Presidio's numeric ones, and those written with words ("14 March 1962", "the
  twenty-first of May", "may 14" after no subject), in the months of every Latin-script locale
  of Faker ("7 de junio de 1979", "9. maj 1980"), of Babel's (CLDR) months in more languages
  and their cases with a year ("14 marca 1952", "3. febrúar 1949"), Roman-numeral months ("23 XI
  1970"), Chinese, Japanese and Korean dates ("1972年11月3日", a Japanese era's year: "昭和45年"), Lithuanian's
  ("1983 m. gegužės 7 d.") and the Persian calendar's ("12 Mehr 1345"),
  with a two-digit year ("the second of august 63"), a month misspelled ("3 Febuary 1971", "Decmber 3"), a
  year first ("1967. 11. 23."), a month as an ordinal ("the 3rd of the 9th, 1971") or a
  range of days ("March 3-5", "12–14 June"), "the twelfth day of March 1950", numbers with spaces
  ("7 - 3 - 1981", "1975 03 28"); a day and month alone
  ("11/14") only after words such as "appointment", "on" or "book" ("could I come in 14/2", "my
  appointment is 3/10"), before "available" or a time ("at 11"),
  so a pain score of 9/10 stays; after a weekday the day alone ("Sunday <the 14th>", "Tue
  <14/1>": the weekday is kept); days of one month in a list ("4/3, 11/3, 18/3"); the Islamic
  and Hebrew calendars' months with a day ("12 Rajab"); a year alone only as a year of birth
  ("born in 1962", "born about 1950"), also after another language's word for it ("Jahrgang 1948");
  round 16: a day and a month of another language or script without a year ("il 12 dicembre",
  "15 stycznia", "14 травня 1980"), a day past the 12th after "available" or "instead of";
- street addresses: connectors/address_recognizer.py.
"""

from __future__ import annotations

import unicodedata

import regex
import tldextract
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recogniser, checking the domain against tldextract's bundled list."""

    _domains = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def validate_result(self, pattern_text: str) -> bool:
        return self._domains(pattern_text).fqdn != ""


MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
MONTH_ORDINAL_WORDS = "(?:" + "|".join(_ORDINALS[:12]) + ")"
ORDINAL_WORDS = ("(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
                 "thirtieth|" + "|".join(_ORDINALS) + ")")
YEAR = r"(?:19|20)\d\d"
# "the 12th of August": the article is part of the date as written.
THE = r"(?:(?<![\w-])(?i:the)\s+)?"
# Numbers written out: "twelve march nineteen fifty-six", "five five five, two three four ...".
DIGIT_WORDS = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_UNITS = "(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
DAY_WORDS = rf"(?:thirty[- ]one|thirty|twenty(?:[- ]{_UNITS})?|{_TEENS}|{_UNITS})"
YEAR_WORDS = (rf"(?:(?:nineteen|twenty)[- ](?:hundred|oh[- ]{_UNITS}|{_TEENS}|{_TENS}(?:[- ]{_UNITS})?)"
              rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{_TEENS}|{_UNITS}|twenty(?:[- ]{_UNITS})?))?)")
ANY_YEAR = rf"(?:{YEAR}\b|{YEAR_WORDS}\b)"
# A month and day ("12/24"), never x/10, which is a pain score more often than a date.
M_D = r"(?:1[0-2]|0?[1-9])/(?!10(?![\d/]))(?:3[01]|[12]\d|0?[1-9])(?![\d/])"
# A day past the 12th and a month of two digits: 27/03
DD_MM = r"(?:1[3-9]|2\d|3[01])/(?:0[1-9]|1[12])(?![\d/])"
# ... and with a month of one digit ("14/3"), only after a word that puts a date next or near
# one ("24/7" never: it is "all the time").
D_M = r"(?!24/7(?!\d))(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[12])(?![\d/])"
# Any day and month: "8/11", "14/2", "3/10" (x/10 too), not part of a longer number.
DAY_AND_MONTH = (r"(?<![\d/.])(?:(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2]))"
                 r"(?![\d/]|\.\d)")
# ... and a day past the 12th in October, which no pain score is ("on 23/10"), after a date word.
D_OCT = r"(?:1[3-9]|2\d|3[01])/10(?![\d/])"
LIST_JOIN = r"(?:,|or|and|&)"
# A weekday before a day: "Sunday the 9th", "Thu 23/10" (the abbreviations capitalised: "sat").
WEEKDAY = (r"(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
           r"(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)")
# Words a date of birth follows.
BIRTH_WORDS = (r"dob|d\.o\.b\.?|born(?:\s+on)?|b-?day(?:\s+is)?|birthday(?:\s+is)?|birth\s*date(?:\s+is)?|"
               r"date\s+of\s+birth(?:\s+is)?")
# Words for a year of birth in other languages, before the year: "(Jahrgang 1948)", "classe 1936"
# (Italian), "née en 1950", "nacida en 1950", "nato nel 1940", "geboren 1948", "rocznik 1950".
OTHER_BIRTH_YEAR_WORDS = (r"jahrgang|geboren(?:\s+im\s+jahr)?|classe|n[ée]e?\s+en|nac(?:ido|ida)\s+en|"
                          r"nasc(?:ido|ida)\s+em|nat[oa]\s+nel|rocznik|urodzon[ya](?:\s+w)?|f[öø]dd|f[öø]dt|"
                          r"syntynyt|årgang")
# Words that put a date to book next: "book me in 21/06", "confirm 6/3".
BOOKING_VERBS = r"book|rebook|confirm|reschedule|move\s+(?:it|me)\s+to|switch\s+to|change\s+to"
# "at 11", "@ 2:30pm", "at 9.15"
AT_A_TIME = r"(?=\s*(?:at|@)\s*(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?i:am|pm|a\.m\.|p\.m\.|h)?(?![\w/.]))"


# Medical words by their endings ("Polymyalgia", "tendinopathy", "neuroma"): never a name nor a
# place. Only endings no first name has ("Anastasia", "Paloma" and "Ifeoma" are names; of "-ioma",
# only the tumours' "-gioma" and "-lioma", since Igbo names end in "-ioma" too). And other
# languages' medical words: "-algia" as French, German, Danish or Turkish write it ("dorsalgie",
# "Neuralgie", "nevralji"), German and Dutch "-ose" diseases ("Osteoporose", "Skoliose"), words for
# pain ending a compound ("Kopfschmerzen", "rygsmerter", "ryggvärk", "rugpijn", "niskakipu", "bel
# ağrısı"), German compounds of a joint, a vertebra or a disc ("Kniegelenk", "Halswirbel"), and
# sciatica and lumbago in Spanish and Portuguese; rheumatism's stem ("Rheuma", "reuma").
MEDICAL_ENDING = regex.compile(
    r"(?i)(?:itis|algia|osis|opathy|ectomy|otomy|plasty|trophy|plegia|penia|uria|"
    r"inoma|anoma|phoma|uroma|gioma|lioma|ipoma|ytoma|sarcoma|"
    r"algie|algien|algi|alji|(?:arth|art|spondyl)rose|(?:poro|skolio|scolio|thrombo|trombo|steno|fibro|"
    r"sklero|sclero|zirrho|tuberkulo|kypho|lordo|nekro)se|schmerzen|schmerz|smerter|smerte|v[äa]rk|pijn|kipu|"
    r"s[äa]rky|a[ğg]r[ıi]s[ıi]|(?<=\w{3})(?:wirbel|scheibe|gelenk)|entz[üu]ndung|beschwerden|ci[aá]tica|"
    r"lumbago"
    # ... and rheumatism as German, Dutch and the Romance languages name it: "Rheuma", "reuma", "reumatismo"
    r"|^rh?euma\w*)$")


def unaccented(text: str) -> str:
    """``text`` without its combining accents ("styczeń" -> "styczen")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _faker_month_names() -> list[str]:
    """The months of every locale Faker's date provider writes in Latin letters ("mai",
    "styczeń", "Ağustos", "tháng ba"), with and without their accents, in lower case."""
    import importlib
    import pkgutil

    import faker.providers.date_time

    names = set()
    for locale in pkgutil.iter_modules(faker.providers.date_time.__path__):
        provider = importlib.import_module(f"faker.providers.date_time.{locale.name}").Provider
        for month in (getattr(provider, "MONTH_NAMES", None) or {}).values():
            if all("LATIN" in unicodedata.name(c, "") for c in month if c.isalpha()):
                month = month.lower()
                names.update({month, unaccented(month).replace("ı", "i")})
    return sorted(names, key=lambda name: (-len(name), name))


# Months in other languages (Spanish to Polish, Turkish, Vietnamese, Gujarati ...), from Faker's
# locales: only with a day and a year ("9. maj 1980") or "de" before them ("el 5 de mayo").
OTHER_MONTHS = ("(?:" + "|".join(regex.escape(name).replace(r"\ ", r"\s+") for name in _faker_month_names())
                + r"|sept?iembre|mar[çc]o|f[ée]vrier|ao[ûu]t|d[ée]cembre|m[äa]rz)")
# The months of the Persian (solar Hijri) calendar, with a day and a year of it ("30 Azar 1340").
PERSIAN_MONTHS = (r"(?:farvardin|ordibehesht|khordad|tir|mordad|amordad|shahrivar|mehr|aban|azar|dey|bahman|esfand)")
# The months of the Islamic (Hijri) and Hebrew calendars, capitalised, after a day: "3 Rajab",
# "14 Nisan 5784" ("Av", a word too short to tell, is left out).
HIJRI_HEBREW_MONTHS = (r"(?:Muharram|Safar|Rabi['’ʿ]?\s*(?:al|ul|-ul|-al)[- ]?(?:Awwal|Thani|Akhir)|"
                       r"Jumada\s*(?:al|ul|-ul|-al)[- ]?(?:Ula|Awwal|Thani|Akhirah|Akhira|Akhir)|Rajab|Sha['’ʿ]?ban|"
                       r"Ramadan|Ramzan|Shawwal|Dhu\s*(?:al|l)?[- ]?(?:Qi['’ʿ]?dah|Qa['’ʿ]?dah|Hijjah)|"
                       r"Tishrei|Tishri|Cheshvan|Heshvan|Marcheshvan|Kislev|Tevet|Teveth|Shevat|Shvat|"
                       r"Adar(?:\s+(?:I|II|Aleph|Bet|Sheni))?|Nisan|Iyar|Iyyar|Sivan|Tammuz|Tamuz|Elul)")
# A year of a Japanese era (Meiji to Reiwa), as Japanese forms write a date of birth: "昭和45年".
JAPANESE_ERA_YEAR = r"(?:明治|大正|昭和|平成|令和)\s*(?:元|[1-6]?\d)"
# Words for an appointment in other languages, before its day and month: "Termin 3.12."
OTHER_APPOINTMENT_WORDS = r"(?:termin|cita|consulta|rendez-vous|rdv|appuntamento|visita|afspraak|wizyta)"
# A two-digit year after a date in words, not a dose, a time or a count: "July 4th 58".
TWO_DIGIT_YEAR = (r"['’]?\d\d\b(?![:.]\d|\s*(?i:%|x|mg|mcg|ml|kg|lbs?|am|pm|years?|yrs?|y/?o|hours?|hrs?|h|"
                  r"minutes?|mins?|times?|nights?|days?|weeks?|months?|tabs?|tablets?|pills?|units?)\b)")
# Between the first and last day of a range: "3-5", "3rd to 5th".
RANGE = r"(?:[-–—]|to|through|thru|until|till)"
# "2/3 of the night", "1/2 a tablet": a fraction, not a date.
# ... nor a share of days: "9/10 mornings", "6/7 nights".
NOT_A_FRACTION = (r"(?!\s*(?i:of|a|an|the|tab|tabs|tablet|tablets|pill|pills|dose|mg|cup|cups|hour|hours|hr|hrs|"
                  r"fast|fasting|diet|split|schedule|ratio|nights?|days?|mornings?|evenings?|times|weeks?)\b)")


def written_date_recognizer() -> PatternRecognizer:
    """Dates with the month written out, which Presidio's numeric patterns do not cover."""
    return PatternRecognizer(
        supported_entity="DATE_TIME",
        name="WrittenDateRecognizer",
        patterns=[
            # March 14th, 1962 / Mar 14 1962 / March 14th
            Pattern("month day [year]", rf"\b{MONTH}\s+{DAY}\b(?:,?\s+{YEAR}\b)?", 0.6),
            # 14 March 1962 / the 3rd of May 1958 / 3rd of May
            # (the month a whole word: "Room 4 Marco", "2 Mars bars", "bed 4 Julie" hold none)
            Pattern("day [of] month [year]", rf"{THE}\b{DAY}\s+(?:of\s+)?{MONTH}(?![A-Za-z])(?:,?\s+{YEAR}\b)?", 0.6),
            # 1996.05.03
            Pattern("yyyy.mm.dd", r"\b(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])\b", 0.6),
            # "the 3rd of the 9th, 1971", "the first of the ninth": a day and a month both as ordinals.
            Pattern("ordinal of the ordinal month",
                    rf"(?i){THE}\b(?:(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)|{ORDINAL_WORDS})\s+of\s+the\s+"
                    rf"(?:(?:1[0-2]|0?[1-9])(?:st|nd|rd|th)|{MONTH_ORDINAL_WORDS})(?:\s+month)?,?\s+"
                    rf"(?:{ANY_YEAR}|['’]\d\d\b)", 0.6),
            # 6-30-64
            Pattern("m-d-yy", r"\b(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])-\d{2}\b", 0.5),
            # the twenty-first of May, 2nd Nov '45
            # (The Fourth of July without a year is a holiday, not someone's date.)
            Pattern("ordinal words",
                    rf"(?i){THE}\b(?!fourth\s+of\s+july\b(?!,?\s+{ANY_YEAR})){ORDINAL_WORDS}\s+(?:of\s+)?{MONTH}"
                    rf"(?![A-Za-z])(?:,?\s+{ANY_YEAR})?", 0.6),
            # "the 14th of march": an ordinal and "of" make even a lower-case month a date.
            # ... and "the 30th day of November 1952", "the twelfth day of March"
            Pattern("ordinal of month", rf"(?i){THE}\b(?:(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)(?:\s+day)?"
                                        rf"|{ORDINAL_WORDS}\s+day)\s+of\s+{MONTH}\b"
                                        rf"(?:,?\s+{ANY_YEAR})?", 0.6),
            # "March the first", and in lower case only with a year: "I may first try ..." stays.
            Pattern("month ordinal words",
                    rf"\b{MONTH}\s+(?:the\s+)?(?i:{ORDINAL_WORDS})\b(?:,?\s+{ANY_YEAR})?", 0.6),
            Pattern("lower-case month ordinal words",
                    rf"(?i)\b{MONTH}\s+(?:the\s+)?{ORDINAL_WORDS},?\s+{ANY_YEAR}", 0.6),
            # Day and month in words need a year: "twelve march nineteen fifty-six".
            Pattern("day words", rf"(?i)\b{DAY_WORDS}\s+(?:of\s+)?{MONTH}\s+{ANY_YEAR}", 0.6),
            Pattern("month day words", rf"(?i)\b{MONTH}\s+{DAY_WORDS},?\s+{ANY_YEAR}", 0.6),
            Pattern("two-digit year", rf"\b{DAY}\s+(?:of\s+)?{MONTH}\s+['’]\d\d\b", 0.6),
            Pattern("month day two-digit year", rf"\b{MONTH}\s+{DAY},?\s+['’]\d\d\b", 0.6),
            # "born 14 Mar 62": a two-digit year without its apostrophe, not a dose or a time.
            Pattern("day month yy", rf"\b{DAY}\s+{MONTH}\s+\d\d\b(?![:.]\d|\s*(?i:%|mg|kg|lbs?|am|pm|years?|yrs?)\b)",
                    0.5),
            # 27/03, 19/08: a day past the 12th and a month of two digits ("24/7", "16/8 fasting"
            # and "13/10 pain" stay), after a word that puts a date next or with a date word
            # nearby (a BiPAP "at 18/12" is a pressure).
            Pattern("dd/mm after a date word", rf"(?<=\b(?i:on|until|till|by|before|after|from|since|except|through|"
                                               rf"thru|born(?:\s+on)?|dob|birthday(?:\s+is)?|{BOOKING_VERBS}|"
                                               # what was done or is due on it: "scan done 19/11"
                                               rf"follow[- ]?up(?:\s+(?:on|is))?|done|due|seen|sent|away|"
                                               # when the visitor can come, or not: "Available 21/10"
                                               rf"available(?:\s+on)?|free\s+on|instead\s+of|rather\s+than)[\s:]+)"
                                               rf"(?:{D_M}|{D_OCT}){NOT_A_FRACTION}",
                    0.5),
            Pattern("dd/mm", rf"(?<![\d/.]){DD_MM}", 0.2),
            # "my visit is on 12.05. at 9:30": a day and month with dots, only with a date word
            # nearby (Presidio's context words), never a time ("at 10.05.").
            Pattern("d.m.", r"(?<![\d.])(?<!(?i:\bat|\bum|@)\s*)(?:[12]\d|3[01]|0?[1-9])\.(?:0[1-9]|1[0-2])\.(?![\d.])",
                    0.2),
            # A holiday with a year, or as a birthday: "born on New Year's Eve 1948".
            Pattern("holiday with a year", rf"(?i:\b(?:christmas(?:\s+day|\s+eve)?|new\s+year['’]?s(?:\s+day|\s+eve)|"
                                           rf"boxing\s+day|halloween|valentine['’]?s\s+day|independence\s+day|"
                                           rf"fourth\s+of\s+july|canada\s+day|st\.?\s+patrick['’]?s\s+day))"
                                           rf",?\s+(?:of\s+)?{ANY_YEAR}", 0.6),
            # "we were born in 1958 and 1963": a year of birth in a list after "born".
            Pattern("year of birth in a list",
                    rf"(?<=\b(?i:born)\s[^.!?\n]{{0,40}}\s(?i:and|&)\s+)(?:{MONTH}\s+)?{YEAR}\b", 0.6),
            # "27 feb", "3 december", "feb 27": a day and month in lower case (not "2 may", "3 march").
            Pattern("lower-case day month",
                    rf"(?i)\b{DAY}\s+(?:of\s+)?(?!may\b|mar\b|march\b){MONTH}(?![\w.]|\.\w)", 0.6),
            Pattern("lower-case month day",
                    rf"(?i)\b(?!may\b|mar\b|march\b){MONTH}\s+{DAY}\b(?![:.]\d|\s*(?:%|mg|am|pm)\b|\s+of\s+(?!\d))",
                    0.6),
            # "on 9/30", "on Wed 11/6": "on" is a stop word, which Presidio's context check skips.
            Pattern("m/d after on", r"(?<=(?i:\bon(?:\s+(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\w*\.?)?)\s+)"
                                    r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/])", 0.5),
            # "tues 10/14", "Fri. 3/7": a weekday before it.
            Pattern("m/d after a weekday", r"(?<=\b(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day)?\.?,?\s+)"
                                           r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/])", 0.5),
            # "except 12/24", "the week of 4/21", "until 6/3": words that put a date next; not x/10,
            # which is a pain score more often than the tenth of a month ("from 7/10 to 9/10").
            Pattern("m/d after a date word", r"(?<=\b(?i:except|until|till|thru|through|by|before|after|week\s+of|"
                                             rf"{BOOKING_VERBS}|"
                                             r"starting|since|from|between|to|follow[- ]?up|"
                                             r"(?:booked|scheduled|moved|changed|"
                                             r"set|appointment|appt)\s+(?:for|to|is))\s+)"
                                             r"(?:1[0-2]|0?[1-9])/(?!10(?![\d/]))(?:3[01]|[12]\d|0?[1-9])(?![\d/])"
                                             rf"{NOT_A_FRACTION}", 0.5),
            # A day and month (either order, x/10 too) right after a word for what is booked on
            # it: "book me in for 8/11", "could I come in 14/2", "my appointment is 3/10",
            # or before "available": "is 22/7 free?".
            Pattern("day and month after a booking word",
                    r"(?<=\b(?i:book(?:ed)?(?:\s+(?:me|it|us|myself))?(?:\s+in)?(?:\s+(?:for|on))?|"
                    r"come\s+in(?:\s+on)?|(?<=\b(?i:i|we)\s+)come(?:\s+on)?|"
                    r"(?:appointment|appt|apt|booking|visit|slot)(?:\s+(?:is|on|for))?)\s*:?\s+)"
                    rf"{DAY_AND_MONTH}{NOT_A_FRACTION}", 0.5),
            Pattern("day and month available", rf"(?<=\b(?i:is|are)\s+){DAY_AND_MONTH}"
                                               r"(?=\s+(?i:available|free|open|possible)\b)", 0.5),
            # "10/16 or 10/17", "12/24 and 12/31": dates in a list of them (not "7/10 or 8/10").
            Pattern("m/d in a list", rf"(?<=(?<![\d/]){M_D}\s*{LIST_JOIN}\s*){M_D}{NOT_A_FRACTION}", 0.5),
            Pattern("m/d before another", rf"(?<![\d/]){M_D}(?=\s*{LIST_JOIN}\s*{M_D}{NOT_A_FRACTION})", 0.5),
            # ... and days of one month, the first past the 12th, with "or" too: "21/10 or 23/10" (no
            # pain score is past 10, fasting windows differ: "16/8 or 18/6")
            Pattern("days of one month past the 12th",
                    # (not a score past its scale: "pain 13/10 or 14/10 lol")
                    r"(?<![\d/.])(?<!\b(?i:pain|score|rating|level)\s+(?:(?i:is|was|at|about|like)\s+)?)"
                    r"(?:1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])"
                    r"(?:\s*(?:,|or|and|&)\s*(?:[12]\d|3[01]|0?[1-9])/\1)+"
                    rf"(?![\d/]){NOT_A_FRACTION}", 0.5),
            # ... and a month and a day past the 12th instead of another: "instead of 3/19"
            Pattern("m/d past the 12th instead", r"(?<=\b(?i:instead\s+of|rather\s+than)\s+)(?:1[0-2]|0?[1-9])/"
                                                 r"(?:1[3-9]|2\d|3[01])(?![\d/])", 0.5),
            # Days of one month in a list, day first: "5/3, 12/3, 19/3" (weekly visits); a
            # list of fasting windows ("16/8, 18/6") has no month in common.
            Pattern("days of one month in a list",
                    r"(?<![\d/.])(?:[12]\d|3[01]|0?[1-9])/(0?[1-9]|1[0-2])(?:\s*(?:,|and|&)\s*(?:[12]\d|3[01]|0?[1-9])/\1)+"
                    rf"(?![\d/]){NOT_A_FRACTION}", 0.5),
            # The first day of a range of days: "away 23/12 to 2/1" (not "7/10 to 9/10").
            Pattern("d/m before a range", rf"(?<![\d/.])(?:{M_D}|{D_M}|{D_OCT})(?=\s*{RANGE}\s*{DAY_AND_MONTH})", 0.5),
            # 11/14 without a year: a date only with words such as "appointment" or "born"
            # before it (Presidio's context words), so that a pain score of 9/10 stays.
            # Not x/10 even then: "my appts ... a 8/10 at night" is a pain score.
            Pattern("m/d", rf"(?<![\d/]){M_D}", 0.2),
            # "06/04 at 10", "21/06 @ 2:30pm": a day and month, then the time of day booked on it.
            Pattern("day and month at a time", rf"(?=\d)(?<![\d/])(?:{M_D}|{DD_MM}){AT_A_TIME}", 0.5),
            # "dob 3 9 1971": a day, month and year written with spaces.
            Pattern("d m yyyy with spaces", r"(?=\d)(?<![\d/.:,-]\s?)\b(?:[12]\d|3[01]|0?[1-9])\s(?:1[0-2]|0?[1-9])\s"
                                           r"(?:19|20)\d\d\b(?!\s*(?i:mg|steps|calories|kcal|ml)\b)", 0.5),
            # "7 de junio de 1979", "12 juillet 1975", "3. März 1960": a month in Spanish, Portuguese,
            # French, Italian or German, with a year (or "de" before it: "el 5 de mayo").
            Pattern("other languages' months", rf"(?i)\b{DAY}\.?\s+(?:(?:de\s+)?{OTHER_MONTHS}\b,?\s+(?:de\s+|del\s+)?"
                                               rf"{YEAR}\b|de\s+(?!mayo\b(?!\s+(?:de\s+|del\s+)?{YEAR}))"
                                               rf"{OTHER_MONTHS}\b)", 0.6),
            # "see us on 3 march", "by 2 may": a day, then "may" or "march" in lower case, after a
            # word that puts a date next (not "we may 3D-print", "3 march past")
            Pattern("day lower-case may or march after a date word",
                    r"(?<=\b(?i:on|by|until|till|before|after|since|from)\s+)"
                    r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                    r"\s+(?:of\s+)?(?i:may|march|mar)(?![\w-])"
                    # ... where the date ends: "on 3 march paths" is no date
                    r"(?=\s*(?:[.,;:!?)–-]|$|\d|(?i:at|or|and|to|for|if|instead|please|pls|then|is|would|works?)\b))",
                    0.5),
            # "booked for march 20", "on may 14": "may" and "march" in lower case with a day, but not
            # after a subject ("you may 2x it") nor before a unit or a time.
            Pattern("lower-case may or march day",
                    r"(?<!\b(?i:i|you|we|they|he|she|it|who|which|that|this|these|those|there|u|pain|score|dose|symptoms?)\s+)"
                    r"(?i:\b(?:may|march|mar)\s+(?:[12][0-9]|3[01]|0?[1-9])\b)(?![:.,]\d|\s*(?:-|or|to)\s*\d+\s*(?:/|out\b)|\s*-\s*\d|"
                    r"\s*(?i:%|x|mg|ml|am|pm|times?|hours?|hrs?|days?|weeks?|months?|years?|miles?|km|min|"
                    r"minutes?|tabs?|tablets?|pills?|doses?|steps|blocks|people|of)\b)", 0.5),
            # "august 2nd", "sept 30th": a lower-case month is a date with an ordinal day (but
            # "I may 2nd-guess it" is no date; "May 2nd" is found above).
            Pattern("lower-case month ordinal day",
                    rf"(?i)\b(?!may\b){MONTH}\s+(?:the\s+)?(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
                    rf"(?:,?\s+{YEAR}\b)?", 0.6),
            Pattern("month the ordinal day year",
                    rf"\b{MONTH}\s+the\s+(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?:,?\s+{YEAR}\b)?", 0.6),
            # A year of birth: "born in 1962", "born 1942", "year of birth: 1958".
            # ... "born around 1950", "born circa 1948", "born in about 1961".
            Pattern("year of birth", rf"(?<=(?:\b(?i:born(?:\s+(?:in|on))?(?:\s+(?:around|about|circa|c\.|approx\.?|"
                                     rf"approximately|roughly))?|birth\s+year|year\s+of\s+birth|yob|"
                                     # ... in other languages: "Jahrgang 1948", "classe 1936", "née en 1950"
                                     rf"{OTHER_BIRTH_YEAR_WORDS})|"
                                     rf"(?<![\w.])(?i:b)\.)[\s:,]+)"
                                     rf"(?:(?i:{MONTH})\s+)?{YEAR}\b", 0.6),
            # "the 6/3 appointment": a month and day before what is booked on it (one: "2/3
            # appointments" is a share of them).
            Pattern("m/d before a booking word", rf"(?<![\d/]){M_D}(?=\s+(?i:appointment|appt|visit|slot|booking|"
                                                 rf"session|consult|consultation|follow[- ]?up|surgery|procedure)\b)",
                    0.5),
            # Any numbers a date of birth is written with, after a word for it: "dob 14-03-62",
            # "dob:12031975", "bday is 3/14", "born '62".
            Pattern("numbers after a birth word",
                    rf"(?=[\d'’])(?<=\b(?i:{BIRTH_WORDS})[\s:,-]*)"
                    rf"(?:(?:[12]\d|3[01]|0?[1-9])[-./ ](?:[12]\d|3[01]|0?[1-9])"
                    rf"(?:[-./ ](?:\d\d|{YEAR}))?|{YEAR}[-./](?:1[0-2]|0?[1-9])[-./](?:[12]\d|3[01]|0?[1-9])"
                    rf"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2]){YEAR}|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]){YEAR}"
                    rf"|['’]\d\d)(?![\d/.-]|\s*(?i:%|mg|am|pm|years?|yrs?|kg|lbs?)\b)", 0.6),
            # "bday 14th march": an ordinal day and a month in lower case ("2nd may" is a verb too).
            Pattern("ordinal day lower-case month", rf"(?i)\b(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\s+(?!may\b)"
                                                    rf"{MONTH}(?![\w.]|\.\w)", 0.6),
            # 5/Jan/1979, 05.jan.79
            Pattern("d/mon/yyyy", rf"(?i)\b(?:[12]\d|3[01]|0?[1-9])([/.-]){MONTH}\1(?:{YEAR}|\d\d)\b", 0.6),
            # A whole date in lower case: 12 may 1967, may 12 1967
            Pattern("lower-case day month year", rf"(?i)\b{DAY}\s+(?:of\s+)?{MONTH}\s+{YEAR}\b", 0.6),
            Pattern("lower-case month day year", rf"(?i)\b{MONTH}\s+{DAY},?\s+{YEAR}\b", 0.6),
        ],
        global_regex_flags=regex.DOTALL | regex.MULTILINE,  # case-sensitive: "May 3", not "may 3"
        # Presidio finds context words inside longer ones too ("born" in "stubborn"): none
        # that is part of a common word.
        context=["appointment", "appt", "visit", "birthday", "bday", "dob", "cancel", "booked", "schedule",
                 "reschedule", "surgery", "consult", "available", "except", "monday", "tuesday", "wednesday",
                 "thursday", "friday", "saturday", "sunday"],
    )


def written_date_with_digits_recognizer() -> PatternRecognizer:
    """Dates with the month written out and digits (a range, a two-digit year, a year first, a
    calendar's year): run only on texts with a digit (personal_details.needs_digits)."""
    return PatternRecognizer(
        supported_entity="DATE_TIME",
        name="WrittenDateWithDigitsRecognizer",
        patterns=[
            # ... as Hungary, Korea and China write it, a dot and a space after each part: "1971. 03. 09."
            Pattern("yyyy. mm. dd.", r"\b(?:19|20)\d\d\.\s(?:0?[1-9]|1[0-2])\.\s(?:0?[1-9]|[12]\d|3[01])\b\.?", 0.6),
            # A day, a month of the Persian calendar and its year: "12 Mehr 1345".
            Pattern("Persian calendar", rf"(?i)\b{DAY}\s+(?:of\s+)?{PERSIAN_MONTHS}\s*,?\s+1[34]\d\d\b", 0.6),
            Pattern("Islamic or Hebrew calendar", rf"\b{DAY}\s+(?:of\s+)?{HIJRI_HEBREW_MONTHS}\b(?:,?\s+\d{{4}}\b)?",
                    0.6),
            # A day and month with dots after another language's word for an appointment:
            # "nächster Termin am 3.12.", "cita el 14.5."
            Pattern("d.m. after an appointment word",
                    rf"(?<=\b(?i:{OTHER_APPOINTMENT_WORDS})\w{{0,3}}\s*:?\s+(?:(?i:am|le|el|il|op|on|do|em)\s+)?)"
                    r"(?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:(?:19|20)?\d\d\b)?(?!\d)", 0.6),
            # A day, a month in words and a two-digit year: "the second of august 63", "sept 3rd 71".
            Pattern("words with a two-digit year",
                    rf"(?i){THE}\b(?:{ORDINAL_WORDS}|{DAY})\s+(?:of\s+)?{MONTH}(?![A-Za-z]),?\s+{TWO_DIGIT_YEAR}", 0.6),
            Pattern("month day two-digit year words",
                    rf"(?i)\b{MONTH}\s+(?:the\s+)?(?:{ORDINAL_WORDS}|(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)),?\s+"
                    rf"{TWO_DIGIT_YEAR}", 0.6),
            # A month in Roman numerals, between a day and a year: "23 XI 1970", "4.VII.1962".
            Pattern("roman month", r"\b(?:[12]\d|3[01]|0?[1-9])(?:\.\s?|\s|-|/)"
                                   r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?:\.\s?|\s|-|/)(?:19|20)\d\d\b", 0.6),
            # Chinese, Japanese and Korean dates: "1972年11月3日", "4月18日", "1980년 5월 3일"; a
            # Japanese year may be an era's ("平成12年", "昭和元年": its first year).
            Pattern("CJK date", rf"(?:(?:(?:19|20)\d\d|{JAPANESE_ERA_YEAR})\s*[年년]\s*)?(?:1[0-2]|0?[1-9])\s*[月월]\s*"
                                r"(?:[12]\d|3[01]|0?[1-9])\s*[日일号]"
                                rf"|(?:(?:19|20)\d\d|{JAPANESE_ERA_YEAR})\s*[年년]\s*(?:1[0-2]|0?[1-9])\s*[月월]", 0.6),
            # Numbers with spaces around their separators, "7 - 3 - 1981", a year first with
            # spaces, "1975 03 28", and a month first with dots, "11.27.1966".
            Pattern("spaced d / m / yyyy", r"(?<![\d/.])\b(?:[12]\d|3[01]|0?[1-9])\s*([/.-])\s*"
                                           r"(?:[12]\d|3[01]|0?[1-9])\s*\1\s*(?:19|20)\d\d\b(?![/.-]?\d)"
                                           # ... with the dot Croatian and Serbian write after the year
                                           # ("5. 6. 1972."), seen where more punctuation or the
                                           # sentence follows it
                                           r"(?:(?<=\.\s*\d{4})\.(?=[.,;:!?)]|\s+\p{Ll}))?", 0.6),
            Pattern("yyyy mm dd with spaces", r"(?<![\d/.:-]\s?)(?<!\d,\s?)\b(?:19|20)\d\d\s(?:0[1-9]|1[0-2])\s"
                                              r"(?:0[1-9]|[12]\d|3[01])\b"
                                              r"(?!\s*(?i:mg|steps|calories|kcal|ml)\b)", 0.5),
            # The day after a weekday: "Sunday the 14th", "Sat 21st", "Tue 14/1", "Friday 23/10"
            # (not "Mon 7/10"); the weekday itself stays, as the date's other patterns leave it.
            Pattern("day after a weekday", rf"(?<=\b{WEEKDAY},?\s+)(?:the\s+(?:[12][0-9]|3[01]|0?[1-9])"
                                           rf"(?:st|nd|rd|th)?|(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th))\b(?![:.]\d)",
                    0.6),
            Pattern("day and month after a weekday", rf"(?<=\b{WEEKDAY},?\s+)(?:{M_D}|{D_M}|{D_OCT})", 0.6),
            # A range of days in one month: "March 3-5", "12–14 June 2024", "3rd to 5th of May".
            Pattern("month day range", rf"\b{MONTH}\s+{DAY}\s*{RANGE}\s*{DAY}\b"
                                       rf"(?:,?\s+{YEAR}\b)?(?![:.]\d|\s*(?i:%|mg|am|pm|hours?|hrs?|times?)\b)", 0.6),
            Pattern("day range month", rf"(?i){THE}\b{DAY}\s*{RANGE}\s*(?:the\s+)?{DAY}\s+(?:of\s+)?"
                                       rf"(?!may\b|mar\b|march\b){MONTH}(?![\w]|\.\w)(?:,?\s+{YEAR}\b)?", 0.6),
            Pattern("day range capitalised month", rf"{THE}\b{DAY}\s*{RANGE}\s*(?:the\s+)?{DAY}\s+"
                                                   rf"(?:of\s+)?{MONTH}(?![\w]|\.\w)(?:,?\s+{YEAR}\b)?", 0.6),
        ],
        global_regex_flags=regex.DOTALL | regex.MULTILINE,
    )


# The languages whose months Babel (CLDR) gives for OtherLanguageMonthDateRecognizer: those
# written in Latin letters that Faker's date provider lacks or declines differently (Polish
# "2 lutego", Icelandic "10. maí", Czech "3. února", Hungarian, Romanian, Baltic, Nordic ...).
BABEL_MONTH_LANGUAGES = ("af ast az bs ca cs cy da de en es et eu fi fil fo fr fy ga gd gl ha hr hu id ig is it "
                         "lb lt lv ms mt nb nl nn pl pt ro rm sk sl so sq sr_Latn sv sw tk tr uz vi wo yo zu "
                         # ... and those of other scripts, never an English word: "14 травня 1980", "5 ธันวาคม 1970"
                         "ru uk be bg mk sr el ka hy he ar fa th hi").split()


def _babel_month_names() -> frozenset[str]:
    """The months of BABEL_MONTH_LANGUAGES as CLDR writes them, in a date ("lutego") and alone
    ("luty"), in lower case, with and without accents; words of three letters or more."""
    from babel import Locale

    names = set()
    for language in BABEL_MONTH_LANGUAGES:
        months = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for month in months[context]["wide"].values():
                month = month.lower().strip(".")
                # (Thai and Indian scripts write vowels as marks: "ธันวาคม")
                names.update(name for name in (month, unaccented(month).replace("ı", "i"))
                             if len(name) >= 3 and regex.fullmatch(r"\p{L}[\p{L}\p{M}]*(?: \p{L}[\p{L}\p{M}]*)?", name))
    return frozenset(names)


# A day as other languages write it: French "1er", Spanish and Italian "1º", "1°".
OTHER_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th|er|re|º|°|ª)?"
# The English months and their abbreviations, which the English patterns read (with their care
# for "may" and "march"), and what a month word of another language may not be without a year.
ENGLISH_MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
                                 "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# Months of other languages that are first names or things in English ("Augusta", "Julie", "Marco",
# "Mars"): a month only with a year.
NAMES_LIKE_MONTHS = frozenset({"augusta", "augustus", "agusta", "julie", "julius", "junius", "junie", "marc", "marco",
                               "marta", "maris", "fagan", "maha", "samhain", "mars"})


class OtherLanguageMonthDateRecognizer(EntityRecognizer):
    """A day, a month in another language (_babel_month_names) and a year: "14 marca 1952",
    "3. febrúar 1949", "1955. március 7.", "1er mars 1979", and Lithuanian's marks of the year and
    the day ("1983 m. gegužės 7 d."). Without a year, a day and a month of another language that
    is no English month nor common English word: "il 12 dicembre", "on 15 stycznia", "maybe 2
    juli" (not "2 may", "3 mac")."""

    CANDIDATE = regex.compile(
        rf"(?i)\b{OTHER_DAY}\.?\s+(?:de\s+)?(\p{{L}}[\p{{L}}\p{{M}}]{{2,}}(?:\s\p{{L}}[\p{{L}}\p{{M}}]*)?)\.?,?\s+"
        rf"(?:de\s+|del\s+)?{YEAR}\b"
        rf"|\b{YEAR}\.?,?(?:\s+m\.)?\s+(\p{{L}}{{3,}})\.?\s+(?:[12][0-9]|3[01]|0?[1-9])\b(?:\s+d\.|\.)?")
    # ... and a day and a month with no year, the day no part of a longer number ("3,5 mai"),
    # before a stop, a number or a word for a time or a list, not a noun ("3 mars bars")
    WITHOUT_YEAR = regex.compile(rf"(?i)(?<![\d.,/:-])\b{OTHER_DAY}\.?\s+(?:de\s+)?(\p{{L}}[\p{{L}}\p{{M}}]{{3,}})"
                                 rf"(?![\p{{L}}\p{{M}}\d])(?!\s+(?!(?:at|um|à|às|alle|om|kl|a|o|or|and|oder|ou|og|och|"
                                 rf"en|e|y|i|do|bis|till|to)\b)\p{{Ll}})")

    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_TIME"], name="OtherLanguageMonthDateRecognizer")

    def load(self) -> None:
        from connectors.name_recognizer import common_word  # (it imports this module)

        self.months = _babel_month_names()
        self.months_alone = frozenset(month for month in self.months | set(_faker_month_names())
                                      if " " not in month and len(month) >= 4 and month not in ENGLISH_MONTH_WORDS
                                      and month not in NAMES_LIKE_MONTHS and not common_word(month))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        found = [RecognizerResult("DATE_TIME", match.start(), match.end(), 0.6)
                 for match in self.CANDIDATE.finditer(text, overlapped=True)
                 if (match.group(1) or match.group(2)).lower() in self.months]
        return found + [RecognizerResult("DATE_TIME", match.start(), match.end(), 0.6)
                        for match in self.WITHOUT_YEAR.finditer(text, overlapped=True)
                        if match.group(1).lower() in self.months_alone]


ENGLISH_MONTHS = ("january", "february", "march", "april", "june", "july", "august", "september", "october",
                  "november", "december")


def edit_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` (a swap of two neighbours is one
    edit), or ``limit + 1`` when it is larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = [], list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def misspelled_month(word: str, most_slips: int = 2) -> bool:
    """A month's name typed with a slip: a letter missing, extra, wrong or two swapped ("Febuary",
    "Septmeber", "Agust"); two slips in the longer names ("Feburary"), unless ``most_slips`` is 1.
    Not a month as written."""
    word = word.lower()
    if len(word) < 5 or word in ENGLISH_MONTHS:
        return False
    return any(edit_distance(word, month, limit) <= limit
               for month in ENGLISH_MONTHS if len(month) >= 5 and word[0] == month[0]
               for limit in [min(most_slips, 2 if len(month) >= 7 else 1)])


class MisspelledMonthDateRecognizer(EntityRecognizer):
    """A date whose month is misspelled (misspelled_month), with a day and a year: "3 Febuary
    1961", "Septmber 12th, 71"; with a bare day, capitalised and one slip only ("Novmber 11")."""

    CANDIDATE = regex.compile(rf"(?i){THE}\b{DAY}\s+(?:of\s+)?([a-z]{{5,11}})\.?,?\s+(?:{YEAR}\b|{TWO_DIGIT_YEAR})"
                              rf"|\b([a-z]{{5,11}})\.?\s+(?:the\s+)?{DAY},?\s+(?:{YEAR}\b|{TWO_DIGIT_YEAR})"
                              # ... or with an ordinal day: "Janury 14th", "the 3rd of Febuary"
                              rf"|\b([a-z]{{5,11}})\.?\s+(?:the\s+)?(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
                              rf"|{THE}\b(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\s+of\s+([a-z]{{5,11}})\b"
                              # ... or capitalised, as a month is, with a bare day: "Novmber 11"
                              # (not a count: "Octobr 3 times")
                              rf"|(?-i:\b([A-Z][a-z]{{4,10}}))\.?\s+(?:[12][0-9]|3[01]|0?[1-9])\b"
                              rf"(?![:.,/]\d|\s*(?i:%|x\b|mg|ml|am|pm|times?|hours?|hrs?|days?|weeks?|months?|years?|"
                              rf"minutes?|mins?|tabs?|tablets?|pills?|people|of)\b)")

    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_TIME"], name="MisspelledMonthDateRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        return [RecognizerResult("DATE_TIME", match.start(), match.end(), 0.6)
                for match in self.CANDIDATE.finditer(text, overlapped=True)
                if misspelled_month(next(group for group in match.groups() if group),
                                    1 if match.group(5) else 2)
                and not (match.group(5) and named_so(match.group(5)))]


def named_so(word: str) -> bool:
    """A capitalised word that is a known place or first name ("Augusta", "Junie"): before a bare
    number it is that ("Augusta 5 years ago", "Junie 3"), not a month typed with a slip."""
    from connectors.address_recognizer import known_places  # (they import this module)
    from connectors.name_recognizer import known_first_name

    return word.lower() in known_places() or known_first_name(word)


EMAIL_TLDS = r"(?:com|org|net|edu|gov|co|us|io|uk|ca|info|me|biz)"
# "(at)", "[at]", "{at}", "(@)" and the same for "dot": written so that no filter sees an address.
BRACKETED_AT = r"\s*(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\])\s*"
DOT = r"(?:\.|\s*(?:\(dot\)|\[dot\]|\{dot\})\s*|\s+dot\s+)"
# Mail services whose name makes "jsmith at gmail.com" an address, whatever the user name.
MAIL_SERVICES = (r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|"
                 r"comcast|att)")


def spelled_out_recognizers() -> list[PatternRecognizer]:
    """Contact details written out to dodge a filter or read aloud: "tanvir dot hossain at
    example dot com", "j.abernathy(at)yahoo.com", "dontae.harris at gmail.com", "five five
    five, two three four, nine nine eight seven"."""
    return [
        PatternRecognizer(
            supported_entity="EMAIL_ADDRESS", name="SpelledOutEmailRecognizer",
            patterns=[Pattern("spelled-out email",
                              r"(?i)\b[\w.+-]+(?:\s+(?:dot|underscore|dash|hyphen)\s+[\w-]+)*\s+(?:at|\[at\]|\(at\))\s+[\w-]+"
                              r"(?:\s+(?:dot|\[dot\]|\(dot\))\s+[\w-]+)*\s+(?:dot|\[dot\]|\(dot\))\s+"
                              # ... or a country's domain: "at web dot co dot nz", "at mail dot fr"
                              rf"(?:{EMAIL_TLDS}|[a-z]{{2}})\b", 0.7),
                      # ike.okafor(at)gmail.com, xochitl.ramirez(at)hotmail(dot)com
                      Pattern("bracketed at", rf"(?i)(?<![\w.+-])[\w.+-]*\w{BRACKETED_AT}[\w-]+(?:{DOT}[\w-]+)*?"
                                              rf"{DOT}{EMAIL_TLDS}\b", 0.7),
                      # "dontae.harris at gmail.com": a user name with a dot, digit or underscore,
                      # or any before a mail service's domain (not "the info at nih.gov").
                      Pattern("at in words", rf"(?i)(?<![\w.+-])(?:[a-z]+[._+][\w.+-]*\w|[a-z]+\d+[\w.+-]*)\s+at\s+"
                                             rf"[\w-]+(?:\.[\w-]+)*\.{EMAIL_TLDS}\b", 0.6),
                      Pattern("at a mail service",
                              rf"(?i)(?<![\w.+-])(?!(?:me|us|him|her|them|you|it|we|i)\s)[a-z][\w.+-]*\s+at\s+"
                              rf"{MAIL_SERVICES}\.{EMAIL_TLDS}\b", 0.6)],
        ),
        PatternRecognizer(
            supported_entity="PHONE_NUMBER", name="SpelledOutPhoneRecognizer",
            patterns=[Pattern("spelled-out digits", rf"(?i)\b{DIGIT_WORDS}(?:[\s,.-]+{DIGIT_WORDS}){{6,11}}\b", 0.6)],
        ),
    ]


class MixedDigitsPhoneRecognizer(EntityRecognizer):
    """A phone number read aloud in groups, some in words and some in digits: "oh-four-one-two,
    339, 508", "9-1-7, five-five-five, ..." (as one reads a number to someone writing it down):
    nine to thirteen digits in three groups or more, at least one group in words, one in digits."""

    CANDIDATE = regex.compile(rf"(?i)(?<![\w-])(?:{DIGIT_WORDS}(?:-{DIGIT_WORDS})*|\d{{1,4}})"
                              rf"(?:(?:\s*,\s*|\s+|\s*-\s*)(?:{DIGIT_WORDS}(?:-{DIGIT_WORDS})*|\d{{1,4}})){{2,7}}(?![\w-])")
    WORD_DIGIT = regex.compile(rf"(?i){DIGIT_WORDS}")

    def __init__(self) -> None:
        super().__init__(supported_entities=["PHONE_NUMBER"], name="MixedDigitsPhoneRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        found = []
        for match in self.CANDIDATE.finditer(text):
            spelled = len(self.WORD_DIGIT.findall(match.group(0)))
            digits = sum(c.isdigit() for c in match.group(0))
            if spelled and digits and 9 <= spelled + digits <= 13:
                found.append(RecognizerResult("PHONE_NUMBER", match.start(), match.end(), 0.6))
        return found


# No unit after a number: "100 200 300 mg", "12 345 678 steps".
NO_UNIT = (r"(?!\s*(?i:mg|mcg|µg|ug|g|kg|ml|l|iu|units?|mm|cm|m|km|mi|miles?|steps?|hours?|hrs?|mins?|minutes?|"
           r"days?|weeks?|years?|times|tabs?|tablets?|pills?|kcal|cal|calories|lbs?|%)\b)")


def phone_shape_recognizer() -> PatternRecognizer:
    """Numbers written as phone numbers that ``phonenumbers`` rejects as not assigned
    ("+1 555 763 2290", a mistyped area code): still someone's attempt at their number."""
    return PatternRecognizer(
        supported_entity="PHONE_NUMBER",
        name="PhoneShapeRecognizer",
        patterns=[
            # ... with its extension: 1-555-330-7721 ext 204, (555) 201-3344 x12, and in Canada's
            # French, Germany's, Italy's, Brazil's and Spain's words: "poste 752", "Durchwahl 12"
            Pattern("NANP with extension",
                    r"(?<![\w/])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4},?\s*"
                    r"(?i:ext\.?|extension|x|poste|durchwahl|interno|ramal|extensi[óo]n)\s*\d{1,6}\b", 0.6),
            # North American: 555-201-3344, (555) 201 3344, +1 555.201.3344
            Pattern("NANP with separators",
                    r"(?<![\w/])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w/])", 0.5),
            # A local number without area code (555-0187), only with words such as "call" or
            # "text" before it (Presidio's context words).
            Pattern("local", r"(?<![\w/.-])\d{3}[-.\s]\d{4}(?![\w/-]|\.\d)", 0.2),
            # ... and after "call": a stop word, which Presidio's context check skips.
            Pattern("local after call", r"(?<=(?i:\bcall(?:\s+(?:me|us|her|him|them))?(?:\s+back)?"
                                        r"(?:\s+(?:pls|please))?(?:\s+(?:at|on))?|"
                                        # ... or after "my number", "new number is" (not a case number)
                                        r"\b(?:my|our|his|her|their|new|updated|current)\s+number(?:\s+is)?)[\s,:]+)"
                                        r"\d{3}[-.\s]\d{4}(?![\w/-]|\.\d)", 0.5),
            # ... and before what it is: "555-0142 is my work line".
            Pattern("local before what it is",
                    r"(?<![\w/.-])\d{3}[-.\s]\d{4}(?![\w/-]|\.\d)(?=\s+is\s+(?i:my|the|our|his|her|their)\s+"
                    r"(?:[\w-]+\s+){0,3}(?i:line|number|cell|phone|mobile|landline|extension)\b)", 0.5),
            # A national number with a trunk 0 in three groups, as East Asia writes it: 03-1234-5678,
            # 010-1234-5678
            Pattern("trunk zero groups", r"(?<![\w/.-])0\d{1,3}-\d{3,4}-\d{4}(?![\w/]|-\d)", 0.5),
            # ... with spaces: 010 1234 5678, 01 280 1234; and China's mobiles, 139 1234 5678
            Pattern("trunk zero groups with spaces", r"(?<![\w/.,-]|\d\s)0\d{1,3} \d{3,4} \d{4}(?![\w/]|[.,-]?\d| \d)",
                    0.5),
            # ... ten digits in 4-3-3, as Australia's and Vietnam's mobiles are written: 0412 345 678
            Pattern("trunk zero 4-3-3", r"(?<![\w/.,-]|\d\s)0\d{3}([ -])\d{3}\1\d{3}(?![\w/]|[.,-]?\d| \d)", 0.5),
            # ... an area code with its trunk 0 in brackets: (08) 8972 1234, (020) 7946 0321
            Pattern("bracketed area code", r"(?<![\w/])\(0\d{1,4}\)\s?\d{3,4}[\s-]?\d{3,4}(?![\w/]|[.,-]?\d)", 0.5),
            # ... an area code of two or three digits without the trunk 0, then 3-2-2 or 4-4 (5-4)
            # digits, as Poland, Russia and Brazil write them: (22) 562-30-00, (495) 123-45-67,
            # (11) 98765-4321
            Pattern("bracketed area code, no trunk zero",
                    r"(?<![\w/])\(\d{2,3}\)\s?(?:\d{3}[\s-]\d{2}[\s-]\d{2}|\d{4,5}[\s-]\d{4})(?![\w/]|[.,-]?\d)", 0.5),
            # Nine digits in 3-3-3 or 2-3-2-2, as Spain, Portugal, Poland and Czechia write them:
            # 612 345 678, 91 340 80 67 (the same separator throughout)
            # (not doses or counts: "100 200 300 mg")
            Pattern("nine digits in 3-3-3",
                    rf"(?<![\w/.,-]|\d\s)\d{{3}}([ .-])\d{{3}}\1\d{{3}}(?![\w/]|[.,-]?\d| \d){NO_UNIT}", 0.4),
            Pattern("nine digits in 2-3-2-2",
                    rf"(?<![\w/.,-]|\d\s)[1-9]\d([ .-])\d{{3}}\1\d\d\1\d\d(?![\w/]|[.,-]?\d| \d){NO_UNIT}", 0.4),
            Pattern("mobile in 3-4-4", r"(?<![\w/.,-]|\d\s)1[3-9]\d([ -])\d{4}\1\d{4}(?![\w/]|[.,-]?\d| \d)", 0.5),
            # Any digits a phone word introduces, as written (a digit short or grouped oddly):
            # "tel. 512 555 014", "mobile: 0412 345 67"
            Pattern("digits after a phone word",
                    # ... in other languages too: "Telefone", "móvil", "Handy", "tlf."
                    r"(?<=\b(?i:tel|telephone|phone|ph|mobile|mob|cell|cellphone|landline|whatsapp|telefone|telefono|"
                    r"teléfono|téléphone|telefon|tlf|tfn|móvil|movil|celular|handy|portable|cel|telemóvel)\.?"
                    r"(?:\s+(?i:no|number|nr|#))?\.?\s*[:.]?\s*)\+?\(?\d[\d().\s-]{5,16}\d(?![\w/]|[.,]\d)", 0.5),
            # Ten digits in five pairs, as France writes them: 04 91 55 12 34, 06.12.34.56.78
            Pattern("five pairs", r"(?<![\w/.,+-]|\d\s)0[1-9](?:([ .])\d\d)(?:\1\d\d){3}(?![\w/]|[.,-]?\d| \d)", 0.5),
            # International: +44 7700 900123, +49 30-1234-5678, (+44) 7700 900123
            Pattern("international", r"(?<![\w/])(?:\+\d{1,3}|\(\+\d{1,3}\))(?:[\s.-]?\(?\d{1,5}\)?){2,5}(?![\w/])",
                    0.5),
        ],
        context=["call", "text", "phone", "cell", "number", "reach", "mobile", "contact", "whatsapp", "landline"],
    )
