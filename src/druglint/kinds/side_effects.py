"""side_effects: one row per (drug, effect)."""

from functools import lru_cache
from typing import Optional

from druglint.kinds.base import ColumnSpec, Kind

COLUMNS = (
    ColumnSpec("drug", required=True),
    ColumnSpec("effect", required=True, free_text=True),
    ColumnSpec("frequency_category", vocab="frequency_category"),
    ColumnSpec("frequency_percent", dtype="float"),
    ColumnSpec("serious", dtype="bool"),
    ColumnSpec("meddra_code"),
    ColumnSpec("source"),
)


@lru_cache(maxsize=1)
def model() -> type:
    import pandas as pd
    import pandera.pandas as pa
    from pandera.typing import Series

    from druglint.vocab import vocabulary

    categories = vocabulary("frequency_category").canonical

    class SideEffects(pa.DataFrameModel):
        drug: Series[str] = pa.Field(nullable=False)
        effect: Series[str] = pa.Field(nullable=False)
        frequency_category: Optional[Series[str]] = pa.Field(nullable=True, isin=categories)
        # the 0-100 range is rule DL201, not a schema check, so it is reported once
        frequency_percent: Optional[Series[float]] = pa.Field(nullable=True)
        serious: Optional[Series[pd.BooleanDtype]] = pa.Field(nullable=True)
        meddra_code: Optional[Series[str]] = pa.Field(nullable=True, str_matches=r"^\d{8}$")
        source: Optional[Series[str]] = pa.Field(nullable=True)

        class Config:
            strict = False
            coerce = False

    return SideEffects


KIND = Kind("side_effects", COLUMNS, model, key=("drug", "effect"))
