-- Assign registered hazards (version 1), each thread taking its own slice of the ids so
-- that no two requests ever race for the same hazard.
local token = os.getenv("BENCH_TOKEN")
local ids = {}
for id in string.gmatch(io.open(os.getenv("BENCH_IDS")):read("*a"), "%d+") do table.insert(ids, id) end
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local threads = 0
setup = function(thread)
  thread:set("slice", threads)
  threads = threads + 1
end
local i = 0
request = function()
  i = i + 1
  local id = ids[(i * 8 + slice) % #ids + 1]
  local body = '{"action":"assign","version":1,"deadline":"2099-12-31","responsibleName":"压测负责人","requirement":"限期整改"}'
  return wrk.format("POST", "/api/v1/hazards/" .. id .. "/actions", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
