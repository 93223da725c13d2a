"""Scaling: per-call cost as the state grows (N numbers held and N in the churn window; for the
flow calls N numbers, flows and associations), as a ratio to a small N, so a call whose cost
follows the size of the state shows up.
"""

from __future__ import annotations

from typing import Any

from moto import mock_aws

from .common import (
    Cycle,
    Timing,
    connect_client,
    flow_calls,
    generous_rules,
    measure,
    new_instance,
    number_calls,
    seed,
    stock,
)


def scaling(sizes: list[int], reps: int, per_rep: int) -> dict[str, Any]:
    """Per-call cost with N numbers held and N in the churn window, as a ratio to the smallest N."""
    results: dict[str, dict[int, Timing]] = {}
    for size in sizes:
        for name, timing in _scaling_at(size, reps, per_rep).items():
            results.setdefault(name, {})[size] = timing
    return _scaling_report(results, sizes)


def _scaling_report(results: dict[str, dict[int, Timing]], sizes: list[int]) -> dict[str, Any]:
    """Each call's cost at the largest size against its baseline size."""
    largest = max(sizes)
    report = {}
    for name, by_size in results.items():
        # A page of 100 is full only from 100 items on; below that it returns fewer items and
        # costs less for that reason alone, so its baseline is the smallest size with a full page.
        base = min(s for s in sizes if "page of 100" not in name or s >= 100)
        report[name] = {
            "per_size": {str(k): v for k, v in by_size.items()},
            "baseline_size": base,
            "ratio_largest_to_baseline": by_size[largest]["median"] / by_size[base]["median"],
        }
    return report


def _scaling_at(size: int, reps: int, per_rep: int) -> dict[str, Timing]:
    with mock_aws():
        generous_rules()
        client = connect_client()
        instance_id = new_instance(client)
        ids = seed(instance_id, size, size)
        cycle = Cycle(client, instance_id, stock(10**6))
        return measure(
            number_calls(client, instance_id, cycle, ids[len(ids) // 2]),
            reps,
            per_rep,
        )


def flow_scaling(sizes: list[int], reps: int, per_rep: int) -> dict[str, Any]:
    """Per-call cost of the flow calls with N numbers, N flows and N associations, as a ratio to
    the smallest N (for the page of 100, the smallest N whose page is full)."""
    results: dict[str, dict[int, Timing]] = {}
    for size in sizes:
        with mock_aws():
            _, calls = flow_calls(size)
            for name, timing in measure(calls, reps, per_rep).items():
                results.setdefault(name, {})[size] = timing
    return _scaling_report(results, sizes)
