"""Import on a Dask distributed cluster: `referat import PATH --cluster tcp://HOST:8786`
or `--cluster local:N` (a LocalCluster of N worker processes on this machine).

The client (the importer) stays the single writer, exactly as with the local
pool: it walks the inputs lazily, skips unchanged files, submits the rest to
the cluster a few at a time (at most PER_THREAD_IN_FLIGHT per worker thread,
so neither the corpus nor its results pile up in memory) and writes each
result as it comes back (one transaction per document, the same progress
events and summary, pipeline.process._record). Results come back as
Outcomes (the MeetingRecord, the document's text and its metadata), never as
parsed documents.

On each Dask worker a WorkerPlugin (`ReferatPlugin`) starts, in its setup,
one referat worker process per Dask worker thread (pipeline.process.file_pool with
one process each) and waits until each has built the spaCy pipeline: it is
built once per process, not per file. A Dask task hands its file to such a
process and waits for the answer. That process is what enforces the budgets,
as with the local pool: a file over --timeout has its process (and anything it
started) killed with SIGKILL and the file comes back as failed ("timed out
after N s"), and a new process takes its place; memory is limited per process
(an address-space limit, and the worker watches the RSS of the process tree).
A Dask task thread itself could not be stopped; the process can. The Dask
worker's own memory limit (`memory_limit`, set to --memory-mb for a local
cluster) guards the Dask worker process.

A Dask worker that dies (kill -9, a lost machine) costs nothing: the scheduler
runs its tasks again on another worker (a task whose workers died
`distributed.scheduler.allowed-failures` times is reported as failed), and the
store is written only by the client, once per result, keyed by path and
SHA-256, so no document is lost or stored twice.

Files are read by the workers from the path the client sees, made absolute
(shared storage: the same mount on every machine), or, with `send_bytes`,
the client sends each file's bytes with its task and the worker reads them
from a temporary copy with the same name.

By job: plugin.py (on each Dask worker: ReferatPlugin and the Dask task,
process_on_worker), client.py (the importer's side: parse_cluster, run_cluster).
"""

from pipeline.cluster.client import (
    CONNECT_TIMEOUT_S,
    MISSING,
    PER_THREAD_IN_FLIGHT,
    _distributed,
    _register,
    _stream,
    parse_cluster,
    run_cluster,
)
from pipeline.cluster.plugin import PLUGIN_NAME, SETUP_TIMEOUT_S, ReferatPlugin, _ready, process_on_worker

__all__ = [
    "CONNECT_TIMEOUT_S",
    "MISSING",
    "PER_THREAD_IN_FLIGHT",
    "PLUGIN_NAME",
    "SETUP_TIMEOUT_S",
    "ReferatPlugin",
    "_distributed",
    "_ready",
    "_register",
    "_stream",
    "parse_cluster",
    "process_on_worker",
    "run_cluster",
]
