build-fuzz-regress/ingest/trialid.o: ingest/trialid.c ingest/trialid.h \
  ingest/registry.h

ingest/trialid.h:

ingest/registry.h:
