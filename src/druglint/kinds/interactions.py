"""interactions: one row per drug pair."""

from functools import lru_cache
from typing import Optional

from druglint.kinds.base import ColumnSpec, Kind

COLUMNS = (
    ColumnSpec("drug_a", required=True),
    ColumnSpec("drug_b", required=True),
    ColumnSpec("severity", required=True, vocab="severity"),
    ColumnSpec("effect", free_text=True),
    ColumnSpec("mechanism", free_text=True),
    ColumnSpec("source"),
    # the dataset's own identifier of each drug (DDInter's DDInterID_A/B): where a row has both,
    # the pair rules take the source's identity over name resolution
    ColumnSpec("drug_a_id"),
    ColumnSpec("drug_b_id"),
)


@lru_cache(maxsize=1)
def model() -> type:
    import pandera.pandas as pa
    from pandera.typing import Series

    from druglint.vocab import vocabulary

    severities = vocabulary("severity").canonical

    class Interactions(pa.DataFrameModel):
        drug_a: Series[str] = pa.Field(nullable=False)
        drug_b: Series[str] = pa.Field(nullable=False)
        severity: Series[str] = pa.Field(nullable=False, isin=severities)
        effect: Optional[Series[str]] = pa.Field(nullable=True)
        mechanism: Optional[Series[str]] = pa.Field(nullable=True)
        source: Optional[Series[str]] = pa.Field(nullable=True)

        class Config:
            strict = False
            coerce = False

    return Interactions


KIND = Kind("interactions", COLUMNS, model, key=("drug_a", "drug_b"))
