-- GET a path with a bearer token or a session cookie (from the environment).
local token = os.getenv("BENCH_TOKEN")
local cookie = os.getenv("BENCH_COOKIE")
local path = os.getenv("BENCH_PATH")
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
request = function()
  local headers = {}
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end
