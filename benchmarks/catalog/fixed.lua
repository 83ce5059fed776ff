-- wrk script of the catalog benchmark (benchmarks/catalog/run.sh): the URL given, always, and a count of the
-- answers that are not 200.   wrk ... -s fixed.lua <url>
-- Prints "non200=<n>" when done.
dofile("benchmarks/catalog/non200.lua")
