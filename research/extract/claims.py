"""Claims of one article: attributions with resolved speakers, reporting chain, polarity and certainty.

The order of work follows the article: each sentence's attributions (research.extract.
attribution) become claims; a speaker that carries over (participles, coordinated verbs,
pronouns, "the ministry") resolves against the speakers met before it.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Sequence

import msgspec

from research.extract.attribution import Attribution, sentence_attributions, sentence_subject, speaker_turn
from research.extract.speakers import SpeakerMemory
from research.lexicon import AttributionLexicon, attribution_lexicon, load_toml
from research.model import Article, Claim, Paragraph, Sentence, Span, Speaker
from research.patterns import literal_trie, whole_words
from research.text import quote_regions

__all__ = ["article_claims"]

_RULES = load_toml("attribution.toml")  # read once: [introducers], [nested]
RULE_STANDALONE = "attribution.standalone_quote.v1"
RULE_PARTICIPLE = "attribution.participle.v1"
RESTARTING = ("“", "«", "``")  # opening marks that start a new quotation mid-paragraph
STANDALONE_OPENERS = ("“", "«", '"', "``", "''")
EXTRACTED_ZONES = ("title", "heading", "body")
QUOTE_CHARS = '“”«»"'
QUOTE_CHAR_SET = frozenset(QUOTE_CHARS)
# A quotation signed on its own line after it closes: “...” / ― Ana Ruiz (quote_dash credits it).
RE_SIGNED_QUOTE = re.compile(r'[^”"»\n]{0,2000}[”"»]\s{0,4}[―—–]')
RE_WORD = re.compile(r"[\w’']+")


# Names that are too generic to be a reporting channel on their own.
NOT_CHANNELS = frozenset({"media", "reports", "X", "local media", "media reports", "local reports"})


class _Lookups:
    """The lexicon's word lists compiled once: hedges, outlets and platforms."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.unverified_cue = whole_words(lexicon.unverified_words, ignore_case=True)
        self.unverified = whole_words([w for w in lexicon.unverified_words if w != "claimed"], ignore_case=True)
        self.conditional = whole_words(lexicon.conditional_words, ignore_case=True)
        self.probable = whole_words(lexicon.probable_words, ignore_case=True)
        self.possible = whole_words(lexicon.possible_words, ignore_case=True)
        self.not_verified = whole_words(lexicon.not_verified, ignore_case=True)
        self.outlets = frozenset(lexicon.outlets)
        self.channel = whole_words([n for n in (*lexicon.outlets, *lexicon.platforms) if n not in NOT_CHANNELS])
        # "BBC reported": found from the verb back, so that the outlet names are tried at few places
        self.report_verb = re.compile(r"\s(?:reported|reports|said|says|quoted)\b")
        self.outlet_before = re.compile(rf"(?<![\w-]){literal_trie(lexicon.outlets)}\Z")
        self.longest_outlet = max(map(len, lexicon.outlets), default=0)


class _Stance:
    """Polarity, certainty and kind from the words of a claim and its sentence."""

    def __init__(self, lookups: _Lookups) -> None:
        self.look = lookups
        self.re_negation = re.compile(r"\b(?:not|never|no|n't)\b|n’t\b", re.IGNORECASE)
        self.re_embedded = re.compile(r"\b(?:that|which|who|whether)\b|[“«\"]", re.IGNORECASE)

    def polarity(self, attribution: Attribution, content: str, cue: str = "") -> str:
        if attribution.verb is not None and attribution.verb.polarity == "deny":
            return "deny"
        if cue and self.re_negation.search(cue):
            return "deny"  # a negated cue: "did not confirm", "has never said"
        embedded = self.re_embedded.search(content)
        main_clause = content[: embedded.start()] if embedded else content
        return "deny" if self.re_negation.search(main_clause) else "assert"

    def certainty(self, attribution: Attribution, cue: str, content: str, unverified_sentence: bool) -> str:
        if unverified_sentence or (attribution.verb is not None and attribution.verb.certainty == "unverified"):
            return "unverified"
        if self.look.unverified_cue.search(cue) or self.look.unverified.search(content):
            return "unverified"
        if attribution.rule == "attribution.according_to.v1" and self.look.conditional.search(content):
            return "unverified"  # reportive conditional: "there would also be clashes, according to X"
        if self.look.probable.search(cue) or self.look.probable.search(content):
            return "probable"
        if self.look.possible.search(content):
            return "possible"
        return "certain"

    def kind(self, text: str, content: tuple[int, int], quotes: Sequence[tuple[int, int]]) -> str:
        start, end = content
        if any(qs < start and end < qe for qs, qe in quotes):
            return "direct"
        return "indirect" if QUOTE_CHAR_SET.isdisjoint(text[start:end]) else "mixed"


def _article_chain(text: str, lookups: _Lookups, min_mentions: int) -> list[str]:
    """An outlet the article names as its source again and again ("BBC reported" x5)."""
    counts: Counter[str] = Counter()
    for verb in lookups.report_verb.finditer(text):
        end = verb.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1  # the outlet ends where the white space before the verb starts
        outlet = lookups.outlet_before.search(text, max(0, end - lookups.longest_outlet), end)
        if outlet is not None:
            counts[outlet.group(0)] += 1
    return [o for o, n in counts.most_common(1) if n >= min_mentions]


MAX_CHANNELS = 8  # a reporting chain is short; the first mentions of a sentence are enough


def _channels(text: str, start: int, end: int, lookups: _Lookups) -> list[tuple[int, int, str]]:
    """Outlets and platforms named in text[start:end]: (start, end, name), in order."""
    found: list[tuple[int, int, str]] = []
    for match in lookups.channel.finditer(text, start, end):
        found.append((match.start(), match.end(), match.group(0)))
        if len(found) == MAX_CHANNELS:
            break
    return found


def _via_in(channels: Sequence[tuple[int, int, str]], exclude: Sequence[tuple[int, int]]) -> list[str]:
    """The names of `channels` outside the `exclude` spans, each once."""
    names: list[str] = []
    for at, _, name in channels:
        if not any(s <= at < e for s, e in exclude) and name not in names:
            names.append(name)
    return names


_LOOKUPS: dict[int, tuple[AttributionLexicon, _Lookups]] = {}


def _lookups(lexicon: AttributionLexicon) -> _Lookups:
    """Compiled lookups of a lexicon, built once per lexicon object."""
    cached = _LOOKUPS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = _LOOKUPS[id(lexicon)] = (lexicon, _Lookups(lexicon))
    return cached[1]


def article_claims(
    article: Article,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[Paragraph],
    *,
    lexicon: AttributionLexicon | None = None,
) -> list[Claim]:
    """Every claim of one article, in text order, with ids `<article>:c<n>`."""
    lex = lexicon or attribution_lexicon()
    text = article.text
    zones = {p.index: p.zone for p in paragraphs}
    turns = _transcript_turns(text, paragraphs)
    lookups = _lookups(lex)
    stance = _Stance(lookups)
    memory = SpeakerMemory(lex)
    chain = _article_chain(text, lookups, lex.article_level_min_mentions)
    outlets = lookups.outlets
    pending: deque[Sentence] = deque(maxlen=PENDING_SUBJECTS)
    claims: list[Claim] = []
    previous_speaker: Speaker | None = None
    previous_paragraph = -10
    readable = [s for s in sentences if zones.get(s.paragraph) in EXTRACTED_ZONES]
    ended_open = False  # the sentence before ended inside a quotation (a paragraph of a longer quotation)
    turn_paragraph = -1  # a paragraph that is a transcript's turn: one claim of its speaker
    signer: tuple[int, Claim] | None = None  # the last signed quotation and its paragraph
    introducer: tuple[Speaker, Span] | None = None  # "X issued the following statement:"
    for position, sentence in enumerate(readable):
        before = readable[position - 1] if position else None
        # inside a quotation opened by an earlier sentence of the paragraph: quoted speech, not narrative
        inside = ended_open and before is not None and before.paragraph == sentence.paragraph
        if sentence.paragraph == turn_paragraph:
            found = []
        else:
            found = sentence_attributions(text, sentence.start, sentence.end, lexicon=lex, open_quote=inside)
        turn = turns.get(sentence.paragraph)
        if turn is not None and (before is None or before.paragraph != sentence.paragraph):
            turn_paragraph = sentence.paragraph
            found = [turn]  # what the sentence says is the speaker's: no narrative cues in it
        continues_open = ended_open
        ended_open = _open_at_end(text, sentence, inside)
        found = _drop_nested(_fold_outlets(text, found, outlets))
        introducing, introducer = introducer, None
        sentence_speaker: Speaker | None = None
        if not found:
            introducer = _introducer(text, sentence, lex, memory, pending)
            pending.append(sentence)  # its subject matters only if a later "he"/"the ministry" needs it
        else:
            if any(_needs_antecedent(text, a, lex) for a in found):
                for earlier in pending:
                    _remember_subject(text, earlier, memory, lex)
            pending.clear()
            subject = sentence_subject(text, sentence.start, sentence.end, lexicon=lex)
            if subject is not None and not any(a.speaker == subject for a in found):
                memory.resolve(text[subject[0] : subject[1]])  # a later "he"/"it" may point to it
        continues_quote = (
            (inside or text.startswith(STANDALONE_OPENERS, sentence.start))
            and (previous_speaker is not None or introducing is not None)
            and RE_SIGNED_QUOTE.match(text, sentence.start + 1) is None
        )
        if (inside and not _ends_in(claims, before)) or sentence.paragraph == turn_paragraph:
            continues_quote = False  # a sentence inside a quotation only extends the claim of the one before
        if not found and continues_quote and (introducing is not None or sentence.paragraph - previous_paragraph <= 2):
            content = _inside_quote(text, sentence, opened=not inside)
            found = [Attribution(content=content, speaker=None, cue=None, rule=RULE_STANDALONE)]
        if found:
            quotes = quote_regions(text, sentence.start, sentence.end)
            channels = _channels(text, sentence.start, sentence.end, lookups)
            following = readable[position + 1] if position + 1 < len(readable) else None
            unverified_next = following is not None and bool(
                lookups.not_verified.search(text, following.start, following.end)
            )
        signed = signer[1] if signer is not None and signer[0] == sentence.paragraph else None
        if signed is not None and _named_again(signed, previous_speaker, before, lex.pronouns):
            signed = None  # “A,” said Ana Ruiz. Ruiz added that B. “C.”: C goes with the nearer mention
        for attribution in found:
            speaker = _speaker(text, attribution, sentence_speaker, previous_speaker, memory)
            if attribution.rule == RULE_STANDALONE and introducing is not None:
                speaker = introducing[0]  # He said: / “A.”
            elif attribution.rule == RULE_STANDALONE and signed is not None:
                speaker = signed.speaker  # “A,” said X, who noted B. “C.”: C is X's too
            if speaker is not None:
                sentence_speaker = speaker
            cue = (
                Span(
                    start=attribution.cue[0], end=attribution.cue[1], text=text[attribution.cue[0] : attribution.cue[1]]
                )
                if attribution.cue
                else None
            )
            if attribution.rule == RULE_STANDALONE and claims and claims[-1].speaker == speaker:
                cue = _signed_cue(claims)  # the quotation continues the attribution before it
            if attribution.rule == RULE_STANDALONE and introducing is not None:
                cue = introducing[1]
            elif attribution.rule == RULE_STANDALONE and signed is not None:
                cue = signed.cue
            cs, ce = _tidy_content(text, *attribution.content)
            continued = _continued_quote(claims, attribution, sentence, before, open_before=continues_open)
            if continued is not None:
                # one quotation over several sentences is one claim: “A,” he said. “B. C.”
                if _signature_outweighs(continued.content, (cs, ce)):
                    continue  # “A,” said X, a long description of X. “B.”: the claim stays “A”
                claims[-1] = msgspec.structs.replace(
                    continued,
                    content=Span(start=continued.content.start, end=ce, text=text[continued.content.start : ce]),
                )
                continue
            content_text = text[cs:ce]
            exclude = [attribution.content] + ([(speaker.start, speaker.end)] if speaker else [])
            explicit = _via_in(channels, exclude)
            if speaker is not None:
                explicit = [v for v in explicit if v not in speaker.name and v not in speaker.text]
            via = [c for c in chain if speaker is None or c not in speaker.name] + [
                v for v in explicit if v not in chain
            ]
            # a quotation left open by the sentence before: the paragraph goes on inside it, or a
            # new paragraph takes it up again (not an opening mark that restarts it mid-paragraph)
            taken_up = (
                continues_open
                and before is not None
                and (before.paragraph != sentence.paragraph or not text.startswith(RESTARTING, sentence.start))
            )
            opened = _opening_claim(claims, attribution, sentence, before) if taken_up else None
            if opened is not None:
                # the signature closes a quotation opened sentences before: “A. / B,” she said.
                cs = opened.content.start
                content_text = text[cs:ce]
                claims.pop()
            claims.append(
                Claim(
                    id=opened.id if opened is not None else f"{article.id}:c{len(claims) + 1}",
                    article=article.id,
                    sentence=sentence.index,
                    content=Span(start=cs, end=ce, text=content_text),
                    speaker=speaker,
                    cue=cue,
                    kind=stance.kind(text, attribution.content, quotes),  # type: ignore[arg-type]
                    via=via,
                    polarity=stance.polarity(attribution, content_text, cue.text if cue else ""),  # type: ignore[arg-type]
                    certainty=stance.certainty(attribution, cue.text if cue else "", content_text, unverified_next),  # type: ignore[arg-type]
                    rule=attribution.rule,
                )
            )
            if attribution.rule in SIGNING_RULES and speaker is not None and claims[-1].kind != "indirect":
                signer = (sentence.paragraph, claims[-1])
        if sentence_speaker is not None:
            previous_speaker = sentence_speaker
            previous_paragraph = sentence.paragraph
    return claims


# A transcript has several turns; one "Moscow: ..." paragraph is a dateline.
MIN_TURNS = 2


def _transcript_turns(text: str, paragraphs: Sequence[Paragraph]) -> dict[int, Attribution]:
    """The body paragraphs that are turns of a transcript ("PENCE: Well, ..."), by index,
    when the article has at least `MIN_TURNS` of them."""
    turns = {}
    for paragraph in paragraphs:
        if paragraph.zone == "body":
            turn = speaker_turn(text, paragraph.start, paragraph.end)
            if turn is not None:
                turns[paragraph.index] = turn
    return turns if len(turns) >= MIN_TURNS else {}


# Sentences without claims whose subjects a later pronoun may point to (the nearest ones).
PENDING_SUBJECTS = 3
ANTECEDENT_STARTS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def _needs_antecedent(text: str, attribution: Attribution, lexicon: AttributionLexicon) -> bool:
    """The speaker is a pronoun or a description ("He", "the ministry") resolved against earlier ones."""
    if attribution.speaker is None:
        return False
    words = text[attribution.speaker[0] : attribution.speaker[1]].lower().split()
    return bool(words) and (words[0] in lexicon.pronouns or words[0] in ANTECEDENT_STARTS or len(words) == 1)


def _remember_subject(text: str, sentence: Sentence, memory: SpeakerMemory, lexicon: AttributionLexicon) -> None:
    subject = sentence_subject(text, sentence.start, sentence.end, lexicon=lexicon)
    if subject is not None:
        memory.resolve(text[subject[0] : subject[1]])


QUOTE_RULES = frozenset(
    {
        "attribution.quote_then_said.v1",
        "attribution.said_then_quote.v1",
        "attribution.colon_quote.v1",
        RULE_STANDALONE,
    }
)


# "X agreed." introduces the quotation after it (the verbs are in attribution.toml [introducers]).
INTRODUCING_VERBS = frozenset(_RULES["introducers"]["verbs"])
MAX_INTRODUCING_VERB = 16


def _introducer(
    text: str, sentence: Sentence, lexicon: AttributionLexicon, memory: SpeakerMemory, pending: deque[Sentence]
) -> tuple[Speaker, Span] | None:
    """The subject of a sentence without claims that ends with a colon, and the words from it
    to the colon: the speaker and cue of the quotation that follows ("He went on to say:");
    or the words before the verb of a sentence that is only a subject and an introducing verb
    ("Ohio State's Mira Olsen agreed."), and the verb."""
    end = sentence.end
    while end > sentence.start and text[end - 1].isspace():
        end -= 1
    if end == sentence.start or text[end - 1] not in ":.":
        return None
    verb = text[max(sentence.start, end - MAX_INTRODUCING_VERB) : end - 1].split()[-1:] if text[end - 1] == "." else []
    if text[end - 1] == "." and (not verb or verb[0].lower() not in INTRODUCING_VERBS):
        return None
    subject = sentence_subject(text, sentence.start, end, lexicon=lexicon)
    if subject is None:
        return None
    start, stop = subject
    if verb:
        end -= 1  # the cue is the verb, without the full stop
        if text[sentence.start : start].strip():
            return None  # "After X, the talks continued." has more than a subject before the verb
        stop = end - len(verb[0])  # all words before the verb: "Iowa State University's Dianne Bystrom agreed."
        while stop > start and text[stop - 1].isspace():
            stop -= 1
    cue = stop
    while cue < end and text[cue].isspace():
        cue += 1
    if cue >= end - 1:
        return None
    for earlier in pending:
        _remember_subject(text, earlier, memory, lexicon)  # "She went on to say:" names an earlier subject
    pending.clear()
    mention = text[start:stop]
    speaker = Speaker(start=start, end=stop, text=mention, name=memory.resolve(mention))
    return speaker, Span(start=cue, end=end, text=text[cue:end])


# Rules that sign a quotation: a later quotation of the paragraph without a cue is the signer's.
SIGNING_RULES = frozenset(
    {"attribution.quote_then_said.v1", "attribution.said_then_quote.v1", "attribution.colon_quote.v1"}
)
# A quotation continues the previous claim's only within this many characters.
MAX_QUOTE_GAP = 300


def _continued_quote(
    claims: Sequence[Claim],
    attribution: Attribution,
    sentence: Sentence,
    previous: Sentence | None,
    *,
    open_before: bool = False,
) -> Claim | None:
    """The claim a standalone quotation continues: a quote claim of the sentence just before
    (any quote claim when that sentence left its quotation open)."""
    if attribution.rule != RULE_STANDALONE or not claims or previous is None:
        return None
    last = claims[-1]
    if last.rule not in QUOTE_RULES or not _ends_in(claims, previous) or (last.kind == "indirect" and not open_before):
        return None
    return last if attribution.content[0] - last.content.end <= MAX_QUOTE_GAP else None


def _named_again(signed: Claim, nearer: Speaker | None, before: Sentence | None, pronouns: frozenset[str]) -> bool:
    """Whether the sentence just before, a later one than the signed quotation's, names its
    signer again: by the same last word ("Ana Ruiz" ... "Ruiz") or a pronoun ("she")."""
    signer = signed.speaker
    if signer is None or nearer is None or before is None or before.index == signed.sentence:
        return False
    if not before.start <= nearer.start < before.end:
        return False
    if nearer.name == signer.name and nearer.text.lower() in pronouns:
        return True
    last, other = nearer.text.split()[-1:], signer.text.split()[-1:]
    return bool(last) and last == other


def _signed_cue(claims: Sequence[Claim]) -> Span | None:
    """The cue of the last claim, or of the quotation its participle follows in the same
    sentence: a quotation after “A,” she said, referring to X. continues “A” (cue "said")."""
    last = claims[-1]
    if len(claims) > 1 and last.rule == RULE_PARTICIPLE:
        before = claims[-2]
        if before.sentence == last.sentence and before.rule in QUOTE_RULES and before.speaker == last.speaker:
            return before.cue
    return last.cue


def _signature_outweighs(quoted: Span, more: tuple[int, int]) -> bool:
    """Whether the words between a quotation and the next one that continues it (its
    signature and what else the article says there) are longer than both quotations together,
    the first being the longer one: a span over both would be mostly not quoted."""
    first, second = quoted.end - quoted.start, more[1] - more[0]
    between = more[0] - quoted.end
    return between > first + second and first >= second


def _ends_in(claims: Sequence[Claim], sentence: Sentence | None) -> bool:
    """Whether the last claim so far ends in `sentence` (a claim continued over several
    sentences keeps the index of its first one)."""
    return bool(claims) and sentence is not None and sentence.start <= claims[-1].content.end <= sentence.end


def _opening_claim(
    claims: Sequence[Claim], attribution: Attribution, sentence: Sentence, previous: Sentence | None
) -> Claim | None:
    """The claim of the sentence just before when this sentence closes the quotation that
    sentence left open and signs it (“... / ...,” she said): a standalone quotation claim
    without a cue of its own, which the signed claim takes over."""
    if not claims or previous is None or attribution.rule not in QUOTE_RULES or attribution.cue is None:
        return None
    last = claims[-1]
    if last.rule != RULE_STANDALONE or not _ends_in(claims, previous):
        return None
    if attribution.content[0] - sentence.start > 2 or attribution.content[0] - last.content.end > MAX_QUOTE_GAP:
        return None  # the signed quotation is not the sentence's opening words
    return last


RE_QUOTE_MARK = re.compile(r"''|``|[“”«»\"]")


def _open_at_end(text: str, sentence: Sentence, open_at_start: bool) -> bool:
    """Whether a quotation is still open where the sentence ends: opening marks open,
    closing marks close, straight marks alternate (as `research.text.quote_regions` reads them)."""
    is_open = open_at_start
    for mark in RE_QUOTE_MARK.findall(text, sentence.start, sentence.end):
        if mark in ("“", "«", "``"):
            is_open = True
        elif mark in ("”", "»"):
            is_open = False
        else:
            is_open = not is_open
    return is_open


OPENING_MARKS = ("“", "«", '"', "``", "''")
CLOSING_MARKS = ("”", "»", '"', "''")


def _tidy_content(text: str, start: int, end: int) -> tuple[int, int]:
    """The content without white space and end punctuation, and without the marks of a
    quotation that encloses it whole ("“We are ready.”" gives "We are ready")."""
    for _ in range(2):
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
            end -= 1
        if not text.startswith(OPENING_MARKS, start) or not text.endswith(CLOSING_MARKS, start, end):
            break
        opening = next(m for m in OPENING_MARKS if text.startswith(m, start))
        closing = next(m for m in CLOSING_MARKS if text.endswith(m, start, end))
        if end - start <= len(opening) + len(closing):
            break
        inner = text[start + len(opening) : end - len(closing)]
        if any(m in inner for m in ("“", "”", '"', "«", "»")):
            break  # several quotations: mixed content keeps its marks
        start, end = start + len(opening), end - len(closing)
    return start, end


def _inside_quote(text: str, sentence: Sentence, *, opened: bool = True) -> tuple[int, int]:
    """The quoted text of a sentence that opens with a quotation mark (`opened`) or starts
    inside a quotation opened before it."""
    start, end = sentence.start, sentence.end
    if opened:
        start += 2 if text.startswith(("``", "''"), sentence.start) else 1
    while end > start and (text[end - 1] in QUOTE_CHARS + "'.,;: \u00a0" or text[end - 1].isspace()):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _speaker(
    text: str,
    attribution: Attribution,
    sentence_speaker: Speaker | None,
    previous_speaker: Speaker | None,
    memory: SpeakerMemory,
) -> Speaker | None:
    if attribution.rule == RULE_STANDALONE:
        return previous_speaker
    if attribution.inherits_speaker:
        return sentence_speaker
    if attribution.speaker is None:
        return None
    start, end = attribution.speaker
    mention = text[start:end]
    named_by = attribution.antecedent or attribution.speaker  # "who" is named by what it stands for
    context_end = attribution.cue[0] if attribution.cue and attribution.cue[0] > end else min(len(text), end + 80)
    name = memory.resolve(text[named_by[0] : named_by[1]], text[named_by[1] : max(named_by[1], context_end)])
    return Speaker(start=start, end=end, text=mention, name=name)


_NESTED = _RULES["nested"]
# Rules whose claim inside another claim's content is part of what that claim reports.
NESTED_INNER_RULES = frozenset(_NESTED["inner_rules"])
# Outer rules that keep the claims inside their content ("those who saw him say ...").
NESTED_KEEPING_RULES = frozenset(_NESTED["keeping_outer_rules"])


def _drop_nested(found: list[Attribution]) -> list[Attribution]:
    """Without the attributions whose cue lies inside the content of another attribution of
    the sentence ("Officials said [the minister claimed the figures were wrong]"): the outer
    claim reports the inner one, which is no claim of its own (`[nested]` of attribution.toml)."""
    outers = [a.content for a in found if a.cue is not None and a.rule not in NESTED_KEEPING_RULES]
    if len(found) < 2 or not outers:
        return found
    return [
        a
        for a in found
        if a.cue is None
        or a.rule not in NESTED_INNER_RULES
        or not any(s <= a.cue[0] and a.cue[1] <= e and (s, e) != a.content for s, e in outers)
    ]


def _fold_outlets(text: str, found: list[Attribution], outlets: frozenset[str]) -> list[Attribution]:
    """An outlet that reports another attribution ("..., BBC reported", "TASS reported that X
    said ...") is the reporting chain of that attribution, not a claim of its own."""
    if len(found) < 2:
        return found  # nothing reported by an outlet
    kept: list[Attribution] = []
    for a in found:
        if a.speaker is not None:
            mention = (
                text[a.speaker[0] : a.speaker[1]].removeprefix("The ").removeprefix("the ").split(" news agency")[0]
            )
            reported = [b for b in found if b is not a and b.content[0] < a.content[1] and a.content[0] < b.content[1]]
            if mention in outlets and reported:
                continue
        kept.append(a)
    return kept
