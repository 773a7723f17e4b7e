"""Finnish or Swedish by content, for text whose path and declarations do not tell.

A bilingual repository holds Swedish where no path says so: a ``messages.properties`` in
Swedish, a ``strings.json`` with both languages' values. A statistical language model would cost
more than linting the file, so this is a cheap profile of the two languages' spelling and their
commonest short words, read over the first few hundred characters of each value:

- short function words of each language (*och*, *att*, *på*; *ja*, *tai*, *että*);
- letters and spellings one language has and the other lacks: *å* and word-final consonants
  other than *n*, *t*, *s*, *l*, *r*, or a word-initial consonant cluster (Swedish, *Stäng*,
  *spara*, *ändrat*... ), long vowels and case endings (Finnish, *Peruuta*, *tiedostossa*);
- English function words, so that an English string is left alone rather than taken for
  Swedish (*Back*, *Sign in*).

A value with too little evidence is left unknown; in a file whose decided values are nearly all
one language, it takes that language (a one-word *Avbryt* in a Swedish ``.properties``).
Otherwise the configured default applies. A value under a key whose last part is a language tag
(``{"title": {"fi": …, "sv": …}}``) takes that language without any guessing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from termlint.model import Segment, evolve

#: Characters of a value that are looked at: enough for a sentence or two, so that detecting
#: the language of a long paragraph costs next to nothing beside linting it.
SAMPLE = 400
#: Languages whose leaf keys name a value's language (``title.sv``).
_KEY_LANGUAGES = {"fi": "fi", "sv": "sv", "en": "en"}
_KEY_TAG = re.compile(r"^([a-z]{2})(?:[-_][A-Za-z]{2})?$")


def _word_set(text: str) -> frozenset[str]:
    """The words of a list written as running text (easier to review than quoted items)."""
    return frozenset(text.split())


_SV_WORDS = _word_set("""
    och att det är som ett på för med till av inte du din ditt dina dig om den de har kan vi
    eller från vid här ska skall sig sin sitt sina vara blir var när hur vad vilken efter under
    över också men så nu alla mer finns måste får kommer mina min mitt våra vår vårt ni er ert
    era denna detta dessa hos genom utan än bara ingen inga något några jag han hon i oss mig
    dessutom samt eftersom redan sedan mellan
""")
_FI_WORDS = _word_set("""
    on ei tai ovat että kun jos ole mikä mitä tämä nämä tässä tästä kanssa myös voit voi sinun
    sinä me te he olet olla oli jo vain kaikki kuin sekä mutta nyt niin miten missä mistä mihin
    ennen jälkeen kautta sitten vielä enää eikä jotta koska sen sitä siitä siihen näin jossa
    joka jonka mukaan eli ellei esim
""")
_EN_WORDS = _word_set("""
    the and of to your you is are with this that please here from be not it by or an as at
    will can have has was were our we my me all no yes new more about sign log login logout
    settings save cancel close help search next back home menu submit edit delete open
""")

_WORD = re.compile(r"[^\W\d_]+")
#: What marks a blank-separated token as an address or a file name (a URL, an e-mail address,
#: *omaolo.fi*): such a token is in no language.
_ADDRESS = re.compile(r"[/@]|\w\.\w")
_LONG_VOWEL = re.compile(r"(?:aa|ee|ii|oo|uu|yy|ää|öö)")
_FI_ENDING = re.compile(
    r"(?:ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|ksi|tta|ttä|ista|istä|ssaan|ssään|iin|nsa|nsä|inen)$")
_SV_FINAL = re.compile(r"[bcdfghjkmpqrvwxz]$|(?:ck|ng|rd|rt|kt|nd|tt|mm|ll)$")
#: Letters native Finnish words lack (*b*, *f*, a *g* not after *n*, *ck*): Swedish signs.
_SV_LETTERS = re.compile(r"[bf]|(?<!n)g|ck")
#: Vowel sequences, a medial *h* before a consonant, and *kk*: Finnish signs.
_FI_LETTERS = re.compile(r"uo|yö|ie|äy|öy|ua|yä|iä|oa|eä|(?<=[aeiouyäö])h[jklmnprstv]|kk")
_INITIAL_CLUSTER = re.compile(r"^(?:sk|sp|st|sv|sm|sn|sl|tj|kl|kn|kv|fr|fl|gr|gl|br|bl|pr|pl|"
                              r"tr|dr|str|spr|skr)")


def key_language(key: str | None) -> str | None:
    """The language a value's key names by its last part (``title.sv``, ``app.fi_FI``)."""
    if not key:
        return None
    last = key.rsplit(".", 1)[-1]
    found = _KEY_TAG.match(last)
    return _KEY_LANGUAGES.get(found.group(1).lower()) if found else None


def scores(text: str) -> tuple[int, int, int]:
    """Evidence for Finnish, Swedish and English in the first :data:`SAMPLE` characters."""
    fi = sv = en = 0
    sample = text[:SAMPLE].lower()
    if _ADDRESS.search(sample):
        sample = " ".join(token for token in sample.split() if not _ADDRESS.search(token))
    words = _WORD.findall(sample)
    for word in words:
        if word == "ja" and len(words) > 2:
            fi += 3  # Finnish "ja" joins words; a Swedish "Ja" is a button
            continue
        word_fi, word_sv, word_en = _word_scores(word)
        fi, sv, en = fi + word_fi, sv + word_sv, en + word_en
    return fi, sv, en


@functools.lru_cache(maxsize=65536)
def _word_scores(word: str) -> tuple[int, int, int]:
    """One lower-case word's evidence; UI texts repeat their words, so each is weighed once."""
    fi = sv = en = 0
    if word in _SV_WORDS:
        sv += 3
    elif word in _FI_WORDS:
        fi += 3
    elif word in _EN_WORDS:
        en += 3
    if "å" in word:
        sv += 3
    if len(word) < 3:
        return fi, sv, en
    if _LONG_VOWEL.search(word):
        fi += 2
    if len(word) >= 5 and _FI_ENDING.search(word):
        fi += 1
    if _SV_FINAL.search(word):
        sv += 1
    if _SV_LETTERS.search(word):
        sv += 1
    if _FI_LETTERS.search(word) or word.endswith("i"):
        fi += 1
    if _INITIAL_CLUSTER.match(word):
        sv += 1
    return fi, sv, en


def guess(text: str) -> str | None:
    """``fi``, ``sv``, ``en``, or None when the evidence is too thin or evenly split."""
    fi, sv, en = scores(text)
    ranked = sorted((("fi", fi), ("sv", sv), ("en", en)), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0 or top <= second:
        return None
    if top - second == 1 and top < 2:
        # One weak sign alone (a final consonant) decides only a one- or two-word value.
        return best if len(_WORD.findall(text[:SAMPLE])) <= 2 else None
    return best


def _unmasked(segment: Segment) -> str:
    """The sample of a segment with its masks (URLs, e-mail addresses, placeholders, code)
    blanked: they are in no language."""
    text = segment.text[:SAMPLE]
    for start, end in segment.masks:
        if start < len(text):
            text = text[:start] + " " * (min(end, len(text)) - start) + text[end:]
    return text


def detect_segments(segments: Sequence[Segment]) -> list[str | None]:
    """The language of each segment by its key or content (None where neither tells); where
    the decided segments are nearly all one language (nine in ten, three at least), the
    undecided ones take it too."""
    found: list[str | None] = []
    for segment in segments:
        language = segment.language or key_language(segment.key)
        if language is None:
            language = guess(_unmasked(segment))
            # English by content is only a reason not to call the value Swedish: it is
            # checked in the default language as before.
            language = None if language == "en" else language
        found.append(language)
    decided = [language for language in found if language is not None]
    if len(decided) >= 3:
        majority = max(set(decided), key=decided.count)
        if decided.count(majority) * 10 >= len(decided) * 9:
            found = [language or majority for language in found]
    return found


def with_detected_languages(segments: Sequence[Segment]) -> list[Segment]:
    """``segments``, each with the language :func:`detect_segments` gives it (if any)."""
    return [s if language is None or s.language == language else evolve(s, language=language)
            for s, language in zip(segments, detect_segments(segments), strict=True)]
