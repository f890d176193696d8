"""kpi over many machines: a long file partitioned by series on a Dask cluster.

Every series is computed on its own, so a job splits by series key.  change_by_series reads
a long CSV file with dask.dataframe (cells kept as the text written, so values stay exact),
shuffles its rows so that each partition holds whole series, a contiguous run of them in
the file's order of first appearance, runs kpi.change on each partition on the workers,
and joins the partitions' tables in partition order.  The result is the text one `kpi
change` over the whole file writes, byte for byte.  Dask does the scheduling and the
shuffle; nothing here is cluster code.

    from dask.distributed import Client
    import kpi.parallel
    with Client("tcp://scheduler:8786") as client:
        text = kpi.parallel.change_by_series(client, "crimes.csv", partitions=64,
                                             read={"area": "lsoa"}, rolling=12)

Needs python3-dask and python3-distributed (and python3-pandas) where it runs, and kpi on
every worker.
"""
import kpi

KEY_DEFAULTS = {"indicator": "indicator", "area": "area"}


def _series_columns(read):
    """The columns that make a series key, as kpi.read's options name them."""
    cols = [read.get(k, v) for k, v in KEY_DEFAULTS.items()]
    return cols + list(read.get("groups", ()))


def _first_appearance(frame, keys):
    return frame[keys].drop_duplicates()


def _with_rank(frame, ranks, keys):
    """frame with _rank, its series' place in the file's order of first appearance."""
    ranked = frame.merge(ranks, on=keys, how="left", sort=False)
    ranked.index = frame.index
    return ranked


def _change_partition(frame, read, options):
    """kpi change over one partition's rows: its CSV text, or "" when it holds none."""
    if len(frame) == 0:
        return ""
    rows = frame.reset_index(drop=True)
    return kpi.change(kpi.read(rows, **read), format="csv", **options)


def change_by_series(client, path, partitions, *, read=None, blocksize="64MB", sep=",",
                     **options):
    """The CSV text of `kpi change` over the long file at path (every worker must see path:
    a shared file system, or an s3:// or hdfs:// URL dask can read), computed in
    `partitions` partitions of whole series on client's cluster.  read holds kpi.read's
    options (column names, freq, groups, ...); the other keywords are kpi.change's, which
    work on one series at a time (rolling, to, ytd, vs, latest, test, ...).  A roll-up adds
    areas together, so it needs partitions by parent area instead: not here."""
    import dask
    import dask.dataframe as dd

    read = dict(read or {})
    if "rollup" in options:
        raise kpi._invalid("change_by_series: a roll-up adds series of several areas "
                           "together; partition by parent area and call kpi.change on each "
                           "instead")
    keys = _series_columns(read)
    # Text exactly as written: no type guessing, no missing markers of pandas' own.
    ddf = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=blocksize, sep=sep)
    firsts = client.compute(ddf.map_partitions(_first_appearance, keys)).result()
    ranks = firsts.drop_duplicates().reset_index(drop=True)
    ranks["_rank"] = range(len(ranks))
    n = len(ranks)
    if n == 0:
        return kpi.change(kpi.read(path, **read), format="csv", **options)
    parts = max(1, min(int(partitions), n))
    bounds = sorted({n * i // parts for i in range(parts)} | {n - 1})
    meta = ddf._meta.assign(_rank=0)
    ranked = ddf.map_partitions(_with_rank, client.scatter(ranks, broadcast=True), keys,
                                meta=meta)
    # Range partitions of the rank: partition i holds whole series, those ranked in
    # [bounds[i], bounds[i + 1]), so the partitions in order are the file's series in order.
    by_series = ranked.set_index("_rank", divisions=bounds)
    tasks = [dask.delayed(_change_partition)(p, read, options) for p in by_series.to_delayed()]
    texts = [t for t in client.gather(client.compute(tasks)) if t]
    head = texts[0].split("\n", 1)[0]
    for t in texts:
        if t.split("\n", 1)[0] != head:
            raise kpi._invalid("change_by_series: the partitions' tables have different "
                               f"columns ('{head}' and '{t.split(chr(10), 1)[0]}')")
    return head + "\n" + "".join(t.split("\n", 1)[1] for t in texts)
