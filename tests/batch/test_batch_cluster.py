"""``render --scheduler`` never hangs: a scheduler out of reach, without worker, or left by its workers.

Each case is made real: a ``distributed.LocalCluster`` with no worker, a port
nobody listens on, a port where something that is no scheduler listens and
never answers, a cluster whose only worker leaves. Every wait ends within the
bounds the message names, and a batch that cannot start leaves the output
folder as it was. The ``timeout`` marks stop a test that would hang.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commons_analysis.batch import cluster
from commons_analysis.batch.cluster import SchedulerError, connect, count_workers, run_on_cluster
from commons_analysis.batch.jobs import RenderJob
from commons_analysis.batch.render import render_cases
from commons_analysis.batch.results import RenderResult
from commons_analysis.cli.main import app as cli_app
from commons_analysis.core.settings import RenderSettings

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_DATA = ROOT / "tests" / "data" / "render-cases"

pytestmark = pytest.mark.slow


def unused_port() -> int:
    """A TCP port of this machine that nobody listens on (bound then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def silent_listener() -> Iterator[str]:
    """An address where something accepts connections and never says a word (not a scheduler)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def folder_state(folder: Path) -> list[tuple[str, bytes]]:
    """Every file under ``folder`` with its bytes (to tell that nothing was written)."""
    return sorted((str(p.relative_to(folder)), p.read_bytes()) for p in folder.rglob("*") if p.is_file())


def an_output_folder(tmp_path: Path) -> Path:
    """A report folder as an earlier run left it."""
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("<p>the index of an earlier run</p>", encoding="utf-8")
    return out


@pytest.mark.timeout(60)
def test_a_scheduler_without_worker_is_reported_within_the_timeout_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    from distributed import LocalCluster

    out = an_output_folder(tmp_path)
    before = folder_state(out)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        address = empty.scheduler_address
        with pytest.raises(SchedulerError) as raised:
            render_cases(["hostile-names"], data_dir=HOSTILE_DATA, out=out, scheduler=address, timeout=2)
        result = CliRunner().invoke(
            cli_app,
            ["render", "--all", "--data-dir", str(HOSTILE_DATA), "--out", str(tmp_path / "new"),
             "--scheduler", address, "--timeout", "2", "--lang", "en"],
        )  # fmt: skip
    expected = (
        f"no worker connected to the scheduler at {address} after 2 s: start one with `dask worker {address}`"
    )
    assert str(raised.value) == expected
    assert result.exit_code == 1
    assert expected in result.stderr
    assert folder_state(out) == before, "the output folder is as it was"
    assert not (tmp_path / "new").exists(), "no output folder is created"


@pytest.mark.timeout(60)
def test_a_scheduler_out_of_reach_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    out = an_output_folder(tmp_path)
    before = folder_state(out)
    address = f"tcp://127.0.0.1:{unused_port()}"
    with pytest.raises(
        SchedulerError, match=r"no Dask scheduler answered at tcp://127\.0\.0\.1:\d+ within 2 s"
    ):
        render_cases(all_cases=True, data_dir=HOSTILE_DATA, out=out, scheduler=address, timeout=2)
    assert folder_state(out) == before


@pytest.mark.timeout(60)
def test_something_else_listening_is_no_scheduler_and_is_not_waited_for(silent_listener: str) -> None:
    with pytest.raises(SchedulerError, match="check the address, and start one there with `dask scheduler`"):
        connect(silent_listener, timeout=2)


@pytest.mark.timeout(30)
def test_an_address_that_is_none_says_so() -> None:
    with pytest.raises(SchedulerError, match="invalid address"):
        connect("nonsense:::", timeout=2)


@pytest.mark.timeout(120)
def test_jobs_left_without_worker_fail_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    """The only worker leaves after the check: the job fails after its timeout plus the margin."""
    from distributed import LocalCluster

    monkeypatch.setattr(cluster, "RESULT_MARGIN_SECONDS", 1.0)
    job = RenderJob(
        case_id="good-a",
        case_path="/nowhere",
        notebook="/nowhere.ipynb",
        settings=RenderSettings(data_dir=Path("/"), lang="en", timeout=1.0),
    )
    results: list[RenderResult] = []
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as local:
        address = local.scheduler_address
        client = connect(address, timeout=10)
        try:
            local.scale(0)
            while count_workers(address, 5):  # the worker leaves (the test's timeout bounds this)
                time.sleep(0.1)
            run_on_cluster(client, [job], results.append, address=address)
        finally:
            client.close()
    assert [result.case_id for result in results] == ["good-a"]
    assert not results[0].ok
    assert results[0].reason == (
        "the render worker failed: no worker connected to the scheduler at "
        f"{address} after 2 s: start one with `dask worker {address}`"
    )
