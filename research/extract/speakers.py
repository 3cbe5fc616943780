"""Speaker names: the mention as written, resolved to the name a researcher would file it under.

"Kursk Governor Roman Starovoyt" is filed under "Roman Starovoyt", "a statement from the
Russian Ministry of Defense" under "Russian Ministry of Defense", "The TASS news agency"
under "TASS". Pronouns ("He", "It", "They") and descriptions ("the ministry", "the Legion",
"the governor") resolve to the nearest earlier speaker of the article they are compatible
with; `SpeakerMemory` keeps those speakers in order.
"""

from __future__ import annotations

import functools
import re

import msgspec

from research.lexicon import AttributionLexicon, attribution_lexicon, load_toml
from research.patterns import whole_words

__all__ = ["KnownSpeaker", "SpeakerMemory", "canonical_name"]

RE_PAREN = re.compile(r"\s*\([^()]{1,20}\)")
RE_WORD = re.compile(r"[\w’'.-]+")
RE_CARRIER = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+){0,2}?(?:statement|spokesman|spokeswoman|spokesperson|release|message|post|"
    r"representative|press release|report|video|footage)\s+(?:from|by|of|for)\s+(.+)$",
    re.IGNORECASE,
)
LEADING = ("the ", "a ", "an ", "The ", "A ", "An ")
CONTRACTIONS = ("’s", "'s", "’re", "'re")
_RULES = load_toml("attribution.toml")
_GOVERNMENTS = _RULES["governments"]
TITLES: dict[str, str] = dict(_RULES["titles"]["abbreviations"])
GOVERNMENT_ADJECTIVES: dict[str, str] = dict(_GOVERNMENTS["adjectives"])
GOVERNMENT_CAPITALS: dict[str, str] = dict(_GOVERNMENTS["capitals"])
GOVERNMENT_HEADS = frozenset(_GOVERNMENTS["heads"])


class KnownSpeaker(msgspec.Struct, frozen=True, kw_only=True):
    """A speaker met earlier in the article: its filed name, whether a person, its roles."""

    name: str
    person: bool
    roles: frozenset[str]
    words: frozenset[str]


def _strip_leading(text: str) -> str:
    # every leading article is one word and a space
    return text.split(" ", 1)[1] if text.startswith(LEADING) else text


@functools.cache
def _outlet_pattern(outlets: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for every outlet name, longest first, as whole words."""
    return whole_words(outlets)


def _outlet_in(text: str, lexicon: AttributionLexicon) -> str | None:
    """The longest outlet named in `text` (the earliest of equally long ones)."""
    found = [m.group(0) for m in _outlet_pattern(lexicon.outlets).finditer(text)]
    return max(found, key=len) if found else None


def government_name(text: str) -> str | None:
    """The government a metonymic mention stands for: "Moscow", "Russian authorities",
    "Officials in Russia" are all "Russian government"."""
    words = _strip_leading(text).split()
    if len(words) == 1 and words[0] in GOVERNMENT_CAPITALS:
        return f"{GOVERNMENT_CAPITALS[words[0]]} government"
    if len(words) == 2 and words[0] in GOVERNMENT_ADJECTIVES and words[1].lower() in GOVERNMENT_HEADS:
        return f"{GOVERNMENT_ADJECTIVES[words[0]]} government"
    if (
        len(words) == 3
        and words[0].lower() in GOVERNMENT_HEADS
        and words[1] == "in"
        and words[2] in GOVERNMENT_ADJECTIVES
    ):
        return f"{GOVERNMENT_ADJECTIVES[words[2]]} government"
    return None


def canonical_name(mention: str, lexicon: AttributionLexicon | None = None) -> tuple[str, frozenset[str], bool]:
    """(name, roles, is_person) of a speaker mention, before any pronoun resolution."""
    lex = lexicon or attribution_lexicon()
    text = " ".join(RE_PAREN.sub("", mention).split())  # "the  survey" is filed under "survey"
    government = government_name(text)
    if government is not None:
        return government, frozenset(), False
    carried = RE_CARRIER.match(text)
    if carried:
        text = carried.group(1)
    outlet = _outlet_in(text, lex)
    if outlet is not None and len(text.split()) <= len(outlet.split()) + 4:
        return outlet, frozenset(), False
    words = RE_WORD.findall(text)
    lowered = [w.lower() for w in words]
    joined = " ".join(lowered)
    roles = frozenset(r for r in lex.roles if r in joined)
    roles |= frozenset(TITLES[w] for w in lowered if TITLES.get(w))
    # a person: the capitalised name after the last role word or title, before "of the ..."
    # ("Governor Gleb Nikitin of the Nizhny Novgorod region", "Kursk Mayor Igor Kutsak", "Gov. Ann Carter")
    after_role = 0
    titled = False
    for i, w in enumerate(lowered):
        if w in lex.roles or w in TITLES:
            after_role = i + 1
            titled = w in TITLES
    name_words: list[str] = []
    for w in words[after_role:]:
        if w[0].isupper() and w.lower() not in lex.organisation_words and w.lower() not in lex.determiners:
            name_words.append(w)
        else:
            break
    run_end = after_role + len(name_words)
    ends_mention = run_end == len(words) or lowered[run_end] in ("of", "from")
    looks_like_name = all("-" not in w and not w[-1].isdigit() for w in name_words)
    org = any(w in lex.organisation_words for w in lowered)
    if (len(name_words) >= 2 or (titled and name_words)) and not org and ends_mention and looks_like_name:
        return " ".join(name_words), roles, True
    if len(words) == 1 and words[0][0].isupper() and after_role == 0:
        return words[0], roles, not org and words[0].lower() not in lex.pronouns
    return _strip_leading(text), roles, False


class SpeakerMemory:
    """The speakers of one article so far, nearest last, for resolving pronouns and descriptions."""

    def __init__(self, lexicon: AttributionLexicon | None = None) -> None:
        self.lex = lexicon or attribution_lexicon()
        self.known: list[KnownSpeaker] = []

    def resolve(self, mention: str, context: str = "") -> str:
        """The name `mention` is filed under; `context` is text around it (an apposition)
        that can carry roles ("Andriy Yusov, a spokesman for ...")."""
        lowered = " ".join(mention.lower().split())
        if lowered.endswith(CONTRACTIONS):
            for contraction in CONTRACTIONS:
                if lowered.endswith(contraction) and lowered[: -len(contraction)] in self.lex.pronouns:
                    lowered = lowered[: -len(contraction)]  # "He’s claiming": the pronoun
        bare = _strip_leading(lowered)
        if lowered in self.lex.pronouns:
            found = self._nearest(person=lowered in self.lex.person_pronouns, plural=lowered in ("they", "we"))
            if found is not None:
                self.known.append(found)
                return found.name
            return mention
        name, roles, person = canonical_name(mention, self.lex)
        mention_words = RE_WORD.findall(mention)
        description = (
            bool(mention_words)
            and mention_words[0].lower() in self.lex.determiners
            and all(not w[0].isupper() for w in mention_words[1:])
        )
        if description:
            head = bare.split()[-1] if bare.split() else bare
            role = next((r for r in self.lex.roles if bare.endswith(r)), None)
            found = None
            if role is not None:
                found = next((k for k in reversed(self.known) if role in k.roles), None)
            elif head in self.lex.organisation_words:
                found = next((k for k in reversed(self.known) if head in k.words and not k.person), None)
            if found is not None:
                self.known.append(found)
                return found.name
        lowered_context = context.lower()
        context_roles = frozenset(r for r in self.lex.roles if r in lowered_context)
        words = frozenset(w.lower() for w in RE_WORD.findall(name) + mention_words)
        self.known.append(KnownSpeaker(name=name, person=person, roles=roles | context_roles, words=words))
        return name

    def remember(self, name: str) -> None:
        """Note a speaker named outside a claim (the previous claim's speaker carried over)."""
        words = frozenset(w.lower() for w in RE_WORD.findall(name))
        self.known.append(KnownSpeaker(name=name, person=False, roles=frozenset(), words=words))

    def _nearest(self, *, person: bool, plural: bool) -> KnownSpeaker | None:
        for known in reversed(self.known):
            if person and known.person:
                return known
            if not person and not known.person:
                return known
        return self.known[-1] if self.known and plural else None
