"""Street addresses as visitors of many countries type them (connectors/address_recognizer.py).

Every address here is invented for these tests (none is copied from a redaction corpus): the
whole address as written must be inside one finding, and the words around it must stay.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from connectors.address_recognizer import StreetAddressRecognizer, known_places, misspelled_street_type

RECOGNIZER = StreetAddressRecognizer()


def found(text: str, nlp_artifacts=None) -> list[str]:
    return [text[r.start:r.end] for r in RECOGNIZER.analyze(text, ["STREET_ADDRESS"], nlp_artifacts)]


# (kind of address: the message with the address as a careful reader marks it in [brackets])
ADDRESSES = {
    "us with apartment, city, state and ZIP+4":
        "please send it to [3310 Juniper Hollow Rd Apt 12B, Lexington, KY 40503-2217], thanks",
    "us with suite and no commas": "office: [250 Harbor Blvd Suite 9 Ventura CA 93001]",
    "us state written out": "I'm at [41 Cottonwood Dr, Amarillo, Texas 79106] and my back hurts",
    "us with a directional": "mail: [9020 NE Sandy Blvd, Portland OR 97220]",
    "us with a unit number sign": "[77 Orchard St #4R, New York, NY 10002] - I can't sleep",
    "us rural route": "[RR 2 Box 117, Chadron NE 69337] is my mail",
    "us po box": "[P.O. Box 4412, Laramie, WY 82071]",
    "canada with unit before the number": "it's [804-1200 Robson St, Vancouver, BC V6E 1C2] and my knee aches",
    "canada in lower case": "im at [58 riverbend dr saskatoon sk s7h 4y3]",
    "canada po box with station": "[PO Box 1290, Stn A, Moncton NB E1C 8T6]",
    "canada french": "j'habite au [2150 rue Masson, Montréal (Québec) H2H 1B1]",
    "uk flat and postcode": "[Flat 6, 41 Merton Road, Southampton SO17 3PJ] - restless legs",
    "uk house name": "Please write to [Hawthorn Lodge, Bridle Lane, Great Ayton, TS9 6QE]",
    "uk postcode alone": "is [EX4 6PX] in your area?",
    "uk lower case": "[flat 3 12 hollins rd oldham ol8 4ju]",
    "uk with county": "[27 Lime Tree Walk, Sevenoaks, Kent TN13 1YH, UK]",
    "ireland eircode and county": "[6 Abbey View, Ennis, Co. Clare V95 R2F6] - sore hips",
    "ireland dublin district": "[Apt 21, 4 Grand Canal Quay, Dublin 2]",
    "ireland eircode alone after a cue": "my eircode is [t12 k8w4]",
    "australia unit slash number": "[Unit 9/44 Harbour St, Wollongong NSW 2500]",
    "australia lower case": "[16 banksia cres, toowoomba qld 4350]",
    "new zealand": "[8 Kauri Rise, Whitianga 3510, New Zealand]",
    "new zealand rural delivery": "[RD 4, 122 Totara Valley Road, Waimate 7979]",
    "india house number, sector and pin": "[H.No. 1187, Sector 21C, Faridabad, Haryana 121001] - my mother's knees",
    "india flat, building and landmark": "[Flat 12B, Ganga Residency, near Shiv Mandir, Baner, Pune 411045]",
    "india cross and main": "[#221, 4th Cross, 2nd Main, Jayanagar, Bengaluru 560041]",
    "india pin after a hyphen": "[14/2, Anna Salai, Chennai-600002]",
    "pakistan sector code": "[House 9, Street 14, G-10/3, Islamabad]",
    "nigeria plot and estate": "[Plot 22, Ahmadu Bello Way, Kado Estate, Abuja]",
    "nigeria state": "[No. 3 Okigwe Road, Owerri, Imo State] - I snore",
    "kenya po box with postcode": "[P.O. Box 30188-00100, Nairobi]",
    "south africa": "[19 Protea Rd, Claremont, Cape Town 7708]",
    "philippines barangay": "[42 Mabuhay St., Brgy. San Antonio, Pasig City 1605]",
    "philippines block and lot": "[Blk 7 Lot 19, Phase 1, Greenwoods, Brgy. Dela Paz, Pasig]",
    "philippines without a digit": "[Sitio Bato, Barangay Poblacion, Bantayan, Cebu]",
    "mexico colonia and cp": "[Calle Morelos 118, Col. Centro, C.P. 68000, Oaxaca, Oax.]",
    "colombia numbered street": "[Cra. 15 # 93-47, Bogotá]",
    "argentina numero sign": "[Av. Santa Fe N° 2450, piso 3, C1123 CABA]",
    "brazil comma before the number": "[Rua Oscar Freire, 725, apto 31, Pinheiros, São Paulo - SP, 01426-001]",
    "chile depto": "[Av. Apoquindo 4501, depto 1203, Las Condes, Santiago]",
    "germany": "[Bergmannstraße 61, 10961 Berlin]",
    "germany lower case": "[lindenweg 4 79098 freiburg]",
    "austria door": "[Praterstraße 38/5, 1020 Wien, Austria]",
    "france number first": "[12 bis avenue Jean Jaurès, 31000 Toulouse]",
    "italy": "[Via dei Mille 14, 80121 Napoli NA]",
    "italy province in brackets": "[Corso Vittorio Emanuele, 88, 10121, Torino (TO)]",
    "spain floor and door": "[Calle de Toledo 52, 4º dcha, 28005 Madrid]",
    "portugal": "[Rua de Santa Catarina 310, 4000-443 Porto]",
    "netherlands": "[Oudegracht 150, 3511 AZ Utrecht]",
    "poland": "[ul. Długa 12/4, 80-827 Gdańsk]",
    "sweden": "[Sveavägen 28, 111 34 Stockholm]",
    "hungary": "[Andrássy út 45, 1061 Budapest]",
    "japan chome": "[4-12-7 Jingumae, Shibuya-ku, Tokyo 150-0001]",
    "korea road name": "[Apt 302, 17 Sejong-daero 23-gil, Jongno-gu, Seoul]",
    "singapore block": "[Blk 402 Ang Mo Kio Ave 10, #05-211, Singapore 560402]",
    "hong kong floor": "[Flat C, 9/F, Lok Fu Mansion, 33 Argyle Street, Mong Kok, Kowloon]",
    "malaysia jalan": "[No. 8, Jalan Bukit Bintang, 55100 Kuala Lumpur]",
    "partial address": "i live at [22 birch ave]",
    "lower case with a postcode and no street type": "i'm @ [51 marketgate, fenwick ka3 6dq]",
    "typo in the street type": "send it to [15 Willow Stret, Cary NC 27511]",
    "typo in the town": "[1420 Elmwood Ave, Buffallo NY 14222]",
    "followed by medical text": "[34 Quarry Lane, Halifax HX3 8RT] and my sciatica is worse at night",
    "building before the street": "[Apt 5C, The Beresford, 211 Central Park West, New York]",
    "landmark after the street": "[Plot 9, Kampala Road, opposite Total petrol station, Jinja]",
    "country at the end": "[Calle Larios 4, 29005 Málaga, Spain] - back pain",
    # Round 14: "nr." before the number, a house, stair and door, a Dutch floor, a station or hotel
    # as the building, India's door numbers
    "romania with nr.": "Ana, [Str. Florilor nr. 12, bl. B3, ap. 7, Iași 700001], back pain",
    "austria house, stair and door": "now at [Linzer Gasse 8/2/11, 5020 Salzburg]. knee",
    "netherlands floor": "lives at [Prinsengracht 87-II, 1015 DP Amsterdam]",
    "australian station": "It's Ron from [Kookaburra Station, 88 Gregory Hwy, Emerald QLD 4720]. Hip",
    "hotel named after the word": "staying at [Hotel Miramar, Calle Mayor 12, 28013 Madrid]. knee",
    "india door numbers": "[Door No. 4, New No. 9, Gandhi Road, Madurai 625001]",
    "kerala TC number": "Ravi - [TC 14/2231, Near Museum, Kochi 682001] - back pain",
    # ... a German street named with a preposition, whose care it is sent in, a unit and a slash
    # with spaces, a farm by a town, the town after a postcode with no comma, an Irish county
    "german preposition street": "Uwe Brand, [Im Winkel 7, 24103 Kiel]. Knie",
    "care of": "Send it to [c/o Ms Lind, 4 Elm Street, Leeds LS6 2AB]. Hip",
    "unit and slash with spaces": "mine is [unit 4 / 22 smith st, bondi nsw 2026]. neck",
    "farm by a town": "please write to [Hill Farm, by Crieff, Perthshire PH7 4HN]",
    "town after a postcode": "Mum's address: [Hausnummer 9, Lindenweg, 24103 Kiel]. Knie",
    "irish county": "Patient Sean, [Ballyduff, Lismore, Co. Waterford]",
    "tamil salai": "[Plot 4, 5, Anna Salai, Chennai 600002]",
    # Round 15: a capital a time zone names, in lower case; a lower-case town after a postcode;
    # "co." in lower case; a town's particle ("Dar es Salaam"); numbered streets crossing (Mérida,
    # Dakar); Quito's house numbers after a street named after a date; poste restante; a corner of
    # two streets; a house number with a block letter; a house name's article; "Bulevar"
    "tz capital lower case": "we are at [14 kenyatta avenue, nairobi] and my back hurts",
    "lower-case prefix street, postcode, town": "stay with me at [12 jalan bukit bintang, 55100 kl] for now",
    "lower-case county": "my mum is at [4 harbour rd, lusk, co. dublin]. hips",
    "town particle es": "Send to [Shop 2, First Floor, Kilimanjaro Mall, Uhuru Rd, Dar es Salaam]. Thanks",
    "grid streets": "we live at [Calle 59 x 62, Centro, Mérida]. Back pain",
    "grid streets rue": "we live at [Rue 12 x 17, Médina, Dakar].",
    "quito number": "we live at [Av. 10 de Agosto N25-110, Quito]. Hip",
    "poste restante": "mail to [Poste Restante, GPO, Pokhara] please",
    "corner of two streets": "We are at [Lot 4, Cnr King & Queen Sts, Tennant Creek NT 0860]",
    "house number with a block letter": "I'm at [House No. B45/2, Osu, Accra]. Knees",
    "house name article": "I live at [the Old Rectory, Mill Lane, Little Hadham, Herts SG11 2AB].",
    "bulevar": "[Bulevar Oroño 1450, Piso 3, 2000 Rosario]. Knee",
    # Round 16: Turkey's "No:120" and "d:3", in lower case too; a country's letters before a
    # postcode; Kigali's coded streets; a PO box with the street and towns before it; Israel's
    # "Rehov" (and "Tel Aviv"); a doctors' surgery or a care home as the building; Singapore's
    # postcode; a lower-case town after a district code; Cyrillic, Japanese, Chinese and Korean
    # addresses in their own scripts
    "turkish no colon": "Adres: [Atatürk Bulvarı No:120/5, Çankaya, Ankara]. Tel",
    "turkish lower case": "dob 1998. [kibris sehitleri cad. no:45 d:3, alsancak, izmir]",
    "country letters before a postcode": "address [Brīvības iela 88-14, Rīga, LV-1001]. tel",
    "kigali coded street": "Born 1965. [KG 7 Ave, No. 23, Kigali]. Phone",
    "po box after the towns": "We live at [Ngong Road, Kilimani, Nairobi, P.O. Box 12345-00100]. Call",
    "rehov": "DOB 1944. [Rehov Herzl 45, Tel Aviv-Yafo 6688112]. Phone",
    "surgery as the building": "Practice address: [Riverside Surgery, 2 Quay Street, Truro TR1 2HB]. Tel",
    "care home": "He's at [Room 12, Sunrise Care Home, 40 Elm Grove, Southsea PO5 1JG]. Call me",
    "care of a care home": "send the bill to [c/o Harbour View Care Home, 2 Quay Street, Whitby YO21 3PA] please",
    "singapore postcode": "born 1990. [blk 123 ang mo kio ave 3 #05-67 s560123]. phone",
    "lower-case town after a district code": "address [house 12 street 5 F-7/2 islamabad]",
    "cyrillic": "живу: [ул. Тверская, д. 12, кв. 34, Москва, 125009]. tel",
    "japanese": "Address: [東京都港区六本木6-10-1]. Tel",
    "japanese with a city": "dob: 1990. [大阪府大阪市北区梅田3-1-1]. Phone",
    "korean": "Address: [서울특별시 강남구 테헤란로 152, 101동 1203호]. Phone",
    "street with no number before two more parts":
        "my flat is [12B, Block C, Adeola Hopewell Street, Victoria Island, Lagos]",
    # ... and not a lower-case word after a comma, which may be a medical one ("rodilla": knee)
    "no lower-case word after the region": "send to [Calle Hidalgo 215, Centro, 76000 Querétaro, Qro.], rodilla pain",
}


@pytest.mark.parametrize("kind", list(ADDRESSES))
def test_the_whole_address_is_found(kind):
    marked = ADDRESSES[kind]
    start, end = marked.index("["), marked.index("]") - 1
    text = marked.replace("[", "").replace("]", "")
    address = text[start:end]
    findings = RECOGNIZER.analyze(text, ["STREET_ADDRESS"], None)
    assert any(r.start <= start and end <= r.end for r in findings), (address, found(text))
    # ... and nothing of the words around it
    assert all(r.start >= start - 1 and r.end <= end + 1 for r in findings), (address, found(text))


TRAPS = [
    "take 2 tablets at 10 pm before bed",
    "I play Route 66 on the radio to fall asleep",
    "the trucks on the main road wake me",
    "I can walk 4 blocks before my hip locks",
    "our hotel suite had a hard mattress",
    "Level 3 pain in the morning, level 6 at night",
    "Apartment living is hard on my back",
    "did the 10K Color Run and my knees are done",
    "Suite 200 of the conference centre was freezing",
    "I was in Ward 9 for a week",
    "Stage 2 sleep is lighter, right?",
    "I take 1 Aleve at 8 and 1 at 8 pm",
    "Room 12 at the sleep lab had a loud fan",
    "Highway 1 drive for 6 hours wrecked my neck",
    "born Aug 21 1947, arthritis since 2001",
    "My AHI was 32 on 14 Ene 2024",
    "I took a 3 hour flight to Denver, Colorado",
    "we have 2 kids, 3 dogs and a cat",
    "Unit 4 of my yoga course was about breathing",
    "My B12 is 250 and D3 is 40",
    "Box breathing: 4 in, 4 hold, 4 out",
    "Phase 2 of the trial starts in May",
    "a 2 way street: pain and sleep feed each other",
    "I am 45, from Lagos, living in Leeds",
    "Block 3 of my physio plan is hip bridges",
    "I walk 2 miles along the canal path every morning",
    "My Garmin Venu 2 says 5 hours of sleep",
    "12 Step meetings help my sleep",
    "the 7 Day Sleep Challenge app",
    "Chapter 9, Why We Sleep, London: Penguin 2017",
    "Gate 14 was a long walk with my bad knee",
    "I moved to Ohio in 2015",
    "Flat on my back for 3 hours",
    "I can't sleep on the 3rd floor, it's too hot",
    "my dad is 82, in Cork, and can't walk far",
    "4-7-8 Breathing helps me",
    "a 5 Star Hotel bed made my back worse",
    "Is Court 3 of the tennis club near you?",
    "CPAP at 11 cm, AHI 4 now",
    "took 2 Tylenol PM and slept 6 hours",
    "Hotel Room 1204, Marriott, terrible pillows",
    "the 4 lane highway outside wakes me",
    "the Hotel California song keeps me up, 3 nights now",
    "the station was 2 miles away, my hip ached",
    "I'm from Co. Cork originally",
    "Lives in Kinsale, Co. Cork, gets migraines",
    "Am 12 Mai war ich da",
    "c/o the pharmacy, my knee 3 days",
    "the scan was 3 x 4 cm, Dr said fine",
    "Calle 8 was closed, x 2 days",
    "I live at the end of the road",
    "back pain since 2019, 10000 steps a day",
    # ... round 16's: a medicine's count in a home, a surgery, a ward's room, Japanese and Korean
    # without a house number
    "I take 5 mg at home, 2 at night",
    "My surgery at Riverside Surgery was in 2019",
    "Room 12 at St Mary's Hospital was cold",
    "東京都港区に3回行きました",
    "서울특별시 강남구에 살아요 3년",
    "I walked down Oxford Street, London, and my knee hurt",
    "We met at Elm Street, by the park, 3 times",
]


@pytest.mark.parametrize("text", TRAPS)
def test_what_is_no_address_stays(text):
    assert found(text) == []


def test_no_part_of_an_address_holds_a_medical_term():
    text = "12 Elm St, Springfield, IL 62704, Fibromyalgia since 2019"
    medical = SimpleNamespace(entities=[SimpleNamespace(label_="disorder", start_char=text.index("Fibro"),
                                                        end_char=len(text) - 11)])
    assert found(text, medical) == ["12 Elm St, Springfield, IL 62704"]


def test_what_it_knows_of_places_and_street_types():
    # towns, regions and countries of Faker's and Mimesis' locales and Babel, in lower case
    assert {"chicago", "springfield", "münchen", "new zealand", "nueva ecija"} <= known_places()
    assert misspelled_street_type("Stret") and misspelled_street_type("Avneue") and misspelled_street_type("raod")
    assert not misspelled_street_type("Street") and not misspelled_street_type("late")
