build-fuzz-regress/ingest/ctgov_csv.o: ingest/ctgov_csv.c \
  ingest/csvtable.h common/strbuf.h ingest/fieldmap.h ingest/record.h \
  common/error.h ingest/registry.h ingest/reader.h ingest/csvin.h \
  ingest/source.h ingest/decode.h

ingest/csvtable.h:

common/strbuf.h:

ingest/fieldmap.h:

ingest/record.h:

common/error.h:

ingest/registry.h:

ingest/reader.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:
