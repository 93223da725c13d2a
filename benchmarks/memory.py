"""Memory and start-up: bytes per held number, what a claim/release cycle leaves behind by
structure, the time `import moto_connect_ext` adds to `import moto`, and the cost of a mock_aws
start/stop with the plugin installed; what a test suite pays for having the plugin at all.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
import tracemalloc
import types
import uuid
from typing import Any

from moto import mock_aws

from moto_connect_ext.connect.models import connect_backend

from .common import (
    ACCOUNT,
    REGION,
    Cycle,
    connect_client,
    generous_rules,
    new_instance,
    stock,
)


def memory_per_number(count: int) -> float:
    """Bytes allocated per held number (tracemalloc), claims made through the backend with a
    client token each, as boto3 sends (so the idempotency record is counted too)."""
    with mock_aws():
        generous_rules()
        instance_id = new_instance(connect_client())
        backend = connect_backend(ACCOUNT, REGION)
        numbers = list(stock(count, "TOLL_FREE"))
        tokens = [str(uuid.UUID(int=i)) for i in range(count)]
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for e164, token in zip(numbers, tokens, strict=True):
            backend.claim_phone_number(
                phone_number=e164, instance_id=instance_id, client_token=token
            )
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    return (after - before) / count


def deep_size(root: Any, seen: set[int]) -> int:
    """Bytes of ``root`` and all data it references that ``seen`` does not hold yet (code is not
    followed: a bound method leads to its function, whose module leads everywhere)."""
    total = 0
    pending = [root]
    while pending:
        obj = pending.pop()
        if id(obj) in seen or isinstance(obj, type | types.FunctionType | types.ModuleType):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        pending.extend(gc.get_referents(obj))
    return total


def records_per_cycle(cycles: int) -> dict[str, float]:
    """What a cycle leaves behind inside the windows, by structure (bytes per cycle, sys.getsizeof
    of each structure and what only it holds), measured in-process on the same traffic."""
    from moto_connect_ext.connect.models.phone_numbers import PhoneNumber
    from moto_connect_ext.connect.models.stock import cooldowns

    with mock_aws():
        generous_rules()
        client = connect_client()
        instance_id = new_instance(client)
        backend = connect_backend(ACCOUNT, REGION)
        cycle = Cycle(client, instance_id, stock(cycles))
        seen = {id(ACCOUNT), id(REGION)}
        baseline = {
            "idempotency ledger": backend.ledger,
            "churn log": backend.churn,
            "cooldowns": (cooldowns().cooling_until, cooldowns()._queue),
            "moto's model registry": PhoneNumber.instances_tracked,
        }
        before = {name: deep_size(structure, set(seen)) for name, structure in baseline.items()}
        for _ in range(cycles):
            cycle()
        return {
            name: (deep_size(structure, seen) - before[name]) / cycles
            for name, structure in baseline.items()
        }


def import_cost(reps: int) -> dict[str, Any]:
    """Whole-process time of `import moto` vs `import moto; import moto_connect_ext`."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    plain, plugin = [], []
    for _ in range(reps):
        plain.append(run("import moto"))
        plugin.append(run("import moto, moto_connect_ext"))
    extra = statistics.median(plugin) - statistics.median(plain)
    return {
        "moto_s": statistics.median(plain),
        "with_plugin_s": statistics.median(plugin),
        "extra_ms": extra * 1000,
    }


def mock_cycle_cost(reps: int, per_rep: int) -> dict[str, Any]:
    """A mock_aws start/stop after a connect call, plugin installed, vs the cost measured in a
    process without the plugin (a subprocess, since installing cannot be undone)."""
    code = (
        "import sys, time, statistics, boto3\n"
        "from moto import mock_aws\n"
        "if sys.argv[1] == 'plugin':\n    import moto_connect_ext\n"
        "def once():\n"
        "    with mock_aws():\n"
        "        boto3.client('connect', region_name='us-east-1').list_instances()\n"
        "once()\n"
        f"samples = []\nfor _ in range({reps}):\n"
        "    t = time.perf_counter()\n"
        f"    for _ in range({per_rep}): once()\n"
        f"    samples.append((time.perf_counter() - t) / {per_rep})\n"
        "print(statistics.median(samples))\n"
    )
    results = {}
    for variant in ("plain", "plugin", "plain", "plugin"):
        out = subprocess.run(
            [sys.executable, "-c", code, variant], check=True, capture_output=True, text=True
        ).stdout
        results.setdefault(variant, []).append(float(out))
    plain = statistics.median(results["plain"])
    plugin = statistics.median(results["plugin"])
    return {"plain_s": plain, "plugin_s": plugin, "ratio": plugin / plain}
