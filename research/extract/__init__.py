"""Extractors: pure functions from article text (sentence spans) and rules to Structs.

One module per kind: `attribution` (claims), `quantities` (figures), `time` (dates and
clock times). Every output records the id of the rule that produced it.
"""
