"""dosing: one row per regimen step or per administration."""

from functools import lru_cache
from typing import Optional

from druglint.kinds.base import ColumnSpec, Kind

COLUMNS = (
    ColumnSpec("drug", required=True),
    ColumnSpec("route", required=True, vocab="route"),
    ColumnSpec("dose", dtype="float"),
    ColumnSpec("dose_unit", vocab="unit"),
    ColumnSpec("concentration", dtype="float"),
    ColumnSpec("concentration_unit", vocab="unit"),
    ColumnSpec("frequency", free_text=True),
    ColumnSpec("interval_days", dtype="float"),
    ColumnSpec("phase"),
    ColumnSpec("patient_id"),
    ColumnSpec("date"),
    ColumnSpec("pregnant", dtype="bool"),
    ColumnSpec("immunocompromised", dtype="bool"),
    ColumnSpec("concomitant"),
)


@lru_cache(maxsize=1)
def model() -> type:
    import pandas as pd
    import pandera.pandas as pa
    from pandera.typing import Series

    from druglint.vocab import vocabulary

    routes = vocabulary("route").canonical
    units = vocabulary("unit").canonical

    class Dosing(pa.DataFrameModel):
        drug: Series[str] = pa.Field(nullable=False)
        route: Series[str] = pa.Field(nullable=False, isin=routes)
        dose: Optional[Series[float]] = pa.Field(nullable=True, gt=0)
        dose_unit: Optional[Series[str]] = pa.Field(nullable=True, isin=units)
        concentration: Optional[Series[float]] = pa.Field(nullable=True, gt=0)
        concentration_unit: Optional[Series[str]] = pa.Field(nullable=True, isin=units)
        frequency: Optional[Series[str]] = pa.Field(nullable=True)
        interval_days: Optional[Series[float]] = pa.Field(nullable=True, ge=0)
        phase: Optional[Series[str]] = pa.Field(nullable=True)
        patient_id: Optional[Series[str]] = pa.Field(nullable=True)
        date: Optional[Series[str]] = pa.Field(nullable=True)
        pregnant: Optional[Series[pd.BooleanDtype]] = pa.Field(nullable=True)
        immunocompromised: Optional[Series[pd.BooleanDtype]] = pa.Field(nullable=True)
        concomitant: Optional[Series[str]] = pa.Field(nullable=True)

        class Config:
            strict = False
            coerce = False

    return Dosing


KIND = Kind("dosing", COLUMNS, model, key=("drug", "route", "phase"))
