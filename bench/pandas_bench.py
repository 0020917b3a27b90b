"""pandas peer for `make bench`: tallies trials by status, by phase token
and by intervention name ("TYPE: name" items of the '|'-joined
Interventions field) in a current-format export. na_filter=False keeps the
phase value "NA" as text (pandas would otherwise read it as missing).
Usage: python3 pandas_bench.py FILE   -> prints "status<TAB>value<TAB>count"
and "phase<TAB>..." lines, and one "interventions<TAB>distinct<TAB>items"
line (the names' tally has too many rows to print)."""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], usecols=["Study Status", "Phases", "Interventions"],
                 dtype=str, na_filter=False, engine="c")
for value, count in df["Study Status"].value_counts().sort_index().items():
    print(f"status\t{value}\t{count}")
tokens = df["Phases"].str.split("|").explode()
for value, count in tokens.value_counts().sort_index().items():
    print(f"phase\t{value}\t{count}")
items = df.loc[df["Interventions"] != "", "Interventions"].str.split("|").explode()
items = items[items != ""]
names = items.value_counts()
print(f"interventions\t{len(names)}\t{int(names.sum())}")
