"""pandas peer for `make bench`: counts trials by status and by phase token
in a current-format export. na_filter=False keeps the phase value "NA" as
text (pandas would otherwise read it as missing).
Usage: python3 pandas_bench.py FILE   -> prints "status<TAB>count" lines."""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], usecols=["Study Status", "Phases"], dtype=str,
                 na_filter=False, engine="c")
for value, count in df["Study Status"].value_counts().sort_index().items():
    print(f"status\t{value}\t{count}")
tokens = df["Phases"].str.split("|").explode()
for value, count in tokens.value_counts().sort_index().items():
    print(f"phase\t{value}\t{count}")
