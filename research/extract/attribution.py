"""Attribution: who claims what, found by small named rules over the tokens of one sentence.

Each rule id names the shape it recognises:

- `attribution.quote_then_said.v1`    “CONTENT,” said X / “CONTENT,” X said
- `attribution.said_then_quote.v1`    X said: “CONTENT”
- `attribution.subject_verb.v1`       X said (that) CONTENT / X claimed CONTENT / X denied CONTENT
- `attribution.content_then_said.v1`  CONTENT, X said. / CONTENT, said X.
- `attribution.according_to.v1`       According to X, CONTENT / CONTENT, according to X / “CONTENT,” according to X
- `attribution.participle.v1`         ..., adding/saying (that) CONTENT (speaker of the clause before)
- `attribution.coordinated.v1`        X claimed A and accused B (speaker of the first verb)
- `attribution.relative_clause.v1`    X, who confirmed CONTENT / the attack, which X said was foiled
- `attribution.media_shows.v1`        X posted a video purportedly showing CONTENT
- `attribution.sourceless.v1`         it was reported that CONTENT (no speaker)
- `attribution.for_source.v1`         For X, CONTENT
- `attribution.colon_quote.v1`        X: “CONTENT”
- `attribution.quote_dash.v1`         “CONTENT” ― X (a quotation signed with a dash and a name)
- `attribution.headline_colon.v1`     X: CONTENT (a headline naming its source)
- `attribution.raising.v1`            X seemed/appears/is expected to CONTENT (a judgement without a source)
- `attribution.poll.v1`               In a new poll, CONTENT / CONTENT in the latest poll
- `attribution.opening_participle.v1` Citing CONTENT, X said ... (what the main clause's subject cites)
- `attribution.asked.v1`              Asked (by Y) whether CONTENT, X said ... (the question; its source is Y, if named)
- `attribution.gerund.v1`             X won praise for saying CONTENT / After saying CONTENT, X left
- `attribution.noun_cue.v1`           X's claim that CONTENT / X's call for CONTENT / the claim by X that CONTENT
- `attribution.speaker_turn.v1`       NAME: CONTENT (a transcript's turn: the whole paragraph after the name and colon)
- `attribution.passive_by.v1`         CONTENT was criticized/endorsed/denied by X (the agent of a passive cue)
- `attribution.as_clause.v1`          As X reported, CONTENT / CONTENT, as X noted (the clause beside "as X said")

This module finds raw attributions (spans only); `research.extract.claims` turns them into
`Claim` records with resolved speakers, reporting chain, polarity and certainty.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import deque

import msgspec

from research.extract.tokens import AMBIGUOUS_QUOTES, CLOSING_QUOTES, OPENING_QUOTES, Token, tokens
from research.lexicon import AttributionLexicon, CueVerb, attribution_lexicon, inflections, load_toml
from research.text import quote_regions

__all__ = ["Attribution", "sentence_attributions", "sentence_subject", "speaker_turn"]

PARTICIPLES = frozenset(
    {
        "saying", "adding", "noting", "stating", "claiming", "insisting", "arguing", "warning", "stressing",
        "explaining", "expressing", "indicating", "suggesting", "telling", "announcing", "declaring", "denying",
        "accusing", "calling", "asking", "urging", "writing", "confirming", "acknowledging", "describing",
        "promising", "threatening", "emphasizing", "emphasising", "asserting", "reiterating", "recalling",
        "revealing", "vowing", "pledging", "predicting", "conceding", "admitting", "citing", "pointing",
    }
)  # fmt: skip
MODALS = frozenset(
    {"will", "would", "may", "might", "can", "could", "must", "should", "shall", "did", "do", "does", "to", "not",
     "n't", "also", "often", "still", "now", "repeatedly", "publicly"}
)  # fmt: skip
QUANTIFIERS = frozenset(
    {"many", "some", "several", "all", "both", "most", "few", "other", "such", "no", "any", "each", "every", "new",
     "first", "latest", "recent", "further", "so-called", "alleged", "own"}
)  # fmt: skip
# Number words before a cue form make it a noun ("two reports", "five states"), like digits.
NUMBER_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen", "dozens",
     "hundreds", "thousands", "millions"}
)  # fmt: skip
# Cue forms that are never nouns, so verbs after a number too: "43 said", "at least 21,000 said".
NUMBER_SUBJECT_CUES = frozenset({"said", "told"})
# Plural subjects without a plural -s: "72 percent of Democrats say", "most people think".
PLURAL_HEADS = frozenset(
    {"percent", "%", "people", "men", "women", "children", "majority", "minority", "half", "third", "quarter",
     "surveyed", "polled", "questioned", "police", "staff", "public", "electorate", "who", "whom"}
)  # fmt: skip
# A time adjunct between a speaker and its cue: "Trump on Saturday tweeted".
TIME_PREPOSITIONS = frozenset({"on", "at", "in", "during", "last", "this", "earlier", "late"})
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "time", "week", "weekend", "month",
     "year", "night", "morning", "afternoon", "evening", "day", "interview", "statement", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)  # fmt: skip
# Words opening a time adjunct without a preposition ("last week", "this past year", "two weeks ago").
TIME_OPENERS = frozenset({"last", "this", "past", "earlier", "weeks", "months", "years", "days"})
# Words opening the question after a passive "asked": "Asked whether he would run, ...".
QUESTION_WORDS = frozenset({"about", "if", "whether", "what", "why", "how", "who", "when", "where", "which"})
# Cue classes whose object is a noun phrase or an infinitive, not a clause: "endorsed Cruz".
OBJECT_CLASSES = frozenset({"stance", "evaluation"})
# Words opening an adjunct after such an object: "endorsed Cruz at a rally on Wednesday".
OBJECT_ADJUNCTS = frozenset(
    {"last", "this", "earlier", "yesterday", "today", "tonight", "when", "while", "because", "since", "amid"}
)  # fmt: skip
# Words after a plural noun rather than a verb in "X and ways to ...", "X and cuts in ...".
NOUN_FOLLOWERS = frozenset({"to", "of", "for", "in", "on", "from", "with", "against", "", ".", ","})
# Words after a base form that make "percent support" a share, not "54 percent support Clinton".
SHARE_FOLLOWERS = NOUN_FOLLOWERS | {"among", ";", "and"}
# Words opening a trailing adjunct after a cue ("said last week", "said in a statement").
TRAILING_ADJUNCTS = frozenset(
    {"last", "this", "earlier", "yesterday", "today", "tonight", "on", "in", "at", "during", "after", "before"}
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# What follows a cue in an object relative, whose subject is the gap: "which he said had failed".
GAP_WORDS = frozenset({"had", "has", "have", "would", "will", "could", "can", "may", "might", "should", "must"})
# Negations of a cue's verb group, part of the cue: "did not say", "has never said", "hasn't said".
NEGATIONS = frozenset({"not", "never"})
NEGATED_MODALS = frozenset({"may", "might", "can", "could", "should", "must"})
NEGATED_BE = frozenset({"isn't", "aren't", "wasn't", "weren't", "isn’t", "aren’t", "wasn’t", "weren’t"})
# A preposition before "which" makes it no object relative: "in which most voters say ...".
RELATIVE_PREPOSITIONS = frozenset({"in", "of", "on", "at", "for", "by", "with", "from", "during", "under"})
QUANTIFIER_SUBJECTS = frozenset({"some", "many", "most", "few", "several", "all", "both", "others"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
EXPLETIVES = frozenset({"it", "there"})  # subjects of "it was a day of ...", "there is more at stake"
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "reassure", "notify", "remind"})
OBJECT_TAKING = frozenset({"tell", "inform", "assure", "reassure", "notify", "advise", "ask", "remind", "warn", "urge"})
ADVERBIAL_STARTS = frozenset(
    {"on", "in", "at", "during", "via", "through", "after", "late", "earlier", "later", "last", "this", "publicly",
     "repeatedly", "again", "also", "before", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday", "separately", "privately", "once", "here", "there", ","}
)  # fmt: skip
# Words that open a clause after "and that": "and that the toll may rise" (not "and that location").
CLAUSE_OPENERS = frozenset(
    {"the", "a", "an", "this", "these", "those", "he", "she", "it", "they", "we", "i", "you", "there", "his", "her",
     "its", "their", "our", "some", "many", "no", "all", "more", "most"}
)  # fmt: skip
# First words of an introductory adverbial ("In a statement on Tuesday, the ministry said ...").
INTRODUCTORY = frozenset(
    {"in", "on", "at", "after", "before", "during", "for", "with", "as", "meanwhile", "however", "earlier", "later",
     "elsewhere", "additionally", "moreover", "furthermore", "yesterday", "today", "last", "this", "since",
     "following", "despite", "amid", "under", "when", "while", "if", "also", "still", "but", "and", "so", "then",
     "now", "instead", "separately", "simultaneously", "by", "from", "over", "unlike", "like", "although",
     "though", "because", "once", "until", "within", "without", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday", "in addition", "indeed", "thus", "nevertheless", "overnight", "speaking",
     "asked", "responding", "writing", "afterward", "afterwards", "previously", "recently"}
)  # fmt: skip
# Sentence-opening participles whose object is a claim of the main clause's subject.
OPENING_PARTICIPLES = frozenset(
    {"citing", "claiming", "noting", "arguing", "insisting", "saying", "quoting", "alleging", "stressing",
     "warning", "acknowledging", "asserting", "conceding", "denying", "pointing"}
)  # fmt: skip
OPENING_SUBORDINATORS = frozenset(
    {"while", "when", "although", "though", "if", "after", "because", "since", "once", "whereas", "as"}
)
# Prepositions before a gerund cue whose speaker is the clause's subject: "won praise for saying ...".
GERUND_PREPOSITIONS = frozenset(
    {"by", "for", "after", "before", "while", "without", "when", "since", "despite", "upon"}
)
# Cue classes whose passive with an agent is an attribution: "was endorsed by", "was denied by".
PASSIVE_CLASSES = frozenset({"speech", "unverified", "denial", "evaluation", "stance", "belief"})
CLAUSE_CLASSES = frozenset({"speech", "belief", "unverified", "denial"})
GERUND_CLASSES = frozenset({"speech", "unverified", "denial", "evaluation"})
SUBORDINATORS = frozenset({"as", "while", "whereas", "but", "although", "though", "because", "since"})
COMMA = frozenset({","})
BOUNDARY_WORDS = frozenset({";", "and", "but"}) | SUBORDINATORS  # a content may end before them
QUOTE_MARKS = frozenset(OPENING_QUOTES + CLOSING_QUOTES + AMBIGUOUS_QUOTES)
OPENERS = frozenset(OPENING_QUOTES + AMBIGUOUS_QUOTES)
CLOSERS = frozenset(CLOSING_QUOTES + AMBIGUOUS_QUOTES)
QUOTE_CHARS = ("“", "”", '"', "«", "»")
MAX_QUOTE_BACK = 2000  # how far back a signed quotation may open, in characters
SIGNING_DASHES = frozenset({"―", "—", "–", "--"})
CHUNK_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–"}) | QUOTE_MARKS
MAX_NP = 14
CONTRACTED_AUXILIARIES = ("'s", "’s", "'ve", "’ve", "'re", "’re", "'ll", "’ll", "'d", "’d")
MAX_APPOSITION = 40  # tokens between the dashes or parentheses of an apposition after a subject
APPOSITION_DASHES = frozenset({"—", "–", "-"})  # "-" also stands for "--" (two tokens)
MAX_ASK_GAP = 8  # words of an agent or an adjunct between "asked" and its question
MAX_ADDRESSEE = 6  # words of the addressee (and a time adjunct) closing "..., X told Y."
# Word lists of the rules added for PolNeAR-style attributions, from attribution.toml.
_RULES = load_toml("attribution.toml")
RAISING_VERBS = frozenset(_RULES["raising"]["verbs"])
RAISING_PASSIVES = frozenset(_RULES["raising"]["passives"])
RAISING_BARE = frozenset(_RULES["raising"]["bare"])
POLL_NOUNS = frozenset(_RULES["polls"]["nouns"])
SHARE_BEFORE = frozenset(_RULES["shares"]["not_after"])
FIGURE_LINKS = frozenset(_RULES["shares"]["figure_links"])
FIGURE_OPENERS = frozenset(_RULES["shares"]["figure_openers"])
RAISING_CUES = RAISING_VERBS | RAISING_PASSIVES  # the tokens the raising rule starts from
HEADLINE_LABELS = frozenset(_RULES["headline"]["labels"])
CONTROL_VERBS = frozenset(_RULES["control"]["verbs"])
INFINITIVE_ADDRESSEES = frozenset(_RULES["addressees"]["before_infinitive"])
APPOSITIVE_OPENERS = frozenset(_RULES["boundaries"]["appositive_openers"])
ADJUNCT_PREPOSITIONS = frozenset(_RULES["bare_adjuncts"]["prepositions"])
BARE_ADJUNCT_CLASSES = frozenset(_RULES["bare_adjuncts"]["classes"])
BARE_ADJUNCT_NOT_LEMMAS = frozenset(_RULES["bare_adjuncts"]["not_lemmas"])
MAX_BARE_ADJUNCT: int = _RULES["bare_adjuncts"]["max_words"]
ANY_CUE_ADJUNCTS = frozenset(_RULES["bare_adjuncts"]["any_cue"])
MAX_ANY_CUE_ADJUNCT: int = _RULES["bare_adjuncts"]["any_cue_max_words"]
NOT_ADJUNCT_HEADS = frozenset(_RULES["bare_adjuncts"]["not_heads"])
# Cue forms that are no cue before these words: "compared to", "known as", "thanks to".
NOT_CUE_BEFORE: dict[str, frozenset[str]] = {form: frozenset(w) for form, w in _RULES["not_cue_before"].items()}
NOT_CUE_AFTER: dict[str, frozenset[str]] = {form: frozenset(w) for form, w in _RULES["not_cue_after"].items()}
# -s forms that are mostly plural nouns ("six states", "his remarks"): cues only after a
# pronoun or a name, or before "that".
NOUN_PLURALS = frozenset(_RULES["noun_plurals"]["forms"])
PLURALS_NOT_AFTER_NAMES = frozenset(_RULES["noun_plurals"]["not_after_names"])
# Cue forms that stay cues before "of": "she said of the plan", "he wrote of his doubts".
BEFORE_OF = frozenset(_RULES["before_of"]["forms"])
SEE_AS = frozenset(_RULES["see_as"]["forms"])
# Words opening a relative clause about an inverted speaker ("said Ana Ruiz, who ..."), and
# words that end the description before its name ("said of Trump’s campaign").
PERSON_RELATIVES = frozenset(_RULES["inverted"]["relatives"])
INVERTED_RELATIVES = PERSON_RELATIVES | {"that"}
NAME_DESCRIPTION_BREAKS = frozenset(_RULES["inverted"]["description_breaks"])
CLAUSE_CHUNK_OPENERS = frozenset(_RULES["inverted"]["clause_openers"])
VERB_BASES = frozenset(_RULES["verb_bases"]["forms"])
IRREGULAR_PASTS = frozenset(_RULES["irregular_pasts"]["forms"])
SUBJECT_SUBORDINATORS = frozenset(_RULES["main_subject"]["subordinators"])
NAMING_FORMS = frozenset(_RULES["naming"]["forms"])
PERSON_OBJECT_FORMS = frozenset(_RULES["person_objects"]["forms"])
OBJECT_PRONOUNS = frozenset(_RULES["person_objects"]["pronouns"])
INDEFINITES = frozenset(_RULES["naming"]["indefinites"])
NAMING_RELATIVE_FORMS = frozenset(_RULES["naming"]["relative_forms"])
QUOTE_SIGNERS = frozenset(_RULES["quote_signers"]["lemmas"])
RELATIVE_MAIN_SUBJECTS = frozenset(_RULES["relative_main_verb"]["relatives"])
RELATIVE_MAIN_BREAKS = frozenset(_RULES["relative_main_verb"]["breaks"])
RELATIVE_SUBJECTS = frozenset(_RULES["relative_subject"]["relatives"])
RELATIVE_SUBJECT_PREPOSITIONS = frozenset(_RULES["relative_subject"]["prepositions"])
RELATIVE_SUBJECT_REACH: int = _RULES["relative_subject"]["reach"]
RELATIVE_CLAUSE_CLASSES = frozenset(_RULES["relative_subject"]["clause_classes"])
RELATIVE_NOT_NAME_LEMMAS = frozenset(_RULES["relative_subject"]["not_name_lemmas"])
# Signature-only cues by their first word: "shot back" -> ("shot", "back"), "read" -> ("read",).
SIGNERS: dict[str, tuple[str, ...]] = {
    words.split()[0]: tuple(words.split()) for words in _RULES["quote_signers"]["signers"]
}
SIGNER_FIRSTS = frozenset(SIGNERS)
# Cues only inside an "as" clause, by their first word: "puts" -> ("puts", "it").
AS_CUES: dict[str, tuple[str, ...]] = {words.split()[0]: tuple(words.split()) for words in _RULES["as_cues"]["phrases"]}
MAX_QUOTE_SIGNER = 30  # tokens of a speaker between a quotation and its cue, appositions included
# inside a signer's name: "Institute for Science", "Fight for $15"
SIGNER_JOINERS = frozenset({"of", "and", "for", "’s", "'s", "$"})
ADVERBIAL_WORDS = frozenset(_RULES["adverbial_phrases"]["words"])
# Noun cues and the words that open what they say: "claim" -> ("that",), "support" -> ("for",).
NOUN_CUES: dict[str, tuple[str, ...]] = {noun: tuple(words) for noun, words in _RULES["nouns"].items()}
# Words ending the content of a noun cue in subject position: "his support for the bill has grown".
NOUN_CUE_STOPS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
STANCE_NOUNS: dict[str, tuple[str, ...]] = {noun: tuple(words) for noun, words in _RULES["stance_nouns"].items()}
NOUN_CUES.update(STANCE_NOUNS)
NOUN_CUE_WORDS = frozenset(NOUN_CUES)
ACCORDING, IN, AND = frozenset({"according"}), frozenset({"in"}), frozenset({"and"})
# Phrasal cues: inflected form -> (lemma, particles), "talked" -> ("talk", ("about",)).
PARTICLE_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    form: (lemma, tuple(particles))
    for lemma, particles in _RULES["particles"].items()
    for form in inflections(lemma, _RULES["irregular"])
}


class Attribution(msgspec.Struct, frozen=True, kw_only=True):
    """Spans of one attribution in a sentence, before speakers are resolved.

    inherits_speaker: the speaker is the one of the attribution before it in the sentence
    (participles and coordinated verbs); antecedent: what a relative pronoun speaker ("who")
    stands for, which names the speaker.
    """

    content: tuple[int, int]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    rule: str
    verb: CueVerb | None = None
    inherits_speaker: bool = False
    antecedent: tuple[int, int] | None = None


def sentence_attributions(
    text: str, start: int, end: int, *, lexicon: AttributionLexicon | None = None, open_quote: bool = False
) -> list[Attribution]:
    """Attributions in the sentence text[start:end], in the order of their cues.

    open_quote: the sentence starts inside a quotation opened in an earlier sentence of its
    paragraph; up to the mark that closes it, the sentence is quoted speech, not narrative
    ("I think we will win" there is no attribution of the narrator's).
    """
    lex = lexicon or attribution_lexicon()
    if not _may_attribute(text, start, end, lex):
        return []  # no word or mark any rule starts from
    if open_quote and RE_QUOTE_MARK.search(text, start, end) is None:
        return []  # the whole sentence is inside the quotation
    sentence = _Sentence(text, start, end, lex, open_quote=open_quote)
    _RECENT.append(sentence)
    return sentence.attributions()


class _Starts:
    """What the rules start from, derived once from a lexicon: the prefilters of a sentence."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.lexicon = lexicon
        # cue verb forms and particle verbs: the tokens the verb rules start from
        self.cue_verbs = frozenset(lexicon.verbs) | frozenset(PARTICLE_FORMS)
        words = self.cue_verbs | NOUN_CUE_WORDS | RAISING_VERBS | RAISING_PASSIVES | POLL_NOUNS | ACCORDING
        words |= frozenset(AS_CUES)
        self.any_word = frozenset(w.lower() for w in words)
        self.hedged_show_ends = frozenset(phrase.split()[-1] for phrase in lexicon.hedged_show)
        # where the main clause's verb may be (besides past verbs): see `find_clause_subjects`
        self.verb_like = frozenset(lexicon.auxiliaries) | frozenset(lexicon.verbs) | frozenset(lexicon.adverbs)


_STARTS: dict[int, _Starts] = {}


def _starts(lexicon: AttributionLexicon) -> _Starts:
    cached = _STARTS.get(id(lexicon))
    if cached is None or cached.lexicon is not lexicon:
        cached = _STARTS[id(lexicon)] = _Starts(lexicon)
    return cached


RE_WORDS = re.compile(r"\w+")
RE_TRIGGER_MARKS = re.compile(r"[“”«»\":]|''")
RE_QUOTE_MARK = re.compile(r"''|``|[“”«»\"]")  # the marks `quote_regions` reads


def _may_attribute(text: str, start: int, end: int, lexicon: AttributionLexicon) -> bool:
    """Whether anything a rule starts from is in text[start:end]: a cue form, particle, raising
    verb, poll noun, noun cue, "according", a quotation mark, a colon, a sentence-initial "For"
    or a sentence-initial dash (the signature of a quotation)."""
    if RE_TRIGGER_MARKS.search(text, start, end) or text.startswith(("For ", "―", "—", "–"), start):
        return True
    return not _starts(lexicon).any_word.isdisjoint(map(str.lower, RE_WORDS.findall(text, start, end)))


def sentence_subject(
    text: str, start: int, end: int, *, lexicon: AttributionLexicon | None = None
) -> tuple[int, int] | None:
    """Character span of the main-clause subject of the sentence text[start:end], if found."""
    sentence = _sentence(text, start, end, lexicon or attribution_lexicon())
    found = sentence.main_subject()
    if found is None or sentence.inside_quote(found[0]):
        return None  # words inside a quotation are the quoted speaker's: “Nobody will stop us,” she said
    return sentence.span(*found)


# A transcript's turn opens its paragraph: "PENCE: Well, ...", "Alex Seitz-Wald: She is right ...".
RE_TURN = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):[ \t]+(?=[\"“‘'A-Za-z])")
TURN_NOT_SPEAKERS = frozenset(_RULES["turns"]["not_speakers"])
MIN_TURN_WORDS = 3


def speaker_turn(text: str, start: int, end: int) -> Attribution | None:
    """The turn of a transcript that the paragraph text[start:end] is: a speaker's name (one to
    three capitalised words, not a label such as "Correction" or "Twitter", not the "Q"/"A"
    of an interview) and a colon; what follows, to the paragraph's end, is what the speaker says."""
    match = RE_TURN.match(text, start, end)
    if match is None or len(match.group(1)) < 2:
        return None
    label = match.group(1)
    if label.lower() in TURN_NOT_SPEAKERS or label.lower() in HEADLINE_LABELS:
        return None
    if not label.isupper() and not all(w[0].isupper() and not w.isupper() for w in label.split()):
        return None  # "WALLACE" or "Alex Seitz-Wald", not "Breaking NEWS"
    content = _trim(text, match.end(), end)
    if len(RE_WORDS.findall(text, *content)) < MIN_TURN_WORDS:
        return None
    colon = match.end(1)
    return Attribution(
        content=content, speaker=match.span(1), cue=(colon, colon + 1), rule="attribution.speaker_turn.v1"
    )


# The sentences the last `sentence_attributions` calls read: claims ask for a sentence's
# attributions, then for its subject, and for the subjects of the few sentences before it.
_RECENT: deque[_Sentence] = deque(maxlen=4)


def _sentence(text: str, start: int, end: int, lexicon: AttributionLexicon) -> _Sentence:
    """A sentence read recently, when it is this one, else a new one."""
    for recent in reversed(_RECENT):
        if recent.text is text and recent.start == start and recent.end == end and recent.lex is lexicon:
            return recent
    sentence = _Sentence(text, start, end, lexicon)
    _RECENT.append(sentence)
    return sentence


def _continued_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations of text[start:end] when it starts inside a quotation opened before it:
    that one runs from just before `start` to its first closing mark (an opening mark first
    means the earlier quotation was left open: the marks are then read afresh)."""
    first = RE_QUOTE_MARK.search(text, start, end)
    if first is None or first.group(0) in OPENING_QUOTES or first.group(0) == "``":
        return quote_regions(text, start, end)
    return [(start - 1, first.end()), *quote_regions(text, first.end(), end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-"):
        end -= 1
    return start, end


def _trim_quoted(text: str, start: int, end: int) -> tuple[int, int]:
    """Like `_trim`, for the text of a quotation: its final ".", "!" or "?" stays."""
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


START, LOWER, IS_WORD = operator.attrgetter("start"), operator.attrgetter("lower"), operator.attrgetter("is_word")


class _Sentence:
    """One sentence: its tokens, its quotations, and the rules that read them."""

    def __init__(
        self, text: str, start: int, end: int, lexicon: AttributionLexicon, *, open_quote: bool = False
    ) -> None:
        self.text, self.start, self.end, self.lex = text, start, end, lexicon
        self.toks = tokens(text, start, end)
        self.quotes = _continued_regions(text, start, end) if open_quote else quote_regions(text, start, end)
        self.n = len(self.toks)
        # lookup tables, so that every rule stays linear in the sentence length (built by C loops)
        self.starts: list[int] = list(map(START, self.toks))
        self.lowers: list[str] = list(map(LOWER, self.toks))
        self.vocabulary = set(self.lowers)
        self.quote_starts = [qs for qs, _ in self.quotes]
        self.word_positions = list(itertools.compress(range(self.n), map(IS_WORD, self.toks)))
        openers = self.vocabulary.intersection(OPENING_QUOTES)  # marks: lower-cased as written
        self.first_opener = min(map(self.lowers.index, openers)) if openers else self.n
        self.is_title_case: bool | None = None
        self.subjects_found: tuple[tuple[tuple[int, int], ...], tuple[int, int] | None] | None = None
        self.cue_ends = (0, end + 1, end + 1)
        self.contents: list[tuple[int, int]] | None = None
        self.content_ends: list[int] = []  # attributions seen, earliest cue end, same with a speaker
        self.boundaries: list[int] | None = None
        self.commas: list[int] | None = None  # indexes of the commas outside quotations

    def where(self, words: frozenset[str]) -> list[int]:
        """Indexes of the tokens whose lower-cased text is one of `words`, in order: each rule
        visits only the tokens it starts from, not every token of the sentence."""
        found: list[int] = []
        lowers = self.lowers
        for word in words.intersection(self.vocabulary):  # iterates the smaller set: the sentence's words
            k = -1
            for _ in range(lowers.count(word)):
                k = lowers.index(word, k + 1)
                found.append(k)
        found.sort()
        return found

    # ================================================================ helpers
    def tok(self, index: int) -> Token | None:
        return self.toks[index] if 0 <= index < self.n else None

    def lower(self, index: int) -> str:
        return self.lowers[index] if 0 <= index < self.n else ""

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.toks[first].start, self.toks[last].end

    def quote_at(self, index: int) -> tuple[int, int] | None:
        """The closed quotation holding token `index` (its marks included), if any."""
        return self.quote_around(self.toks[index].start)

    def quote_around(self, at: int) -> tuple[int, int] | None:
        """The closed quotation holding offset `at` (quotations never overlap)."""
        k = bisect.bisect_right(self.quote_starts, at) - 1
        if k >= 0 and at < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def words_from(self, index: int) -> int:
        """How many word tokens there are from token `index` on."""
        return len(self.word_positions) - bisect.bisect_left(self.word_positions, index)

    def inside(self, region: tuple[int, int]) -> tuple[int, int]:
        """The text of a quotation without its marks (one or two characters each)."""
        start, end = region
        opening = 2 if self.text.startswith(("''", "``"), start) else 1
        closing = 2 if self.text[end - 2 : end] == "''" else 1
        return start + opening, end - closing

    def inside_quote(self, index: int) -> bool:
        at = self.toks[index].start
        region = self.quote_around(at)
        return region is not None and region[0] < at < region[1] - 1

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def is_np_word(self, tok: Token) -> bool:
        return tok.is_word and tok.lower not in self.lex.stop_words and tok.lower not in self.lex.verbs

    # ================================================================ noun phrases
    def np_before(self, end_index: int) -> tuple[int, int] | None:
        """Token range of the noun phrase ending at `end_index` (inclusive), scanning back."""
        if end_index < 0 or self.toks[end_index].lower in ("and", "of", "in", "for", "at"):
            return None
        if self.toks[end_index].lower in self.lex.pronouns:
            return end_index, end_index  # "said Wednesday he agrees": the pronoun alone
        first = None
        i = end_index
        while i >= 0 and end_index - i < MAX_NP:
            tok = self.toks[i]
            if tok.text == ")":
                # a parenthesised acronym or party tag: Freedom of Russia Legion (FRL), Sen. Graham (R-S.C.)
                opening = next((k for k in range(i - 1, max(-1, i - 6), -1) if self.toks[k].text == "("), None)
                if opening is not None and opening < i - 1:
                    first, i = opening, opening - 1
                    continue
                break
            if tok.lower in ("and", "of", "in", "for", "at") and first is not None:
                before = self.tok(i - 1)
                # "The FRL and an exiled politician", "the governor of Kursk", "Officials in Russia"
                if (
                    before is not None
                    and self.is_np_word(before)
                    and (
                        tok.lower in ("and", "of", "for")
                        or (before.lower.endswith("s") and self.toks[first].is_capitalised)
                    )
                ):
                    i -= 1
                    continue
                break
            if (
                tok.text == "."
                and first is not None
                and self.toks[first].is_capitalised
                and i >= 1
                and len(self.toks[i - 1].text) == 1
                and self.toks[i - 1].is_capitalised
            ):
                first, i = i, i - 1  # a middle initial: "Donald J. Trump"
                continue
            if first is not None and tok.text == "’" and self.plural_possessive(i):
                i -= 1  # "Bernie Sanders’ campaign"
                continue
            noun_use = tok.lower in self.lex.verbs and (
                self.lower(i - 1) == "of"  # "the secretary of state"
                or (i == end_index and self.after_determiner(i))  # "The report said", "a new survey shows"
                or (first is not None and self.name_part(i, first))  # "spokeswoman Hope Hicks said"
            )
            # a share: "42% say ...", not after a preposition ("won with more than 60% support")
            share = tok.text == "%" and self.lower(i - 1)[:1].isdigit() and self.lower(i - 2) not in SHARE_BEFORE
            if not self.is_np_word(tok) and not noun_use and not share:
                break
            if first == i + 1 and self.toks[first].lower in ("the", "a", "an"):
                break  # an article opens the noun phrase: "...world The Russian Defense Ministry"
            first = i
            i -= 1
        if first is None:
            return None
        if self.toks[first].lower in FIGURE_LINKS or self.number(first):
            first = self.figure_start(first)
        return first, end_index

    def figure_start(self, k: int) -> int:
        """First token of the figure whose number is token k, back over the words joining its
        numbers ("six in 10", "at least 21,000", "all but two", "more than 4 in 10"), within five
        words; k when no number or opening word comes before it ("Democrats in 10 states")."""
        start = k
        for j in range(k - 1, max(-1, k - 6), -1):
            word = self.toks[j].lower
            if self.number(j) or word in FIGURE_OPENERS:
                start = j
            elif word not in FIGURE_LINKS:
                break
        return start

    def after_determiner(self, i: int) -> bool:
        """Token i follows a determiner or a possessive, directly or after one adjective: a
        noun even when it is a cue form ("the report", "a new poll", "the group's statement")."""
        for k in (i - 1, i - 2):
            word = self.lower(k)
            if word in self.lex.determiners or word in QUANTIFIERS or word.endswith(("'s", "’s")):
                return k == i - 1 or (self.is_np_word(self.toks[k + 1]) and not self.lower(i).endswith(("ing", "ed")))
        return False

    def np_after(self, start_index: int, *, to_clause_end: bool = False) -> tuple[int, int] | None:
        """Token range of the noun phrase starting at `start_index`.

        to_clause_end: take every word up to the next comma or the sentence end (the source
        of "according to X").
        """
        last = None
        i = start_index
        while i < self.n and i - start_index < MAX_NP:
            tok = self.toks[i]
            if to_clause_end:
                if (
                    tok.text in CHUNK_BREAKS
                    or tok.text in ".!?"
                    or tok.lower in SUBORDINATORS
                    or (tok.lower in ("who", "which", "that") and last is not None)
                ):
                    break
            elif tok.lower in ("of", "for", "from", "and") and last is not None and self.tok(i + 1) is not None:
                nxt = self.toks[i + 1]
                if not (nxt.is_word and (nxt.is_capitalised or nxt.lower in self.lex.determiners)):
                    break
            elif not self.is_np_word(tok) and not (i + 1 < self.n and self.name_part(i, i + 1)):
                break
            last = i
            i += 1
        return (start_index, last) if last is not None else None

    def name_part(self, i: int, other: int) -> bool:
        """Capitalised token i next to the capitalised name word `other` is part of a name even
        when it is a cue form ("Hope Hicks", "Sam Hope"), outside a title-case headline."""
        tok, near = self.toks[i], self.toks[other]
        return (
            tok.is_word
            and tok.is_capitalised
            and near.is_capitalised
            and self.is_np_word(near)
            and not self.title_case()
        )

    def subject_before(self, end_index: int) -> tuple[int, int] | None:
        """The subject noun phrase ending at token `end_index`, skipping appositions.

        "Andriy Yusov, a spokesman for the country’s military intelligence, said" gives
        "Andriy Yusov"; "In a statement on Tuesday, the ministry said" gives "the ministry".
        """
        if end_index < 0:
            return None
        if self.toks[end_index].text in APPOSITION_DASHES:
            # an apposition between dashes: "Jason Sims — a teacher from Dover — says", also
            # "--" and a spaced hyphen ("Jo Roe - who ran twice - said")
            dash = self.toks[end_index].text
            stop = max(-1, end_index - MAX_APPOSITION)
            opening = next((k for k in range(end_index - 1, stop, -1) if self.toks[k].text == dash), None)
            if opening is not None and dash == "-" and self.lower(end_index - 1) == "-":
                opening = next((k for k in range(end_index - 2, stop, -1) if self.toks[k].text == dash), None)
            if opening is not None and dash == "-" and self.lower(opening - 1) == "-":
                opening -= 1
            return self.subject_before(opening - 1) if opening is not None and opening > 0 else None
        if self.toks[end_index].text == ")" and self.np_before(end_index) is None:
            # a parenthesis that is no acronym or party tag: "Kasich (who has 25 delegates to date) said"
            stop = max(-1, end_index - MAX_APPOSITION)
            opening = next((k for k in range(end_index - 1, stop, -1) if self.toks[k].text in "()"), None)
            if opening is not None and self.toks[opening].text == "(" and opening > 0:
                return self.np_before(opening - 1)
        if self.toks[end_index].text != ",":
            return self.np_before(end_index)
        chunk_end = end_index - 1
        for _ in range(4):
            if chunk_end >= 0 and self.toks[chunk_end].text == ")":
                return self.np_before(chunk_end)  # "Rep. Elijah Cummings (D-Md.), chair of ..., said"
            if chunk_end >= 1 and self.toks[chunk_end].text == "." and self.toks[chunk_end - 1].is_capitalised:
                chunk_end -= 1  # an abbreviation closes the chunk: "of Springfield, Va., said"
            j = chunk_end
            while j >= 0 and self.toks[j].text not in CHUNK_BREAKS:
                j -= 1
            if j + 1 > chunk_end:
                return None
            head = self.toks[j + 1]
            if j >= 1 and self.toks[j].text == "," and chunk_end - j <= 2 and head.is_capitalised:
                k = j - 1
                while k >= 0 and self.toks[k].text not in CHUNK_BREAKS:
                    k -= 1
                if k >= 0 and self.toks[k].text == "," and self.lower(k + 1) in ("of", "from"):
                    chunk_end = k - 1  # "Johnnie Wilson, of Springfield, Va., said": a place after "of"
                    continue
            named = head.lower == "the" and j + 2 <= chunk_end and self.toks[j + 2].is_capitalised
            if named and j >= 0 and self.toks[j].text == ",":
                # "Another group, the Russian Volunteer Corps, said": the name, unless a person's name precedes
                earlier = self.np_before(j - 1)
                if earlier is None or not all(t.is_capitalised for t in self.toks[earlier[0] : earlier[1] + 1]):
                    return self.np_before(chunk_end)
            appositive = (
                head.lower
                in ("a", "an", "the", "who", "which", "whose", "consisting", "representing", "now", "himself")
                or head.text[0].isdigit()
                or (not head.is_capitalised and head.lower not in self.lex.pronouns)
            )
            if j < 0 or self.toks[j].text != "," or not appositive:
                return self.np_before(chunk_end)
            chunk_end = j - 1
        return None

    def main_subject(self) -> tuple[int, int] | None:
        """The subject of the sentence's main clause: the noun phrase before its first verb-like
        word past the opening subordinate clauses ("When the storm passed, the crew ...")."""
        return self.clause_subjects()[1]

    def subject_before_cue(self, index: int) -> tuple[int, int] | None:
        """The subject of the clause a participle, coordinated or gerund cue at token `index`
        hangs on: the main clause's, or the opening subordinate clause's when the cue is in it
        ("As the mayor spoke and warned ..., the crowd left": "the mayor")."""
        opening, main = self.clause_subjects()
        for subject in (main, *reversed(opening)):
            if subject is not None and subject[1] < index:
                return subject
        return None

    def subject_past_opening(self, index: int) -> tuple[int, int] | None:
        """The main clause's subject, before the cue at token `index`, of a sentence that opens
        with a subordinate clause: a cue before the subject is that clause's, not the speaker of
        this one ("As the crowd cheered, the mayor spoke, warning ...": "the mayor")."""
        opening, main = self.clause_subjects()
        return main if opening and main is not None and main[1] < index else None

    def clause_subjects(self) -> tuple[tuple[tuple[int, int], ...], tuple[int, int] | None]:
        if self.subjects_found is None:
            self.subjects_found = self.find_clause_subjects()
        return self.subjects_found

    def find_clause_subjects(self) -> tuple[tuple[tuple[int, int], ...], tuple[int, int] | None]:
        """The subjects of the opening subordinate clauses and of the main clause."""
        opening: list[tuple[int, int]] = []
        first = 0
        verb_like = _starts(self.lex).verb_like
        for i, tok in enumerate(self.toks):
            word = tok.lower
            if i > first and (
                word in verb_like or ((word.endswith("ed") or word in IRREGULAR_PASTS) and self.past_verb(i))
            ):
                if tok.lower in self.lex.adverbs and self.lower(i + 1) == "," and "," not in self.lowers[:i]:
                    continue  # an opening adverbial: "A few days later, Trump ...", "More recently, ..."
                j = i - 1
                while j > 0 and self.toks[j].lower.endswith("ly") and not self.toks[j].is_capitalised:
                    j -= 1  # "Bill Clinton effectively hurled ..."
                prev = self.toks[j]
                if not (prev.is_word or prev.text in "),"):
                    break
                subject = self.past_time_adjunct(self.subject_before(j))
                if opening and subject is not None and subject[0] <= first:
                    break  # a subject reaching back into the subordinate clause
                if subject is None or self.lower(subject[0] - 1) not in SUBJECT_SUBORDINATORS:
                    return tuple(opening), subject
                opening.append(subject)  # a subordinate clause's: the main clause follows its comma
                first = self.clause_comma(i + 1)
                if first >= self.n:
                    break
        return tuple(opening), None

    def clause_comma(self, index: int) -> int:
        """Index of the first comma from token `index` that is outside quotations or closes
        one ("When she called it “a disgrace,” he ..."), or the token count when there is none."""
        for k in range(index, self.n - 1):
            if self.toks[k].text == "," and (not self.inside_quote(k) or self.toks[k + 1].text in QUOTE_MARKS):
                return k
        return self.n

    def past_time_adjunct(self, subject: tuple[int, int] | None) -> tuple[int, int] | None:
        """The subject before a time adjunct found as a subject: "Trump on Saturday tweeted",
        "Trump at the time said", "The council on Friday made ...", "Beck, a host, last week
        said", "The agency two weeks ago said"."""
        if subject is None:
            return None
        words = self.toks[subject[0] : subject[1] + 1]
        if self.lower(subject[0] - 1) in TIME_PREPOSITIONS and all(
            t.lower in TIME_WORDS or t.lower in self.lex.determiners for t in words
        ):
            return self.subject_before(subject[0] - 2)
        if (words[0].lower in TIME_OPENERS or words[-1].lower == "ago") and all(
            t.lower in TIME_WORDS or t.lower in TIME_OPENERS or t.lower in NUMBER_WORDS or t.lower == "ago"
            for t in words
        ):
            return self.subject_before(subject[0] - 1) or subject  # not "a poll released last week"
        return subject

    def adverbial_phrase_end(self, k: int) -> int | None:
        """The "in" of an adverbial phrase ending at token k, between a subject and its cue:
        "in particular", "in fact", "in the past", "in 2001" (`[adverbial_phrases]`)."""
        j = k
        while j > k - 3 and j >= 0 and (self.lower(j) == "the" or self.adverbial_word(j)):
            j -= 1
        if j == k or self.lower(j) != "in" or not any(self.adverbial_word(m) for m in range(j + 1, k + 1)):
            return None
        return j

    def adverbial_word(self, i: int) -> bool:
        tok = self.toks[i]
        return tok.lower in ADVERBIAL_WORDS or (len(tok.text) == 4 and tok.text.isdigit())

    def past_verb(self, i: int) -> bool:
        """Token i reads as a past verb after its subject ("Bill Clinton unloaded on ...", "the
        judge imposed ..."): a lower-case "-ed" word after a noun, not an adjective after a
        determiner ("the embattled senator")."""
        tok, prev = self.toks[i], self.toks[i - 1]
        return (
            ((len(tok.lower) > 4 and tok.lower.endswith("ed")) or tok.lower in IRREGULAR_PASTS)
            and not tok.is_capitalised
            and prev.is_word
            and prev.lower not in self.lex.determiners
            and prev.lower not in self.lex.stop_words
        )

    # ================================================================ cues
    def cue_verb(self, index: int) -> CueVerb | None:
        """The cue verb at token `index`, when it is used as a verb here."""
        tok = self.toks[index]
        verb = self.lex.verbs.get(tok.lower)
        if verb is None or self.inside_quote(index):
            return None
        prev, nxt = self.tok(index - 1), self.tok(index + 1)
        if (
            prev is not None
            and (prev.lower in self.lex.determiners or prev.lower in QUANTIFIERS)
            and not self.quantifier_subject(index, verb)
        ):
            return None  # "the reported attack", "these claims"
        if (
            nxt is not None
            and nxt.lower in ("by", "of")
            and not (tok.lower.endswith("ing") and nxt.lower == "by")
            and not (nxt.lower == "of" and (tok.lower in BEFORE_OF or self.particle_at(index)))
        ):
            return None  # a passive ("was reported by") or a noun ("claims of")
        if nxt is not None and nxt.lower in NOT_CUE_BEFORE.get(tok.lower, ()):
            return None  # a preposition or a name: "compared to", "known as", "thanks to"
        if prev is not None and prev.lower in NOT_CUE_AFTER.get(tok.lower, ()):
            return None  # an adverb of motion or time: "pulls back", "two summers back"
        if tok.lower in NOUN_PLURALS and not (
            (nxt is not None and nxt.lower == "that")
            or (prev is not None and prev.is_word and (
                prev.lower in self.lex.pronouns or prev.lower in ("who", "which", "that")
                or (prev.is_capitalised and tok.lower not in PLURALS_NOT_AFTER_NAMES)
            ))
        ):  # fmt: skip
            return None  # a plural noun: "six states", "legitimate questions", "leaked emails"
        if tok.lower in SEE_AS and not self.viewed_as(index):
            return None  # seeing, not a view: "I saw him leave"
        if tok.lower in NAMING_FORMS and not self.particle_at(index) and self.after_indefinite(index):
            return None  # naming: "a group called Black Votes Matter"
        if tok.lower in PERSON_OBJECT_FORMS and not (
            nxt is not None and nxt.is_word and (nxt.is_capitalised or nxt.lower in OBJECT_PRONOUNS)
        ):
            return None  # a military attack: "attacked the town", not "attacked Rubio"
        if nxt is not None and nxt.lower == "to" and tok.lower == "opposed":
            return None  # an adjective: "fighters opposed to Putin", "committed to"
        if tok.is_capitalised and index > 0 and not self.title_case():
            return None  # "the United States", "Nike Shows"
        if (
            prev is not None
            and (prev.text[0].isdigit() or prev.lower in NUMBER_WORDS)
            and self.lower(index - 2) not in ("of", "in")
            and not (tok.lower in NUMBER_SUBJECT_CUES and not (len(prev.text) == 4 and prev.text.isdigit()))
        ):
            return None  # "3 points", "two reports", not "nine out of 10 say", "43 said" (not "in 2013 said")
        if (
            tok.lower.endswith("s")
            and tok.lower != verb.lemma
            and nxt is not None
            and (
                nxt.lower in BE_FORMS
                or nxt.lower in self.lex.auxiliaries
                or nxt.lower in ("and", "or", "that’s", "were")
            )
        ):
            return None  # a plural noun: "states were exaggerating", "fears and instincts"
        if tok.lower == verb.lemma:
            # the base form doubles as a noun ("the Russian state"): it needs a verb context
            k = index - 1
            while k > 0 and (
                self.toks[k].lower in self.lex.adverbs
                or (self.toks[k].lower.endswith("ly") and not self.toks[k].is_capitalised)
            ):
                k -= 1
            prev = self.tok(k)
            plural = (
                prev is not None
                and prev.is_word
                and prev.lower.endswith("s")
                and not prev.lower.endswith(("’s", "'s", "ss"))
            )
            if prev is None or not (prev.lower in MODALS or prev.lower in ("they", "we", "i", "you") or plural
                                    or prev.lower in PLURAL_HEADS or prev.text[0].isdigit()
                                    or prev.text in "”\"" or self.base_before_clause(index, verb)
                                    or (prev.text in APPOSITION_DASHES and self.plural_before_dash(index))
                                    or (tok.lower in VERB_BASES and (prev.is_word or prev.text == ","))):  # fmt: skip
                return None
            if prev.lower in ("percent", "%") and self.lower(index + 1) in SHARE_FOLLOWERS:
                return None  # a noun: "leads with 36 percent support, and ...", "41 percent support among women"
        elif prev is not None and prev.lower.endswith(("’s", "'s")) and self.contracted_subject(index - 1) is None:
            return None  # "Russia’s claims", not "he's said"
        if tok.lower.endswith("ing") and tok.lower != verb.lemma:
            # a gerund is a cue after a comma (", saying"), a be-form ("is heard saying") or "as"
            absolute = False  # "with the FRL claiming ...": a speaker after "with"
            if prev is not None and prev.is_word:
                np = self.np_before(index - 1)
                absolute = (np is not None and self.lower(np[0] - 1) == "with") or self.with_figure(index)
            contracted = (
                prev is not None
                and prev.lower.endswith(("’s", "'s", "’re", "'re"))
                and prev.lower.split("’")[0].split("'")[0] in self.lex.pronouns
            )
            if prev is None or not (
                prev.text == ","
                or prev.lower in GERUND_PREPOSITIONS
                or prev.lower in BE_FORMS
                or prev.lower in ("as", "heard", "seen")
                or absolute
                or contracted
                or (prev.lower == "and" and verb.verb_class != "stance" and self.gerund_before(index - 1))
            ):
                return None
        return verb

    def with_figure(self, index: int) -> bool:
        """A figure after "with" ends before token `index`: "with three in 10 saying ...", "with
        42% preferring ..." (a share of the speakers as the subject of an absolute clause)."""
        k = index - 1
        while (
            k >= 0
            and index - k <= 6
            and (self.toks[k].lower in FIGURE_LINKS or self.toks[k].text == "%" or self.number(k))
        ):
            k -= 1
        return k < index - 1 and self.lower(k) == "with" and self.lower(index - 1) not in FIGURE_LINKS

    def plural_before_dash(self, index: int) -> bool:
        """The base form at token `index` follows an apposition between dashes after a plural
        noun: "Democrats — and some Republicans — say"; not "His strong - and largely
        unwavering - support" (an adjective before the dashes)."""
        subject = self.subject_before(index - 1) if self.lower(index + 1) != "," else None
        if subject is None:
            return False
        head = self.lower(subject[1])
        return head.endswith("s") and not head.endswith(("ss", "’s", "'s"))

    def gerund_before(self, conjunction: int) -> bool:
        """A verb in "-ing" after a comma or a be-form comes before the "and" at token
        `conjunction`, in the same clause: "are crying fraud and threatening to ...", ", calling
        them liars and threatening ..." (a second gerund of the same verb group)."""
        for k in range(conjunction - 1, 0, -1):
            word = self.lowers[k]
            if word in (";", ":") or word in QUOTE_MARKS:
                return False
            if word.endswith("ing") and (self.lowers[k - 1] == "," or self.lowers[k - 1] in BE_FORMS):
                return True
        return False

    def after_indefinite(self, index: int) -> bool:
        """Token `index` follows a lower-case noun phrase opened by an indefinite article ("a
        new group called ...", "another called ...")."""
        prev = self.tok(index - 1)
        if prev is None or not prev.is_word or prev.is_capitalised or prev.lower in self.lex.pronouns:
            return False
        np = self.np_before(index - 1)
        return np is not None and self.toks[np[0]].lower in INDEFINITES

    def viewed_as(self, index: int) -> bool:
        """ "saw that ...", "saw the event as a chance": a view, with "that" after the verb or
        "as" before the next comma or the sentence end."""
        if self.lower(index + 1) == "that":
            return True
        for k in range(index + 2, self.n):
            word = self.lowers[k]
            if word == "as":
                return True
            if word in CHUNK_BREAKS or word in SEE_AS:
                return False  # each scan stops at the next form: linear in the sentence
        return False

    def quantifier_subject(self, index: int, verb: CueVerb) -> bool:
        """A base-form or past cue after a quantifier that is the subject itself, before a
        clause: "Some believe the plan will fail", "Many say that ...", "Several said they ..."
        (not "some claims", "some reported attacks")."""
        tok, before = self.toks[index], self.tok(index - 2)
        return (
            (tok.lower == verb.lemma or not tok.lower.endswith(("s", "ing")))
            and self.lower(index - 1) in QUANTIFIER_SUBJECTS
            and (before is None or not before.is_word or before.lower in ("and", "but", "while", "as"))
            and (self.lower(index + 1) == "that" or self.lower(index + 1) in CLAUSE_OPENERS)
        )

    def base_before_clause(self, index: int, verb: CueVerb) -> bool:
        """A base-form speech or belief verb after a noun and before a clause: "Supporters in
        Congress say the program works" (the plural noun is further back)."""
        prev, nxt = self.tok(index - 1), self.tok(index + 1)
        return (
            verb.verb_class in CLAUSE_CLASSES
            and verb.lemma not in NOUN_CUES  # "the claim that ...", "a hope that ..."
            and prev is not None
            and prev.is_word
            and prev.lower not in self.lex.determiners
            and prev.lower not in self.lex.stop_words
            and nxt is not None
            and (nxt.lower == "that" or nxt.lower in CLAUSE_OPENERS)
        )

    def title_case(self) -> bool:
        """A headline in Title Case, where verbs are capitalised too."""
        if self.is_title_case is None:
            words = [t for t in self.toks if t.is_word and len(t.text) > 3]
            self.is_title_case = len(words) >= 3 and sum(t.is_capitalised for t in words) > 0.7 * len(words)
        return self.is_title_case

    def passive(self, index: int) -> bool:
        """A passive reporting verb ("is expected to", "were reported"), not a cue."""
        verb_tok = self.toks[index]
        if verb_tok.lower.endswith("ing"):
            return False
        i = index - 1
        while i >= 0 and (
            (
                self.toks[i].lower in self.lex.adverbs
                or self.toks[i].lower in NEGATIONS
                or (self.toks[i].lower.endswith("ly") and not self.toks[i].is_capitalised)
            )
            and self.toks[i].lower not in BE_FORMS
        ):
            i -= 1
        return i >= 0 and (self.toks[i].lower in BE_FORMS or self.toks[i].lower in NEGATED_BE)

    def clause_follows(self, index: int) -> bool:
        """A "that"-clause, colon or quotation follows the cue (within a short adverbial)."""
        for j in range(index + 1, min(self.n, index + 9)):
            tok = self.toks[j]
            if tok.lower == "that" or tok.text in ":" or tok.text in OPENERS:
                between = self.toks[index + 1 : j]
                return not between or (between[0].lower in ADVERBIAL_STARTS and not self.clause_between(between))
            if tok.text in ".;," and j > index + 1 and tok.text != ",":
                return False
            if tok.lower in self.lex.verbs and j > index + 1:
                return False
        return False

    def clause_between(self, between: list[Token]) -> bool:
        """The words between a cue and a "that" hold an auxiliary or a form of "be": a clause,
        whose "that" is a determiner ("said, the party may not take that step")."""
        return any(t.lower in GAP_WORDS or t.lower in BE_FORMS for t in between[1:])

    # ================================================================ rules
    def attributions(self) -> list[Attribution]:
        found: list[Attribution] = []
        found.extend(self.according_to())
        found.extend(self.for_source())
        found.extend(self.opening_participle())
        found.extend(self.colon_quote())
        found.extend(self.quote_dash())
        found.extend(self.media_shows(found))
        taken: set[int] = set()
        for a in found:
            self.take(taken, a.cue)
        candidates = self.where(_starts(self.lex).cue_verbs)
        for index in candidates:
            tok = self.toks[index]
            if index in taken:
                continue
            if self.lower(index + 1) == "by":
                passive = self.passive_by(index)
                if passive is not None:
                    found.append(passive)
                    self.take(taken, passive.cue)
                    continue
            attribution = self.asked(index) if tok.lower == "asked" else None  # also "asked by X whether"
            if attribution is not None:
                found.append(attribution)
                self.take(taken, attribution.cue)
                continue
            verb = self.cue_verb(index) or self.particle_verb(index)
            if verb is None:
                continue
            if verb.needs_clause and not self.clause_follows(index) and self.words_from(index + 1) > 0:
                signed = self.signed_quote(index, verb) if verb.lemma in QUOTE_SIGNERS else None
                if signed is not None:  # “A,” she continued, to cheers.
                    found.append(signed)
                    self.take(taken, signed.cue)
                continue
            attribution = self.for_cue(index, verb, found)
            if attribution is not None:
                found.append(attribution)
                self.take(taken, attribution.cue)
        for index in self.where(SIGNER_FIRSTS):
            signed = self.signature_cue(index) if index not in taken else None
            if signed is not None:
                found.append(signed)
                self.take(taken, signed.cue)
        for index in self.where(frozenset(AS_CUES)):
            as_said = self.as_cue(index) if index not in taken else None
            if as_said is not None:
                found.append(as_said)
                self.take(taken, as_said.cue)
        found.extend(self.noun_cues(found, taken))
        self.contents = None  # `in_content` reads `found` afresh: noun cues were added
        found.extend(self.raising(found))
        found.extend(self.polls(found))
        found.extend(self.headline_colon(found))
        found.sort(key=lambda a: (a.cue or a.content)[0])
        found = self.relative_main_verbs(found)
        return self.split_coordinated_contents(self.drop_duplicates(found))

    def signature_cue(self, index: int) -> Attribution | None:
        """A word that is a cue only when it signs the quotation before it (`[quote_signers]`):
        “A,” the letter reads / “A,” Trump shot back."""
        words = SIGNERS[self.toks[index].lower]
        last = index + len(words) - 1
        if self.toks[index].is_capitalised or any(self.lower(index + k) != w for k, w in enumerate(words)):
            return None
        verb = CueVerb(
            form=" ".join(words), lemma=words[0], verb_class="speech", certainty="certain", polarity="assert"
        )
        return self.signed_quote(last, verb, cue_first=index)

    def as_cue(self, index: int) -> Attribution | None:
        """A phrase that is a cue only in an "as" clause (`[as_cues]`): "As the senator put it, the
        bill is dead" / "..., as one aide put it." (`as_clause` finds what was said)."""
        words = AS_CUES[self.toks[index].lower]
        last = index + len(words) - 1
        if any(self.lower(index + k) != w for k, w in enumerate(words)):
            return None
        before = index - 1
        while before > 0 and self.lower(before).endswith("ly") and not self.toks[before].is_capitalised:
            before -= 1  # "as X recently put it"
        subject = self.subject_before(before)
        if self.lower(before) == ",":  # "as Jo Roe, a former mayor, put it": the name before its apposition
            k = before - 1
            while k > 0 and before - k < MAX_QUOTE_SIGNER and (word := self.lower(k)) != "as":
                if word in self.lex.verbs:
                    return None
                k -= 1
            subject = self.np_after(k + 1, to_clause_end=True) if self.lower(k) == "as" else None
        if subject is None or self.lower(subject[0] - 1) != "as":
            return None
        verb = CueVerb(
            form=" ".join(words), lemma=words[0], verb_class="speech", certainty="certain", polarity="assert"
        )
        return self.as_clause(last, subject, self.span(index, last), verb)

    def signed_quote(self, index: int, verb: CueVerb, *, cue_first: int | None = None) -> Attribution | None:
        """The quotation before a cue that signs it, closed by a comma, "?" or "!" (a cue that
        needs a clause after it, or a signature-only one): “A,” she continued, to cheers."""
        if cue_first is None:
            cue_first = self.cue_span(index)
        cue = self.span(cue_first, index + 1 if self.particle_at(index) else index)
        signed = self.quote_then_said(index, cue_first, cue, verb, cue_first - 1)
        if signed is None or not any(c in ",?!" for c in self.text[signed.content[1] - 1 : signed.content[1] + 3]):
            return None  # a quotation closed without a comma is a title or a phrase: As “Never Trump” continues
        return signed

    def passive_by(self, index: int) -> Attribution | None:
        """ "The plan was criticized by farmers' groups": a passive cue verb with its agent; the
        agent is the source, the subject of the passive what is claimed, backed or judged."""
        tok = self.toks[index]
        verb = self.lex.verbs.get(tok.lower)
        if (
            verb is None
            or verb.verb_class not in PASSIVE_CLASSES
            or verb.lemma in OBJECT_TAKING  # "was asked by", "was told by": the subject is the addressee
            or tok.lower in NOT_CUE_BEFORE  # "is known by"
            or tok.lower == verb.lemma
            or tok.lower.endswith(("ing", "s"))
            or self.inside_quote(index)
        ):
            return None
        be = index - 1
        while (
            be >= 0
            and (
                self.toks[be].lower in self.lex.adverbs
                or self.toks[be].lower in NEGATIONS
                or (self.toks[be].lower.endswith("ly") and not self.toks[be].is_capitalised)
            )
            and self.toks[be].lower not in BE_FORMS
        ):
            be -= 1
        if be < 1 or self.toks[be].lower not in BE_FORMS or self.toks[be].lower in ("'s", "’s"):
            return None
        first = be
        while first > 0 and (self.toks[first - 1].lower in self.lex.auxiliaries or self.negation(first - 1)):
            first -= 1
        subject_end = first - 1
        while subject_end >= 0 and self.toks[subject_end].lower in self.lex.adverbs:
            subject_end -= 1
        subject = self.subject_before(subject_end)
        agent = self.np_after(index + 2, to_clause_end=True)
        if subject is None or agent is None or self.lower(subject[0] - 1) in ("who", "which", "that", "what"):
            return None
        if subject[0] == subject[1] and self.toks[subject[0]].lower in self.lex.pronouns:
            return None  # "it was reported by ..." / "he was backed by ...": no content named
        content = self.span(*subject)
        return Attribution(content=content, speaker=self.span(*agent), cue=self.span(first, index + 1),
                           rule="attribution.passive_by.v1", verb=verb)  # fmt: skip

    def particle_verb(self, index: int) -> CueVerb | None:
        """A verb that is a cue with its particle only: "spoke about", "talked about"."""
        tok = self.toks[index]
        if tok.lower in self.lex.verbs or not self.particle_at(index) or self.inside_quote(index):
            return None
        prev = self.tok(index - 1)
        if prev is not None and (prev.lower in self.lex.determiners or prev.lower in QUANTIFIERS):
            return None
        lemma = PARTICLE_FORMS[tok.lower][0]
        return CueVerb(form=tok.lower, lemma=lemma, verb_class="stance", certainty="certain", polarity="assert")

    def particle_at(self, index: int) -> bool:
        """The cue verb at `index` is followed by its particle: "called for", "referring to"."""
        return self.particle_length(index) > 0

    def particle_length(self, index: int) -> int:
        """How many tokens the particle after the cue verb at `index` has: one ("called for"), two
        ("made it clear"), or none."""
        entry = PARTICLE_FORMS.get(self.toks[index].lower)
        if entry is None:
            return 0
        if self.lower(index + 1) in entry[1] and self.words_from(index + 2) > 0:
            return 1
        if f"{self.lower(index + 1)} {self.lower(index + 2)}" in entry[1] and self.words_from(index + 3) > 0:
            return 2
        return 0

    def take(self, taken: set[int], cue: tuple[int, int] | None) -> None:
        """Mark the tokens of a cue as used, so that no other rule reads them as a cue."""
        if cue is not None:
            taken.update(range(self.index_at(cue[0]), self.index_at(cue[1])))

    def next_comma(self, index: int, stop: int) -> int | None:
        """Offset of the first comma outside quotations from token `index`, before offset `stop`."""
        if self.commas is None:  # found once: every cue asks (a scan per cue was quadratic)
            self.commas = [k for k in self.where(COMMA) if not self.inside_quote(k)]
        i = bisect.bisect_left(self.commas, index)
        if i == len(self.commas):
            return None
        start = self.toks[self.commas[i]].start
        return start if start < stop else None

    # ---------------------------------------------------------------- noun cues
    def noun_cues(self, found: list[Attribution], taken: set[int]) -> list[Attribution]:
        """ "Rubio's claim that CONTENT", "Pence's call for CONTENT", "the claim by aides that
        CONTENT": a noun cue with its complement; the source is the possessive before it or the
        "by"/"from" phrase after it."""
        out: list[Attribution] = []
        for k in self.where(NOUN_CUE_WORDS):
            tok = self.toks[k]
            opens = NOUN_CUES[tok.lower]
            if k in taken or self.inside_quote(k):
                continue
            speaker: tuple[int, int] | None = None
            comp = k + 1
            if self.lower(comp) in ("by", "from"):
                np = self.np_after(comp + 1)
                if np is None or self.lower(np[1] + 1) not in opens:
                    continue
                speaker, comp = self.span(*np), np[1] + 1
            if self.lower(comp) not in opens or self.words_from(comp + 1) == 0:
                continue
            if speaker is None:
                speaker = self.possessor(k)
            stance = tok.lower in STANCE_NOUNS
            if stance and speaker is None:
                continue  # "the attacks on the convoy": a stance noun needs its possessive source
            begin = self.toks[comp + 1 if self.lower(comp) != "to" or stance else comp].start
            stop = self.boundary_after(begin)
            if self.lower(comp) != "that":
                stop = self.object_end(comp + 1, stop)
                verb = next((j for j in range(comp + 1, self.index_at(stop)) if self.lower(j) in NOUN_CUE_STOPS), None)
                if verb is not None:
                    stop = self.toks[verb].start  # "his support for the bill has grown": the noun is a subject
            content = _trim(self.text, begin, stop)
            if content[0] >= content[1] or (self.in_content(found, tok.start) and (speaker is None or stance)):
                continue
            cue = self.span(k, k)
            out.append(Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.noun_cue.v1"))
        return out

    def possessor(self, k: int) -> tuple[int, int] | None:
        """Who owns the noun at token k: "Rubio's (latest) claim", "his plan"; without the "'s"."""
        j = k - 1
        while j >= 0 and k - j <= 3 and self.toks[j].is_word and not self.toks[j].is_capitalised:
            if self.toks[j].lower.endswith(("'s", "’s")):
                break
            if self.toks[j].lower in POSSESSIVE_PRONOUNS:
                return self.span(j, j)
            if self.toks[j].lower in self.lex.determiners or self.toks[j].lower in self.lex.stop_words:
                return None
            j -= 1  # an adjective between: "Trump's repeated claims"
        if j < 0 or not self.toks[j].lower.endswith(("'s", "’s")) or not self.toks[j].is_word:
            return None
        first = j  # a name or "the NRA": capitalised words and an opening article
        while first > 0 and j - first < 4 and self.toks[first - 1].is_capitalised and self.toks[first - 1].is_word:
            first -= 1
        if first > 0 and self.lower(first - 1) == "the":
            first -= 1
        start, end = self.span(first, j)
        return start, end - 2

    # ---------------------------------------------------------------- questions
    def asked(self, index: int) -> Attribution | None:
        """ "Asked whether he would run, Smith said ..." / "when asked about her weaknesses": the
        question put to the subject; its source is the agent, if named ("Asked by a reporter
        whether ..."), and adjuncts may stand before the question ("Asked on Monday why ...")."""
        prev = self.lower(index - 1)
        if (
            index > 0 and prev not in ("when", "was", "were", "is", "being", "been", ",", "after", "if", "once")
        ) or self.inside_quote(index):
            return None
        agent = None
        k = index + 1
        if self.lower(k) == "by":  # "asked by Matt Lauer whether": the agent ends at the question
            end = k + 1
            while (
                end < self.n
                and end - k <= MAX_ASK_GAP
                and self.is_np_word(self.toks[end])
                and self.lower(end) not in QUESTION_WORDS
            ):
                end += 1
            agent = self.span(k + 1, end - 1) if end > k + 1 else None
            k = end
        question = k
        if self.lower(k) in ADVERBIAL_STARTS or (self.lower(k).endswith("ly") and not self.toks[k].is_capitalised):
            question += 1  # an adjunct: "Asked on Monday whether", "asked in Iowa recently whether"
            while (
                question < self.n
                and question - k < MAX_ASK_GAP
                and self.toks[question].is_word
                and self.lower(question) not in QUESTION_WORDS
                and self.lower(question) != "to"
            ):
                question += 1
        nxt = self.lower(question)
        if nxt not in QUESTION_WORDS and not (nxt == "to" and (question == index + 1 or agent is not None)):
            return None
        first = index - 1 if prev in ("was", "were", "is", "being", "been") else index
        last = question if nxt == "about" else question - 1
        begin = self.toks[last + 1].start if last + 1 < self.n else self.end
        stop = self.boundary_after(begin)
        comma = self.next_comma(last + 1, stop)
        content = _trim(self.text, begin, comma if comma is not None else stop)
        if content[0] >= content[1]:
            return None
        cue = self.span(first, index if question > index + 1 else last)
        return Attribution(content=content, speaker=agent, cue=cue, rule="attribution.asked.v1")

    # ---------------------------------------------------------------- sourceless judgements
    def raising(self, found: list[Attribution]) -> list[Attribution]:
        """ "X seemed to understand ...", "X is expected to act": a judgement with no source;
        the content is the subject with what follows the cue."""
        out: list[Attribution] = []
        for i in self.where(RAISING_CUES):
            tok = self.toks[i]
            if i == 0 or (self.lower(i + 1) != "to" and not self.bare_raising(i)) or self.inside_quote(i):
                continue
            first = i
            be = i - 1  # "is expected", "is widely expected", "isn’t expected", "was not expected"
            while (
                be > 0
                and self.lower(be) not in NEGATED_BE
                and (self.negation(be) or self.lower(be).endswith("ly") or self.lower(be) in self.lex.adverbs)
            ):
                be -= 1
            if tok.lower in RAISING_PASSIVES and (
                (self.lower(be) in BE_FORMS and self.lower(be) not in ("'s", "’s")) or self.lower(be) in NEGATED_BE
            ):
                first = be
            elif tok.lower not in RAISING_VERBS:
                continue
            subject_end = first - 1
            while subject_end >= 0 and self.toks[subject_end].lower in self.lex.adverbs:
                subject_end -= 1
            relative = self.lower(subject_end) in ("who", "which") and tok.lower in RAISING_PASSIVES
            subject = (subject_end, subject_end) if relative else self.subject_before(subject_end)
            if subject is None or self.lower(subject[0] - 1) in ("who", "which", "that"):
                continue
            if self.in_content(found, self.toks[i].start):
                continue  # inside the content of another attribution: "He said X is expected to ..."
            begin = self.toks[subject[0]].start if subject[0] > 0 else self.clause_start()
            content = _trim(self.text, begin, self.boundary_after(self.toks[i + 1].start))
            if content[0] < content[1]:
                out.append(
                    Attribution(content=content, speaker=None, cue=self.span(first, i), rule="attribution.raising.v1")
                )
        return out

    def bare_raising(self, i: int) -> bool:
        """ "Trump seemed annoyed", "the deal seems like a win": seem with a complement
        and no "to" (not appear, which also means showing up: "appeared on stage")."""
        nxt = self.tok(i + 1)
        return (
            self.toks[i].lower in RAISING_BARE
            and nxt is not None
            and nxt.is_word
            and not nxt.is_capitalised
            and (nxt.lower not in self.lex.stop_words or nxt.lower in ("like", "as"))
        )

    def in_content(self, found: list[Attribution], at: int) -> bool:
        """Whether offset `at` lies in the content of an attribution of `found` (not changed meanwhile)."""
        if self.contents is None:
            self.contents = sorted(a.content for a in found)
            self.content_ends = list(itertools.accumulate((e for _, e in self.contents), max))
        k = bisect.bisect_right(self.contents, (at, self.end + 1)) - 1
        return k >= 0 and self.content_ends[k] > at

    def polls(self, found: list[Attribution]) -> list[Attribution]:
        """ "In a new poll, CONTENT" / "CONTENT in the latest Monmouth poll.": the poll is the source."""
        poll = next((k for k in self.where(POLL_NOUNS) if k < 16 and not self.inside_quote(k)), None)
        if poll is None:
            return []
        if self.lower(0) == "in" and self.lower(1) in ("a", "an", "the"):
            comma = next((k for k in range(poll + 1, min(self.n, poll + 8)) if self.toks[k].text == ","), None)
            if comma is None or any(a.cue and a.cue[0] < self.toks[comma].start for a in found):
                return []
            content = _trim(self.text, self.toks[comma].end, self.boundary_after(self.toks[comma].end))
            speaker = self.span(1, comma - 1)
            if content[0] >= content[1]:
                return []
            return [Attribution(content=content, speaker=speaker, cue=self.span(0, 0), rule="attribution.poll.v1")]
        return self.trailing_poll(found)

    def trailing_poll(self, found: list[Attribution]) -> list[Attribution]:
        """ "Clinton leads Sanders by 9 points in the latest Monmouth poll." (the poll closes the sentence)."""
        for k in self.where(IN):
            if not 1 <= k < self.n - 2 or self.lower(k + 1) not in ("a", "an", "the") or self.inside_quote(k):
                continue
            np = self.np_after(k + 1, to_clause_end=True)
            if np is None or not any(self.lower(j) in POLL_NOUNS for j in range(np[0], np[1] + 1)):
                continue
            if self.words_from(np[1] + 1) > 0 or any(a.cue for a in found):
                return []
            content = _trim(self.text, self.clause_start(), self.toks[k].start)
            if content[0] < content[1]:
                return [Attribution(content=content, speaker=self.span(k + 1, np[1]), cue=self.span(k, k),
                                    rule="attribution.poll.v1")]  # fmt: skip
        return []

    def headline_colon(self, found: list[Attribution]) -> list[Attribution]:
        """ "Carson: Cruz taking 'Benghazi' approach": a short capitalised name before a colon."""
        if found:
            return []
        colon = self.first_colon()
        if colon is None or colon == 0 or colon + 1 >= self.n:
            return []
        name = self.toks[:colon]
        if not all(t.is_capitalised or t.lower in ("to", "of", "on", "and", ".") for t in name) or not name[0].is_word:
            return []
        label = " ".join(t.lower for t in name)
        if label in HEADLINE_LABELS or label in TURN_NOT_SPEAKERS or any(t.text[0].isdigit() for t in name):
            return []
        if self.words_from(colon + 1) < MIN_TURN_WORDS:
            return []  # "Trump: 1,547", "Answer: A boy": a tally or a caption, no statement
        content = _trim(self.text, self.toks[colon + 1].start, self.end)
        return [Attribution(content=content, speaker=self.span(0, colon - 1), cue=self.span(colon, colon),
                            rule="attribution.headline_colon.v1")]  # fmt: skip

    # ---------------------------------------------------------------- according to
    def according_to(self) -> list[Attribution]:
        out: list[Attribution] = []
        for i in self.where(ACCORDING):
            if i >= self.n - 2 or self.lower(i + 1) != "to" or self.inside_quote(i):
                continue
            np = self.np_after(i + 2, to_clause_end=True)
            if np is None:
                continue
            cue = self.span(i, i + 1)
            words_before = len(self.word_positions) - self.words_from(i)
            leading = words_before == 0 or (
                words_before == 1
                and self.toks[self.word_positions[0]].lower in ("however", "but", "and", "meanwhile", "also", "still")
            )
            if leading and np[1] + 1 < self.n and self.lower(np[1] + 1) in ("who", "which", "that"):
                comma = next((k for k in range(np[1] + 1, min(self.n, np[1] + 14)) if self.toks[k].text == ","), None)
                if comma is not None:
                    content = _trim(self.text, self.toks[comma].end, self.boundary_after(self.toks[comma].end))
                    if content[0] < content[1]:
                        out.append(Attribution(content=content, speaker=self.span(*np), cue=cue,
                                               rule="attribution.according_to.v1"))  # fmt: skip
                continue
            if leading and np[1] + 1 < self.n and self.toks[np[1] + 1].text == ",":
                # According to X(, apposition), CONTENT
                after = np[1] + 2
                nxt = self.np_after(after, to_clause_end=True)
                speaker = self.span(*np)
                if (
                    nxt is not None
                    and nxt[1] + 1 < self.n
                    and self.toks[nxt[1] + 1].text == ","
                    and self.toks[nxt[0]].is_capitalised
                    and (nxt[1] - nxt[0]) < 4
                ):
                    speaker = self.span(*nxt)  # According to Belgorod’s governor, Vyacheslav Gladkov, ...
                    after = nxt[1] + 2
                if after < self.n:
                    content = _trim(self.text, self.toks[after].start, self.boundary_after(self.toks[after].start))
                    if content[0] < content[1]:
                        out.append(
                            Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.according_to.v1")
                        )
                continue
            closed = i > 1 and self.toks[i - 1].text in CLOSERS and self.toks[i - 2].text == ","
            if (i > 0 and self.toks[i - 1].text == ",") or closed:
                # CONTENT, according to X(, Name). / “CONTENT,” according to X.
                speaker, last = self.span(*np), np[1]
                if np[1] + 2 < self.n and self.toks[np[1] + 1].text == ",":
                    name = self.np_after(np[1] + 2, to_clause_end=True)
                    if name is not None and self.toks[name[0]].is_capitalised and name[1] - name[0] < 4:
                        speaker, last = self.span(*name), name[1]
                end = self.toks[i - 1].end if closed else self.toks[i - 1].start
                if self.resumed_after(last):
                    end = self.boundary_after(self.toks[last + 2].start)  # "A, according to X, B."
                content = _trim(self.text, self.clause_start(), end)
                if content[0] < content[1]:
                    out.append(
                        Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.according_to.v1")
                    )
        return out

    def resumed_after(self, last: int) -> bool:
        """The sentence's verb follows the parenthetical "according to X" ending at token `last`
        ("At the heart of it, according to aides, was a decision ..."): a comma, then a form
        of "be" or an auxiliary (not an apposition of X: "according to X, a pollster, ...")."""
        if last + 2 >= self.n or self.toks[last + 1].text != ",":
            return False
        nxt = self.lower(last + 2)
        return nxt in BE_FORMS or nxt in self.lex.auxiliaries

    def opening_participle(self) -> list[Attribution]:
        """ "Citing a new poll, the senator said ...": the participle's object is what the
        subject of the main clause cites, claims or notes."""
        first = self.tok(0)
        if first is None or not first.is_capitalised or first.lower not in OPENING_PARTICIPLES:
            return []
        comma = self.next_comma(1, self.end)
        if comma is None:
            return []
        after = self.index_at(comma + 1)
        subject = self.np_after(after)
        content = _trim(self.text, self.toks[1].start if self.n > 1 else comma, comma)
        if subject is None or content[0] >= content[1]:
            return []
        verb = self.lex.verbs.get(first.lower)
        return [
            Attribution(
                content=content,
                speaker=self.span(*subject),
                cue=self.span(0, 0),
                rule="attribution.opening_participle.v1",
                verb=verb,
            )
        ]

    def for_source(self) -> list[Attribution]:
        """ "For Baranovsky, the offensive is underway": a named source's view."""
        if self.n < 4 or self.lower(0) != "for" or not self.toks[1].is_capitalised:
            return []
        np = self.np_after(1)
        if np is None or np[1] - np[0] > 3 or self.lower(np[1] + 1) != ",":
            return []
        if not all(t.is_capitalised for t in self.toks[np[0] : np[1] + 1]):
            return []
        opening = self.tok(np[1] + 2)
        if opening is None or opening.lower in EXPLETIVES or opening.text[0].isdigit():
            return []  # "For Obama, it was a day of celebration", "For Emanuel, 56, ...": the article's own words
        content = _trim(self.text, self.toks[np[1] + 1].end, self.boundary_after(self.toks[np[1] + 1].end))
        if content[0] >= content[1]:
            return []
        return [
            Attribution(content=content, speaker=self.span(*np), cue=self.span(0, 0), rule="attribution.for_source.v1")
        ]

    def first_colon(self) -> int | None:
        """The colon among the first seven tokens (a headline's or a speaker's), if any."""
        if ":" not in self.vocabulary:
            return None
        index = self.lowers.index(":")
        return index if index < 7 else None

    def colon_quote(self) -> list[Attribution]:
        """ "Trump: “We will win.”": a short name, a colon, a quotation."""
        colon = self.first_colon()
        if colon is None or colon == 0 or self.tok(colon + 1) is None:
            return []
        np = self.np_before(colon - 1)
        region = self.quote_at(colon + 1)
        if np is None or np[0] != 0 or region is None or region[0] != self.toks[colon + 1].start:
            return []
        content = _trim_quoted(self.text, *self.inside(region))
        if content[0] >= content[1]:
            return []
        return [
            Attribution(
                content=content, speaker=self.span(*np), cue=self.span(colon, colon), rule="attribution.colon_quote.v1"
            )
        ]

    def quote_dash(self) -> list[Attribution]:
        """ "“We will rebuild.” ― Ana Ruiz": a quotation signed with a dash and a name that closes
        the sentence; the quotation opens the sentence or a sentence before it in the paragraph
        (the signature may be a sentence of its own)."""
        if self.n < 2 or self.toks[self.n - 1].text in QUOTE_MARKS or self.vocabulary.isdisjoint(SIGNING_DASHES):
            return []
        dash = next(
            (k for k in range(self.n - 1, max(-1, self.n - 9), -1) if self.toks[k].text in SIGNING_DASHES), None
        )
        if dash is None:
            return []
        comma = next((k for k in range(dash + 1, self.n) if self.toks[k].text == ","), self.n)
        words = [k for k in range(dash + 1, comma) if self.toks[k].is_word]
        if not words or any(not self.toks[k].is_capitalised for k in words):
            return []  # "“...” — and then the crowd left": not a name
        if any(not t.is_word and t.text not in ".," for t in self.toks[dash + 1 :]):
            return []  # "― Omar Haddad, farmer" at most: a name and its description
        if dash > 0:
            if self.toks[dash - 1].text not in CLOSERS:
                return []
            closer = self.toks[dash - 1].start
            region = self.quote_at(dash - 1)
            if region is not None:
                if region[0] != self.toks[0].start:
                    return []
                content = _trim_quoted(self.text, *self.inside(region))
                return [self.signed(content, words, dash)]
            if any(t.text in QUOTE_MARKS for t in self.toks[: dash - 1]):
                return []
        else:
            closer = len(self.text[: self.start].rstrip()) - 1  # the signature alone: “...” / ― Ana Ruiz
            if closer < 0 or self.start - closer > 3 or self.text[closer] not in QUOTE_CHARS:
                return []
        # the quotation opened sentences before: back to its mark, within the paragraph
        line = self.text.rfind("\n", max(0, closer - MAX_QUOTE_BACK), closer) + 1
        opened = max(self.text.rfind(mark, line, closer) for mark in QUOTE_CHARS)
        if opened < 0:
            return []
        content = _trim_quoted(self.text, opened + 1, closer)
        return [self.signed(content, words, dash)] if content[0] < content[1] else []

    def signed(self, content: tuple[int, int], words: list[int], dash: int) -> Attribution:
        return Attribution(
            content=content,
            speaker=self.span(words[0], words[-1]),
            cue=self.span(dash, dash),
            rule="attribution.quote_dash.v1",
        )

    def clause_start(self) -> int:
        """Where a content at the start of the sentence begins: after a leading connective."""
        first = self.toks[0] if self.toks else None
        if first is not None and first.lower in ("however", "but", "and", "meanwhile", "still", "moreover", "also"):
            k = 2 if self.lower(1) == "," else 1
            return self.toks[k].start if k < self.n else self.start
        return self.start

    # ---------------------------------------------------------------- media
    def media_shows(self, found: list[Attribution]) -> list[Attribution]:
        """X posted/released a video purportedly showing CONTENT: the poster claims what it shows."""
        out: list[Attribution] = []
        starts = _starts(self.lex)
        if self.vocabulary.isdisjoint(starts.hedged_show_ends):
            return out  # a hedged phrase ends with a word of its own: "purportedly showing"
        lower_text = self.text[self.start : self.end].lower()
        for phrase in self.lex.hedged_show:
            at = lower_text.find(" " + phrase + " ")
            while at >= 0:
                cue_start = self.start + at + 1
                cue = (cue_start, cue_start + len(phrase))
                attribution = self.media_claim(cue)
                if attribution is not None and not any(a.cue and a.cue[0] <= cue_start < a.cue[1] for a in out):
                    out.append(attribution)
                at = lower_text.find(" " + phrase + " ", at + 1)
        return out

    def media_claim(self, cue: tuple[int, int]) -> Attribution | None:
        first = self.index_at(cue[0])
        # a media noun shortly before, and a publishing verb before that
        noun = next(
            (j for j in range(first - 1, max(-1, first - 7), -1) if self.lower(j) in self.lex.media_nouns), None
        )
        if noun is None:
            return None
        verb_index = next(
            (j for j in range(noun - 1, max(-1, noun - 6), -1)
             if self.lower(j) in self.lex.verbs
             and self.lex.verbs[self.lower(j)].verb_class in ("publishing", "speech")),
            None,
        )  # fmt: skip
        if verb_index is None:
            return None
        content = _trim(self.text, cue[1], self.boundary_after(cue[1]))
        if content[0] >= content[1]:
            return None
        verb = self.lex.verbs[self.lower(verb_index)]
        if self.lower(verb_index).endswith("ing") and self.lower(verb_index - 1) == ",":
            return Attribution(
                content=content,
                speaker=None,
                cue=cue,
                rule="attribution.media_shows.v1",
                verb=verb,
                inherits_speaker=True,
            )
        subject_end = verb_index - 1
        while subject_end >= 0 and self.toks[subject_end].lower in self.lex.adverbs:
            subject_end -= 1
        subject = self.subject_before(subject_end)
        if subject is None:
            return None
        return Attribution(
            content=content, speaker=self.span(*subject), cue=cue, rule="attribution.media_shows.v1", verb=verb
        )

    # ---------------------------------------------------------------- one cue
    def cue_span(self, index: int) -> int:
        """First token of the cue at `index`: auxiliaries and "quoted as" belong to it."""
        first = index
        if index >= 2 and self.lower(index - 1) == "as" and self.lower(index - 2) in ("quoted", "heard"):
            first = index - 2
        elif index >= 1 and self.lower(index - 1) in ("heard", "seen"):
            first = index - 1
        while first > 0 and (self.toks[first - 1].lower in self.lex.auxiliaries or self.negation(first - 1)):
            first -= 1
        return first

    def negation(self, index: int) -> bool:
        """A negated auxiliary or modal of the cue's verb group: "did not say", "has never said",
        "could not confirm", "hasn't said" (not a bare "not": "in ways not seen since")."""
        word = self.toks[index].lower
        if word.endswith(("n't", "n’t")):
            return True
        before = self.lower(index - 1)
        return word in NEGATIONS and (before in self.lex.auxiliaries or before in NEGATED_MODALS)

    def cue_before(self, found: list[Attribution], here: int, *, with_speaker: bool = False) -> bool:
        """Whether an attribution found so far has its cue before offset `here` (and, with
        `with_speaker`, a speaker of its own or inherited); `found` only grows, so the earliest
        cue ends are kept up to date incrementally."""
        seen, earliest, earliest_speaker = self.cue_ends
        for a in found[seen:]:
            if a.cue:
                earliest = min(earliest, a.cue[1])
                if a.speaker or a.inherits_speaker:
                    earliest_speaker = min(earliest_speaker, a.cue[1])
        self.cue_ends = (len(found), earliest, earliest_speaker)
        return (earliest_speaker if with_speaker else earliest) <= here

    def for_cue(self, index: int, verb: CueVerb, found: list[Attribution]) -> Attribution | None:
        cue_first = self.cue_span(index)
        if verb.verb_class == "belief" and any(self.negation(k) for k in range(cue_first, index)):
            return None  # "he does not think ...": no belief is attributed
        cue = self.span(cue_first, index + self.particle_length(index))
        here = self.toks[index].start
        quoted_as = self.lower(index - 1) == "as" and self.lower(index - 2) in ("quoted", "heard")
        if self.passive(index) and not quoted_as:
            if self.lower(index - 1) in BE_FORMS and self.lower(index - 2) == "it":
                return self.sourceless(index, cue_first, verb)
            return None
        subject_end = cue_first - 1
        while subject_end >= 0 and (
            self.toks[subject_end].lower in self.lex.adverbs
            or (self.toks[subject_end].lower.endswith("ly") and not self.toks[subject_end].is_capitalised)
            or self.toks[subject_end].lower in self.lex.auxiliaries
            or self.negation(subject_end)
            or (self.lower(subject_end) in NEGATED_MODALS and self.negation(subject_end + 1))
            or self.adverbial_phrase_end(subject_end)
        ):
            subject_end = self.adverbial_phrase_end(subject_end) or subject_end
            subject_end -= 1

        if self.lower(index).endswith("ing") and self.lower(index - 1) in GERUND_PREPOSITIONS:
            return self.gerund(index, cue, verb) if verb.verb_class in GERUND_CLASSES else None
        if self.lower(index).endswith("ing") and self.lower(index - 1) == ",":
            content = self.content_after(index, verb)
            if content is None:
                return None
            main = self.subject_past_opening(index)
            if main is None and self.cue_before(found, here):
                return Attribution(content=content, speaker=None, cue=cue, rule="attribution.participle.v1",
                                   verb=verb, inherits_speaker=True)  # fmt: skip
            subject = main or self.subject_before_cue(index)
            if subject is None:
                return None
            return Attribution(content=content, speaker=self.span(*subject), cue=cue, rule="attribution.participle.v1",
                               verb=verb)  # fmt: skip
        if self.lower(subject_end) in ("and", "but") and (
            self.lower(subject_end - 1) != "" or self.cue_before(found, here)
        ):
            content = self.content_after(index, verb)
            if content is None:
                return None
            main = self.subject_past_opening(index)
            if main is None and self.cue_before(found, here, with_speaker=True):
                return Attribution(content=content, speaker=None, cue=cue, rule="attribution.coordinated.v1",
                                   verb=verb, inherits_speaker=True)  # fmt: skip
            subject = (
                main
                or self.subject_before_cue(index)
                or self.first_conjunct_subject(subject_end)
                or self.leading_subject(subject_end)
            )
            if subject is None or self.toks[subject[1]].start > here:
                return None
            return Attribution(content=content, speaker=self.span(*subject), cue=cue, rule="attribution.coordinated.v1",
                               verb=verb)  # fmt: skip
        if self.lower(subject_end) == "to":
            return self.infinitive(index, subject_end, cue, verb)
        quoted = self.quote_then_said(index, cue_first, cue, verb, subject_end)
        if quoted is not None:
            return quoted
        if self.lower(subject_end) == "whom" and self.lower(subject_end - 1) == "of" and subject_end >= 3:
            # "voters, many of whom say ...": the quantifier is the speaker, the noun before names it
            antecedent = self.np_before(subject_end - 4) if self.lower(subject_end - 3) == "," else None
            content = self.content_after(index, verb, to_comma=True)
            if antecedent is None or content is None:
                return None
            return Attribution(content=content, speaker=self.span(subject_end - 2, subject_end), cue=cue,
                               antecedent=self.span(*antecedent), rule="attribution.relative_clause.v1",
                               verb=verb)  # fmt: skip
        if self.lower(subject_end) in ("who", "which"):
            comma = self.lower(subject_end - 1) == ","
            antecedent = self.subject_before(subject_end - 1) if comma else self.np_before(subject_end - 1)
            content = self.content_after(index, verb, to_comma=True)
            if antecedent is None or content is None:
                return None
            if verb.lemma in RELATIVE_NOT_NAME_LEMMAS and self.toks[self.index_at(content[0])].is_capitalised:
                return None  # "a lawyer who is challenging Sen. Lee in the primary": a race, not a claim
            return Attribution(content=content, speaker=self.span(subject_end, subject_end), cue=cue,
                               antecedent=self.span(*antecedent), rule="attribution.relative_clause.v1",
                               verb=verb)  # fmt: skip
        if self.lower(cue_first - 1) == ",":
            inverted = self.inverted(index, cue, verb)
            if inverted is not None:
                return inverted
        contracted = self.contracted_subject(subject_end)
        if contracted is not None:  # "He's telling allies that ...": the pronoun is the speaker
            rest = self.content_after(index, verb)
            if rest is None:
                return None
            return Attribution(content=rest, speaker=contracted, cue=cue, rule="attribution.subject_verb.v1", verb=verb)
        subject = self.past_time_adjunct(self.subject_before(subject_end))
        if subject is None:
            return self.inverted(index, cue, verb)
        subject = self.relative_antecedent(subject) or subject
        if self.object_not_subject(index, subject):
            return None
        speaker = self.span(*subject)
        relative = self.lower(subject[0] - 1)
        as_said = self.as_clause(index, subject, cue, verb) if relative == "as" else None
        if as_said is not None:
            return as_said

        nxt = self.tok(index + 1)
        gap = nxt is not None and (nxt.lower in BE_FORMS or nxt.lower.endswith("ed") or nxt.lower in GAP_WORDS)
        if subject[0] >= 1 and (
            relative == "what"
            or (relative == "which" and (
                self.lower(subject[0] - 2) not in RELATIVE_PREPOSITIONS or verb.verb_class not in CLAUSE_CLASSES
            ))
            or (relative == "that" and subject[0] >= 2 and self.lower(subject[0] - 2) not in self.lex.verbs
                and self.toks[subject[0] - 2].is_word)
        ):  # fmt: skip
            # object relative: "the attack, which the ministry said was foiled," / "what it said was a video";
            # not "in which most voters say ..." (a speech or belief verb after a preposition and "which").
            # A speech or belief verb may also take a clause with a subject of its own, whose object is the gap:
            # "the wall, which he said Mexico would pay for"; not "that" after an earlier cue ("told
            # reporters Friday that he thinks ...": a complementizer, the outer cue's content)
            # (not after a cue verb, whose own content the name is: "denounced what he calls a hoax",
            # nor after a preposition: "tweets in which he called her “disgusting”" names no "which")
            word = self.lower(subject[0] - 2)
            outer = word in self.lex.verbs or (relative == "which" and word in RELATIVE_PREPOSITIONS)
            named = self.named_relative(index) if relative in ("what", "which") and not gap and not outer else None
            if named is not None:
                return Attribution(
                    content=named, speaker=speaker, cue=cue, rule="attribution.relative_clause.v1", verb=verb
                )
            if not gap and (
                verb.verb_class not in CLAUSE_CLASSES or (relative == "that" and self.cue_before(found, here))
            ):
                return None
            content = self.content_after(index, verb, to_comma=True, skip_copula=self.lower(subject[0] - 1) == "what")
            if content is None or (not gap and self.adjunct_only(content)):
                return None
            return Attribution(
                content=content, speaker=speaker, cue=cue, rule="attribution.relative_clause.v1", verb=verb
            )
        parenthetical = self.lower(index + 1) == ","
        rest = self.content_after(index, verb)
        # "..., the airline said Thursday." / "..., a spokesman told The Wall Street Journal."
        adjunct = rest is not None and (self.adjunct_only(rest) or self.addressee_only(index, rest, verb))
        if (
            self.before_comma_is_content(subject, parenthetical=parenthetical)
            and not self.clause_follows(index)
            and (parenthetical or rest is None or adjunct)
        ):  # "Pressed by reporters, Trump said there was ...": a clause after the cue is what was said
            before = self.content_then_said(subject, cue, verb, parenthetical_from=index + 1)
            if before is not None:
                return before
        if adjunct:
            return self.content_then_said(subject, cue, verb)
        if rest is None:
            return self.content_then_said(subject, cue, verb)
        quoted_start = rest[0] > 0 and self.text[rest[0] - 1] in "“”«»\"'`"
        rule = "attribution.said_then_quote.v1" if quoted_start else "attribution.subject_verb.v1"
        return Attribution(content=rest, speaker=speaker, cue=cue, rule=rule, verb=verb)

    def relative_antecedent(self, subject: tuple[int, int]) -> tuple[int, int] | None:
        """The antecedent of a restrictive relative clause whose pronoun is its own subject when
        `subject` is that clause's object: "Farmers who lost the harvest say ..." gives
        "Farmers", not "the harvest"; not when a noun phrase follows the pronoun ("at which
        nearly all the guests voiced ...", `[relative_subject]`)."""
        first = subject[0]
        pronoun = next(
            (k for k in range(first - 2, max(-1, first - 2 - RELATIVE_SUBJECT_REACH), -1)
             if self.lower(k) in RELATIVE_SUBJECTS),
            None,
        )  # fmt: skip
        if pronoun is None or pronoun < 1 or not self.toks[pronoun - 1].is_word:
            return None  # a comma before it: a non-restrictive clause
        if self.lower(pronoun) == "that" and self.lower(pronoun - 1) in self.lex.verbs:
            return None  # a complementizer: "said that ..."
        k = pronoun + 1
        while k < first and (
            self.lower(k) in self.lex.auxiliaries or self.lower(k) in self.lex.adverbs or self.negation(k)
        ):
            k += 1
        word = self.lower(k)
        cue = None
        if k == first:
            verb = k > pronoun + 1 and self.lower(k - 1) in self.lex.auxiliaries  # "that is Trump World"
        else:
            verb = not self.toks[k].is_capitalised and (
                word in self.lex.verbs or word.endswith("ed") or word in IRREGULAR_PASTS
            )
            cue = self.lex.verbs.get(word)
            k += 1
        if not verb or k < first - 1 or (k == first - 1 and self.lower(k) not in RELATIVE_SUBJECT_PREPOSITIONS):
            return None
        if k == first and (
            self.lower(first) in SUBJECT_PRONOUNS or (cue is not None and cue.verb_class in RELATIVE_CLAUSE_CLASSES)
        ):
            return None  # the subject of the verb's own clause: "who think they know", "that shows most voters ..."
        return self.np_before(pronoun - 1)

    def named_relative(self, index: int) -> tuple[int, int] | None:
        """The name given by a naming form at token `index` whose object is the relative "what"
        or "which" before its subject: "what he calls corruption in politics", "which she called
        “a disaster,” ..." (a quotation alone), "which friends described as miserable" (past
        "as"); none for "which he called for" (a particle verb)."""
        if self.lower(index) not in NAMING_RELATIVE_FORMS or self.particle_at(index):
            return None
        if self.first_opener < index and self.quote_at(self.first_opener) is None:
            return None  # inside a quotation that holds another: “I'd live in what he calls “hell” than ...”
        i = index + 2 if self.lower(index + 1) == "as" else index + 1
        if i >= self.n or (not self.toks[i].is_word and self.toks[i].text not in OPENERS):
            return None
        region = self.quote_at(i) if self.toks[i].text in OPENERS else None
        if region is not None and region[0] == self.toks[i].start:
            return region
        begin = self.toks[i].start
        stop = self.boundary_after(begin, self.next_comma(i, self.end))
        k = i
        while k < self.n and self.toks[k].start < stop:
            # the name ends at a dash or with a quotation closed by a comma: "what she called a
            # “rant,” a series of posts", "what her team calls its “agenda” — was working"
            region = self.quote_at(k) if self.toks[k].text in OPENERS else None
            if self.toks[k].text in APPOSITION_DASHES:
                stop = self.toks[k].start
            elif region is not None and region[0] == self.toks[k].start:
                after = self.index_at(region[1])
                if self.text[region[0] : region[1]].rstrip("”'\"").endswith(",") or self.lower(after) == ",":
                    stop = region[1]
                k = after
                continue
            k += 1
        content = _trim(self.text, begin, stop)
        return content if content[0] < content[1] else None

    def contracted_subject(self, k: int) -> tuple[int, int] | None:
        """The pronoun of a contracted auxiliary at token k ("He's", "they’ve"), as a character span;
        not "it" ("It's said that ...": no speaker)."""
        word = self.lower(k)
        for ending in CONTRACTED_AUXILIARIES:
            if word.endswith(ending) and word[: -len(ending)] in self.lex.pronouns and word[:2] != "it":
                start = self.toks[k].start
                return start, start + len(word) - len(ending)
        return None

    def first_conjunct_subject(self, conjunction: int) -> tuple[int, int] | None:
        """The subject of "X overruled and said ...": a past verb that is no cue, right after
        its subject, before the "and" at token `conjunction`."""
        first = self.tok(conjunction - 1)
        if first is None or first.is_capitalised or not first.lower.endswith("ed") or self.lower(conjunction) != "and":
            return None
        return self.subject_before(conjunction - 2)

    def leading_subject(self, conjunction: int) -> tuple[int, int] | None:
        """The subject of "Reid caucused in Nevada on Saturday and says ...": the noun phrase that
        opens the sentence before its first past verb that is no cue (a lowercase -ed word or an
        irregular past, [coordination] of attribution.toml), when that verb precedes the "and"."""
        for i in range(1, conjunction):
            tok = self.toks[i]
            if not tok.is_word or tok.is_capitalised or tok.lower in self.lex.verbs:
                continue
            if tok.lower.endswith("ed") or tok.lower in IRREGULAR_PASTS:
                subject = self.subject_before(i - 1)
                return subject if subject is not None and subject[0] == 0 else None
        return None

    def as_clause(
        self, index: int, subject: tuple[int, int], cue: tuple[int, int], verb: CueVerb
    ) -> Attribution | None:
        """ "As the Times reported on Monday, the senator will resign" / "The senator will resign,
        as the Times reported": the clause beside the "as" clause is what was said; what
        follows the cue is only its adjunct."""
        if verb.verb_class not in CLAUSE_CLASSES:
            return None
        as_at = subject[0] - 1
        before = self.lower(as_at - 1)
        if as_at > 0 and before not in (",", "and", "but", "so", "—", "–"):
            return None  # "such as", "as well as", "the same as X said"
        k = index + 1 + self.particle_length(index)
        stop = min(self.n, k + 7)
        while k < stop and self.toks[k].is_word and self.toks[k].lower not in self.lex.verbs:
            k += 1  # "reported on Monday", "noted in The Intercept"
        speaker = self.span(*subject)
        if k < self.n and self.toks[k].text in ",:" and self.words_from(k + 1) > 0:
            begin = self.toks[k + 1].start  # "As she put it, ..." / "As she put it: “...”"
            content = _trim(self.text, begin, self.boundary_after(begin))
        elif self.words_from(k) == 0 and before == ",":
            content = _trim(self.text, self.clause_start(), self.toks[as_at - 1].start)
        else:
            return None
        if content[0] >= content[1]:
            return None
        return Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.as_clause.v1", verb=verb)

    def adjunct_only(self, content: tuple[int, int]) -> bool:
        """What follows a cue is only a short time or place adjunct or what it was said of,
        not what was said: "said Thursday", "said last week", "said in Paris", "said of Cruz"."""
        first = self.index_at(content[0])
        word = self.lower(first)
        if word not in TRAILING_ADJUNCTS and word not in WEEKDAYS and word != "of":
            return False
        return self.words_from(first) - self.words_from(self.index_at(content[1])) <= 3

    def addressee_only(self, index: int, content: tuple[int, int], verb: CueVerb) -> bool:
        """What follows "told" is only whom it was told to, with no clause: "..., a spokesman told
        The Wall Street Journal.", "..., the president told her on Friday." (at most
        MAX_ADDRESSEE words, no verb-like word, pronoun subject, "that" or "to")."""
        if verb.lemma not in ADDRESSEE_VERBS:
            return False
        last = self.index_at(content[1] - 1)
        if self.words_from(index + 1) - self.words_from(last + 1) > MAX_ADDRESSEE:
            return False
        return not any(
            t.lower in GAP_WORDS or t.lower in BE_FORMS or t.lower in SUBJECT_PRONOUNS or t.lower in ("that", "to")
            or t.text in QUOTE_MARKS or t.lower in self.lex.verbs
            for t in self.toks[index + 2 : last + 1]
        )  # fmt: skip

    def infinitive(self, index: int, to: int, cue: tuple[int, int], verb: CueVerb) -> Attribution | None:
        """ "The senator wants to discuss CONTENT", "She went on to say CONTENT": the subject of
        the control verb before "to" is the speaker."""
        control = to - 2 if self.lower(to - 1) == "on" else to - 1
        if control < 1 or self.lower(control) not in CONTROL_VERBS:
            return None
        outer = self.lex.verbs.get(self.lower(control))
        if outer is not None and not outer.needs_clause:
            return None  # "wants to discuss X": one attribution, made with "wants"
        end = control - 1
        while end >= 0 and (self.toks[end].lower in self.lex.adverbs or self.toks[end].lower in self.lex.auxiliaries):
            end -= 1
        subject = self.subject_before(end)
        content = self.content_after(index, verb)
        if subject is None or content is None or self.lower(subject[0] - 1) in ("who", "which", "that"):
            return None
        return Attribution(
            content=content, speaker=self.span(*subject), cue=cue, rule="attribution.subject_verb.v1", verb=verb
        )

    def gerund(self, index: int, cue: tuple[int, int], verb: CueVerb) -> Attribution | None:
        """ "He won praise for saying (that) CONTENT" / "After saying CONTENT, she left": the
        speaker is the subject of the clause the gerund hangs on."""
        opening = index == 1
        content = self.content_after(index, verb, to_comma=opening)
        if content is None:
            return None
        if opening:
            comma = self.next_comma(index + 1, self.end)
            subject = self.np_after(self.index_at(comma + 1)) if comma is not None else None
        else:
            subject = self.subject_before_cue(index)
        if subject is None:
            return None
        return Attribution(
            content=content, speaker=self.span(*subject), cue=cue, rule="attribution.gerund.v1", verb=verb
        )

    def sourceless(self, index: int, cue_first: int, verb: CueVerb) -> Attribution | None:
        """it was reported / it is believed (that) CONTENT."""
        content = self.content_after(index, verb)
        if content is None:
            return None
        cue = self.span(index - 1, index)
        return Attribution(content=content, speaker=None, cue=cue, rule="attribution.sourceless.v1", verb=verb)

    def quote_then_said(
        self, index: int, cue_first: int, cue: tuple[int, int], verb: CueVerb, subject_end: int
    ) -> Attribution | None:
        """“CONTENT,” said X / “CONTENT,” X said / “CONTENT” X said."""
        np = None
        if subject_end >= 0 and (self.toks[subject_end].is_word or self.toks[subject_end].text == ","):
            np = self.subject_before(subject_end)
        k = np[0] - 1 if np else cue_first - 1
        if k >= 0 and self.toks[k].text == ",":
            k -= 1
        if np is not None and (k < 0 or self.toks[k].text not in CLOSERS):
            # a longer speaker between the quotation and the cue: ”, an armed soldier in the footage is heard saying
            # or with an apposition: ”, his campaign manager, Jane Roe, told reporters
            j = np[0] - 1
            commas = 0
            while j >= 1 and subject_end - j < MAX_QUOTE_SIGNER:
                tok = self.toks[j]
                if tok.text == "," and self.toks[j - 1].text not in CLOSERS and commas < 1:
                    commas += 1
                elif not (tok.is_word or tok.lower in SIGNER_JOINERS or self.plural_possessive(j, of_name=True)) or (
                    tok.lower in self.lex.verbs and not tok.is_capitalised
                ):
                    break  # a capitalised cue form is a name or title word: ”, State spokesman Mark Toner said
                j -= 1
            opening = self.lower(j + 1)
            if (
                (commas or self.signer_description(j + 1, np))
                and self.toks[j].text in CLOSERS
                and self.lower(j - 1) in (",", "?", "!")
                and opening not in self.lex.stop_words
                and opening != "and"  # ”, and on Monday, CBS said: a new clause
            ):
                np, k = (j + 1, subject_end), j
            elif j >= 0 and self.toks[j].text == "," and j >= 1 and self.toks[j - 1].text in CLOSERS:
                np, k = (j + 1, subject_end), j - 1
        if k < 0 or self.toks[k].text not in CLOSERS or (np is None and self.particle_at(index)):
            return None  # not “common sense” made clear that ...: a quotation as the subject
        region = self.quote_at(k)
        if region is None:
            if self.first_opener < k or self.plural_possessive(k):
                return None
            region = (self.start - 1, self.toks[k].end)  # the quotation opened before this sentence
        elif self.titled(region):
            return None
        content = self.mixed_start(region)
        speaker = self.span(*np) if np else None
        after = index + 1
        if speaker is None:
            after_np = self.np_after(index + 1)
            if after_np is not None:
                speaker = self.span(*after_np)
                after = after_np[1] + 1
                while after < self.n and self.toks[after].text == "," and self.tok(after + 1) is not None:
                    # an apposition after the speaker: said X, a volunteer with Y.
                    nxt = self.np_after(after + 1, to_clause_end=True)
                    if nxt is None or self.toks[after + 1].text in QUOTE_MARKS:
                        break
                    after = nxt[1] + 1
        limit = min(self.n - 1, after + 8)
        while after < limit and self.toks[after].is_word and self.toks[after].lower not in self.lex.verbs:
            after += 1  # an adjunct of the cue: “A,” he told Reuters in May, “B.”
        if after < self.n - 1 and self.toks[after].text == ",":
            second = self.quote_at(after + 1)
            if second is not None and self.toks[after + 1].start == second[0]:
                content = (content[0], self.inside(second)[1])  # “A,” she said, “B.”
        content = _trim_quoted(self.text, *content)
        if content[0] >= content[1]:
            return None
        return Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.quote_then_said.v1", verb=verb)

    def signer_description(self, first: int, np: tuple[int, int]) -> bool:
        """Whether the tokens from `first` to the speaker `np` after a quotation describe it:
        capitalised words and name joiners, after lower-case words that end in a role (”, nuclear
        experts David Albright of the Institute for Science wrote; not ”, like the recent
        volatility of markets, Curtin said)."""
        t = first
        while t <= np[1] and not self.toks[t].is_capitalised:
            t += 1
        if t > first and self.toks[t - 1].lower.removesuffix("s") not in self.lex.roles:
            return False
        return all(
            tok.is_capitalised or tok.lower in SIGNER_JOINERS or tok.text[0].isdigit() for tok in self.toks[t : np[0]]
        )

    def titled(self, region: tuple[int, int]) -> bool:
        """Whether the quotation is the title of a show or a work, after "on" or a possessive:
        'Sunday on Fox News’s “Hannity,” Gingrich said ...' (what follows the cue is said)."""
        k = bisect.bisect_left(self.starts, region[0]) - 1
        return k >= 0 and (self.lowers[k] == "on" or self.lowers[k].endswith(("’s", "'s")))

    def plural_possessive(self, k: int, *, of_name: bool = False) -> bool:
        """Whether token `k` is the apostrophe of a plural possessive, not a closing quotation
        mark: glued to a word ending in "s", a word after it ("Sanders’ aides say ..."). With
        `of_name`, a straight apostrophe too, after a capitalised word (a speaker after a
        quotation: ”, Jeff Weaver, Sanders' campaign manager, said)."""
        tok, before, after = self.toks[k], self.tok(k - 1), self.tok(k + 1)
        return (
            (tok.text == "’" or (of_name and tok.text == "'"))
            and before is not None
            and before.end == tok.start
            and before.lower.endswith("s")
            and (before.is_capitalised or not of_name)
            and after is not None
            and after.is_word
            and (after.start > tok.end or not of_name)
        )

    def object_not_subject(self, index: int, subject: tuple[int, int]) -> bool:
        """A plural noun read as a cue: "He scrapped plans to attend", "held a lead of 10 points".

        The words before an -s form that doubles as a noun ("plans", "calls", "states") are then
        a verb phrase, not a subject: a lowercase open word first, or a verb form inside.
        """
        tok = self.toks[index]
        verb = self.lex.verbs.get(tok.lower)
        if verb is None or not tok.lower.endswith("s") or tok.lower == verb.lemma or tok.lower == "says":
            return False
        words = self.toks[subject[0] : subject[1] + 1]
        first = words[0]
        if (
            len(words) >= 2
            and not first.is_capitalised
            and first.lower not in self.lex.determiners
            and (first.lower not in QUANTIFIERS and first.lower not in self.lex.pronouns)
        ):
            return True
        return any(not t.is_capitalised and t.lower.endswith(("ed", "ing")) for t in words[1:])

    def mixed_start(self, region: tuple[int, int]) -> tuple[int, int]:
        """The quotation's text, from the clause start when the quotation closes a partly quoted
        statement: 'The new strategy is a "very welcome tack," she said.'"""
        content = self.inside(region)
        begin = self.clause_start()
        if region[0] <= begin or self.start > region[0]:
            return content
        first, last = self.index_at(begin), self.index_at(region[0]) - 1
        if (
            last < first
            or last - first > MAX_NP * 3
            or self.toks[last].text in QUOTE_MARKS
            or self.toks[last].text in ",;:"
        ):
            return content
        if any(self.toks[k].lower in self.lex.verbs and self.cue_verb(k) is not None for k in range(first, last + 1)):
            return content  # "He told reporters “...”": the quotation belongs to that cue
        return begin, region[1]

    def inverted(self, index: int, cue: tuple[int, int], verb: CueVerb) -> Attribution | None:
        """CONTENT, said X."""
        if index == 0:
            return self.said_name_quote(index, cue, verb)
        if self.toks[index - 1].text != ",":
            return None
        head = self.tok(index + 1)
        if head is None or not (
            head.is_capitalised
            or head.lower in ("the", "a", "an", "his", "her", "their", "one", "another")
            or head.lower in QUANTIFIERS
            or head.lower in NUMBER_WORDS
            or self.described_name(index + 1)
        ):
            return None
        np = self.chunk_after(index + 1)
        if np is None or np[1] - np[0] > 8 or any(self.clause_word(k) for k in range(np[0], np[1] + 1)):
            return None
        if any(self.past_verb(k) for k in range(np[0] + 1, np[1] + 1)):
            return None  # "..., said the family deserved better": a subject and its verb, no speaker
        speaker_words = self.toks[np[0] : np[1] + 1]
        if not any(
            t.is_capitalised or t.lower in self.lex.roles or t.lower in self.lex.organisation_words
            for t in speaker_words[1:] + speaker_words[:1]
            if t.lower not in ("the", "a", "an")
        ) and not (
            head.lower in QUANTIFIER_SUBJECTS and len(speaker_words) == 2 and speaker_words[1].lower.endswith("s")
        ):
            return None  # "..., noted the rule in the interview": an object, not a speaker
        content = _trim(self.text, self.clause_start(), self.toks[index - 1].start)
        resumed = self.resumed_clause(np[1] + 1) if verb.verb_class in CLAUSE_CLASSES else None
        if resumed is not None and self.lower(np[0]) not in WEEKDAYS:  # not "The deal, announced Friday, would ..."
            content = self.around_speaker(content, _trim(self.text, self.toks[resumed].start, self.end))
        elif not self.speaker_tail(np[1] + 1, loose=self.clause_before_comma(index - 1)):
            return None
        if content[0] >= content[1]:
            return None
        return Attribution(
            content=content, speaker=self.span(*np), cue=cue, rule="attribution.content_then_said.v1", verb=verb
        )

    def resumed_clause(self, k: int) -> int | None:
        """The token where the clause interrupted by an inverted speaker goes on, past the
        speaker's appositions and a relative clause on it from token k: "Part of the problem, say
        experts like Jo Roe, a geologist, is the soil" / "And Lee, said Kim, who knows him, won't
        forgive" (a comma, then a verb of the clause: an auxiliary, a negation, a form of "be")."""
        for _ in range(4):
            if self.lower(k) != "," or k + 1 >= self.n:
                return None
            nxt = self.lower(k + 1)
            if nxt in self.lex.auxiliaries or nxt in BE_FORMS or self.negation(k + 1):
                return k + 1
            if nxt in PERSON_RELATIVES:
                comma = self.next_comma(k + 1, self.end)  # "who remains close to him,"
                if comma is None:
                    return None
                k = self.index_at(comma)
                continue
            rest = self.chunk_after(k + 1)
            if rest is None or self.clause_word(rest[0]):
                return None
            k = rest[1] + 1
        return None

    def around_speaker(self, before: tuple[int, int], after: tuple[int, int]) -> tuple[int, int]:
        """One span for a content cut in two by its speaker and cue: both parts and the
        signature between them, as for "The plan, she said, is dead" (a claim has one span)."""
        return before[0], self.boundary_after(after[0])

    def described_name(self, k: int) -> bool:
        """Token k opens a name after lowercase words describing it: "says political scientist Dana
        Wu", "said lobbyist and strategist Al Black" (words of a noun phrase up to a capital)."""
        for i in range(k, min(k + 4, self.n)):
            tok = self.toks[i]
            if tok.is_capitalised:
                return i > k
            if not self.is_np_word(tok) or tok.lower in NAME_DESCRIPTION_BREAKS:
                return False
        return False

    def chunk_after(self, start: int) -> tuple[int, int] | None:
        """The words from token `start` to the next comma (`np_after` to the clause's end), past
        the period of a middle initial: "said John J. Ferriola, the chief executive"."""
        chunk = self.np_after(start, to_clause_end=True)
        while chunk is not None and self.lower(chunk[1] + 1) == "." and len(self.lower(chunk[1])) == 1:
            following = self.tok(chunk[1] + 2)
            rest = self.np_after(chunk[1] + 2, to_clause_end=True) if following and following.is_capitalised else None
            if rest is None:
                break
            chunk = (chunk[0], rest[1])
        return chunk

    def clause_before_comma(self, comma: int) -> bool:
        """The words before the comma at token `comma` end a clause, not an apposition of a subject
        before them: no subject is found there, or one right before the comma, or the last chunk
        opens with a conjunction or a pronoun ("..., but it is under pressure, said ...")."""
        subject = self.subject_before(comma)
        if subject is None or subject[1] == comma - 1:
            return True
        k = comma - 1
        while k >= 0 and self.toks[k].text not in CHUNK_BREAKS:
            k -= 1
        return self.lower(k + 1) in CLAUSE_CHUNK_OPENERS or self.lower(k + 1) in SUBJECT_PRONOUNS

    def speaker_tail(self, k: int, *, loose: bool) -> bool:
        """What follows an inverted speaker from token k is only about it: nothing, an apposition
        ("said X, a volunteer with Y"), or a relative clause to the sentence's end ("said X, an
        analyst who ..."). loose: after a clause (no subject and apposition before the cue), up
        to four appositions or adjuncts ("said X, a lawyer, on Facebook", "said X, a union that
        has ..."), and a relative clause right after the speaker ("say some voters, who ...")."""
        for chunk in range(4 if loose else 1):
            if self.words_from(k) == 0:
                return True
            if self.lower(k) in INVERTED_RELATIVES and (self.lower(k) != "that" or chunk > 0):
                return True  # "that" only in an apposition, not "said Tuesday that ...": a clause said
            if self.lower(k) != "," or k + 1 >= self.n:
                return False
            if self.lower(k + 1) in PERSON_RELATIVES and (loose or chunk > 0):
                return True
            rest = self.chunk_after(k + 1)
            if rest is None or self.clause_word(rest[0]) or self.lower(rest[0]) in ("and", "but", "or"):
                return False  # "said X, is ...", "mocked X, and made ...": the clause goes on
            k = rest[1] + 1
        if k < self.n and self.lower(k) == ",":
            k += 1
        return self.words_from(k) == 0 or self.lower(k) in PERSON_RELATIVES

    def clause_word(self, k: int) -> bool:
        """Token k belongs to a clause, not to a noun phrase: "that", an auxiliary, a negation,
        a cue verb ("said Ivanka Trump's statement didn't clarify the matter")."""
        word = self.toks[k].lower
        return (
            word == "that"
            or word in self.lex.auxiliaries
            or word in self.lex.negations
            or word.endswith(("n't", "n’t"))
            or (k > 0 and word in self.lex.verbs and not self.toks[k].is_capitalised)
        )

    def before_comma_is_content(self, subject: tuple[int, int], *, parenthetical: bool = False) -> bool:
        """ "Turnout fell sharply, officials said": the words before the comma are a statement,
        not an introductory adverbial ("In a statement on Tuesday, the ministry said ...")."""
        first = subject[0]
        if first < 2 or self.toks[first - 1].text != ",":
            return False
        if self.lower(subject[1] + 1) == ",":
            return False  # "A lawyer for the outlets, David Schulz, said ...": a description before a name
        k = first - 2
        while k >= 0 and self.toks[k].text not in (",", ";", ":", "—", "–") and self.toks[k].text not in QUOTE_MARKS:
            k -= 1
        chunk = [t for t in self.toks[k + 1 : first - 1] if t.is_word]
        if k >= 0 or not chunk or (len(chunk) <= 3 and not parenthetical):
            return False
        if parenthetical:
            return True  # "If turnout is low, she said, the plan fails": the opening clause is part of the claim
        return chunk[0].lower not in INTRODUCTORY and not chunk[0].lower.endswith("ing")

    def said_name_quote(self, index: int, cue: tuple[int, int], verb: CueVerb) -> Attribution | None:
        """ "Said Ellis: “I don’t get the sense ...”"."""
        np = self.np_after(index + 1)
        if np is None or np[1] + 2 >= self.n or self.toks[np[1] + 1].text not in (":", ","):
            return None
        region = self.quote_at(np[1] + 2)
        if region is None:
            return None
        content = _trim_quoted(self.text, *self.inside(region))
        if content[0] >= content[1]:
            return None
        return Attribution(
            content=content, speaker=self.span(*np), cue=cue, rule="attribution.quote_then_said.v1", verb=verb
        )

    def content_then_said(
        self, subject: tuple[int, int], cue: tuple[int, int], verb: CueVerb, *, parenthetical_from: int | None = None
    ) -> Attribution | None:
        """CONTENT, X said. / CONTENT, X said, MORE CONTENT."""
        first = subject[0]
        if first == 0 or self.toks[first - 1].text not in CLOSERS | {","}:
            return None
        end = self.toks[first - 1].start
        if parenthetical_from is not None and self.lower(parenthetical_from) == ",":
            nxt = self.tok(parenthetical_from + 1)
            if nxt is not None and nxt.lower not in ("and", "but", "or", "so", "adding", "saying"):
                end = self.boundary_after(nxt.start)  # "The test, officials said, was the biggest yet."
        content = _trim(self.text, self.clause_start(), end)
        if content[0] >= content[1]:
            return None
        return Attribution(content=content, speaker=self.span(*subject), cue=cue,
                           rule="attribution.content_then_said.v1", verb=verb)  # fmt: skip

    # ---------------------------------------------------------------- content
    def content_after(
        self, index: int, verb: CueVerb, *, to_comma: bool = False, skip_copula: bool = False
    ) -> tuple[int, int] | None:
        """What follows the cue: past "that", a colon, short adverbials ("on Telegram", "in a
        statement") and, for tell/ask, the addressee; up to the next attribution boundary."""
        i = index + 1 + self.particle_length(index)
        if i >= self.n:
            return None
        past_that = False
        for j in range(i, min(self.n, i + 14)):
            tok = self.toks[j]
            if tok.lower == "that" or tok.text == ":" or tok.text in OPENERS:
                between = self.toks[i:j]
                short = (
                    len(between) <= 12
                    and not any(t.lower in self.lex.verbs or t.text in ",;" for t in between[1:])
                    and not self.clause_between(between)
                )
                if not between or (
                    short
                    and (between[0].lower in ADVERBIAL_STARTS or verb.lemma in OBJECT_TAKING or self.to_addressee(i, j))
                ):
                    i = j + 1 if tok.lower == "that" or tok.text == ":" else j
                    past_that = True
                break
            if tok.text in ".;" or (tok.lower in self.lex.verbs and j > i):
                break
        while i + 1 < self.n and self.lower(i) in WEEKDAYS and self.toks[i + 1].is_word:
            i += 1  # "said Wednesday he agrees"
        if skip_copula and self.lower(i) in BE_FORMS:
            i += 1
        elif (
            verb.lemma in OBJECT_TAKING
            and not past_that
            and not self.particle_at(index)  # "asked for a meeting with the board": no addressee
            and i < self.n
            and self.lower(i) != "that"
            and self.toks[i].text not in OPENERS
        ):
            after = self.after_addressee(i)
            if verb.lemma not in INFINITIVE_ADDRESSEES or self.lower(after) != "to":
                i = after
        while i < self.n and self.toks[i].text in ",:":
            i += 1
        if i >= self.n or self.words_from(i) == 0:
            return None
        if (
            self.lower(i) in ("by", "on", "in", "via")
            and self.words_from(i) <= 5
            and not any(t.text in QUOTE_MARKS for t in self.toks[i:])
        ):
            return None  # "... was quoted as saying by state agencies", "..., he wrote on Facebook."
        begin = self.toks[i].start
        comma = self.next_comma(i, self.end) if to_comma else None
        stop = self.boundary_after(begin, comma)
        speech_cue = verb.verb_class in BARE_ADJUNCT_CLASSES
        if verb.lemma not in BARE_ADJUNCT_NOT_LEMMAS and self.bare_adjunct(i, stop, speech_cue=speech_cue):
            return None  # "Costa reported from Washington", "she wrote in a letter to the court."
        if comma is None and verb.verb_class in ("speech", "belief", "unverified"):
            stop = self.past_subject_relative(i, stop)
        if not past_that and verb.verb_class in OBJECT_CLASSES and self.toks[i].text not in OPENERS:
            stop = self.object_end(i, stop)
        region = self.quote_at(i) if self.toks[i].text in OPENERS else None
        if region is not None and region[0] == begin and _trim(self.text, region[1], stop)[0] >= stop:
            content = _trim_quoted(self.text, *self.inside(region))  # X said: “CONTENT.”
        else:
            content = _trim(self.text, begin, stop)
        return content if content[0] < content[1] else None

    def bare_adjunct(self, first: int, stop: int, *, speech_cue: bool) -> bool:
        """Whether the words from token `first` to `stop` (the content a cue would get) are only
        a prepositional phrase of place, time or medium: the cue's content is elsewhere. After a
        speech cue the phrase opens with a determiner or a name; after any cue, a short phrase
        may open with any word ("thought over the weekend", "reported from immigrant enclaves")."""
        if first + 1 >= self.n:
            return False
        head, last = self.toks[first + 1], self.index_at(stop)
        speech = (
            speech_cue
            and self.lower(first) in ADJUNCT_PREPOSITIONS
            and (head.lower in self.lex.determiners or head.is_capitalised)
            and last - first <= MAX_BARE_ADJUNCT
        )
        short = (
            self.lower(first) in ANY_CUE_ADJUNCTS
            and head.is_word
            and head.lower not in NOT_ADJUNCT_HEADS
            and last - first <= MAX_ANY_CUE_ADJUNCT
        )
        if not (speech or short):
            return False
        return not any(
            t.lower in self.lex.verbs
            or t.lower in self.lex.auxiliaries
            or t.lower in BE_FORMS
            or t.lower in self.lex.pronouns
            or t.lower == "that"
            or t.text in QUOTE_MARKS
            or t.text in ",;:"
            for t in self.toks[first:last]
        )

    def past_subject_relative(self, first: int, stop: int) -> int:
        """A content cut before ", which ..." when it is only a noun phrase: the relative clause
        belongs to the subject of the content ("argued the pipeline, which Republicans back, would
        fail"), so the content runs past the comma that closes it."""
        k = self.index_at(stop)
        if k + 1 >= self.n or self.toks[k].text != "," or self.lower(k + 1) not in ("which", "who"):
            return stop
        if k - first > 6 or not all(self.is_np_word(t) or t.lower in self.lex.determiners for t in self.toks[first:k]):
            return stop
        close = self.next_comma(k + 2, self.end)
        if close is None:
            return stop
        after = self.index_at(close + 1)
        if after >= self.n or not (
            self.lower(after) in self.lex.auxiliaries
            or self.lower(after) in GAP_WORDS
            or self.lower(after) in BE_FORMS
            or self.toks[after].text in OPENERS
        ):
            return stop  # no verb of the subject's own after the relative clause
        return self.boundary_after(self.toks[after].start)

    def to_addressee(self, i: int, j: int) -> bool:
        """Tokens from i to j are an addressee after "to", before "that" or a colon at j: a name, a
        determiner or an object pronoun ("made it clear to House Democrats that ...", not "wants
        to ensure that ..." nor "added to the drama that has ...", a relative clause)."""
        nxt = self.tok(i + 1)
        return (
            self.lower(i) == "to"
            and nxt is not None
            and (nxt.is_capitalised or nxt.lower in self.lex.determiners or nxt.lower in OBJECT_PRONOUNS)
            and (self.lower(j) == "that" or self.lower(j) == ":")
            and self.lower(j + 1) not in self.lex.auxiliaries
        )

    def object_end(self, first: int, stop: int) -> int:
        """End of the object of a stance or evaluation cue ("endorsed Cruz on Wednesday",
        "called the bill a disaster and left", "plans to run, aides said"): before a time or
        place adjunct, a comma (not a list's, nor ", including ..."), or a second verb joined by "and"."""
        infinitive = self.lower(first) == "to"
        k = first
        listed = False  # a comma before was a list's
        while k + 1 < self.n:
            k += 1
            tok = self.toks[k]
            if tok.start >= stop:
                break
            if self.inside_quote(k):
                continue
            if tok.text == "," and self.list_goes_on(k, listed):
                listed = True
                continue  # "regulating banks, immigration reform and trade"
            if tok.text == "," and self.lower(k + 1) == "including":
                continue  # "cited several factors, including the weather": the object goes on
            if tok.text in ",;(—–" and not (self.lower(k + 1)[:1].isdigit() and self.lower(k - 1)[-1:].isdigit()):
                return tok.start
            if tok.lower in ("and", "but") and self.tok(k + 1) is not None:
                nxt = self.toks[k + 1]
                plural = nxt.lower.endswith("s") and self.lower(k + 2) in NOUN_FOLLOWERS
                if (
                    not nxt.is_capitalised
                    and nxt.lower.endswith(("ed", "s"))
                    and nxt.lower not in self.lex.determiners
                    and not plural
                ):
                    return tok.start  # "called her “third-rate” and boycotted", not "a deal and ways to ...""
                if self.second_verb(k + 1):
                    return tok.start  # "praised the plan and took the stage", "and has repeatedly said"
            if not infinitive and (tok.lower in OBJECT_ADJUNCTS or tok.lower in WEEKDAYS):
                if tok.lower in WEEKDAYS and self.lower(k - 1) in ("on", "by", "until", "since") and k - 1 > first:
                    return self.toks[k - 1].start  # "endorsed Cruz on Wednesday"
                return tok.start
        return stop

    def second_verb(self, i: int) -> bool:
        """Token i, after "and", opens a second verb of the subject: an irregular past ("took"),
        or a past or cue verb after an auxiliary or adverb ("has repeatedly said", "even
        questioned"), not a noun ("and gave" / "and has said", not "and ties", "and support")."""
        j = i
        while j < i + 3 and self.lower(j) in self.lex.adverbs:
            j += 1
        tok = self.tok(j)
        if tok is None or tok.is_capitalised:
            return False
        if tok.lower in IRREGULAR_PASTS:
            return True
        return j > i and (tok.lower.endswith("ed") or tok.lower in self.lex.verbs)

    def list_goes_on(self, comma: int, listed: bool = False) -> bool:
        """The comma at token `comma` separates items of a list that closes with "and"/"or"
        within a few words, with no verb between ("cited roads, schools(,) and clinics");
        `listed`: an earlier comma was the list's, so ", and" closes it."""
        for k in range(comma + 1, min(self.n, comma + 7)):
            tok = self.toks[k]
            if tok.lower in ("and", "or"):
                return (k > comma + 1 or listed) and self.tok(k + 1) is not None and self.toks[k + 1].is_word
            if not tok.is_word and tok.text != ",":
                return False
            if tok.lower in self.lex.verbs or tok.lower in SUBJECT_PRONOUNS or tok.lower in self.lex.auxiliaries:
                return False
            if tok.lower in BE_FORMS or tok.lower in ("which", "who", "there"):
                return False
        return False

    def after_addressee(self, i: int) -> int:
        """Skip the addressee of tell/warn/urge: "told reporters (on Friday) the bill was dead",
        "warned officials to boost security"."""
        for j in range(i, min(self.n, i + 8)):
            tok = self.toks[j]
            if tok.lower == "to" and j > i:
                return j
            if j > i and (tok.lower in CLAUSE_OPENERS or tok.lower == "that") and self.toks[j - 1].is_word:
                return j + 1 if tok.lower == "that" else j
            if not tok.is_word:
                break
        return i

    def boundary_after(self, begin: int, limit: int | None = None) -> int:
        """End of a content that starts at `begin`: the sentence end, or where the next
        attribution clause starts (", adding", ", BBC reported", ", according to",
        " and accused", " as Russia insisted", ", and rights groups warned that"), or where the
        sentence's opening subordinate clause ends ("While a judge found X, ...")."""
        subordinate = self.n > 0 and self.toks[0].lower in OPENING_SUBORDINATORS
        stop = self.index_at(limit) if limit is not None else self.n  # the first token at or after `limit`
        candidates = self.boundary_candidates()
        for k in range(bisect.bisect_left(candidates, self.index_at(begin + 1)), len(candidates)):
            i = candidates[k]
            if i >= stop:
                break
            tok = self.toks[i]
            if self.inside_quote(i):
                continue
            prev = self.tok(i - 1)
            comma_before = prev is not None and prev.text == ","
            if comma_before and tok.lower in PARTICIPLES:
                return prev.start  # type: ignore[union-attr]
            if comma_before and tok.lower == "according" and self.lower(i + 1) == "to":
                return prev.start  # type: ignore[union-attr]
            if comma_before and tok.is_word and (self.trailing_attribution(i) or self.clause_with_cue(i)):
                return prev.start  # type: ignore[union-attr]  # ", BBC reported" / ", Clinton said she ..."
            if tok.text == ";" or (
                comma_before and tok.lower in ("but", "yet") and self.lower(i + 1) in CLAUSE_OPENERS
            ):
                return tok.start if tok.text == ";" else prev.start  # type: ignore[union-attr]  # an independent clause
            if tok.lower in ("and", "but") and self.lower(i + 1) in self.lex.verbs:
                form = self.lower(i + 1)
                if form != self.lex.verbs[form].lemma and (not form.endswith("ing") or self.cue_verb(i + 1)):
                    return tok.start
            if tok.lower in SUBORDINATORS and self.clause_with_cue(i + 1):
                return tok.start
            relative = tok.lower == "which" or (tok.lower == "in" and self.lower(i + 1) == "which")
            if comma_before and relative and not self.interrupting_relative(i):
                return prev.start  # type: ignore[union-attr]  # ", in which ...": about the noun, not the claim
            if comma_before and (subordinate or (tok.lower == "with" and not self.figure_within(i + 1))):
                return prev.start  # type: ignore[union-attr]  # "While X found Y, ..." / ", with Z showing ..."
            if comma_before and self.clause_after_comma(i) and not self.interrupting_relative(i):
                return prev.start  # type: ignore[union-attr]
            if comma_before and self.closing_apposition(i):
                return prev.start  # type: ignore[union-attr]  # ", a swipe at her rivals"
            dash_before = prev is not None and prev.text in (",", "—", "–", ";")
            if tok.lower in ("and", "but") and dash_before and self.clause_with_cue(i + 1):
                return prev.start  # type: ignore[union-attr]  # ", and rights groups warned that ..."
        if limit is not None and max(stop, self.index_at(begin + 1)) < self.n:
            return limit
        return self.end

    def figure_within(self, i: int) -> bool:
        """A number opens the phrase from token i within three words (", with 17 percent still
        undecided", ", with less than 100 uncommitted"): the figures of the content, not the article's."""
        return any(self.lower(k)[:1].isdigit() for k in range(i, i + 3))

    def interrupting_relative(self, i: int) -> bool:
        """A relative clause from token i ("who ...", "which ...") closed by a comma before the
        verb of the noun it describes is inside the content: "said Smith, who ran in 2012, has
        no chance", not "said she met Smith, who ran in 2012, at a rally"."""
        if self.lower(i) not in ("who", "which"):
            return False
        close = self.next_comma(i + 1, self.end)
        if close is None:
            return False
        after = self.lower(self.index_at(close + 1))
        return after in self.lex.auxiliaries or after in GAP_WORDS or after in BE_FORMS

    def closing_apposition(self, i: int) -> bool:
        """Token i opens an appositive noun phrase after a comma ("a", "an") that is not closed
        by a comma and a verb of the clause around it ("the plan, a compromise, would pass")."""
        if self.toks[i].lower not in APPOSITIVE_OPENERS:
            return False
        close = self.next_comma(i + 1, self.end)
        if close is None:
            return True
        after = self.lower(self.index_at(close + 1))
        return not (after in self.lex.verbs or after in self.lex.auxiliaries or after in BE_FORMS or after in GAP_WORDS)

    def boundary_candidates(self) -> list[int]:
        """The tokens where `boundary_after` may end a content: after a comma, a semicolon,
        "and"/"but", a subordinator; no other token passes any of its tests."""
        if self.boundaries is None:
            after_comma = [k + 1 for k in self.where(COMMA) if k + 1 < self.n]
            self.boundaries = sorted(set(after_comma).union(self.where(BOUNDARY_WORDS)))
        return self.boundaries

    def clause_after_comma(self, i: int) -> bool:
        """A comma before token i closes the content: ", and he ...", ", but they ...", ", but
        Mr. Obama was ..." (an independent clause with a subject of its own), ", who ..." after
        a name (what the article adds about the name), ", compared with ..." (the article's
        comparison)."""
        word, nxt = self.toks[i].lower, self.lower(i + 1)
        if word in ("and", "but"):
            return nxt in SUBJECT_PRONOUNS or (self.np_with_verb(i + 1) and not self.closes_list(i - 1))
        if word == "who":
            return i >= 2 and self.toks[i - 2].is_capitalised
        return word == "compared" and nxt in ("with", "to")

    def closes_list(self, comma: int) -> bool:
        """The comma at token `comma` closes a list begun by a comma a few words before
        ("the parks, the pools, and the library")."""
        return any(self.toks[k].text == "," and self.list_goes_on(k) for k in range(max(0, comma - 6), comma))

    def np_with_verb(self, i: int) -> bool:
        """A noun phrase from token i, a name or of two words or more, followed by a finite verb
        opens a clause of its own ("..., but Mr. Obama was furious", "..., and the hashtag was
        trending"), not a list's last item ("..., and the IRS")."""
        np = self.np_after(i)
        if np is None or (np[1] == i and not self.toks[i].is_capitalised):
            return False
        verb = self.lower(np[1] + 1)
        return (
            verb in BE_FORMS
            or verb in self.lex.auxiliaries
            or verb in IRREGULAR_PASTS
            or (verb.endswith("ed") and verb in self.lex.verbs)
        )

    def trailing_attribution(self, i: int) -> bool:
        """ ", BBC reported." / ", the governor said." / ", said X." closes the sentence from token i
        (a cue used as a verb there: not ", following a report from ...")."""
        np = self.np_after(i)
        if np is not None and np[1] + 1 < self.n:
            cue = self.toks[np[1] + 1]
            if cue.lower in self.lex.verbs and self.words_from(np[1] + 2) <= 4 and self.cue_verb(np[1] + 1):
                rest = self.toks[np[1] + 2 :]
                if not any(t.lower == "that" for t in rest):
                    return True
        if self.toks[i].lower in self.lex.verbs:
            after = self.np_after(i + 1, to_clause_end=True)
            return after is not None and self.words_from(after[1] + 1) == 0
        return False

    def clause_with_cue(self, i: int) -> bool:
        """A subject followed by a cue verb starts at token i ("as Russia insisted", "but six in 10 said")."""
        np = self.np_after(i)
        figure = self.figure_end(i)
        if figure is not None and (np is None or figure > np[1]):
            np = i, figure
        if np is None:
            return False
        nxt = np[1] + 1
        while nxt < self.n and self.toks[nxt].lower in self.lex.adverbs:
            nxt += 1
        return nxt < self.n and self.toks[nxt].lower in self.lex.verbs and self.cue_verb(nxt) is not None

    def figure_end(self, i: int) -> int | None:
        """Last number of a figure opening at token i ("six in 10", "more than 4 in 10", "all but
        two", "at least 21,000"), within five words."""
        last = None
        for k in range(i, min(i + 6, self.n)):
            if self.number(k):
                last = k
            elif self.toks[k].lower not in FIGURE_LINKS:
                break
        return last

    def number(self, k: int) -> bool:
        """Token k is a number: "21,000", "10", "six", "one"."""
        word = self.toks[k].lower
        return word[:1].isdigit() or word in NUMBER_WORDS or word == "one"

    # ---------------------------------------------------------------- clean-up
    def relative_main_verbs(self, found: list[Attribution]) -> list[Attribution]:
        """The content of a restrictive relative clause ends before the main verb of the clause
        its antecedent heads, when that verb is a cue of its own, and that cue's speaker is the
        antecedent, not the relative clause's object: "Economists who favor the tax agree that
        ..." gives "who" / "the tax" and "Economists" / "..." (`[relative_main_verb]`)."""
        out = list(found)
        for i, a in enumerate(found):
            main = self.main_verb_after(a, found)
            b = found[main] if main is not None else None
            if main is None or b is None or b.cue is None or a.speaker is None:
                continue
            out[i] = msgspec.structs.replace(a, content=_trim(self.text, a.content[0], b.cue[0]))
            antecedent = self.np_before(self.index_at(a.speaker[0]) - 1)
            if antecedent is not None and b.speaker is not None and b.speaker[0] > a.speaker[0]:
                out[main] = msgspec.structs.replace(b, speaker=self.span(*antecedent))
        return out

    def main_verb_after(self, a: Attribution, found: list[Attribution]) -> int | None:
        """Index in `found` of the cue that is the main verb after the restrictive relative
        clause of `a` ("those who favor the tax AGREE that ..."), if `a` is one."""
        if a.rule != "attribution.relative_clause.v1" or a.speaker is None or a.cue is None:
            return None
        who = self.index_at(a.speaker[0])
        if self.lower(who) not in RELATIVE_MAIN_SUBJECTS or self.lower(who - 1) == ",":
            return None
        start, end = a.content
        for k, b in enumerate(found):
            if b.cue is None or not start < b.cue[0] < end or b.content[0] < b.cue[1]:
                continue
            first, verb = self.index_at(start), self.index_at(b.cue[0])
            last = self.lower(verb - 1)
            if (
                verb > first
                and self.lower(first - 1) not in RELATIVE_MAIN_BREAKS
                and last not in SUBJECT_PRONOUNS
                and last not in self.lex.auxiliaries
                and last != "to"
                and not any(t.lower in RELATIVE_MAIN_BREAKS or t.text in QUOTE_MARKS for t in self.toks[first:verb])
            ):
                return k
        return None

    def drop_duplicates(self, found: list[Attribution]) -> list[Attribution]:
        out: list[Attribution] = []
        seen: set[tuple[int, int]] = set()
        for a in found:
            if a.content not in seen:
                seen.add(a.content)
                out.append(a)
        return out

    def and_that_clause(self, i: int) -> bool:
        """Token i is the "and" of "and that" opening a second clause ("and that the toll may rise")."""
        opens_clause = self.tok(i + 2) is not None and (
            self.lower(i + 2) in CLAUSE_OPENERS or self.toks[i + 2].is_capitalised
        )
        return self.lower(i + 1) == "that" and opens_clause and not self.inside_quote(i)

    def split_coordinated_contents(self, found: list[Attribution]) -> list[Attribution]:
        """ "X said A and that B": two claims with one speaker and cue."""
        out: list[Attribution] = []
        joints = [i for i in self.where(AND) if self.and_that_clause(i)]
        for a in found:
            start, end = a.content
            parts: list[tuple[int, int]] = []
            for k in range(bisect.bisect_left(joints, self.index_at(start)), len(joints)):
                tok = self.toks[joints[k]]
                if tok.start >= end:
                    break
                if start < tok.start:
                    parts.append(_trim(self.text, start, tok.start))
                    start = self.toks[joints[k] + 1].end
            if not parts:
                out.append(a)
                continue
            parts.append(_trim(self.text, start, end))
            out.extend(msgspec.structs.replace(a, content=p) for p in parts if p[0] < p[1])
        return out
