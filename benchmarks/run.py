"""Cost and scaling of the plugin, as ratios taken in one run.

    python -m benchmarks.run [--quick] [--out benchmarks/results.json]

Every figure is the median of interleaved repetitions (spread = min..max of the repetitions), so
a noisy machine moves numerator and denominator together. Set-up seeds state through the backend;
every measured call goes through boto3 as a user's would.

This module is the command line only: it runs the measurements, which live by topic
(`benchmarks.calls`: per-call cost; `benchmarks.scaling`: cost as the state grows;
`benchmarks.memory`: memory and start-up; `benchmarks.server_load`: a server under load; shared
helpers in `benchmarks.common`), writes the report and prints its table (`render`).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import moto_connect_ext

from .calls import flow_per_call, per_call, stubbed_floor
from .memory import import_cost, memory_per_number, mock_cycle_cost
from .scaling import flow_scaling, scaling
from .server_load import search_contention, server_memory, server_throughput


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--out", default="benchmarks/results.json")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = [10, 100, 1000] if quick else [10, 1_000, 10_000, 100_000]
    flow_sizes = [10, 100, 1000] if quick else [10, 100, 1_000, 10_000]
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": __import__("os").cpu_count(),
            "moto_connect_ext": moto_connect_ext.__version__,
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    reps, per_rep = (3, 20) if quick else (7, 100)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("per_call", lambda: per_call(reps, per_rep)),
        ("stubbed_floor", lambda: stubbed_floor(reps, per_rep)),
        ("scaling", lambda: scaling(sizes, reps, per_rep // 2)),
        ("flow_per_call", lambda: flow_per_call(reps, per_rep)),
        ("flow_scaling", lambda: flow_scaling(flow_sizes, reps, per_rep // 2)),
        ("memory_bytes_per_number", lambda: memory_per_number(max(sizes))),
        ("import", lambda: import_cost(3 if quick else 9)),
        ("mock_aws_cycle", lambda: mock_cycle_cost(3, 5 if quick else 20)),
        ("server_rps", lambda: server_throughput([1, 8], 1.0 if quick else 4.0)),
        ("server_memory", lambda: server_memory(300 if quick else 2000)),
        ("search_contention", lambda: search_contention(3 if quick else 9, 50 if quick else 200)),
    ]
    for name, step in steps:
        print(f"... {name}", file=sys.stderr, flush=True)
        report[name] = step()
    floor = report["stubbed_floor"]
    base = report["per_call"]["describe_instance (moto)"]["median"]
    for timing in floor.values():
        timing["ratio_to_mocked_describe_instance"] = timing["median"] / base
    with open(args.out, "w") as out:
        json.dump(report, out, indent=2)
    print(render(report))


#: Targets of the per-call figures, as a ratio to moto's describe_instance; "reported" otherwise.
PER_CALL_TARGETS = {"search (page of 10)": "<= 1.3x"}


def _per_call_target(name: str) -> str:
    return PER_CALL_TARGETS.get(name, "<= 1.2x" if "page" not in name else "reported")


def render(report: dict[str, Any]) -> str:
    lines = ["| Figure | Measured | Target |", "|---|---|---|"]
    for name, t in report["per_call"].items():
        if name.startswith("describe_instance"):
            lines.append(f"| {name} | {t['median'] * 1e3:.2f} ms per call (baseline) | |")
            continue
        target = _per_call_target(name)
        lines.append(
            f"| {name}, per call | {t['ratio']:.2f}x moto's describe_instance "
            f"({t['median'] * 1e3:.2f} ms) | {target} |"
        )
    for name, t in report["flow_per_call"].items():
        if not name.startswith("describe_instance"):
            target = _per_call_target(name)
            lines.append(
                f"| {name}, per call | {t['ratio']:.2f}x moto's describe_instance "
                f"({t['median'] * 1e3:.2f} ms) | {target} |"
            )
    for name, t in report["stubbed_floor"].items():
        lines.append(
            f"| Stubber floor: {name} | {t['ratio_to_mocked_describe_instance']:.2f}x "
            f"({t['median'] * 1e3:.2f} ms) | reported |"
        )
    for name, s in report["scaling"].items():
        largest = max(s["per_size"], key=int)
        lines.append(
            f"| Scaling {name}: cost at {largest} / at {s['baseline_size']} | "
            f"{s['ratio_largest_to_baseline']:.2f} | <= 1.5 |"
        )
    for name, s in report["flow_scaling"].items():
        largest = max(s["per_size"], key=int)
        lines.append(
            f"| Scaling {name} (N numbers, flows, associations): cost at {largest} / at "
            f"{s['baseline_size']} | {s['ratio_largest_to_baseline']:.2f} | <= 1.5 |"
        )
    lines.append(
        f"| Memory per held number | {report['memory_bytes_per_number'] / 1024:.2f} KiB "
        "| <= 2 KiB |"
    )
    lines.append(
        f"| `import moto_connect_ext` on top of `import moto` | "
        f"{report['import']['extra_ms']:.0f} ms | <= 30 ms |"
    )
    lines.append(
        f"| mock_aws start/stop, plugin vs none | {report['mock_aws_cycle']['ratio']:.2f}x "
        "| <= 1.1x |"
    )
    for threads, figures in report["server_rps"].items():
        lines.append(
            f"| Server: DescribePhoneNumber vs DescribeInstance req/s, {threads} | "
            f"{figures['ratio']:.2f}x ({figures['describe_phone_number']:.0f} vs "
            f"{figures['describe_instance (moto)']:.0f}) | >= 0.9x |"
        )
    memory = report["server_memory"]
    goes_to = ", ".join(f"{name} {size:.0f}" for name, size in memory["where_it_goes"].items())
    lines.append(
        f"| Server RSS growth per claim/release cycle, records in their windows "
        f"({memory['cycles']} cycles) | {memory['rss_bytes_per_cycle_in_windows']:.0f} bytes "
        f"({goes_to}) | <= 600 bytes |"
    )
    lines.append(
        "| Server RSS growth per cycle after the windows passed, two rounds | "
        + " then ".join(f"{b:.0f}" for b in memory["rss_bytes_per_cycle_past_windows"])
        + " bytes | no growth |"
    )
    contention = report["search_contention"]
    lines.append(
        "| Server: worst DescribePhoneNumber latency during ten first-time searches vs its median | "
        f"{contention['ratio']:.2f}x ({contention['worst_during_searches_s'] * 1e3:.1f} ms vs "
        f"{contention['describe_median_s'] * 1e3:.1f} ms) | <= 3x |"
    )
    lines.append(
        "| Server: the same during ten DescribeInstance calls (control) | "
        f"{contention['control_ratio']:.2f}x ({contention['worst_during_control_s'] * 1e3:.1f} ms)"
        " | reported |"
    )
    lines.append(
        "| Server: the same while those ten calls go to another server (floor: the benchmark's "
        f"client threads and shared cores) | {contention['floor_ratio']:.2f}x "
        f"({contention['worst_during_floor_s'] * 1e3:.1f} ms) | reported |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
