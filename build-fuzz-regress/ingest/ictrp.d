build-fuzz-regress/ingest/ictrp.o: ingest/ictrp.c ingest/ictrp.h \
  ingest/record.h common/error.h common/strbuf.h ingest/registry.h \
  ingest/csvtable.h ingest/fieldmap.h ingest/reader.h ingest/csvin.h \
  ingest/source.h ingest/decode.h

ingest/ictrp.h:

ingest/record.h:

common/error.h:

common/strbuf.h:

ingest/registry.h:

ingest/csvtable.h:

ingest/fieldmap.h:

ingest/reader.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:
