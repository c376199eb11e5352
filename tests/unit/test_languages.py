"""Which language a message not in English is in, and the clinic's line in it."""

from __future__ import annotations

import pytest

from assistant.clinic import load_clinic
from assistant.datafiles import ContentError
from assistant.languages import guess_language, load_other_languages, said_in

CLINIC = load_clinic()


@pytest.mark.parametrize(("text", "code"), [
    ("me duele mucho la espalda por la noche", "es"),
    ("No puedo dormir por el dolor de rodilla, que hago?", "es"),
    ("Mein Rücken tut weh und ich kann nicht schlafen", "de"),
    ("j ai mal au dos la nuit, je dors mal", "fr"),  # "mal", "dos" and "la" are Spanish words too
    ("Não consigo dormir por causa da dor", "pt"),  # as many Spanish common words: "ã" tells
    ("mi fa male la schiena di notte e non dormo", "it"),
    ("tôi bị đau lưng và không ngủ được", "vi"),
    ("masakit ang likod ko sa gabi", "tl"),
    ("我晚上背痛睡不着怎么办", "zh"),
    ("夜に腰が痛くて眠れません", "ja"),  # kanji with kana between: not Chinese
    ("밤에 허리가 아파서 잠을 못 자요", "ko"),
    ("У меня болит спина ночью", "ru"),
    ("У мене болить спина вночі", "uk"),
    ("أعاني من ألم في الظهر", "ar"),
    ("ik kan niet slapen door mijn rugpijn", "nl"),  # not German
])
def test_the_language_of_a_message_is_told(text, code):
    assert guess_language(text) == code


@pytest.mark.parametrize("text", ["xyz qqq zzz", "", "hola doctor, dolor de espalda, help please"])
def test_a_language_that_cannot_be_told_is_none(text):
    assert guess_language(text) is None


def test_a_german_visitor_is_told_in_german_and_never_in_spanish():
    # Session 48's visitor tester: a German message was told in Spanish that only English is answered.
    german = said_in("de", CLINIC.details)
    assert german.startswith("Im Notfall") and CLINIC.phone in german and CLINIC.name in german
    assert "inglés" not in german
    assert said_in("nl", CLINIC.details) is None  # no line in Dutch: the English alone
    assert said_in(None, CLINIC.details) is None


@pytest.mark.parametrize("code", sorted(load_other_languages()))
def test_every_line_gives_the_emergency_and_crisis_numbers_first(code):
    # Session 49's tester: a fall, chest pain and suicidal thoughts in German, Chinese and Portuguese
    # got only "I can only answer in English" and the office's number.
    line = said_in(code, CLINIC.details)
    assert line.index(CLINIC.emergency_number) < line.index(CLINIC.crisis_line) < line.index(CLINIC.phone)


def test_every_line_of_the_file_is_told_by_its_own_language():
    # A line the guess would take for another language would be a line staff wrote in the wrong place.
    for code, language in load_other_languages().items():
        assert guess_language(said_in(code, CLINIC.details)) == code, language.name


@pytest.mark.parametrize(("content", "problem"), [
    ("xx:\n  name: Nowhere\n  line: hello\n", "'xx' is not a language the assistant can tell"),
    ("de:\n  name: German\n", "'de' needs a 'name:'"),
    ("de:\n  name: German\n  line: Rufen Sie {doctor} an\n",
     "a line may use only {emergency_number}, {crisis_line}, {name}, {phone}"),
    ("- de\n", "expected entries such as 'es:'"),
])
def test_a_mistake_in_the_file_is_named_with_its_line(tmp_path, content, problem):
    path = tmp_path / "other_languages.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError, match=problem.replace("{", r"\{").replace("}", r"\}")) as raised:
        load_other_languages(path)
    assert str(path.name) in str(raised.value)
