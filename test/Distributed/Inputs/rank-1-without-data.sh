#!/bin/sh
# One rank of an MPI job: the AE example on data set $1, except on rank 1,
# which is pointed at $2 (a directory without the data set). The remaining
# arguments go to the example.
if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then data=$2; else data=$1; fi
shift 2
exec loom-example-ae --data "$data" "$@"
