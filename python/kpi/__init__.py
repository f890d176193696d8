"""kpi from Python: the C library's reader, transforms, changes, trends, summaries, SPC and
charts, through cffi.

    import kpi
    data = kpi.read("figures.csv", meta="meta.csv")
    for row in kpi.change(data, latest=True):
        print(row["indicator"], row["period"], row["pct_change"])

Every result is computed and formatted by libkpi: a result is the table `kpi CMD --format
json` prints, parsed into a list of dicts (a pandas DataFrame when the data came from one),
or with format="csv", "json" or "md" exactly the text the command prints.  The same figures
as the command line, to the last printed digit.  A failure raises kpi.Error, which carries
the library's code, message, file, line and column.
"""
import json
import os
import sys
import warnings

from kpi._native import ffi, lib

__all__ = ["Data", "Error", "KpiWarning", "read", "show", "change", "trend", "summary", "spc",
           "chart", "version"]

lib.kpi_init()

# --per gives rates per 1,000 population, as the command line does.
PER_PEOPLE = 1000.0


class Error(Exception):
    """A failure of the kpi library: code is the kpi_status number, status its name ("bad
    period"), file, line and column where the input was wrong (None when they do not
    apply), message what was expected and what was found."""

    def __init__(self, code, status, message, file=None, line=None, column=None, text=None):
        super().__init__(text or message)
        self.code = code
        self.status = status
        self.message = message
        self.file = file
        self.line = line
        self.column = column


class KpiWarning(UserWarning):
    """Rows skipped, or periods left out of a transform because observations were missing."""


def version():
    """The version of the libkpi this module runs on."""
    return ffi.string(lib.kpi_version()).decode()


def _error(err):
    buf = ffi.new("char[]", 1024)
    lib.kpi_error_format(err, buf, len(buf))
    source = ffi.string(err.source).decode("utf-8", "replace")
    return Error(int(err.code), ffi.string(lib.kpi_status_str(err.code)).decode(),
                 ffi.string(err.message).decode("utf-8", "replace"), source or None,
                 err.line or None, err.column or None,
                 ffi.string(buf).decode("utf-8", "replace"))


def _check(status, err):
    if status != lib.KPI_OK:
        raise _error(err)


def _made(ptr, err, free):
    """ptr, freed with free when Python drops it; kpi.Error when the call returned NULL."""
    if ptr == ffi.NULL:
        raise _error(err)
    return ffi.gc(ptr, free)


def _invalid(message):
    return Error(int(lib.KPI_EINVAL), ffi.string(lib.kpi_status_str(lib.KPI_EINVAL)).decode(),
                 message)


class _Keep:
    """C strings and arrays that option structs point at, alive while the structs are used."""

    def __init__(self):
        self.items = []

    def str(self, text):
        if text is None:
            return ffi.NULL
        c = ffi.new("char[]", os.fsencode(text) if isinstance(text, os.PathLike)
                    else str(text).encode())
        self.items.append(c)
        return c

    def strs(self, texts):
        arr = ffi.new("const char *[]", [self.str(t) for t in texts] or [ffi.NULL])
        self.items.append(arr)
        return arr, len(texts)


def _parse(parser, ctype, text):
    out = ffi.new(ctype)
    err = ffi.new("kpi_error *")
    _check(parser(str(text).encode(), out, err), err)
    return out[0]


def _period(text):
    out = ffi.new("kpi_period *")
    err = ffi.new("kpi_error *")
    raw = str(text).encode()
    _check(lib.kpi_period_parse(raw, len(raw), lib.KPI_FREQ_NONE, out, ffi.NULL, err), err)
    return out[0]


def _freq(name):
    return lib.KPI_FREQ_NONE if name is None else _parse(lib.kpi_freq_parse, "kpi_freq *", name)


def _meta(path):
    if path is None:
        return None
    err = ffi.new("kpi_error *")
    return _made(lib.kpi_meta_read(os.fsencode(path), err), err, lib.kpi_meta_free)


def _write(call):
    """The text call(fp, err) writes into a temporary file; kpi.Error when it fails.  (A
    temporary file, not open_memstream: glibc's memory stream makes the library's many small
    writes five times slower.)"""
    err = ffi.new("kpi_error *")
    fp = lib.tmpfile()
    if fp == ffi.NULL:
        raise OSError(ffi.errno, os.strerror(ffi.errno), "tmpfile")
    try:
        status = call(fp, err)
        if status == lib.KPI_OK and lib.fflush(fp) != 0:
            raise OSError(ffi.errno, os.strerror(ffi.errno), "tmpfile")
        _check(status, err)
        with os.fdopen(os.dup(lib.fileno(fp)), "rb") as f:
            f.seek(0)
            return f.read().decode("utf-8")
    finally:
        lib.fclose(fp)


_DUPLICATES = {"error": lib.KPI_DUP_ERROR, "sum": lib.KPI_DUP_SUM, "first": lib.KPI_DUP_FIRST,
               "last": lib.KPI_DUP_LAST}
_PREFER = {None: lib.KPI_PREFER_NONE, "first": lib.KPI_PREFER_FIRST, "last": lib.KPI_PREFER_LAST}
_DELIMITERS = {None: b"\0", ",": b",", ";": b";", "\t": b"\t", "tab": b"\t", "|": b"|"}


def _choice(table, value, what):
    if value not in table:
        raise _invalid(f"{what}: expected one of {', '.join(str(k) for k in table if k)}, "
                       f"found '{value}'")
    return table[value]


class Data:
    """Series read by kpi.read: the library's store, with the metadata and the reading
    options (financial-year start, frequency) that its transforms need.  len() is the number
    of series."""

    def __init__(self, store, source, meta, meta_path, fy_start, freq, frame):
        self._store = store
        self.source = source
        self._meta = meta
        self.meta_path = meta_path
        self.fy_start = fy_start
        self._freq = freq
        self._frame = frame

    def __len__(self):
        return lib.kpi_store_count(self._store)

    def __repr__(self):
        return f"<kpi.Data {self.source}: {len(self)} series>"

    def rows(self, **transforms):
        """The series in canonical long form (as kpi show), after any transforms."""
        return show(self, **transforms)


def _where(keep, where, negate):
    items = []
    for column, values in (where or {}).items():
        for v in [values] if isinstance(values, str) else values:
            items.append((keep.str(column), keep.str(v), negate))
    return items


def _reader_options(keep, o):
    r = lib.kpi_reader_options_default()
    for field in ("indicator", "area", "period", "period_month", "value", "name", "encoding"):
        setattr(r, field, keep.str(o.pop(field, None)))
    groups = o.pop("groups", ())
    r.groups, r.n_groups = keep.strs(list(groups))
    wheres = _where(keep, o.pop("where", None), False) + _where(keep, o.pop("where_not", None),
                                                               True)
    if wheres:
        arr = ffi.new("kpi_where[]", wheres)
        keep.items.append(arr)
        r.where, r.n_where = arr, len(wheres)
    na = o.pop("na", ())
    r.markers.extra, r.markers.n_extra = keep.strs([na] if isinstance(na, str) else list(na))
    r.layout = _parse(lib.kpi_layout_parse, "kpi_layout *", o.pop("layout", "auto"))
    r.delimiter = _choice(_DELIMITERS, o.pop("delimiter", None), "delimiter")
    r.count = bool(o.pop("count", False))
    fill = o.pop("fill", None)
    if fill not in (None, "zero"):
        raise _invalid(f"fill: expected zero, found '{fill}'")
    r.fill_zero = fill == "zero"
    r.fy_start = int(o.pop("fy_start", 4))
    r.freq = _freq(o.pop("freq", None))
    r.skip_bad = bool(o.pop("skip_bad", False))
    r.duplicates = _choice(_DUPLICATES, o.pop("duplicates", "error"), "duplicates")
    r.threads = int(o.pop("threads", 1))
    return r


def _read_one(source, opt):
    stats = ffi.new("kpi_read_stats *")
    err = ffi.new("kpi_error *")
    frame = _is_frame(source)
    if frame:
        text = source.to_csv(index=False).encode("utf-8")
        name = "<DataFrame>"
        cbuf = ffi.from_buffer(text)
        fp = lib.fmemopen(cbuf, len(text), b"r") if text else ffi.NULL
        if fp == ffi.NULL:
            raise _invalid("the DataFrame has no columns")
        try:
            store = lib.kpi_read_stream(fp, name.encode(), opt, stats, err)
        finally:
            lib.fclose(fp)
    else:
        name = os.fsdecode(source)
        store = lib.kpi_read_file(os.fsencode(source), opt, stats, err)
    store = _made(store, err, lib.kpi_store_free)
    if stats.skipped:
        warnings.warn(f"{name}: skipped {stats.skipped} of {stats.records} rows", KpiWarning,
                      stacklevel=3)
    return store, name, frame


def _is_frame(obj):
    # A DataFrame exists only once pandas is imported: no import here, which costs more
    # than reading a small file.
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, pandas.DataFrame)


def read(source, *, meta=None, prefer=None, **options):
    """Read series from a CSV file (a path, "-" for standard input), a list of files (one set
    of series, as `kpi CMD FILE1 FILE2`: a period two files hold must agree unless prefer is
    "first" or "last"), or a pandas DataFrame (its columns are the file's).

    Input options, as the command line's: indicator, area, period, period_month, value
    (column names), name, groups (list of columns), layout ("auto", "long", "wide",
    "events"), count, delimiter, freq ("month", "quarter", "year", "fy", "fquarter", "day"),
    fy_start (1-12, default 4), na (extra missing markers), where and where_not ({column:
    value or list of values}), encoding, duplicates ("error", "sum", "first", "last"),
    skip_bad, fill ("zero"), threads; meta is the indicator metadata file.  Returns a Data."""
    keep = _Keep()
    opt_args = dict(options)
    ropt = _reader_options(keep, opt_args)
    if opt_args:
        raise TypeError(f"read: unknown options {', '.join(sorted(opt_args))}")
    popt = ffi.new("kpi_reader_options *", ropt)
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    if not sources:
        raise _invalid("read: no file given")
    store, name, frame = _read_one(sources[0], popt)
    names = [name]
    for src in sources[1:]:
        more, more_name, more_frame = _read_one(src, popt)
        frame = frame or more_frame
        err = ffi.new("kpi_error *")
        _check(lib.kpi_store_combine(store, more, _choice(_PREFER, prefer, "prefer"),
                                     names[-1].encode(), more_name.encode(), err), err)
        names.append(more_name)
    return Data(store, " + ".join(names), _meta(meta), meta, ropt.fy_start, ropt.freq, frame)


def _data(data, meta):
    if not isinstance(data, Data):
        data = read(data, meta=meta)
    return data


def _warn_transform(source, st):
    parts = []
    if st.incomplete:
        kept = f", {st.kept_partial} kept and marked partial" if st.kept_partial else ""
        parts.append(f"{st.incomplete} periods or windows had observations missing "
                     f"({ffi.string(st.examples).decode()}){kept}")
    if ffi.string(st.missing_children):
        parts.append("roll-ups with children missing: "
                     + ffi.string(st.missing_children).decode())
    if st.unmapped_areas:
        parts.append(f"{st.unmapped_areas} areas are not in the roll-up map and were left "
                     f"out: {ffi.string(st.unmapped).decode()}")
    if st.no_population:
        parts.append(f"{st.no_population} values had no population and became missing")
    for p in parts:
        warnings.warn(f"{source}: {p}", KpiWarning, stacklevel=4)


class _Prepared:
    """The store a computation runs on: data's store after the transforms (freq, rollup, to,
    partial, rolling, ytd, per, in the command line's order), with what it points at."""

    def __init__(self, data, meta, rollup=None, to=None, partial=False, rolling=None,
                 ytd=False, per=None, per_separately=False):
        if rolling and ytd:
            raise _invalid("rolling and ytd cannot be combined")
        self.meta = _meta(meta) if meta is not None else data._meta
        err = ffi.new("kpi_error *")
        p = ffi.new("kpi_pipeline *")
        p.meta = self.meta if self.meta is not None else ffi.NULL
        p.fy_start = data.fy_start
        p.freq = data._freq
        p.to = _freq(to)
        p.partial = bool(partial)
        p.rolling = self.rolling = int(rolling or 0)
        p.ytd = bool(ytd)
        p.per = PER_PEOPLE
        self.rollup = self.population = None
        if rollup is not None:
            self.rollup = _made(lib.kpi_rollup_read(os.fsencode(rollup), err), err,
                                lib.kpi_rollup_free)
            p.rollup = self.rollup
        if per is not None:
            self.population = _made(lib.kpi_population_read(os.fsencode(per), data.fy_start,
                                                            err),
                                    err, lib.kpi_population_free)
            if not per_separately:
                p.per_population = self.population
        self.store = data._store
        if (p.freq != lib.KPI_FREQ_NONE or p.rollup != ffi.NULL or p.to != lib.KPI_FREQ_NONE
                or p.rolling or p.ytd or p.per_population != ffi.NULL):
            n = lib.kpi_store_count(data._store)
            idx = ffi.new("size_t[]", list(range(n))) if n else ffi.NULL
            copy = lib.kpi_store_subset(data._store, idx, n, err)
            if copy == ffi.NULL:
                raise _error(err)
            st = ffi.new("kpi_transform_stats *")
            self.store = _made(lib.kpi_transform_apply(copy, p, st, err), err,
                               lib.kpi_store_free)
            _warn_transform(data.source, st)
        self.counts = None
        if per is not None and per_separately:
            st = ffi.new("kpi_transform_stats *")
            self.counts = self.store
            self.store = _made(lib.kpi_transform_per(self.counts, self.population, PER_PEOPLE,
                                                     st, err),
                               err, lib.kpi_store_free)
            _warn_transform(data.source, st)

    def meta_ptr(self):
        return self.meta if self.meta is not None else ffi.NULL


def _table_format(format):
    return _parse(lib.kpi_format_parse, "kpi_format *", format or "json")


def _result(text, format, data):
    if format is not None:
        return text
    rows = json.loads(text)
    if data._frame:
        import pandas
        return pandas.DataFrame(rows)
    return rows


_TRANSFORMS = ("rollup", "to", "partial", "rolling", "ytd", "per")


def _split(kw):
    return {k: kw.pop(k) for k in _TRANSFORMS if k in kw}


def show(data, *, meta=None, format=None, threads=1, **transforms):
    """The series in canonical long form: indicator,area[,groups],period,value[,partial] (kpi
    show), after the transforms rollup, to, partial, rolling, ytd and per."""
    data = _data(data, meta)
    prep = _Prepared(data, meta, **transforms)
    topt = ffi.new("kpi_table_options *", {"format": _table_format(format), "threads": threads})
    text = _write(lambda fp, err: lib.kpi_table_write_store(prep.store, fp, topt, err))
    return _result(text, format, data)


def change(data, vs="year", *, latest=False, decimals=1, cagr=False, test=False, alpha=0.05,
           meta=None, format=None, threads=1, **transforms):
    """Each period against a base (kpi change): vs "year" (the same period a year earlier),
    "prev" (the previous period) or a fixed period ("2016-17").  The transforms rollup (an
    area,parent file), to ("quarter", "year", "fy", "fquarter"), partial, rolling (N
    periods), ytd and per (a population file; rates per 1,000) apply first.  latest keeps each
    series' last period; decimals (0-6) rounds the percentages; cagr adds the compound annual
    growth rate; test adds the exact test of each change in a count at level alpha.  Rows of
    indicator, area, period, value, base_period, base_value, change, pct_change, direction,
    prev_pct_change (and the columns the options add)."""
    data = _data(data, meta)
    prep = _Prepared(data, meta, per_separately=test, **_split(transforms))
    if transforms:
        raise TypeError(f"change: unknown options {', '.join(sorted(transforms))}")
    copt = ffi.new("kpi_change_options *", lib.kpi_change_options_default())
    if vs == "year":
        copt.vs = lib.KPI_VS_YEAR
    elif vs == "prev":
        copt.vs = lib.KPI_VS_PREV
    else:
        copt.vs = lib.KPI_VS_FIXED
        copt.base = _period(vs)
    if not 0 <= int(decimals) <= 6:
        raise _invalid(f"decimals: expected a whole number 0-6, found '{decimals}'")
    if not 0 < alpha < 1:
        raise _invalid(f"alpha: expected a level between 0 and 1, found '{alpha}'")
    copt.decimals = int(decimals)
    copt.latest = bool(latest)
    copt.cagr = bool(cagr)
    copt.test = bool(test)
    copt.alpha = float(alpha)
    copt.meta = prep.meta_ptr()
    if prep.counts is not None:
        copt.counts = prep.counts
        copt.population = prep.population
    topt = ffi.new("kpi_table_options *", {"format": _table_format(format), "threads": threads})
    text = _write(lambda fp, err: lib.kpi_table_write_change(prep.store, copt, fp, topt, err))
    return _result(text, format, data)


def trend(data, *, start=None, end=None, seasonal=False, stats=None, meta=None, format=None,
          threads=1, **transforms):
    """Trend statistics per series (kpi trend) over start..end (periods, inclusive; default
    the whole series): OLS slope with its 95% interval, p and R2, Theil-Sen, Mann-Kendall,
    and with seasonal the slope with month or quarter effects removed.  stats picks some of
    "ols", "theil-sen", "mann-kendall" (a list or a comma-separated string)."""
    data = _data(data, meta)
    prep = _Prepared(data, meta, **_split(transforms))
    if transforms:
        raise TypeError(f"trend: unknown options {', '.join(sorted(transforms))}")
    topt = ffi.new("kpi_trend_options *", lib.kpi_trend_options_default())
    topt.seasonal = bool(seasonal)
    topt.threads = threads
    if start is not None:
        topt.has_from = True
        setattr(topt, "from", _period(start))
    if end is not None:
        topt.has_to, topt.to = True, _period(end)
    if stats is not None:
        names = stats if isinstance(stats, str) else ",".join(stats)
        topt.stats = _parse(lib.kpi_trend_stats_parse, "unsigned *", names)
    fmt = _table_format(format)
    text = _write(lambda fp, err: lib.kpi_trend_write(prep.store, topt, fp, fmt, err))
    return _result(text, format, data)


def summary(data, *, meta=None, at=None, sentences=False, format=None, threads=1,
            **transforms):
    """One row per series for the reporting period at (kpi summary --at; each series' latest by
    default): the change on a year earlier, whether it is good or bad, the trend, the target
    and the significance.  Needs the metadata (meta here or in kpi.read).  With sentences,
    the report sentences as one text."""
    data = _data(data, meta)
    prep = _Prepared(data, meta, **_split(transforms))
    if transforms:
        raise TypeError(f"summary: unknown options {', '.join(sorted(transforms))}")
    if prep.meta is None:
        raise _invalid("summary: expected meta, the indicator metadata (labels, units, better "
                       "directions and targets)")
    pperiod = ffi.new("kpi_period *", _period(at)) if at is not None else ffi.NULL
    if sentences:
        return _write(lambda fp, err: lib.kpi_sentence_write(prep.store, prep.meta, pperiod,
                                                             prep.rolling, fp, err))
    topt = ffi.new("kpi_table_options *", {"format": _table_format(format), "threads": threads})
    text = _write(lambda fp, err: lib.kpi_table_write_summary(prep.store, prep.meta, pperiod,
                                                              fp, topt, err))
    return _result(text, format, data)


def _spc_options(keep, baseline, rebase, screen):
    o = lib.kpi_spc_options_default()
    o.baseline = int(baseline or 0)
    if baseline is not None and not 2 <= o.baseline <= 1000000:
        raise _invalid(f"baseline: expected a number of points 2-1000000, found '{baseline}'")
    rebase = [rebase] if isinstance(rebase, str) else list(rebase)
    if rebase:
        arr = ffi.new("kpi_period[]", [_period(p) for p in rebase])
        keep.items.append(arr)
        o.rebase, o.n_rebase = arr, len(rebase)
    o.screen = bool(screen)
    return o


def spc(data, *, baseline=None, rebase=(), screen=False, latest=False, meta=None, format=None,
        threads=1, **transforms):
    """XmR charts as a table (kpi spc): one row per point with the mean, the process limits,
    the special-cause rules and the variation; latest keeps each series' last point with its
    assurance against the metadata's target.  baseline (N points), rebase (periods that start
    new limits) and screen as the command line's options."""
    data = _data(data, meta)
    prep = _Prepared(data, meta, **_split(transforms))
    if transforms:
        raise TypeError(f"spc: unknown options {', '.join(sorted(transforms))}")
    keep = _Keep()
    wopt = ffi.new("kpi_spc_write_options *")
    wopt.spc = _spc_options(keep, baseline, rebase, screen)
    wopt.meta = prep.meta_ptr()
    wopt.latest = bool(latest)
    wopt.threads = threads
    fmt = _table_format(format)
    text = _write(lambda fp, err: lib.kpi_spc_write(prep.store, wopt, fp, fmt, err))
    return _result(text, format, data)


def chart(data, path, *, type="line", indicator=None, area=None, trend=False, title=None,
          subtitle=None, source=None, y_label=None, width=0, height=0, dpi=None, y_zero=False,
          latest_label=True, free_scales=False, sort=None, baseline=None, rebase=(),
          screen=False, meta=None, **transforms):
    """Draw a chart (kpi chart) into path, PNG, PDF or SVG by its extension, whole or not at
    all: type "line", "rolling", "yoy", "multiples", "sparkline" or "spc", of the series
    indicator and area select (None: every one). sort orders a multiples chart's panels:
    "latest", "name" or "change" (None: as the series come)."""
    if sort is not None and type != "multiples":
        raise ValueError(f"chart: sort orders the panels of type multiples, not a {type} chart")
    data = _data(data, meta)
    prep = _Prepared(data, meta, **_split(transforms))
    if transforms:
        raise TypeError(f"chart: unknown options {', '.join(sorted(transforms))}")
    keep = _Keep()
    rq = ffi.new("kpi_chart_request *")
    rq.type = _parse(lib.kpi_chart_type_parse, "kpi_chart_type *", type)
    rq.indicator = keep.str(indicator)
    rq.area = keep.str(area)
    rq.trend = bool(trend)
    rq.meta = prep.meta_ptr()
    rq.opt = lib.kpi_chart_options_default()
    for field, value in (("title", title), ("subtitle", subtitle), ("source", source),
                         ("y_label", y_label)):
        setattr(rq.opt, field, keep.str(value))
    rq.opt.width, rq.opt.height = float(width), float(height)
    if dpi is not None:
        rq.opt.dpi = float(dpi)
    rq.opt.y_zero = bool(y_zero)
    rq.opt.latest_label = bool(latest_label)
    rq.opt.scales = lib.KPI_CHART_SCALES_FREE if free_scales else lib.KPI_CHART_SCALES_SHARED
    if sort is not None:
        rq.opt.order = _parse(lib.kpi_chart_order_parse, "kpi_chart_order *", sort)
    spc_opt = ffi.new("kpi_spc_options *", _spc_options(keep, baseline, rebase, screen))
    rq.opt.spc = spc_opt
    err = ffi.new("kpi_error *")
    c = _made(lib.kpi_chart_build(prep.store, rq, err), err, lib.kpi_chart_free)
    _check(lib.kpi_chart_write(c, os.fsencode(path), err), err)
    return os.fspath(path)
