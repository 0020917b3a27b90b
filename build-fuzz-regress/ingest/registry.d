build-fuzz-regress/ingest/registry.o: ingest/registry.c ingest/registry.h

ingest/registry.h:
