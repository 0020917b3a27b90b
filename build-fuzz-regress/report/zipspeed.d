build-fuzz-regress/report/zipspeed.o: report/zipspeed.c report/zipspeed.h

report/zipspeed.h:
