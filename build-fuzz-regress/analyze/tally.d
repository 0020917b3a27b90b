build-fuzz-regress/analyze/tally.o: analyze/tally.c analyze/tally.h \
  analyze/normalize.h common/strmap.h common/xalloc.h

analyze/tally.h:

analyze/normalize.h:

common/strmap.h:

common/xalloc.h:
