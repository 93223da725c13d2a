"""Every number of the stock, walked through libphonenumber's number patterns.

The stock for a (country, Connect type) is every number :func:`.inventory.classify` maps to it.
:func:`iter_stock` walks all of it, in the order of the plain walk of :mod:`.inventory` (ascending
national significant number), with shorter numbers first.

Why a small regex engine: the metadata describes each type's numbers with a regular expression. Counting
upwards from 0 and testing each candidate would take billions of steps to reach ``+1 800 ...``, so the
pattern is compiled into a position automaton (Glushkov construction) that walks only digit strings the
pattern can complete. Every candidate is still confirmed with :func:`.inventory.classify`, which stays
the single definition of the stock; the automaton only decides which candidates to try. Queries that
are fruitless by construction (a region sharing its calling code with an earlier region that takes
all of its numbers) are recognised from the patterns, without a walk through
:data:`.inventory.MAX_MISSES` rejections.

Imported by the search that needs it, after :mod:`.inventory` (which says clearly when the
phonenumbers package is missing).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import phonenumbers

from .inventory import MAX_MISSES, classify, walk_of

__all__ = ["iter_stock"]

# libphonenumber never accepts a national significant number longer than this.
_MAX_NATIONAL_LENGTH = 17


def _is_digit(char: str) -> bool:
    """One ASCII digit; the parser peeks "" at the end of a pattern."""
    return len(char) == 1 and "0" <= char <= "9"


# --- regular expression -> automaton --------------------------------------------------------------
#
# libphonenumber's national number patterns use a small subset of regex syntax: digits, \d, character
# classes with ranges, (?:...) groups, alternation and the quantifiers ? * + {n} {n,} {n,m}. Anything else
# raises _PatternError, and the affected (country, type) then has no stock rather than a wrong one.


class _PatternError(ValueError):
    """A national number pattern uses syntax outside the subset this module understands."""


@dataclass(frozen=True)
class _Sym:
    digits: frozenset[int]


@dataclass(frozen=True)
class _Seq:
    items: tuple[_Node, ...]


@dataclass(frozen=True)
class _Alt:
    options: tuple[_Node, ...]


@dataclass(frozen=True)
class _Rep:
    node: _Node
    low: int
    high: int | None  # None: unbounded


_Node = _Sym | _Seq | _Alt | _Rep

_ALL_DIGITS = frozenset(range(10))


class _Parser:
    """Recursive-descent parser for the pattern subset, producing a small syntax tree."""

    def __init__(self, pattern: str) -> None:
        self._text = pattern
        self._pos = 0

    def parse(self) -> _Node:
        node = self._alternation()
        if self._pos != len(self._text):
            raise _PatternError(f"unexpected {self._text[self._pos]!r} at {self._pos}")
        return node

    def _peek(self) -> str:
        return self._text[self._pos] if self._pos < len(self._text) else ""

    def _take(self, expected: str) -> None:
        if not self._text.startswith(expected, self._pos):
            raise _PatternError(f"expected {expected!r} at {self._pos}")
        self._pos += len(expected)

    def _alternation(self) -> _Node:
        options = [self._sequence()]
        while self._peek() == "|":
            self._pos += 1
            options.append(self._sequence())
        return options[0] if len(options) == 1 else _Alt(tuple(options))

    def _sequence(self) -> _Node:
        items: list[_Node] = []
        while self._peek() not in ("", "|", ")"):
            items.append(self._quantified(self._atom()))
        return items[0] if len(items) == 1 else _Seq(tuple(items))

    def _atom(self) -> _Node:
        char = self._peek()
        if char == "(":
            self._pos += 1
            if self._peek() == "?":
                self._take("?:")
            inner = self._alternation()
            self._take(")")
            return inner
        if char == "[":
            return self._char_class()
        if char == "\\":
            self._take("\\d")
            return _Sym(_ALL_DIGITS)
        if _is_digit(char):
            self._pos += 1
            return _Sym(frozenset({int(char)}))
        raise _PatternError(f"unsupported {char!r} at {self._pos}")

    def _char_class(self) -> _Node:
        self._take("[")
        digits: set[int] = set()
        while self._peek() != "]":
            if self._text.startswith("\\d", self._pos):
                self._pos += 2
                digits.update(_ALL_DIGITS)
                continue
            first = self._class_digit()
            if self._peek() == "-":
                self._pos += 1
                last = self._class_digit()
                digits.update(range(first, last + 1))
            else:
                digits.add(first)
        self._take("]")
        if not digits:
            raise _PatternError("empty character class")
        return _Sym(frozenset(digits))

    def _class_digit(self) -> int:
        char = self._peek()
        if not _is_digit(char):
            raise _PatternError(f"unsupported {char!r} in class at {self._pos}")
        self._pos += 1
        return int(char)

    def _number(self) -> int:
        start = self._pos
        while _is_digit(self._peek()):
            self._pos += 1
        if start == self._pos:
            raise _PatternError(f"expected a count at {start}")
        return int(self._text[start : self._pos])

    def _quantified(self, node: _Node) -> _Node:
        char = self._peek()
        if char == "?":
            self._pos += 1
            return _Rep(node, 0, 1)
        if char == "*":
            self._pos += 1
            return _Rep(node, 0, None)
        if char == "+":
            self._pos += 1
            return _Rep(node, 1, None)
        if char != "{":
            return node
        self._pos += 1
        low = self._number()
        high: int | None = low
        if self._peek() == ",":
            self._pos += 1
            high = None if self._peek() == "}" else self._number()
        self._take("}")
        if high is not None and high < low:
            raise _PatternError("bad repeat bounds")
        return _Rep(node, low, high)


# (nullable, first positions, last positions) of a sub-expression, as in the Glushkov construction.
_Frag = tuple[bool, frozenset[int], frozenset[int]]
_EMPTY_FRAG: _Frag = (True, frozenset(), frozenset())


class _Automaton:
    """Epsilon-free NFA for one pattern: state 0 is the start, every other state is one digit position.

    ``can_finish[k]`` is the set of states from which an accepting state is exactly ``k`` digits away,
    which lets the walk prune every branch that cannot become a full match of the wanted length.
    """

    def __init__(self, pattern: str) -> None:
        self._symbols: list[frozenset[int]] = [frozenset()]
        self._follow: list[set[int]] = [set()]
        nullable, first, last = self._build(_Parser(pattern).parse())
        self._follow[0].update(first)
        accepting = set(last)
        if nullable:
            accepting.add(0)
        self.transitions: tuple[tuple[frozenset[int], ...], ...] = tuple(
            tuple(
                frozenset(q for q in sorted(follow) if digit in self._symbols[q])
                for digit in range(10)
            )
            for follow in self._follow
        )
        predecessors: list[set[int]] = [set() for _ in self._follow]
        for state, follow in enumerate(self._follow):
            for target in follow:
                predecessors[target].add(state)
        # Computed eagerly (cheap) so shared automata are immutable and safe across server threads.
        can_finish = [frozenset(accepting)]
        for _ in range(_MAX_NATIONAL_LENGTH):
            reach: set[int] = set()
            for state in can_finish[-1]:
                reach.update(predecessors[state])
            can_finish.append(frozenset(reach))
        self.can_finish: tuple[frozenset[int], ...] = tuple(can_finish)

    def _position(self, digits: frozenset[int]) -> _Frag:
        self._symbols.append(digits)
        self._follow.append(set())
        position = len(self._symbols) - 1
        only = frozenset({position})
        return (False, only, only)

    def _concat(self, left: _Frag, right: _Frag) -> _Frag:
        for position in left[2]:
            self._follow[position].update(right[1])
        first = left[1] | right[1] if left[0] else left[1]
        last = left[2] | right[2] if right[0] else right[2]
        return (left[0] and right[0], first, last)

    def _build(self, node: _Node) -> _Frag:
        # Called once per occurrence, so repeated sub-expressions get fresh positions for each copy.
        if isinstance(node, _Sym):
            return self._position(node.digits)
        if isinstance(node, _Seq):
            fragment = _EMPTY_FRAG
            for item in node.items:
                fragment = self._concat(fragment, self._build(item))
            return fragment
        if isinstance(node, _Alt):
            parts = [self._build(option) for option in node.options]
            return (
                any(part[0] for part in parts),
                frozenset().union(*(part[1] for part in parts)),
                frozenset().union(*(part[2] for part in parts)),
            )
        fragment = _EMPTY_FRAG
        for _ in range(node.low):
            fragment = self._concat(fragment, self._build(node.node))
        if node.high is None:
            _, first, last = self._build(node.node)
            for position in last:
                self._follow[position].update(first)
            fragment = self._concat(fragment, (True, first, last))
        else:
            for _ in range(node.high - node.low):
                _, first, last = self._build(node.node)
                fragment = self._concat(fragment, (True, first, last))
        return fragment

    def _step(self, states: frozenset[int], digit: int, remaining: int) -> frozenset[int]:
        reached: set[int] = set()
        for state in states:
            reached.update(self.transitions[state][digit])
        return frozenset(reached & self.can_finish[remaining])

    def covered_by(self, others: Sequence[_Automaton], length: int, fixed: str) -> bool:
        """True if every string of ``length`` this pattern matches, starting with ``fixed``, is
        matched by each of ``others`` too (language inclusion, by subset construction)."""
        seen: set[tuple[int, frozenset[int], tuple[frozenset[int], ...]]] = set()

        def covered(index: int, mine: frozenset[int], theirs: tuple[frozenset[int], ...]) -> bool:
            # Every state set is pruned to states that can still finish, so an empty one means
            # ``others`` miss a full match this pattern still reaches (or may: False is the safe side).
            if any(not states for states in theirs):
                return False
            if index == length:
                return True
            key = (index, mine, theirs)
            if key in seen:
                return True
            seen.add(key)
            digits = (int(fixed[index]),) if index < len(fixed) else range(10)
            remaining = length - index - 1
            for digit in digits:
                nxt = self._step(mine, digit, remaining)
                if nxt and not covered(
                    index + 1,
                    nxt,
                    tuple(
                        other._step(states, digit, remaining)
                        for other, states in zip(others, theirs, strict=True)
                    ),
                ):
                    return False
            return True

        if not len(fixed) <= length <= _MAX_NATIONAL_LENGTH or 0 not in self.can_finish[length]:
            return True
        return covered(0, frozenset({0}), tuple(frozenset({0}) for _ in others))

    def walk(self, length: int, fixed: str, after: str | None) -> Iterator[str]:
        """Digit strings of ``length`` the pattern matches, ascending, starting with ``fixed``.

        ``after`` (same length) makes the walk start strictly after it, in O(length) steps rather
        than by replaying everything before it.
        """
        if not len(fixed) <= length <= _MAX_NATIONAL_LENGTH or 0 not in self.can_finish[length]:
            return
        chosen: list[str] = []
        transitions = self.transitions

        def step(index: int, states: frozenset[int], tight: bool) -> Iterator[str]:
            if index == length:
                if not tight:  # tight here means the string equals `after`, which is excluded
                    yield "".join(chosen)
                return
            lowest = int(after[index]) if tight and after is not None else 0
            if index < len(fixed):
                digit = int(fixed[index])
                choices: Sequence[int] = (digit,) if digit >= lowest else ()
            else:
                choices = range(lowest, 10)
            alive = self.can_finish[length - index - 1]
            for digit in choices:
                nxt: set[int] = set()
                for state in states:
                    nxt.update(transitions[state][digit])
                nxt.intersection_update(alive)
                if nxt:
                    chosen.append(str(digit))
                    yield from step(index + 1, frozenset(nxt), tight and digit == lowest)
                    chosen.pop()

        yield from step(0, frozenset({0}), after is not None)


@functools.cache
def _automaton(pattern: str) -> _Automaton | None:
    """Compiled once per pattern; None when the pattern uses syntax outside the supported subset."""
    try:
        return _Automaton(pattern)
    except _PatternError:
        return None


@dataclass(frozen=True)
class _StockSpec:
    calling_code: str
    lengths: tuple[int, ...]
    automaton: _Automaton


def _type_desc(
    metadata: phonenumbers.PhoneMetadata, number_type: str
) -> phonenumbers.PhoneNumberDesc | None:
    # DID covers FIXED_LINE and FIXED_LINE_OR_MOBILE; both are numbers matching the fixed-line pattern.
    return metadata.toll_free if number_type == "TOLL_FREE" else metadata.fixed_line


@functools.cache
def _stock_spec(country_code: str, number_type: str) -> _StockSpec | None:
    """Calling code, national lengths and automaton for a (region, Connect type), or None if no stock.

    Keyed only by validated regions and types, so the cache stays small.
    """
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country_code)
    if metadata is None or metadata.country_code is None:
        return None
    desc = _type_desc(metadata, number_type)
    if desc is None or desc.national_number_pattern is None:
        return None
    lengths = desc.possible_length
    if not lengths and metadata.general_desc is not None:
        lengths = metadata.general_desc.possible_length
    usable = tuple(sorted({length for length in lengths if length > 0}))
    automaton = _automaton(desc.national_number_pattern)
    if not usable or automaton is None:
        return None
    return _StockSpec(str(metadata.country_code), usable, automaton)


def _hits(
    country_code: str,
    number_type: str,
    spec: _StockSpec,
    fixed: str,
    after_national: str | None,
    budget: int,
) -> Iterator[str]:
    """Candidates from the automaton, in order, that classify as (country, type); see iter_stock.

    After a miss, a block of numbers that another region takes entirely is skipped as a whole.
    """
    misses = 0
    for length in spec.lengths:
        if after_national is not None and length < len(after_national):
            continue
        resume = (
            after_national if after_national is not None and length == len(after_national) else None
        )
        while True:
            skip_to = None
            for national in spec.automaton.walk(length, fixed, resume):
                e164 = f"+{spec.calling_code}{national}"
                info = classify(e164)
                if (
                    info is not None
                    and info.country_code == country_code
                    and info.number_type == number_type
                ):
                    misses = 0
                    yield e164
                    continue
                misses += 1
                if misses >= budget:
                    return
                skip_to = _end_of_foreign_block(country_code, number_type, fixed, national)
                if skip_to is not None:
                    break
            if skip_to is None:
                break
            resume = skip_to


#: How many digits past the prefix :func:`_end_of_foreign_block` looks at.
_BLOCK_DIGITS = 3


def _end_of_foreign_block(
    country_code: str, number_type: str, fixed: str, national: str
) -> str | None:
    """The last string of the widest block of numbers around ``national`` (sharing ``fixed`` and up
    to :data:`_BLOCK_DIGITS` more digits) that an earlier region takes entirely, or None."""
    for depth in range(len(fixed) + 1, min(len(national), len(fixed) + _BLOCK_DIGITS) + 1):
        block = national[:depth]
        if _taken_by_earlier_region(country_code, number_type, block):
            return block + "9" * (len(national) - depth)
    return None


def _claiming_automata(
    metadata: phonenumbers.PhoneMetadata, number_type: str, length: int
) -> list[_Automaton] | None:
    """Automata that all match a number of ``length`` (and type) that libphonenumber gives to the
    region of ``metadata`` when it comes to that region; None if it gives it none.

    A region with leading digits takes every number they start; any other region takes the
    numbers valid for it (its general pattern and, enough here, the type's).
    """
    if metadata.leading_digits is not None:
        automaton = _automaton(f"(?:{metadata.leading_digits})\\d*")
        return None if automaton is None else [automaton]
    automata = []
    for desc in (metadata.general_desc, _type_desc(metadata, number_type)):
        if desc is None or desc.national_number_pattern is None:
            return None
        if desc.possible_length and length not in desc.possible_length:
            return None
        automaton = _automaton(desc.national_number_pattern)
        if automaton is None:
            return None
        automata.append(automaton)
    return automata


@functools.lru_cache(maxsize=4096)
def _taken_by_earlier_region(country_code: str, number_type: str, fixed: str) -> bool:
    """True if libphonenumber attributes every number of this query to another region.

    Regions sharing a calling code are tried in libphonenumber's order (see
    :func:`_claiming_automata`). When one earlier region's patterns cover all of this query's
    numbers (Puerto Rico's toll-free numbers are all US ones), the query is empty: decided from
    the patterns in milliseconds instead of a walk through ``MAX_MISSES`` rejections. Sound, not
    complete: numbers split between several earlier regions are still walked.
    """
    spec = _stock_spec(country_code, number_type)
    if spec is None:
        return True
    for earlier in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(spec.calling_code), ()):
        if earlier == country_code:
            return False
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(earlier)
        if metadata is None:
            continue
        covered = True
        for length in spec.lengths:
            automata = _claiming_automata(metadata, number_type, length)
            if automata is None or not spec.automaton.covered_by(automata, length, fixed):
                covered = False
                break
        if covered:
            return True
    return False


@functools.lru_cache(maxsize=1024)
def _barren(country_code: str, number_type: str, fixed: str, budget: int) -> bool:
    """True if the query from the start finds nothing within ``budget`` rejections.

    Memoised because finding that out costs the whole budget, and such queries (CA TOLL_FREE) repeat.
    The answer depends only on the arguments, so this is a cache, not state.
    """
    spec = _stock_spec(country_code, number_type)
    if spec is None:
        return True
    return next(_hits(country_code, number_type, spec, fixed, None, budget), None) is None


def iter_stock(
    country_code: str,
    number_type: str,
    prefix: str | None = None,
    after: str | None = None,
) -> Iterator[str]:
    """E.164 numbers in the stock for that country and type, in one fixed order, optionally only those
    starting with prefix, strictly after `after` in that order.

    The order is ascending national significant number, shorter numbers first. The prefix steers
    generation, so a long prefix costs no more than a short one. A query :func:`.inventory.walk_of`
    refuses, or of a type without stock, gives an empty iterator. The iterator ends early after
    :data:`.inventory.MAX_MISSES` consecutive rejected candidates, so every call terminates.
    """
    walk = walk_of(country_code, number_type, prefix, after)
    if walk is None:
        return
    spec = _stock_spec(walk.region, number_type)
    if spec is None or _taken_by_earlier_region(walk.region, number_type, walk.fixed):
        return
    if walk.after is None and _barren(walk.region, number_type, walk.fixed, MAX_MISSES):
        return
    yield from _hits(walk.region, number_type, spec, walk.fixed, walk.after, MAX_MISSES)
