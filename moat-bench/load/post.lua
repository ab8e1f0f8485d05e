-- wrk script: POSTs the body in $MOAT_LOAD_BODY with the bearer key in $MOAT_LOAD_KEY (if any).
local file = assert(io.open(os.getenv("MOAT_LOAD_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("MOAT_LOAD_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

-- With $MOAT_LOAD_LIMIT set, each thread stops after that many responses, so a run is bounded in
-- count as well as in time (-d); non-2xx answers are counted and printed at the end.
local limit = tonumber(os.getenv("MOAT_LOAD_LIMIT") or "")
local answered, failed = 0, 0
function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    failed = failed + 1
  end
  if limit and answered >= limit then
    wrk.thread:stop()
  end
end
