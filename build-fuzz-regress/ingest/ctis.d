build-fuzz-regress/ingest/ctis.o: ingest/ctis.c ingest/csvtable.h \
  common/strbuf.h ingest/fieldmap.h ingest/record.h common/error.h \
  ingest/registry.h ingest/reader.h ingest/csvin.h ingest/source.h \
  ingest/decode.h

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
