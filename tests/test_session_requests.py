"""What the build session's parent pickles for its workers."""

from __future__ import annotations

import os
import pickle

from perfsite.site.session import PickledOnce


class Counted:
    """Counts how often it is pickled."""

    pickled = 0

    def __init__(self, value: str) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[Counted], tuple[str]]:
        Counted.pickled += 1
        return Counted, (self.value,)


def test_a_value_every_request_carries_is_pickled_once() -> None:
    """The series and page addresses go to every worker with its request: pickled once for all
    of them, unpickled as the value itself (a worker never sees the wrapper)."""
    Counted.pickled = 0
    shared = PickledOnce({"series": [Counted(str(n)) for n in range(50)]})
    requests = [pickle.dumps(("request", slot, shared), protocol=pickle.HIGHEST_PROTOCOL) for slot in range(os.cpu_count() or 2)]
    assert Counted.pickled == 50
    for slot, data in enumerate(requests):
        kind, number, value = pickle.loads(data)
        assert (kind, number) == ("request", slot)
        assert isinstance(value, dict) and [c.value for c in value["series"]] == [str(n) for n in range(50)]
