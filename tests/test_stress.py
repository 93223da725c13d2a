"""A small run of the stress tool (``python -m tests.stress``) against a live server.

In server mode it drives the suite's server; in-process it starts moto's ThreadedMotoServer in this
process, which serves the plugin, so the backend's own state can be compared with the workers' logs
too. See tests/stress.py for the traffic and the invariants.
"""

from __future__ import annotations

from typing import Any

import pytest
import stress

from support import SERVER_MODE

THREADS = 4
OPS_PER_THREAD = 300
SECONDS = 20.0


def backend_disagreements(outcome: stress.Outcome) -> list[str]:
    """In-process only: the plugin's state, read directly, against what the workers logged."""
    from moto.connect.models import connect_backends

    from moto_connect_ext.connect.config import STATE_LOCK, now
    from moto_connect_ext.connect.models.stock import cooldowns, registry

    problems: list[str] = []
    held = {h.e164: h for h in outcome.held.values()}
    released = {h.e164 for h in outcome.released}
    with STATE_LOCK:
        stock = registry()
        if set(stock.holders) != set(held):
            problems.append(
                f"registry holders differ from the logs: only held {sorted(set(stock.holders) - set(held))}, "
                f"only logged {sorted(set(held) - set(stock.holders))}"
            )
        for e164, holder in stock.holders.items():
            logged = held.get(e164)
            if logged is not None and (
                (holder.account_id, holder.region, holder.phone_number_id, holder.held_until)
                != (*logged.key, logged.phone_number_id, None)
            ):
                problems.append(f"registry holder of {e164} is {holder}, logged {logged}")
        if set(cooldowns().cooling_until) != released:
            problems.append(
                f"cooling numbers differ from the releases: {sorted(set(cooldowns().cooling_until) ^ released)}"
            )
        both = set(stock.holders) & set(cooldowns().cooling_until)
        if both:
            problems.append(f"numbers both held and cooling down: {sorted(both)}")
        for account, per_region in connect_backends.items():
            for region, backend in dict.items(per_region):
                key = (account, region)
                expected = {h.phone_number_id for h in outcome.held.values() if h.key == key}
                if set(backend.numbers) != expected:
                    problems.append(f"{key}: backend numbers differ from the logs")
                if backend._sorted_e164 != sorted(backend._by_e164) or set(backend._by_e164) != {
                    n.phone_number for n in backend.numbers.values()
                }:
                    problems.append(f"{key}: the backend's indexes disagree with its numbers")
                active = sum(backend._active_per_target.values())
                if active != len(backend.numbers):
                    problems.append(
                        f"{key}: {active} active by target, {len(backend.numbers)} held"
                    )
                churn = backend.churn.count(now(), backend._settings)
                if churn != outcome.releases_per_key[key]:
                    problems.append(
                        f"{key}: churn log counts {churn}, {outcome.releases_per_key[key]} released"
                    )
    return problems


@pytest.fixture(scope="module")
def run(endpoint: str) -> dict[str, Any]:
    """One stress run for the whole file; the backend is compared with the logs in-process."""
    found: list[str] = []

    def inspect(outcome: stress.Outcome) -> list[str]:
        found.extend(backend_disagreements(outcome))
        return []

    config = stress.StressConfig(threads=THREADS, ops=THREADS * OPS_PER_THREAD, seconds=SECONDS)
    report = stress.run(endpoint, config, None if SERVER_MODE else inspect)
    return {"report": report, "backend": found}


def test_stress_run_does_every_operation_within_its_time_limit(run: dict[str, Any]) -> None:
    report = run["report"]
    assert not report.stopped_by_clock, report.summary()
    assert report.ops_done == THREADS * OPS_PER_THREAD, report.summary()
    assert report.claims > 0 and report.releases > 0, report.summary()


def test_stress_run_violates_no_invariant(run: dict[str, Any]) -> None:
    report = run["report"]
    assert report.violations == [], report.summary()
    assert report.http_statuses.keys() <= {200, 400, 404, 429, 500}, report.summary()


def test_stress_run_exercised_retries_duplicates_and_replays(run: dict[str, Any]) -> None:
    """The effects were checked under botocore retries, concurrent duplicates and replays."""
    report = run["report"]
    assert report.injected_faults_seen > 0, report.summary()
    assert report.retries >= report.injected_faults_seen > 0, report.summary()
    assert report.outcomes["sent twice"] > 0, report.summary()
    assert report.outcomes["replayed"] > 0, report.summary()
    assert report.outcomes["steal refused"] > 0, report.summary()


@pytest.mark.in_process_only
def test_backend_state_matches_the_workers_logs_after_stress(run: dict[str, Any]) -> None:
    assert run["backend"] == [], "\n".join(run["backend"])


def test_stress_refuses_endpoints_off_loopback() -> None:
    with pytest.raises(ValueError, match="loopback endpoints only"):
        stress.Run("http://203.0.113.5:5000", stress.StressConfig(threads=1, ops=1))


@pytest.mark.in_process_only
def test_stress_reports_numbers_that_skip_their_cooldown(
    run: dict[str, Any], endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker has teeth: with cooldowns broken, released numbers come back and it says so."""
    from moto_connect_ext.connect import churn

    monkeypatch.setattr(churn, "cooldown_end", lambda released_at, settings: released_at)
    config = stress.StressConfig(threads=2, ops=300, seconds=SECONDS, fault_probability=0)
    report = stress.run(endpoint, config)
    assert report.releases > 0, report.summary()
    assert any("claimed earlier" in v or "held or cooling" in v for v in report.violations), (
        report.summary()
    )
