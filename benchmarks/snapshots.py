"""What snapshots cost: save and load of a large world, restore against building, and how long a
save stalls the requests a server answers meanwhile.

    python -m benchmarks.snapshots [--numbers 100000] [--out benchmarks/results-snapshots.json]

Targets (the issue's): save and load of 100,000 numbers (with as many churn and cooldown records)
at most 2 s each, at most 300 bytes a number; restoring a world of 1,000 numbers in-process at
least 10x faster than building it through the API; the worst DescribePhoneNumber latency during a
save of 100,000 numbers reported next to its median. Each time is the median of a few repetitions
(min..max alongside): the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

import requests
from moto import mock_aws

import moto_connect_ext
from moto_connect_ext import control
from moto_connect_ext.server import STATE_FILE, running

from .common import connect_client, generous_rules, new_instance, seed, server_client, stock


def timed(call: Callable[[], Any], reps: int) -> dict[str, float]:
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples)}


def large_world(numbers: int, directory: Path, reps: int) -> dict[str, Any]:
    """Save and load of ``numbers`` held numbers, ``numbers`` released ones cooling down (each a
    churn record too), seeded through the backend; the snapshot is left at ``directory``."""
    path = directory / STATE_FILE
    with mock_aws():
        generous_rules()
        seed(new_instance(connect_client()), held=numbers, released=numbers)
        save = timed(lambda: control.save_state(path), reps)
        size = path.stat().st_size
        load_over = timed(lambda: control.load_state(path), reps)
    fresh = []
    for _ in range(reps):  # as a server starts, or a test restores its world
        with mock_aws():
            fresh.append(timed(lambda: control.load_state(path), 1)["median"])
    return {
        "numbers": numbers,
        "save_s": save,
        "load_s": {"median": statistics.median(fresh), "min": min(fresh), "max": max(fresh)},
        "load_over_the_same_world_s": load_over,
        "bytes": size,
        "bytes_per_number": size / numbers,
    }


def restore_vs_build(numbers: int, reps: int) -> dict[str, Any]:
    """A world of ``numbers`` claimed numbers (a tenth of them released again) built through
    boto3 inside mock_aws, against loading its snapshot inside a fresh mock_aws."""
    path = Path(tempfile.mkdtemp(prefix="snapshot-bench-")) / "seeded.json"

    def build() -> None:
        with mock_aws():
            generous_rules()
            client = connect_client()
            instance_id = new_instance(client)
            for index, e164 in enumerate(islice(stock(numbers + 1, "TOLL_FREE"), numbers)):
                claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=e164)
                if index % 10 == 0:
                    client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
            control.save_state(path)

    def restore() -> None:
        with mock_aws():
            control.load_state(path)

    built = timed(build, reps)
    restored = timed(restore, reps)
    shutil.rmtree(path.parent)
    return {
        "numbers": numbers,
        "build_s": built,
        "restore_s": restored,
        "ratio": built["median"] / restored["median"],
    }


def stall(state_dir: Path, saves: int, baseline_calls: int) -> dict[str, Any]:
    """DescribePhoneNumber latency on a server holding the large world: its median alone, and
    the worst while a save runs (``POST /moto-api/connect/state/save``, the periodic save's own
    code), over ``saves`` saves."""
    document = json.loads((state_dir / STATE_FILE).read_text())
    phone_id = document["sections"]["connect"]["backends"][0]["numbers"][0][0]
    with running(options=["--state-dir", str(state_dir), "--save-interval", "0"], timeout=120) as (
        endpoint,
        _,
    ):
        client = server_client(endpoint)

        def describe() -> float:
            start = time.perf_counter()
            client.describe_phone_number(PhoneNumberId=phone_id)
            return time.perf_counter() - start

        alone = [describe() for _ in range(baseline_calls)]
        worst, save_times = [], []
        for _ in range(saves):
            done = threading.Event()
            during: list[float] = []

            def save(done: threading.Event) -> None:
                start = time.perf_counter()
                requests.post(f"{endpoint}/moto-api/connect/state/save", timeout=120)
                save_times.append(time.perf_counter() - start)
                done.set()

            saver = threading.Thread(target=save, args=(done,))
            saver.start()
            while not done.is_set():
                during.append(describe())
            saver.join()
            worst.append(max(during))
    median = statistics.median(alone)
    return {
        "describe_median_s": median,
        "worst_during_save_s": max(worst),
        "worst_per_save_s": worst,
        "save_over_http_s": save_times,
        "ratio": max(worst) / median,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--out", default="benchmarks/results-snapshots.json")
    args = parser.parse_args(argv)
    state_dir = Path(tempfile.mkdtemp(prefix="snapshot-bench-"))
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "moto_connect_ext": moto_connect_ext.__version__,
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print("... large world", file=sys.stderr, flush=True)
    report["large_world"] = large_world(args.numbers, state_dir, args.reps)
    print("... restore vs build", file=sys.stderr, flush=True)
    report["restore_vs_build"] = restore_vs_build(1_000, args.reps)
    print("... stall", file=sys.stderr, flush=True)
    report["stall"] = stall(state_dir, args.reps, 200)
    shutil.rmtree(state_dir)
    with open(args.out, "w") as out:
        json.dump(report, out, indent=2)
    print(render(report))


def render(report: dict[str, Any]) -> str:
    world, build, stalled = report["large_world"], report["restore_vs_build"], report["stall"]
    n = world["numbers"]

    def spread(t: dict[str, float]) -> str:
        return f"{t['median']:.2f} s ({t['min']:.2f}..{t['max']:.2f})"

    return "\n".join(
        [
            "| Figure | Measured | Target |",
            "|---|---|---|",
            f"| Save, {n} numbers + {n} churn and cooldown records | {spread(world['save_s'])} "
            "| <= 2 s |",
            f"| Load, the same, into an empty world (a server's start, a test's restore) | "
            f"{spread(world['load_s'])} | <= 2 s |",
            f"| Load, the same, replacing the same world | "
            f"{spread(world['load_over_the_same_world_s'])} | reported |",
            f"| File size | {world['bytes'] / 1e6:.1f} MB, {world['bytes_per_number']:.0f} bytes a "
            "number | <= 300 bytes |",
            f"| Restore vs build through the API, {build['numbers']} numbers | "
            f"{build['ratio']:.0f}x faster ({build['restore_s']['median'] * 1e3:.0f} ms vs "
            f"{build['build_s']['median']:.2f} s) | >= 10x |",
            f"| Server: worst DescribePhoneNumber during a save of {n} numbers vs its median | "
            f"{stalled['worst_during_save_s'] * 1e3:.0f} ms vs "
            f"{stalled['describe_median_s'] * 1e3:.1f} ms ({stalled['ratio']:.0f}x) | reported |",
        ]
    )


if __name__ == "__main__":
    main()
