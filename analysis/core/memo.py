"""Memoisation of pure functions of one object that cannot be hashed (a frozen dataclass of
frames, a frame): the result is kept per object *identity* for as long as the object lives, so
a chapter that asks the same question of its inputs many times computes the answer once.

Only for pure functions of arguments that are never mutated (the domain's rule); the results
handed out are copies where they are mutable, so a caller cannot change what the next one gets."""
from __future__ import annotations

import copy
import functools
import weakref
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def per_object(func: F) -> F:
    """Cache `func(obj, *args)` by the identity of `obj` (weakly: the entry goes with the
    object) and the value of the other, hashable arguments; returns a copy of the result."""
    memo: dict[int, tuple[weakref.ref, dict]] = {}

    @functools.wraps(func)
    def wrapper(obj, *args):
        key = id(obj)
        entry = memo.get(key)
        if entry is None or entry[0]() is not obj:
            entry = memo[key] = (weakref.ref(obj, _forget(memo, key)), {})
        results = entry[1]
        if args not in results:
            results[args] = func(obj, *args)
        return copy.copy(results[args])

    wrapper.cache = memo  # for tests: what is held
    return wrapper  # type: ignore[return-value]


def _forget(memo: dict, key: int) -> Callable[[weakref.ref], None]:
    """The callback that drops an object's entry when it dies (not a newer object's of the same id)."""
    def forget(ref: weakref.ref) -> None:
        if memo.get(key, (None,))[0] is ref:
            del memo[key]
    return forget
