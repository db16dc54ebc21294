"""Command-line options of the performance features: --chunk-size, --engine, --scheduler."""
from __future__ import annotations


def add_engine_options(parser) -> None:
    parser.add_argument("--chunk-size", type=int, metavar="ROWS",
                        help="read delimited files ROWS records at a time (streaming, for files larger than memory; "
                             "0 = never; default: automatic above an eighth of free memory or 2 GiB)")
    parser.add_argument("--engine", choices=("pandas", "dask"),
                        help="pandas (default) or dask: run the same schemas and rules on Dask partitions")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: a dask.distributed scheduler, e.g. tcp://host:8786 "
                             "(default: a local cluster)")


def apply_engine_options(cfg, args) -> None:
    """Command-line values override the config keys ``chunk-size``, ``engine``, ``scheduler``."""
    from druglint.errors import ConfigError

    if getattr(args, "chunk_size", None) is not None:
        if args.chunk_size < 0:
            raise ConfigError(f"--chunk-size must be 0 or more rows, not {args.chunk_size}")
        cfg.extra["chunk-size"] = args.chunk_size
    elif "chunk-size" in cfg.extra:
        cfg.extra["chunk-size"] = chunk_size_value(cfg.extra["chunk-size"], cfg)
    engine = getattr(args, "engine", None) or cfg.extra.get("engine", "pandas")
    if engine not in ("pandas", "dask"):
        line = cfg.line_of("engine") if callable(cfg.line_of) else None
        raise ConfigError(f"engine must be 'pandas' or 'dask', not {engine!r}", cfg.path, line)
    cfg.extra["engine"] = engine
    if getattr(args, "scheduler", None):
        cfg.extra["scheduler"] = args.scheduler
    if cfg.extra.get("scheduler") and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")


def chunk_size_value(value: object, config=None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _bad_chunk(value, config)
    try:
        n = int(value)
    except ValueError:
        raise _bad_chunk(value, config) from None
    if n < 0:
        raise _bad_chunk(value, config)
    return n


def _bad_chunk(value: object, config) -> Exception:
    from druglint.errors import ConfigError

    line = config.line_of("chunk-size") if config is not None and callable(config.line_of) else None
    return ConfigError(f"chunk-size must be a whole number of rows (0 = never stream), not {value!r}",
                       config.path if config is not None else None, line)
