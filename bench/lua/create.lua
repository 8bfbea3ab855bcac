-- POST a new hazard on a rotating set of places.
local token = os.getenv("BENCH_TOKEN")
local places = {}
for id in string.gmatch(os.getenv("BENCH_PLACES"), "%d+") do table.insert(places, id) end
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"title":"压测隐患 %d","category":"fire","source":"territorial","placeId":%s}', n, places[(n % #places) + 1])
  return wrk.format("POST", "/api/v1/hazards", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
