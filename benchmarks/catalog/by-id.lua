-- wrk script of the catalog benchmark (benchmarks/catalog/run.sh): GET <url's path><id> for a random id among the
-- first <count> lines of <ids file>, and a count of the answers that are not 200.
--   wrk ... -s by-id.lua http://127.0.0.1:<port>/api/v1/products/ -- <ids file> <count>
-- Prints "non200=<n>" when done.
dofile("benchmarks/catalog/non200.lua")

function init(args)
  ids = {}
  local count = tonumber(args[2])
  for line in io.lines(args[1]) do
    if #ids >= count then
      break
    end
    ids[#ids + 1] = line
  end
  if #ids < count then
    error("only " .. #ids .. " ids in " .. args[1])
  end
  prefix = wrk.path
  math.randomseed(os.time() * 1000 + thread_number)
end

function request()
  return wrk.format(nil, prefix .. ids[math.random(#ids)])
end
