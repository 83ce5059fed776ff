-- wrk script of the catalog benchmark (benchmarks/catalog/run.sh): the URL given, always, and a count of the
-- answers that are not 200.   wrk ... -s fixed.lua <url>
-- Prints "non200=<n>" when done.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non200")
  end
  io.write(string.format("non200=%d\n", total))
end
