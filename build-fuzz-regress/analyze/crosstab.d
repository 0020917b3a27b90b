build-fuzz-regress/analyze/crosstab.o: analyze/crosstab.c \
  analyze/crosstab.h analyze/tally.h common/xalloc.h

analyze/crosstab.h:

analyze/tally.h:

common/xalloc.h:
