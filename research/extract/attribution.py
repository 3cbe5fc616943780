"""Attribution: who claims what, found by small named rules over the tokens of one sentence.

Each rule id names the shape it recognises:

- `attribution.quote_then_said.v1`    “CONTENT,” said X / “CONTENT,” X said
- `attribution.said_then_quote.v1`    X said: “CONTENT”
- `attribution.subject_verb.v1`       X said (that) CONTENT / X claimed CONTENT / X denied CONTENT
- `attribution.content_then_said.v1`  CONTENT, X said. / CONTENT, said X.
- `attribution.according_to.v1`       According to X, CONTENT / CONTENT, according to X
- `attribution.participle.v1`         ..., adding/saying (that) CONTENT (speaker of the clause before)
- `attribution.coordinated.v1`        X claimed A and accused B (speaker of the first verb)
- `attribution.relative_clause.v1`    X, who confirmed CONTENT / the attack, which X said was foiled
- `attribution.media_shows.v1`        X posted a video purportedly showing CONTENT
- `attribution.sourceless.v1`         it was reported that CONTENT (no speaker)

This module finds raw attributions (spans only); `research.extract.claims` turns them into
`Claim` records with resolved speakers, reporting chain, polarity and certainty.
"""

from __future__ import annotations

import msgspec

from research.extract.tokens import AMBIGUOUS_QUOTES, CLOSING_QUOTES, OPENING_QUOTES, Token, tokens
from research.lexicon import AttributionLexicon, CueVerb, attribution_lexicon
from research.text import quote_regions

__all__ = ["Attribution", "sentence_attributions", "sentence_subject"]

PARTICIPLES = frozenset(
    {
        "saying", "adding", "noting", "stating", "claiming", "insisting", "arguing", "warning", "stressing",
        "explaining", "expressing", "indicating", "suggesting", "telling", "announcing", "declaring", "denying",
        "accusing", "calling", "asking", "urging", "writing", "confirming", "acknowledging", "describing",
        "promising", "threatening", "emphasizing", "emphasising", "asserting", "reiterating", "recalling",
        "revealing", "insisting", "vowing", "pledging", "predicting", "conceding", "admitting",
    }
)  # fmt: skip
MODALS = frozenset(
    {"will", "would", "may", "might", "can", "could", "must", "should", "shall", "did", "do", "does", "to", "not",
     "n't", "also", "often", "still", "now", "repeatedly", "publicly"}
)  # fmt: skip
QUANTIFIERS = frozenset(
    {"many", "some", "several", "all", "both", "most", "few", "other", "such", "no", "any", "each", "every", "new",
     "first", "latest", "recent", "further", "so-called", "alleged"}
)  # fmt: skip
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
OBJECT_TAKING = frozenset({"tell", "inform", "assure", "reassure", "notify", "advise", "ask", "remind", "warn", "urge"})
ADVERBIAL_STARTS = frozenset(
    {"on", "in", "at", "during", "via", "through", "after", "late", "earlier", "later", "last", "this", "publicly",
     "repeatedly", "again", "also", "before", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday", "in", "separately", "privately", "once", "here", "there", ","}
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
     "asked", "responding", "writing", "separately", "afterward", "afterwards", "previously", "recently"}
)  # fmt: skip
OPENING_SUBORDINATORS = frozenset({"while", "when", "although", "though", "if", "after", "because", "since", "once", "whereas", "as"})
SUBORDINATORS = frozenset({"as", "while", "whereas", "but", "although", "though", "because", "since"})
QUOTE_MARKS = frozenset(OPENING_QUOTES + CLOSING_QUOTES + AMBIGUOUS_QUOTES)
OPENERS = frozenset(OPENING_QUOTES + AMBIGUOUS_QUOTES)
CLOSERS = frozenset(CLOSING_QUOTES + AMBIGUOUS_QUOTES)
CHUNK_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–"}) | QUOTE_MARKS
MAX_NP = 14


class Attribution(msgspec.Struct, frozen=True, kw_only=True):
    """Spans of one attribution in a sentence, before speakers are resolved.

    inherits_speaker: the speaker is the one of the attribution before it in the sentence
    (participles and coordinated verbs); via: outlet or platform spans named in the sentence.
    """

    content: tuple[int, int]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    rule: str
    verb: CueVerb | None = None
    inherits_speaker: bool = False


def sentence_attributions(
    text: str, start: int, end: int, *, lexicon: AttributionLexicon | None = None
) -> list[Attribution]:
    """Attributions in the sentence text[start:end], in the order of their cues."""
    return _Sentence(text, start, end, lexicon or attribution_lexicon()).attributions()


def sentence_subject(text: str, start: int, end: int, *, lexicon: AttributionLexicon | None = None) -> tuple[int, int] | None:
    """Character span of the main-clause subject of the sentence text[start:end], if found."""
    sentence = _Sentence(text, start, end, lexicon or attribution_lexicon())
    found = sentence.main_subject()
    return sentence.span(*found) if found else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-"):
        end -= 1
    return start, end


class _Sentence:
    """One sentence: its tokens, its quotations, and the rules that read them."""

    def __init__(self, text: str, start: int, end: int, lexicon: AttributionLexicon) -> None:
        self.text, self.start, self.end, self.lex = text, start, end, lexicon
        self.toks = tokens(text, start, end)
        self.quotes = quote_regions(text, start, end)
        self.n = len(self.toks)

    # ================================================================ helpers
    def tok(self, index: int) -> Token | None:
        return self.toks[index] if 0 <= index < self.n else None

    def lower(self, index: int) -> str:
        tok = self.tok(index)
        return tok.lower if tok is not None else ""

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.toks[first].start, self.toks[last].end

    def quote_at(self, index: int) -> tuple[int, int] | None:
        """The closed quotation holding token `index` (its marks included), if any."""
        at = self.toks[index].start
        for qs, qe in self.quotes:
            if qs <= at < qe:
                return qs, qe
        return None

    def inside(self, region: tuple[int, int]) -> tuple[int, int]:
        """The text of a quotation without its marks (one or two characters each)."""
        start, end = region
        opening = 2 if self.text.startswith(("''", "``"), start) else 1
        closing = 2 if self.text[end - 2 : end] == "''" else 1
        return start + opening, end - closing

    def inside_quote(self, index: int) -> bool:
        at = self.toks[index].start
        return any(qs < at < qe - 1 for qs, qe in self.quotes)

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        for i, tok in enumerate(self.toks):
            if tok.start >= offset:
                return i
        return self.n

    def is_np_word(self, tok: Token) -> bool:
        return tok.is_word and tok.lower not in self.lex.stop_words and tok.lower not in self.lex.verbs

    # ================================================================ noun phrases
    def np_before(self, end_index: int) -> tuple[int, int] | None:
        """Token range of the noun phrase ending at `end_index` (inclusive), scanning back."""
        if end_index < 0 or self.toks[end_index].lower in ("and", "of", "in", "for", "at"):
            return None
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
                if before is not None and self.is_np_word(before) and (tok.lower in ("and", "of", "for") or (
                    before.lower.endswith("s") and self.toks[first].is_capitalised
                )):
                    i -= 1
                    continue
                break
            if not self.is_np_word(tok):
                break
            first = i
            i -= 1
        if first is None:
            return None
        return first, end_index

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
                if tok.text in CHUNK_BREAKS or tok.text in ".!?" or tok.lower in SUBORDINATORS or (
                    tok.lower in ("who", "which", "that") and last is not None
                ):
                    break
            elif tok.lower in ("of", "for", "from", "and") and last is not None and self.tok(i + 1) is not None:
                nxt = self.toks[i + 1]
                if not (nxt.is_word and (nxt.is_capitalised or nxt.lower in self.lex.determiners)):
                    break
            elif not self.is_np_word(tok):
                break
            last = i
            i += 1
        return (start_index, last) if last is not None else None

    def subject_before(self, end_index: int) -> tuple[int, int] | None:
        """The subject noun phrase ending at token `end_index`, skipping appositions.

        "Andriy Yusov, a spokesman for the country’s military intelligence, said" gives
        "Andriy Yusov"; "In a statement on Tuesday, the ministry said" gives "the ministry".
        """
        if end_index < 0:
            return None
        if self.toks[end_index].text != ",":
            return self.np_before(end_index)
        chunk_end = end_index - 1
        for _ in range(4):
            j = chunk_end
            while j >= 0 and self.toks[j].text not in CHUNK_BREAKS:
                j -= 1
            if j + 1 > chunk_end:
                return None
            head = self.toks[j + 1]
            named = head.lower == "the" and j + 2 <= chunk_end and self.toks[j + 2].is_capitalised
            if named and j >= 0 and self.toks[j].text == ",":
                # "Another group, the Russian Volunteer Corps, said": the name, unless a person's name precedes
                earlier = self.np_before(j - 1)
                if earlier is None or not all(t.is_capitalised for t in self.toks[earlier[0] : earlier[1] + 1]):
                    return self.np_before(chunk_end)
            appositive = (
                head.lower in ("a", "an", "the", "who", "which", "whose", "consisting", "representing", "now", "himself")
                or head.text[0].isdigit()
                or (not head.is_capitalised and head.lower not in self.lex.pronouns)
            )
            if j < 0 or self.toks[j].text != "," or not appositive:
                return self.np_before(chunk_end)
            chunk_end = j - 1
        return None

    def main_subject(self) -> tuple[int, int] | None:
        """The subject of the sentence's main clause: the noun phrase before its first verb-like word."""
        for i, tok in enumerate(self.toks):
            if i > 0 and (tok.lower in self.lex.auxiliaries or tok.lower in self.lex.verbs or tok.lower in self.lex.adverbs):
                prev = self.toks[i - 1]
                if prev.is_word or prev.text in "),":
                    return self.subject_before(i - 1)
                return None
        return None

    # ================================================================ cues
    def cue_verb(self, index: int) -> CueVerb | None:
        """The cue verb at token `index`, when it is used as a verb here."""
        tok = self.toks[index]
        verb = self.lex.verbs.get(tok.lower)
        if verb is None or self.inside_quote(index):
            return None
        prev, nxt = self.tok(index - 1), self.tok(index + 1)
        if prev is not None and (prev.lower in self.lex.determiners or prev.lower in QUANTIFIERS):
            return None  # "the reported attack", "these claims"
        if nxt is not None and nxt.lower in ("by", "of") and not (tok.lower.endswith("ing") and nxt.lower == "by"):
            return None  # a passive ("was reported by") or a noun ("claims of")
        if nxt is not None and nxt.lower == "to" and tok.lower == "opposed":
            return None  # an adjective: "fighters opposed to Putin", "committed to"
        if tok.is_capitalised and index > 0 and not self.title_case():
            return None  # "the United States", "Nike Shows"
        if prev is not None and prev.text[0].isdigit():
            return None  # "3 points"
        if tok.lower.endswith("s") and tok.lower != verb.lemma and nxt is not None and (
            nxt.lower in BE_FORMS or nxt.lower in self.lex.auxiliaries or nxt.lower in ("and", "or", "that’s", "were")
        ):
            return None  # a plural noun: "states were exaggerating", "fears and instincts"
        if tok.lower == verb.lemma:
            # the base form doubles as a noun ("the Russian state"): it needs a verb context
            k = index - 1
            while k > 0 and (self.toks[k].lower in self.lex.adverbs or self.toks[k].lower.endswith("ly")):
                k -= 1
            prev = self.tok(k)
            plural = prev is not None and prev.is_word and prev.lower.endswith("s") and not prev.lower.endswith(
                ("’s", "'s", "ss")
            )
            if prev is None or not (prev.lower in MODALS or prev.lower in ("they", "we", "i", "you") or plural
                                    or prev.text in "”\""):  # fmt: skip
                return None
        elif prev is not None and prev.lower.endswith(("’s", "'s")):
            return None  # "Russia’s claims"
        if tok.lower.endswith("ing") and tok.lower != verb.lemma:
            # a gerund is a cue after a comma (", saying"), a be-form ("is heard saying") or "as"
            absolute = False  # "with the FRL claiming ...": a speaker after "with"
            if prev is not None and prev.is_word:
                np = self.np_before(index - 1)
                absolute = np is not None and self.lower(np[0] - 1) == "with"
            contracted = prev is not None and prev.lower.endswith(("’s", "'s", "’re", "'re")) and prev.lower.split("’")[0].split("'")[0] in self.lex.pronouns
            if prev is None or not (
                prev.text == "," or prev.lower in BE_FORMS or prev.lower in ("as", "heard", "seen") or absolute or contracted
            ):
                return None
        return verb

    def title_case(self) -> bool:
        """A headline in Title Case, where verbs are capitalised too."""
        words = [t for t in self.toks if t.is_word and len(t.text) > 3]
        return len(words) >= 3 and sum(t.is_capitalised for t in words) > 0.7 * len(words)

    def passive(self, index: int) -> bool:
        """A passive reporting verb ("is expected to", "were reported"), not a cue."""
        verb_tok = self.toks[index]
        if verb_tok.lower.endswith("ing"):
            return False
        i = index - 1
        while i >= 0 and self.toks[i].lower in self.lex.adverbs and self.toks[i].lower not in BE_FORMS:
            i -= 1
        return i >= 0 and self.toks[i].lower in BE_FORMS

    def progressive(self, index: int) -> bool:
        """"is continuing", "are saying": a cue only with a clause or quotation after it."""
        return self.toks[index].lower.endswith("ing") and index > 0 and self.toks[index - 1].lower in BE_FORMS

    def clause_follows(self, index: int) -> bool:
        """A "that"-clause, colon or quotation follows the cue (within a short adverbial)."""
        for j in range(index + 1, min(self.n, index + 9)):
            tok = self.toks[j]
            if tok.lower == "that" or tok.text in ":" or tok.text in OPENERS:
                between = self.toks[index + 1 : j]
                return not between or between[0].lower in ADVERBIAL_STARTS
            if tok.text in ".;," and j > index + 1 and tok.text != ",":
                return False
            if tok.lower in self.lex.verbs and j > index + 1:
                return False
        return False

    # ================================================================ rules
    def attributions(self) -> list[Attribution]:
        found: list[Attribution] = []
        found.extend(self.according_to())
        found.extend(self.for_source())
        found.extend(self.colon_quote())
        found.extend(self.media_shows(found))
        taken = [a.cue for a in found if a.cue]
        for index, tok in enumerate(self.toks):
            if not tok.is_word or any(cs <= tok.start < ce for cs, ce in taken):
                continue
            verb = self.cue_verb(index)
            if verb is None:
                continue
            if (verb.needs_clause or self.progressive(index)) and not self.clause_follows(index):
                continue
            attribution = self.for_cue(index, verb, found)
            if attribution is not None:
                found.append(attribution)
                if attribution.cue:
                    taken.append(attribution.cue)
        found.sort(key=lambda a: (a.cue or a.content)[0])
        return self.split_coordinated_contents(self.drop_duplicates(found))

    # ---------------------------------------------------------------- according to
    def according_to(self) -> list[Attribution]:
        out: list[Attribution] = []
        for i in range(self.n - 2):
            if self.lower(i) != "according" or self.lower(i + 1) != "to" or self.inside_quote(i):
                continue
            np = self.np_after(i + 2, to_clause_end=True)
            if np is None:
                continue
            cue = self.span(i, i + 1)
            before = [t for t in self.toks[:i] if t.is_word]
            leading = not before or (
                len(before) == 1 and before[0].lower in ("however", "but", "and", "meanwhile", "also", "still")
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
                if nxt is not None and nxt[1] + 1 < self.n and self.toks[nxt[1] + 1].text == "," and self.toks[nxt[0]].is_capitalised and (nxt[1] - nxt[0]) < 4:
                    speaker = self.span(*nxt)  # According to Belgorod’s governor, Vyacheslav Gladkov, ...
                    after = nxt[1] + 2
                if after < self.n:
                    content = _trim(self.text, self.toks[after].start, self.boundary_after(self.toks[after].start))
                    if content[0] < content[1]:
                        out.append(Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.according_to.v1"))
                continue
            if i > 0 and self.toks[i - 1].text == ",":
                # CONTENT, according to X(, Name).
                speaker = self.span(*np)
                if np[1] + 2 < self.n and self.toks[np[1] + 1].text == ",":
                    name = self.np_after(np[1] + 2, to_clause_end=True)
                    if name is not None and self.toks[name[0]].is_capitalised and name[1] - name[0] < 4:
                        speaker = self.span(*name)
                content = _trim(self.text, self.clause_start(), self.toks[i - 1].start)
                if content[0] < content[1]:
                    out.append(Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.according_to.v1"))
        return out

    def for_source(self) -> list[Attribution]:
        """"For Baranovsky, the offensive is underway": a named source's view."""
        if self.n < 4 or self.lower(0) != "for" or not self.toks[1].is_capitalised:
            return []
        np = self.np_after(1)
        if np is None or np[1] - np[0] > 3 or self.lower(np[1] + 1) != ",":
            return []
        if not all(t.is_capitalised for t in self.toks[np[0] : np[1] + 1]):
            return []
        content = _trim(self.text, self.toks[np[1] + 1].end, self.boundary_after(self.toks[np[1] + 1].end))
        if content[0] >= content[1]:
            return []
        return [Attribution(content=content, speaker=self.span(*np), cue=self.span(0, 0), rule="attribution.for_source.v1")]

    def colon_quote(self) -> list[Attribution]:
        """"Trump: “We will win.”": a short name, a colon, a quotation."""
        colon = next((i for i, t in enumerate(self.toks[:7]) if t.text == ":"), None)
        if colon is None or colon == 0 or self.tok(colon + 1) is None:
            return []
        np = self.np_before(colon - 1)
        region = self.quote_at(colon + 1)
        if np is None or np[0] != 0 or region is None or region[0] != self.toks[colon + 1].start:
            return []
        content = _trim(self.text, *self.inside(region))
        if content[0] >= content[1]:
            return []
        return [Attribution(content=content, speaker=self.span(*np), cue=self.span(colon, colon), rule="attribution.colon_quote.v1")]

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
        noun = next((j for j in range(first - 1, max(-1, first - 7), -1) if self.lower(j) in self.lex.media_nouns), None)
        if noun is None:
            return None
        verb_index = next(
            (j for j in range(noun - 1, max(-1, noun - 6), -1)
             if self.lower(j) in self.lex.verbs and self.lex.verbs[self.lower(j)].verb_class in ("publishing", "speech")),
            None,
        )  # fmt: skip
        if verb_index is None:
            return None
        content = _trim(self.text, cue[1], self.boundary_after(cue[1]))
        if content[0] >= content[1]:
            return None
        verb = self.lex.verbs[self.lower(verb_index)]
        if self.lower(verb_index).endswith("ing") and self.lower(verb_index - 1) == ",":
            return Attribution(content=content, speaker=None, cue=cue, rule="attribution.media_shows.v1", verb=verb,
                               inherits_speaker=True)
        subject_end = verb_index - 1
        while subject_end >= 0 and self.toks[subject_end].lower in self.lex.adverbs:
            subject_end -= 1
        subject = self.subject_before(subject_end)
        if subject is None:
            return None
        return Attribution(content=content, speaker=self.span(*subject), cue=cue, rule="attribution.media_shows.v1", verb=verb)

    # ---------------------------------------------------------------- one cue
    def cue_span(self, index: int) -> int:
        """First token of the cue at `index`: auxiliaries and "quoted as" belong to it."""
        first = index
        if index >= 2 and self.lower(index - 1) == "as" and self.lower(index - 2) in ("quoted", "heard"):
            first = index - 2
        elif index >= 1 and self.lower(index - 1) in ("heard", "seen"):
            first = index - 1
        while first > 0 and self.toks[first - 1].lower in self.lex.auxiliaries:
            first -= 1
        return first

    def for_cue(self, index: int, verb: CueVerb, found: list[Attribution]) -> Attribution | None:
        cue_first = self.cue_span(index)
        cue = self.span(cue_first, index)
        here = self.toks[index].start
        earlier = [a for a in found if a.cue and a.cue[1] <= here]
        quoted_as = self.lower(index - 1) == "as" and self.lower(index - 2) in ("quoted", "heard")
        if self.passive(index) and not quoted_as:
            if self.lower(index - 1) in BE_FORMS and self.lower(index - 2) == "it":
                return self.sourceless(index, cue_first, verb)
            return None
        subject_end = cue_first - 1
        while subject_end >= 0 and (
            self.toks[subject_end].lower in self.lex.adverbs
            or (self.toks[subject_end].lower.endswith("ly") and self.toks[subject_end].lower not in ("italy", "july"))
        ):
            subject_end -= 1

        if self.lower(index).endswith("ing") and self.lower(index - 1) == ",":
            content = self.content_after(index, verb)
            if content is None:
                return None
            if earlier:
                return Attribution(content=content, speaker=None, cue=cue, rule="attribution.participle.v1",
                                   verb=verb, inherits_speaker=True)  # fmt: skip
            subject = self.main_subject()
            if subject is None or self.toks[subject[1]].start > here:
                return None
            return Attribution(content=content, speaker=self.span(*subject), cue=cue, rule="attribution.participle.v1",
                               verb=verb)  # fmt: skip
        if self.lower(subject_end) in ("and", "but") and (self.lower(subject_end - 1) not in ("", ",") or earlier):
            content = self.content_after(index, verb)
            if content is None:
                return None
            if any(a.speaker or a.inherits_speaker for a in earlier):
                return Attribution(content=content, speaker=None, cue=cue, rule="attribution.coordinated.v1",
                                   verb=verb, inherits_speaker=True)  # fmt: skip
            subject = self.main_subject()
            if subject is None or self.toks[subject[1]].start > here:
                return None
            return Attribution(content=content, speaker=self.span(*subject), cue=cue, rule="attribution.coordinated.v1",
                               verb=verb)  # fmt: skip
        quoted = self.quote_then_said(index, cue_first, cue, verb, subject_end)
        if quoted is not None:
            return quoted
        if self.lower(subject_end) in ("who", "which"):
            comma = self.lower(subject_end - 1) == ","
            antecedent = self.subject_before(subject_end - 1) if comma else self.np_before(subject_end - 1)
            content = self.content_after(index, verb, to_comma=True)
            if antecedent is None or content is None:
                return None
            return Attribution(content=content, speaker=self.span(*antecedent), cue=cue,
                               rule="attribution.relative_clause.v1", verb=verb)  # fmt: skip
        if self.lower(cue_first - 1) == ",":
            inverted = self.inverted(index, cue, verb)
            if inverted is not None:
                return inverted
        subject = self.subject_before(subject_end)
        if subject is None:
            return self.inverted(index, cue, verb)
        speaker = self.span(*subject)
        relative = self.lower(subject[0] - 1)
        if subject[0] >= 1 and (relative in ("which", "what") or (
            relative == "that" and subject[0] >= 2 and self.lower(subject[0] - 2) not in self.lex.verbs
            and self.toks[subject[0] - 2].is_word
        )):  # fmt: skip
            # object relative: "the attack, which the ministry said was foiled," / "what it said was a video"
            nxt = self.tok(index + 1)
            if nxt is None or not (nxt.lower in BE_FORMS or nxt.lower.endswith("ed")):
                return None
            content = self.content_after(index, verb, to_comma=True, skip_copula=self.lower(subject[0] - 1) == "what")
            if content is None:
                return None
            return Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.relative_clause.v1", verb=verb)
        parenthetical = self.lower(index + 1) == ","
        if self.before_comma_is_content(subject, parenthetical=parenthetical) and not self.clause_follows(index):
            before = self.content_then_said(subject, cue, verb, parenthetical_from=index + 1)
            if before is not None:
                return before
        rest = self.content_after(index, verb)
        if rest is None:
            return self.content_then_said(subject, cue, verb)
        quoted_start = rest[0] > 0 and self.text[rest[0] - 1] in "“”«»\"'`"
        rule = "attribution.said_then_quote.v1" if quoted_start else "attribution.subject_verb.v1"
        return Attribution(content=rest, speaker=speaker, cue=cue, rule=rule, verb=verb)

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
            j = np[0] - 1
            while j >= 0 and subject_end - j < 12 and self.toks[j].is_word and self.toks[j].lower not in self.lex.verbs:
                j -= 1
            if j >= 0 and self.toks[j].text == "," and j >= 1 and self.toks[j - 1].text in CLOSERS:
                np, k = (j + 1, subject_end), j - 1
        if k < 0 or self.toks[k].text not in CLOSERS:
            return None
        region = self.quote_at(k)
        if region is None:
            if any(qs <= self.toks[k].start < qe for qs, qe in self.quotes) or any(
                t.text in OPENING_QUOTES for t in self.toks[:k]
            ):
                return None
            region = (self.start - 1, self.toks[k].end)  # the quotation opened before this sentence
        content = self.inside(region)
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
        if after < self.n - 1 and self.toks[after].text == ",":
            second = self.quote_at(after + 1)
            if second is not None and self.toks[after + 1].start == second[0]:
                content = (content[0], self.inside(second)[1])  # “A,” she said, “B.”
        content = _trim(self.text, *content)
        if content[0] >= content[1]:
            return None
        return Attribution(content=content, speaker=speaker, cue=cue, rule="attribution.quote_then_said.v1", verb=verb)

    def inverted(self, index: int, cue: tuple[int, int], verb: CueVerb) -> Attribution | None:
        """CONTENT, said X."""
        if index == 0:
            return self.said_name_quote(index, cue, verb)
        if self.toks[index - 1].text != ",":
            return None
        head = self.tok(index + 1)
        if head is None or not (head.is_capitalised or head.lower in ("the", "a", "an", "his", "her", "their")):
            return None
        np = self.np_after(index + 1, to_clause_end=True)
        if np is None or np[1] - np[0] > 8 or any(self.toks[k].lower == "that" for k in range(np[0], np[1] + 1)):
            return None
        speaker_words = self.toks[np[0] : np[1] + 1]
        if not any(t.is_capitalised or t.lower in self.lex.roles or t.lower in self.lex.organisation_words
                   for t in speaker_words[1:] + speaker_words[:1] if t.lower not in ("the", "a", "an")):
            return None  # "..., noted the rule in the interview": an object, not a speaker
        tail = self.toks[np[1] + 1 :]
        if tail and tail[0].text == ",":  # an apposition after the speaker: said X, a volunteer with Y.
            tail = tail[1:]
            rest = self.np_after(np[1] + 2, to_clause_end=True) if tail else None
            tail = self.toks[rest[1] + 1 :] if rest else tail
        if any(t.is_word for t in tail):
            return None
        content = _trim(self.text, self.clause_start(), self.toks[index - 1].start)
        if content[0] >= content[1]:
            return None
        return Attribution(content=content, speaker=self.span(*np), cue=cue, rule="attribution.content_then_said.v1", verb=verb)

    def before_comma_is_content(self, subject: tuple[int, int], *, parenthetical: bool = False) -> bool:
        """"Turnout fell sharply, officials said": the words before the comma are a statement,
        not an introductory adverbial ("In a statement on Tuesday, the ministry said ...")."""
        first = subject[0]
        if first < 2 or self.toks[first - 1].text != ",":
            return False
        k = first - 2
        while k >= 0 and self.toks[k].text not in (",", ";", ":", "—", "–") and self.toks[k].text not in QUOTE_MARKS:
            k -= 1
        chunk = [t for t in self.toks[k + 1 : first - 1] if t.is_word]
        if k >= 0 or not chunk or (len(chunk) <= 3 and not parenthetical):
            return False
        return chunk[0].lower not in INTRODUCTORY

    def said_name_quote(self, index: int, cue: tuple[int, int], verb: CueVerb) -> Attribution | None:
        """"Said Ellis: “I don’t get the sense ...”"."""
        np = self.np_after(index + 1)
        if np is None or np[1] + 2 >= self.n or self.toks[np[1] + 1].text not in (":", ","):
            return None
        region = self.quote_at(np[1] + 2)
        if region is None:
            return None
        content = _trim(self.text, *self.inside(region))
        if content[0] >= content[1]:
            return None
        return Attribution(content=content, speaker=self.span(*np), cue=cue, rule="attribution.quote_then_said.v1", verb=verb)

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
        return Attribution(content=content, speaker=self.span(*subject), cue=cue, rule="attribution.content_then_said.v1",
                           verb=verb)  # fmt: skip

    # ---------------------------------------------------------------- content
    def content_after(
        self, index: int, verb: CueVerb, *, to_comma: bool = False, skip_copula: bool = False
    ) -> tuple[int, int] | None:
        """What follows the cue: past "that", a colon, short adverbials ("on Telegram", "in a
        statement") and, for tell/ask, the addressee; up to the next attribution boundary."""
        i = index + 1
        if i >= self.n:
            return None
        for j in range(i, min(self.n, i + 14)):
            tok = self.toks[j]
            if tok.lower == "that" or tok.text == ":" or tok.text in OPENERS:
                between = self.toks[i:j]
                short = len(between) <= 12 and not any(t.lower in self.lex.verbs or t.text in ",;" for t in between[1:])
                if not between or (short and (between[0].lower in ADVERBIAL_STARTS or verb.lemma in OBJECT_TAKING)):
                    i = j + 1 if tok.lower == "that" or tok.text == ":" else j
                break
            if tok.text in ".;" or (tok.lower in self.lex.verbs and j > i):
                break
        if skip_copula and self.lower(i) in BE_FORMS:
            i += 1
        elif verb.lemma in OBJECT_TAKING and i < self.n and self.lower(i) != "that" and self.toks[i].text not in OPENERS:
            i = self.after_addressee(i)
        while i < self.n and self.toks[i].text in ",:":
            i += 1
        if i >= self.n or not any(t.is_word for t in self.toks[i:]):
            return None
        words = [t for t in self.toks[i:] if t.is_word]
        if self.lower(i) in ("by", "on", "in", "via") and len(words) <= 5 and not any(
            t.text in QUOTE_MARKS for t in self.toks[i:]
        ):
            return None  # "... was quoted as saying by state agencies", "..., he wrote on Facebook."
        begin = self.toks[i].start
        stop = self.boundary_after(begin)
        if to_comma:
            comma = next((t.start for k, t in enumerate(self.toks[i:], i) if t.text == "," and not self.inside_quote(k)), None)
            if comma is not None:
                stop = min(stop, comma)
        content = _trim(self.text, begin, stop)
        return content if content[0] < content[1] else None

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

    def boundary_after(self, begin: int) -> int:
        """End of a content that starts at `begin`: the sentence end, or where the next
        attribution clause starts (", adding", ", BBC reported", ", according to",
        " and accused", " as Russia insisted", ", and rights groups warned that"), or where the
        sentence's opening subordinate clause ends ("While a judge found X, ...")."""
        subordinate = self.n > 0 and self.toks[0].lower in OPENING_SUBORDINATORS
        for i, tok in enumerate(self.toks):
            if tok.start <= begin or self.inside_quote(i):
                continue
            prev = self.tok(i - 1)
            comma_before = prev is not None and prev.text == ","
            if comma_before and tok.lower in PARTICIPLES:
                return prev.start  # type: ignore[union-attr]
            if comma_before and tok.lower == "according" and self.lower(i + 1) == "to":
                return prev.start  # type: ignore[union-attr]
            if comma_before and tok.is_word and self.trailing_attribution(i):
                return prev.start  # type: ignore[union-attr]
            if tok.lower in ("and", "but") and self.lower(i + 1) in self.lex.verbs:
                form = self.lower(i + 1)
                if form != self.lex.verbs[form].lemma and not form.endswith("ing"):
                    return tok.start
            if tok.lower in SUBORDINATORS and self.clause_with_cue(i + 1):
                return tok.start
            if comma_before and (tok.lower in ("which", "who") or (tok.lower == "in" and self.lower(i + 1) == "which")):
                return prev.start  # type: ignore[union-attr]  # ", which ...": about the noun, not the claim
            if comma_before and (subordinate or tok.lower == "with"):
                return prev.start  # type: ignore[union-attr]  # "While X found Y, ..." / ", with Z showing ..."
            if tok.lower in ("and", "but") and prev is not None and prev.text in (",", "—", "–", ";"):
                if self.clause_with_cue(i + 1):
                    return prev.start  # ", and rights groups warned that ..."
        return self.end

    def trailing_attribution(self, i: int) -> bool:
        """", BBC reported." / ", the governor said." / ", said X." closes the sentence from token i."""
        np = self.np_after(i)
        if np is not None and np[1] + 1 < self.n:
            cue = self.toks[np[1] + 1]
            rest = [t for t in self.toks[np[1] + 2 :] if t.is_word]
            if cue.lower in self.lex.verbs and len(rest) <= 4 and not any(t.lower == "that" for t in rest):
                return True
        if self.toks[i].lower in self.lex.verbs:
            after = self.np_after(i + 1, to_clause_end=True)
            return after is not None and not any(t.is_word for t in self.toks[after[1] + 1 :])
        return False

    def clause_with_cue(self, i: int) -> bool:
        """A subject followed by a cue verb starts at token i ("as Russia insisted")."""
        np = self.np_after(i)
        if np is None:
            return False
        nxt = np[1] + 1
        while nxt < self.n and self.toks[nxt].lower in self.lex.adverbs:
            nxt += 1
        return nxt < self.n and self.toks[nxt].lower in self.lex.verbs and self.cue_verb(nxt) is not None

    # ---------------------------------------------------------------- clean-up
    def drop_duplicates(self, found: list[Attribution]) -> list[Attribution]:
        out: list[Attribution] = []
        seen: set[tuple[int, int]] = set()
        for a in found:
            if a.content not in seen:
                seen.add(a.content)
                out.append(a)
        return out

    def split_coordinated_contents(self, found: list[Attribution]) -> list[Attribution]:
        """"X said A and that B": two claims with one speaker and cue."""
        out: list[Attribution] = []
        for a in found:
            start, end = a.content
            parts: list[tuple[int, int]] = []
            for i, tok in enumerate(self.toks):
                opens_clause = self.tok(i + 2) is not None and (
                    self.lower(i + 2) in CLAUSE_OPENERS or self.toks[i + 2].is_capitalised
                )
                if start < tok.start < end and tok.lower == "and" and self.lower(i + 1) == "that" and opens_clause and not self.inside_quote(i):
                    parts.append(_trim(self.text, start, tok.start))
                    start = self.toks[i + 1].end
            if not parts:
                out.append(a)
                continue
            parts.append(_trim(self.text, start, end))
            out.extend(msgspec.structs.replace(a, content=p) for p in parts if p[0] < p[1])
        return out
