"""``make dagster``: ``dagster dev`` that Ctrl-C ends together with everything it started.

On SIGINT ``dagster dev`` stops its webserver and daemon, but not a run in progress: the run
worker (a child of the code server) goes on for minutes and holds the warehouse. A terminal
sends Ctrl-C to its whole foreground process group, so there the run stops as well; a
signal sent to one process (an IDE's stop button, a supervisor, ``kill -INT``, ``make``
passing on SIGTERM) reached ``dagster dev`` alone. This launcher gives ``dagster dev`` its
own process group, passes SIGINT and SIGTERM on to all of it as SIGINT, and kills what is
still running after ``GRACE_SECONDS``.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

#: Time the webserver, daemon, code server and a run get to stop after the signal.
GRACE_SECONDS = 20


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def main() -> int:
    dagster = Path(sys.executable).with_name("dagster")
    process = subprocess.Popen([str(dagster), "dev", *sys.argv[1:]], start_new_session=True)
    stopping = []

    def stop(signum, _frame) -> None:
        stopping.append(time.monotonic())
        os.killpg(process.pid, signal.SIGINT)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while process.poll() is None or (stopping and _group_alive(process.pid)):
        if stopping and time.monotonic() - stopping[0] > GRACE_SECONDS:
            os.killpg(process.pid, signal.SIGKILL)
            break
        time.sleep(0.5)
    process.wait()
    return 130 if stopping else process.returncode


if __name__ == "__main__":
    sys.exit(main())
