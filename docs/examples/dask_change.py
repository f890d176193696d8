#!/usr/bin/python3
"""kpi change over a long CSV file on a Dask cluster, partitioned by series.

    python3 dask_change.py crimes.csv --partitions 8 -o changes.csv
    python3 dask_change.py /shared/crimes.csv --scheduler tcp://10.0.0.5:8786 \\
        --partitions 256 --area lsoa --rolling 12 --latest -o changes.csv

Without --scheduler it starts a LocalCluster of two worker processes on this machine.  The
output is the text `kpi change FILE` with the same options writes, byte for byte: the
workers compute it a partition of whole series at a time (docs/python.md says how).
"""
import argparse
import os
import sys

from dask.distributed import Client, LocalCluster

import kpi
import kpi.parallel


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", help="a long CSV file every worker can read")
    ap.add_argument("--scheduler", help="a running scheduler's address (default: a "
                    "LocalCluster of 2 workers)")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    ap.add_argument("--indicator", help="the indicator column")
    ap.add_argument("--area", help="the area column")
    ap.add_argument("--group", action="append", default=[], help="another key column")
    ap.add_argument("--freq")
    ap.add_argument("--vs", default="year")
    ap.add_argument("--rolling", type=int)
    ap.add_argument("--latest", action="store_true")
    args = ap.parse_args()

    read = {k: v for k, v in (("indicator", args.indicator), ("area", args.area),
                              ("freq", args.freq)) if v}
    if args.group:
        read["groups"] = args.group
    cluster = None if args.scheduler else LocalCluster(n_workers=2, threads_per_worker=1,
                                                       dashboard_address=":0")
    try:
        with Client(args.scheduler or cluster) as client:
            text = kpi.parallel.change_by_series(client, args.file, args.partitions, read=read,
                                                 vs=args.vs, rolling=args.rolling,
                                                 latest=args.latest)
    except kpi.Error as e:
        sys.exit(f"dask_change: {e}")
    finally:
        if cluster is not None:
            cluster.close()
    if args.output:
        # Whole or not at all, as kpi writes its outputs.
        with open(args.output + ".tmp", "w") as f:
            f.write(text)
        os.replace(args.output + ".tmp", args.output)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
